import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { resourcesOf } from '../server/src/analysis/resources';
import type { WorkspaceAnalysis } from '../server/src/analysis/workspaceAnalysis';
import { parseYaml } from '../server/src/documents/parsedDocument';
import { PostureReportRequest, type PostureReport } from '../common/src/protocol';
import type { Debounces } from './debounce';
import { BenchServer, peakMemoryMb, type LspRange } from './lspServer';
import { ROOT } from './peers';
import { median, samples, timings, type Row } from './stats';
import { coldIndex, generateWorkspace, parseOnly } from './workspace';

// The workspace rows: the real server started on a generated 2,000-file repository, timed until
// every file's findings are out, and one file edited until another file's findings follow. What
// to wait for is worked out beforehand in this process, with the server's own analysis.

export interface WorkspaceBenchOptions {
  /** Cold starts, each a fresh server process. */
  colds: number;
  /** STRICT ↔ PERMISSIVE edits timed. */
  crossFileEdits: number;
  debounces: Debounces;
}

/** Diagnostics count per file, of every file the analysis finds something in. */
function findingCounts(analysis: WorkspaceAnalysis): Map<string, number> {
  return new Map([...analysis.result().byUri].filter(([, findings]) => findings.length > 0).map(([uri, findings]) => [uri, findings.length]));
}

