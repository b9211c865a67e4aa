import { decodeAndLint, largeBundle, opensslPerCertificate, systemBundle } from './certificates';
import { serverDebounces } from './debounce';
import { generateEditorManifest, mintBenchPki } from './editorManifest';
import { editorRows } from './editorRows';
import { oneLocalTest, prepareHandshakeBench, scenarioMatrix } from './handshake';
import { LEAVES, mintHierarchy, opensslHierarchy } from './minting';
import { interleaved, median, met, printTable, timings, wallTime, WARMUP, type Row } from './stats';
import { workspaceRows } from './workspaceRows';
import { parseDocument } from '../server/src/documents/parsedDocument';
import { documentObjects } from '../server/src/service/certificates/documentObjects';
import { certificateCodeLenses } from '../server/src/service/codeLens';

// `npm run bench`: the editor's path through the real server over stdio, and the peers, each row
// against a reference measured in this same run on this same machine, so the ratio means
// something even where absolute times do not. Every row has a target (issue 17 sets most of
// them); the run exits non-zero when one is missed.

function count(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number of samples, at least 1 (it is ${process.env[name]})`);
  return value;
}
const RUNS = count('BENCH_RUNS', 15);
const EDITS = count('BENCH_EDITS', 30);
const REQUESTS = count('BENCH_REQUESTS', 20);
const IN_PROCESS_EDITS = count('BENCH_IN_PROCESS_EDITS', 100);
const COLDS = count('BENCH_COLDS', 3);
const CROSS_FILE_EDITS = count('BENCH_CROSS_FILE_EDITS', 20);

const GROUPS = ['editor', 'workspace', 'certificates', 'minting', 'handshake'] as const;
type Group = (typeof GROUPS)[number];

/** BENCH_ONLY=editor,workspace runs those groups of rows alone: a quicker loop while working on the server. */
function groupsToRun(): Set<Group> {
  const only = process.env.BENCH_ONLY?.split(',').map((g) => g.trim());
  const unknown = only?.filter((g) => !(GROUPS as readonly string[]).includes(g));
  if (unknown?.length) throw new Error(`BENCH_ONLY names groups of rows among ${GROUPS.join(', ')}; not ${unknown.join(', ')}`);
  return new Set((only as Group[] | undefined) ?? GROUPS);
}

async function main(): Promise<void> {
  const groups = groupsToRun();
  const debounces = serverDebounces();
  const rows: Row[] = [];
  // The in-bench rows first: the editor rows leave this process a large heap (yaml-language-server,
  // the in-process editor), whose collection would otherwise be timed as part of a handshake.
  const inBench: Row[] = [];
  if (groups.has('certificates')) await certificateRows(inBench);
  if (groups.has('minting')) await mintingRows(inBench);
  if (groups.has('handshake')) await handshakeRows(inBench);
  if (groups.has('editor')) {
    const text = generateEditorManifest(10_000, await mintBenchPki());
    rows.push(...(await editorRows(text, { opens: RUNS, edits: EDITS, requests: REQUESTS, inProcessEdits: IN_PROCESS_EDITS, debounces })));
  }
  if (groups.has('workspace')) rows.push(...(await workspaceRows({ colds: COLDS, crossFileEdits: CROSS_FILE_EDITS, debounces })));
  rows.push(...inBench);
  printTable(rows, heading(), legend(debounces));
  const missed = rows.filter((row) => !met(row));
  if (missed.length) {
    console.log(`\n${missed.length} of ${rows.length} targets missed:`);
    for (const row of missed) console.log(`  - ${row.name}`);
    process.exitCode = 1;
  } else console.log(`\nEvery target met (${rows.length} rows).`);
}

function heading(): string {
  return `Mesh mTLS benchmarks, Node ${process.version}: p50 and p95 of n samples after ${WARMUP} warm-up runs each; the target bounds the statistic it names, as a time or as a ratio to the row's reference`;
}

