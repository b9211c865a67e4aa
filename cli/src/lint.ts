import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/rules';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseDocument, type ParsedDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { diagnostic } from '../../server/src/service/diagnostic';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { explain } from './explain';
import { sarifLog } from './sarif';
import { UsageError } from './usageError';

const SEVERITY: Record<number, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};
const FINDING_SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;
const FAIL_ON = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, never: 0 } as const;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.cache', 'dist', 'out']);

/** The YAML files a lint target names: the file itself, or every .yaml/.yml below a folder. */
function expand(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .sort()
    .flatMap((name) => {
      const full = path.join(target, name);
      if (statSync(full).isDirectory()) return SKIPPED_FOLDERS.has(name) ? [] : expand(full);
      return /\.ya?ml$/i.test(name) ? [full] : [];
    });
}

interface Finding {
  file: string;
  uri: string;
  diagnostic: Diagnostic;
}

/**
 * `mesh-mtls lint`: every file checked on its own, then all of them read as one workspace for
 * the cross-resource rules. Returns the exit code.
 */
export function lint(args: string[]): number {
  let format = 'text';
  let failOn: keyof typeof FAIL_ON = 'error';
  const targets: string[] = [];
  const analysis = { rootNamespace: 'istio-system', trustDomain: 'cluster.local' };
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? [args[i].slice(0, args[i].indexOf('=')), args[i].slice(args[i].indexOf('=') + 1)] : [args[i], undefined];
    const value = () => inline ?? args[++i] ?? '';
    if (flag === '--format') format = value();
    else if (flag === '--fail-on') {
      const level = value();
      if (!(level in FAIL_ON)) throw new UsageError(`--fail-on must be error, warning or never, not "${level}"`);
      failOn = level as keyof typeof FAIL_ON;
    } else if (flag === '--explain') return explain(value());
    else if (flag === '--root-namespace') analysis.rootNamespace = value();
    else if (flag === '--trust-domain') analysis.trustDomain = value();
    else if (flag.startsWith('--')) throw new UsageError(`unknown option ${flag}`);
    else targets.push(flag);
  }
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (targets.length === 0) throw new UsageError('lint needs at least one FILE or FOLDER');

  const registry = createDefaultRegistry();
  const parsedFiles: Array<{ file: string; parsed: ParsedDocument }> = [];
  let unreadable = false;
  for (const target of targets) {
    let files: string[];
    try {
      files = expand(target);
    } catch (error) {
      process.stderr.write(`mesh-mtls: cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
      continue;
    }
    for (const file of files) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        process.stderr.write(`mesh-mtls: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
        unreadable = true;
        continue;
      }
      parsedFiles.push({ file, parsed: parseDocument(pathToFileURL(path.resolve(file)).href, 'yaml', 0, text) });
    }
  }
  const findings: Finding[] = [];
  const byUri = new Map<string, string>();
  for (const { file, parsed } of parsedFiles) {
    byUri.set(parsed.uri, file);
    for (const d of documentDiagnostics(parsed, registry)) findings.push({ file, uri: relativeUri(file), diagnostic: d });
  }
  const model = new WorkspaceModel(parsedFiles.flatMap(({ parsed }) => (parsed.yaml ? resourcesOf(parsed.uri, parsed.yaml) : [])), analysis);
  for (const f of analyzeWorkspace(model)) {
    const file = byUri.get(f.uri) ?? f.uri;
    findings.push({ file, uri: relativeUri(file), diagnostic: diagnostic(f.range, FINDING_SEVERITY[f.severity], f.code, f.message, f.fix) });
  }
  // In file order, then position: cross-resource findings land beside the file's own.
  const order = new Map(parsedFiles.map(({ file }, i) => [file, i]));
  findings.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.diagnostic.range.start.line - b.diagnostic.range.start.line || a.diagnostic.range.start.character - b.diagnostic.range.start.character);

  if (format === 'json') {
    const json = findings.map(({ file, diagnostic: d }) => ({ file, range: d.range, severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error], code: d.code, message: d.message }));
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (format === 'sarif') {
    process.stdout.write(`${JSON.stringify(sarifLog(findings), null, 2)}\n`);
  } else {
    for (const { file, diagnostic } of findings) process.stdout.write(`${formatText(file, diagnostic)}\n`);
  }
  if (unreadable) return 2;
  const threshold = FAIL_ON[failOn];
  return threshold !== 0 && findings.some(({ diagnostic }) => (diagnostic.severity ?? DiagnosticSeverity.Error) <= threshold) ? 1 : 0;
}

/** A path as SARIF wants it: relative to the working directory, with forward slashes. */
function relativeUri(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)).split(path.sep).map(encodeURIComponent).join('/');
}

function formatText(file: string, d: Diagnostic): string {
  const { line, character } = d.range.start;
  return `${file}:${line + 1}:${character + 1}: ${SEVERITY[d.severity ?? DiagnosticSeverity.Error]} [${d.code}] ${d.message}`;
}
