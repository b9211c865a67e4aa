import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { version } from '../../common/src/version';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { createDefaultRegistry } from '../../server/src/schema/registry';

const USAGE = `mesh-mtls ${version}: checks mesh mTLS manifests and certificates.

Usage:
  mesh-mtls lint [--format text|json] FILE_OR_FOLDER...
                               check Istio, Linkerd and cert-manager manifests (folders are
                               searched for .yaml and .yml files). Text output is one line per
                               problem: FILE:LINE:COLUMN: SEVERITY [CODE] MESSAGE. JSON output is
                               an array of {file, range, severity, code, message} with 0-based
                               LSP ranges.
  mesh-mtls validate ...       the same as lint
  mesh-mtls schema             print the JSON Schema of every kind the checks know,
                               keyed "<apiVersion>/<Kind>"
  mesh-mtls --help             this text
  mesh-mtls --version          the version

Exit codes:
  0  no errors (warnings may have been printed)
  1  at least one error was found
  2  the command line was wrong or a file could not be read
`;

const SEVERITY: Record<number, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.cache', 'dist', 'out']);

class UsageError extends Error {}

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

function lint(args: string[]): number {
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

function printSchema(): number {
  process.stdout.write(`${JSON.stringify(Object.fromEntries(createDefaultRegistry().entries()), null, 2)}\n`);
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  switch (command) {
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    case '--version':
    case '-v':
      process.stdout.write(`${version}\n`);
      return 0;
    case 'lint':
    case 'validate':
      return lint(rest);
    case 'schema':
      return printSchema();
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`mesh-mtls: ${error.message}\n\n${USAGE}`);
  process.exitCode = 2;
}