function legend(d: ReturnType<typeof serverDebounces>): string[] {
  return [
    'What each row counts:',
    `- open → diagnostics: didOpen of a new URI sent to node dist/server.js --stdio (an editor's start-up: initialize with the workspace folder, initialized; workspace/configuration not offered, so default settings) until publishDiagnostics for that version with every diagnostic, the cross-resource findings included (their number is computed beforehand in the bench with the server's functions); "first" is the first publish of that version, whatever it holds. The server indexes an opened file at once, so its first publish holds them (were it not so, the rest would follow after the index, analysis and edit waits, ${d.INDEX_DEBOUNCE_MS} + ${d.ANALYSIS_DEBOUNCE_MS} + ${d.EDIT_DEBOUNCE_MS} ms, and the "all" row would show it). The server has seen the manifest's certificates in earlier opens: their decodings and signature checks are remembered by their bytes. Timed in turns with the references: yaml parseAllDocuments of the same text in the bench process (yaml's browser build, as the server bundles it); and, for "an open's work in process" (the server's own functions on a fresh parse: checks, certificates, resources, workspace analysis), yaml-language-server's doValidation with the schemas of \`mesh-mtls schema\`, both in the bench process.`,
    `- edit → diagnostics: one character typed into a metadata.name near the start, the middle and the end of the open 10,000-line file (a didChange with a range), then taken out again, in turns; from the didChange sent until publishDiagnostics of that version. The server waits EDIT_DEBOUNCE_MS = ${d.EDIT_DEBOUNCE_MS} ms (server/src/handlers/diagnostics.ts) for the next keystroke before checking: it is part of the time, and of the 100 ms target.`,
    "- completion, hover, codeLens: the request sent as soon as the didChange is written, timed until its answer; the edit's diagnostics are awaited before the next edit. Completion at the typed character, hover on the name key of that line. The reference is the parse floor: what reading the new text from scratch costs. (yaml-language-server has no answer at those places with our schemas, so its times there would compare nothing.)",
    "- one edit's work, in process: what the server does for a keystroke without the transport and the debounce, with its own functions in its handlers' order: parse reusing the previous parse, resources into the workspace index and analysis, certificate objects, documentDiagnostics with a certificate context, findingsFor. The three places are edited in turns, each in its own editor state, after three edits each to warm up.",
    `- workspace cold: bench/workspace.ts's repository, a fresh server per start; from initialized sent until the meshMtls/workspaceIndexed notification and the publishDiagnostics of every file the analysis finds something in (that set and each file's count computed beforehand in the bench), whichever is later. Peak memory is the largest VmHWM of /proc/PID/status of those servers, read when the start is done.`,
    `- cross-file: in the last cold server, team-0/policy.yaml opened and its PeerAuthentication flipped STRICT ↔ PERMISSIVE; from the didChange sent until the closed files whose findings change are re-published, minus INDEX_DEBOUNCE_MS = ${d.INDEX_DEBOUNCE_MS} ms and ANALYSIS_DEBOUNCE_MS = ${d.ANALYSIS_DEBOUNCE_MS} ms (server/src/handlers/workspace.ts), which it waits through one after the other.`,
    '- Mesh Posture: in the same server, meshMtls/postureReport as the view asks it, timed from the request sent to its answer: first once (every file is checked on its own then, for the lint counts), then after each STRICT ↔ PERMISSIVE flip of team-1/policy.yaml, opened for it, its diagnostics awaited (only that file is checked again).',
    "- certificates, minting, handshake: in the bench process, against the openssl command line as users run it: a process start per certificate, per step or per side, which is most of openssl's time; they say how long the task takes a user without us, not how fast OpenSSL's code is.",
    `The debounce constants are read from the server's sources at each run (bench/debounce.ts). BENCH_RUNS, BENCH_EDITS, BENCH_REQUESTS, BENCH_IN_PROCESS_EDITS, BENCH_COLDS and BENCH_CROSS_FILE_EDITS change the sample counts; BENCH_ONLY=${GROUPS.join(',')} picks groups of rows.`,
  ];
}

async function certificateRows(rows: Row[]): Promise<void> {
  const bundle = systemBundle();
  if (!bundle) {
    console.log('certificate rows skipped: no system bundle at /etc/ssl/certs/ca-certificates.crt');
    return;
  }
  const now = new Date();
  const decoded = await timings(RUNS, () => decodeAndLint(bundle.text, now));
  // openssl takes seconds per pass (a process per certificate): three passes give its median.
  const openssl = median(await timings(3, opensslPerCertificate(bundle.text)));
  // A fresh parse each run: lenses of a newly opened (or edited) bundle, decoding included.
  const thousand = largeBundle(bundle, 1000);
  const lenses = await timings(RUNS, (run) =>
    certificateCodeLenses('file:///bundle.pem', documentObjects(parseDocument('file:///bundle.pem', 'pem', run + 10, thousand)), now),
  );
  rows.push({
    name: 'CodeLens for a 1,000-certificate bundle (parse and decode included), in the bench',
    unit: 'ms',
    statistic: 'median',
    samples: lenses,
    reference: `decode and lint the system bundle, in the bench`,
    referenceValue: median(decoded),
    target: { max: 300 },
  });
  rows.push({
    name: `decode and lint the system bundle, ${bundle.certificates} certificates, in the bench`,
    unit: 'ms',
    statistic: 'median',
    samples: decoded,
    reference: 'openssl x509 -noout -text: a process start per certificate',
    referenceValue: openssl,
    target: { max: 50 },
  });
}

async function mintingRows(rows: Row[]): Promise<void> {
  const minted = await timings(Math.min(RUNS, 9), () => mintHierarchy());
  // About 200 openssl processes per pass: three passes give its median.
  const openssl = median(await timings(3, opensslHierarchy()));
  rows.push({
    name: `mint a root, an intermediate and ${LEAVES} ECDSA P-256 leaves, in the bench`,
    unit: 'ms',
    statistic: 'median',
    samples: minted,
    reference: 'openssl req and x509: a process start per step',
    referenceValue: openssl,
    target: { max: 1500 },
  });
}

async function handshakeRows(rows: Row[]): Promise<void> {
  const bench = await prepareHandshakeBench();
  const [ours, openssl] = await interleaved(RUNS, [wallTime(() => oneLocalTest(bench.input)), wallTime(bench.opensslPair)]);
  rows.push({
    name: 'one local mTLS test (server up, handshake, echo, closed), in the bench',
    unit: 'ms',
    statistic: 'median',
    samples: ours,
    reference: 'openssl s_server + s_client: a process start per side',
    referenceValue: median(openssl),
    target: { max: 30 },
  });
  const matrix = await timings(Math.min(RUNS, 7), () => scenarioMatrix());
  const nine = median(
    await timings(3, async () => {
      for (let i = 0; i < 9; i++) await bench.opensslPair();
    }),
  );
  rows.push({
    name: 'scenario matrix, 9 scenarios (CA minted too), in the bench',
    unit: 'ms',
    statistic: 'median',
    samples: matrix,
    reference: 'openssl s_server + s_client, 9 pairs: a process start per side',
    referenceValue: nine,
    target: { max: 1000 },
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