export async function workspaceRows(options: WorkspaceBenchOptions): Promise<Row[]> {
  const workspace = generateWorkspace();
  const folderUri = pathToFileURL(workspace.dir).href;
  const { analysis } = await coldIndex(workspace.dir);
  const expected = findingCounts(analysis);
  const files = readdirSync(workspace.dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
  const floor = median(await timings(3, () => parseOnly(workspace.dir, files)));

  const colds: number[] = [];
  const peaks: number[] = [];
  let server: BenchServer | undefined;
  try {
    for (let run = 0; run < options.colds; run++) {
      await server?.stop();
      server = new BenchServer();
      const started = server;
      const published = [...expected].map(([uri, count]) => started.diagnostics(uri, (p) => p.diagnostics.length === count));
      const sent = await server.start(folderUri);
      const indexed = await server.workspaceIndexed();
      const last = Math.max(indexed, ...(await Promise.all(published)).map((p) => p.at));
      colds.push(last - sent);
      peaks.push(server.peakMemoryMb());
    }
    const crossFile = await crossFileTimes(server!, workspace.dir, analysis, options);
    const posture = await postureTimes(server!, workspace.dir, options.crossFileEdits);
    const reports = await timings(3, () => reportOnce(workspace.dir));
    const { INDEX_DEBOUNCE_MS, ANALYSIS_DEBOUNCE_MS } = options.debounces;
    const waits = INDEX_DEBOUNCE_MS + ANALYSIS_DEBOUNCE_MS;
    return [
      {
        name: `${workspace.files} files, ${workspace.resources} resources, cold → indexed, ${expected.size} files' findings published`,
        unit: 'ms',
        statistic: 'median',
        samples: colds,
        reference: 'yaml parseAllDocuments of every file, in the bench',
        referenceValue: floor,
        target: { max: 2000 },
      },
      {
        name: "server's peak memory in those cold starts",
        unit: 'MB',
        statistic: 'peak',
        samples: peaks,
        reference: 'an idle node process (VmHWM)',
        referenceValue: await idleNodeMemoryMb(),
        target: { max: 120 },
      },
      {
        name: `mesh-mtls report of those ${workspace.files} files (read, each file checked, the workspace, the posture, HTML written)`,
        unit: 'ms',
        statistic: 'median',
        samples: reports,
        reference: 'yaml parseAllDocuments of every file, in the bench',
        referenceValue: floor,
        target: { max: 2000 },
      },
      {
        name: `Mesh Posture view's report of those ${workspace.files} files, first asked (every file's own checks counted)`,
        unit: 'ms',
        statistic: 'median',
        samples: [posture.first],
        reference: 'yaml parseAllDocuments of every file, in the bench',
        referenceValue: floor,
        target: { max: 3000 },
      },
      {
        name: "Mesh Posture view's report again after an edit (only the edited file checked again)",
        unit: 'ms',
        statistic: 'p95',
        samples: posture.afterEdit,
        reference: 'yaml parseAllDocuments of every file, in the bench',
        referenceValue: floor,
        target: { max: 500 },
      },
      {
        name: `namespace STRICT ↔ PERMISSIVE in one file → ${crossFile.files} closed files re-published, after the debounces`,
        unit: 'ms',
        statistic: 'p95',
        samples: crossFile.times.map((t) => t - waits),
        reference: `the two debounces (${INDEX_DEBOUNCE_MS} + ${ANALYSIS_DEBOUNCE_MS} ms)`,
        referenceValue: waits,
        target: { max: 100 },
      },
    ];
  } finally {
    await server?.stop();
  }
}

/**
 * Opens team-0/policy.yaml and flips its namespace-wide mode, back and forth: each time, the
 * closed files whose findings depend on it (a DestinationRule with TLS off toward a STRICT
 * namespace) must be re-published. Times from the change sent to the last of them.
 */
async function crossFileTimes(
  server: BenchServer,
  dir: string,
  analysis: WorkspaceAnalysis,
  options: WorkspaceBenchOptions,
): Promise<{ times: number[]; files: number }> {
  const file = path.join(dir, 'team-0', 'policy.yaml');
  const uri = pathToFileURL(file).href;
  const strict = readFileSync(file, 'utf8');
  const permissive = strict.replace('mode: STRICT', 'mode: PERMISSIVE');
  const countsWith = (text: string) => {
    analysis.setFile(uri, resourcesOf(uri, parseYaml(text)));
    return findingCounts(analysis);
  };
  const counts = { strict: countsWith(strict), permissive: countsWith(permissive) };
  const affected = [...new Set([...counts.strict.keys(), ...counts.permissive.keys()])].filter(
    (other) => other !== uri && counts.strict.get(other) !== counts.permissive.get(other),
  );
  if (affected.length === 0)
    throw new Error('the generated workspace has no file whose findings follow team-0/policy.yaml: the cross-file row measures nothing');

  const opened = server.diagnostics(uri, (p) => p.version === 1);
  await server.open(uri, strict, 1);
  await opened;
  const line = strict.slice(0, strict.indexOf('mode: STRICT')).split('\n').length - 1;
  const character = strict.split('\n')[line].indexOf('STRICT');
  const word = (length: number): LspRange => ({ start: { line, character }, end: { line, character: character + length } });
  let version = 1;
  const times = await samples(options.crossFileEdits, async () => {
    const toPermissive = version % 2 === 1;
    const state = toPermissive ? counts.permissive : counts.strict;
    version++;
    const republished = affected.map((other) => server.diagnostics(other, (p) => p.diagnostics.length === (state.get(other) ?? 0)));
    const own = server.diagnostics(uri, (p) => p.version === version);
    const sent = performance.now();
    await server.change(uri, version, word(toPermissive ? 'STRICT'.length : 'PERMISSIVE'.length), toPermissive ? 'PERMISSIVE' : 'STRICT');
    const last = Math.max(...(await Promise.all(republished)).map((p) => p.at));
    await own;
    return last - sent;
  });
  return { times, files: affected.length };
}

/**
 * What the Mesh Posture view asks while it is visible: the report, once after the start (each
 * file's own findings are counted then) and again after each edit of an open file (a namespace's
 * mode flipped, its diagnostics awaited first). Times from the request sent to its answer.
 */
async function postureTimes(server: BenchServer, dir: string, edits: number): Promise<{ first: number; afterEdit: number[] }> {
  const ask = async () => {
    const sent = performance.now();
    const report = await server.request<PostureReport | null>(PostureReportRequest, {});
    if (!report) throw new Error('the server answered no posture report (see its log)');
    return performance.now() - sent;
  };
  const first = await ask();
  const file = path.join(dir, 'team-1', 'policy.yaml');
  const uri = pathToFileURL(file).href;
  const strict = readFileSync(file, 'utf8');
  const opened = server.diagnostics(uri, (p) => p.version === 1);
  await server.open(uri, strict, 1);
  await opened;
  const line = strict.slice(0, strict.indexOf('mode: STRICT')).split('\n').length - 1;
  const character = strict.split('\n')[line].indexOf('STRICT');
  let version = 1;
  const afterEdit = await samples(edits, async () => {
    const toPermissive = version % 2 === 1;
    version++;
    const checked = server.diagnostics(uri, (p) => p.version === version);
    const range: LspRange = { start: { line, character }, end: { line, character: character + (toPermissive ? 'STRICT' : 'PERMISSIVE').length } };
    await server.change(uri, version, range, toPermissive ? 'PERMISSIVE' : 'STRICT');
    await checked;
    return ask();
  });
  await server.close(uri);
  return { first, afterEdit };
}

/** The peak memory of a node process that has started and does nothing: what any server costs before its first line runs. */
function idleNodeMemoryMb(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', "process.stdout.write('ready'); process.stdin.resume()"], { stdio: ['pipe', 'pipe', 'ignore'] });
    child.once('error', reject);
    child.stdout.once('data', () => {
      try {
        resolve(peakMemoryMb(child.pid!));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        child.kill();
      }
    });
  });
}

/** One `mesh-mtls report` of the folder, as CI runs it: a fresh process, the HTML page written to a file. */
function reportOnce(dir: string): void {
  // An .html file is not read by the report itself, and goes with the generated folder.
  const output = path.join(dir, 'posture-report.html');
  const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'report', '--output', output, dir], { encoding: 'utf8' });
  // Exit 1 only says the generated files have findings; anything else is a broken run, not a time.
  if (result.status !== 0 && result.status !== 1) throw new Error(`mesh-mtls report failed (${String(result.status)}): ${result.stderr}`);
}
