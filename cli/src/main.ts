import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { version } from '../../common/src/version';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { createDefaultRegistry } from '../../server/src/schema/registry';

const USAGE = `mesh-mtls ${version}: checks mesh mTLS manifests and certificates.

Usage:
  mesh-mtls validate FILE...   report problems in YAML manifests, one per line:
                               FILE:LINE:COLUMN: SEVERITY [CODE] MESSAGE
  mesh-mtls schema             print the JSON Schema of every kind the checks know,
                               keyed "<apiVersion>/<Kind>"
  mesh-mtls --help             this text
  mesh-mtls --version          the version

Exit codes:
  0  no errors (warnings may have been printed)
  1  at least one error was found
  2  the command line was wrong or a file could not be read
`;

const SEVERITY: Record<number, string> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

function validate(files: string[]): number {
  if (files.length === 0) return usageError('validate needs at least one FILE');
  const registry = createDefaultRegistry();
  let errors = 0;
  let unreadable = false;
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      process.stderr.write(`mesh-mtls: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
      continue;
    }
    const parsed = parseDocument(pathToFileURL(file).href, '', 0, text);
    for (const d of documentDiagnostics(parsed, registry)) {
      if (d.severity === DiagnosticSeverity.Error) errors++;
      process.stdout.write(`${format(file, d)}\n`);
    }
  }
  if (unreadable) return 2;
  return errors > 0 ? 1 : 0;
}

function format(file: string, d: Diagnostic): string {
  const { line, character } = d.range.start;
  return `${file}:${line + 1}:${character + 1}: ${SEVERITY[d.severity ?? DiagnosticSeverity.Error]} [${d.code}] ${d.message}`;
}

function printSchema(): number {
  process.stdout.write(`${JSON.stringify(Object.fromEntries(createDefaultRegistry().entries()), null, 2)}\n`);
  return 0;
}

function usageError(message: string): number {
  process.stderr.write(`mesh-mtls: ${message}\n\n${USAGE}`);
  return 2;
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
    case 'validate':
      return validate(rest);
    case 'schema':
      return printSchema();
    case undefined:
      return usageError('no command given');
    default:
      return usageError(`unknown command "${command}"`);
  }
}

process.exitCode = main(process.argv.slice(2));
