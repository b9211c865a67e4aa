import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { UsageError } from './usageError';

const SEVERITY: Record<number, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

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

/** `mesh-mtls lint`: returns the exit code. */
export function lint(args: string[]): number {
  let format = 'text';
  const targets: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--format') format = args[++i] ?? '';
    else if (args[i].startsWith('--format=')) format = args[i].slice('--format='.length);
    else if (args[i].startsWith('--')) throw new UsageError(`unknown option ${args[i]}`);
    else targets.push(args[i]);
  }
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (targets.length === 0) throw new UsageError('lint needs at least one FILE or FOLDER');

  const registry = createDefaultRegistry();
  const findings: Array<{ file: string; diagnostic: Diagnostic }> = [];
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
      const parsed = parseDocument(pathToFileURL(path.resolve(file)).href, 'yaml', 0, text);
      for (const diagnostic of documentDiagnostics(parsed, registry)) findings.push({ file, diagnostic });
    }
  }
  if (format === 'json') {
    const json = findings.map(({ file, diagnostic: d }) => ({ file, range: d.range, severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error], code: d.code, message: d.message }));
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else {
    for (const { file, diagnostic } of findings) process.stdout.write(`${formatText(file, diagnostic)}\n`);
  }
  if (unreadable) return 2;
  return findings.some(({ diagnostic }) => diagnostic.severity === DiagnosticSeverity.Error) ? 1 : 0;
}

function formatText(file: string, d: Diagnostic): string {
  const { line, character } = d.range.start;
  return `${file}:${line + 1}:${character + 1}: ${SEVERITY[d.severity ?? DiagnosticSeverity.Error]} [${d.code}] ${d.message}`;
}
