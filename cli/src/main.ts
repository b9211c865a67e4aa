import { version } from '../../common/src/version';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { inspect } from './inspect';
import { lint } from './lint';
import { UsageError } from './usageError';

const USAGE = `mesh-mtls ${version}: checks mesh mTLS manifests and certificates.

Usage:
  mesh-mtls lint [--format text|json] FILE_OR_FOLDER...
                               check Istio, Linkerd and cert-manager manifests (folders are
                               searched for .yaml and .yml files). Text output is one line per
                               problem: FILE:LINE:COLUMN: SEVERITY [CODE] MESSAGE. JSON output is
                               an array of {file, range, severity, code, message} with 0-based
                               LSP ranges.
  mesh-mtls validate ...       the same as lint
  mesh-mtls inspect [--json] FILE
                               decode every certificate, certificate request, private key
                               (never its key material) and public key of a file: PEM with any
                               number of blocks, DER, or the base64 of either (as Kubernetes
                               Secrets hold them); FILE - reads standard input. Text output is
                               a summary per block; JSON output is an array with one object per
                               block, each with a "kind": certificate, csr, privateKey,
                               publicKey or unreadable.
  mesh-mtls schema             print the JSON Schema of every kind the checks know,
                               keyed "<apiVersion>/<Kind>"
  mesh-mtls --help             this text
  mesh-mtls --version          the version

Exit codes:
  0  no errors (warnings may have been printed); inspect: every block was decoded
  1  at least one error was found; inspect: at least one block is unreadable (the
     reason is printed)
  2  the command line was wrong or a file could not be read
`;

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
    case 'inspect':
      return inspect(rest);
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
