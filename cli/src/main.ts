import { version } from '../../common/src/version';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { inspect } from './inspect';
import { lint } from './lint';
import { report } from './report';
import { handshake } from './handshake';
import { caCreate, certIssue, exportFiles } from './pki';
import { UsageError } from './usageError';
import { reportFailuresTo } from '../../common/src/log/guarded';

const USAGE = `mesh-mtls ${version}: checks mesh mTLS manifests and certificates.

Usage:
  mesh-mtls lint [--format text|json|sarif] [--fail-on error|warning|never]
                 [--root-namespace NS] [--trust-domain DOMAIN] [--follow-symlinks]
                 [--istio-version 1.N] [--linkerd-version 2.N]
                 [--cert-manager-version 1.N] [--spire-version 1.N]
                 [--config .mesh-mtls.yaml]
                 FILE_OR_FOLDER...
                               check Istio, Linkerd and cert-manager manifests, SPIRE
                               configs and proxy secret dumps (folders are searched for
                               .yaml, .yml, .conf, .hcl and .json files, each checked only
                               when it is one of these; a symbolic link out of the
                               folder is skipped, and said so, unless --follow-symlinks is
                               given; FIFOs, devices and files over 16 MB are never read;
                               a file named on the command line is read wherever its link
                               leads), each file on its own and
                               all of them as one workspace (a policy naming a missing
                               service account, a DestinationRule sending plaintext to a
                               STRICT workload, a Certificate whose Issuer is nowhere). Text
                               output is one line per problem: FILE:LINE:COLUMN: SEVERITY
                               [CODE] MESSAGE. JSON output is an array of {file, range,
                               severity, code, message} with 0-based LSP ranges. SARIF is
                               2.1.0, for code scanning. --fail-on sets the severity that
                               makes the exit code 1 (default: error). Verdicts follow the
                               releases the cluster runs: the --*-version flags, else the
                               nearest .mesh-mtls.yaml above the working directory (keys
                               istio.version, linkerd.version, certManager.version,
                               spire.version, analysis.rootNamespace,
                               analysis.trustDomain), else the newest releases (Istio
                               1.31, Linkerd 2.19, cert-manager 1.21, SPIRE 1.15).
  mesh-mtls lint --explain CODE
                               what a diagnostic code means and what to do about it
  mesh-mtls validate ...       the same as lint
  mesh-mtls report [--format html|markdown|json] [--output FILE] [--now TIME]
                   [--expiring-soon-days N] [--fail-on ...] [lint's settings flags]
                   FOLDER_OR_FILE...
                               the mesh posture of the folders, read as one workspace: per
                               namespace and workload its mesh and each inbound port's
                               mTLS mode with what decides it, ports that bypass the proxy,
                               plaintext callers, the authorization policies in force, the
                               PERMISSIVE to STRICT checklist (and the PeerAuthentication
                               to apply when nothing blocks), and every certificate on one
                               expiry timeline (.pem, .crt, .cer, .cert and .ca-bundle files besides
                               the manifests). HTML (default) is one page with no scripts;
                               Markdown fits a pull-request comment; JSON is described in
                               docs/posture-report.md. --now reports as of another time
                               (expiry counts from it). The exit code is lint's for the
                               same files.
  mesh-mtls inspect [--json] FILE
                               decode every certificate, certificate request, private key
                               (never its key material) and public key of a file: PEM with any
                               number of blocks, DER, or the base64 of either (as Kubernetes
                               Secrets hold them; up to 4 MB, and only a regular file, never
                               a FIFO or device); FILE - reads standard input. Text output is
                               a summary per block; JSON output is an array with one object per
                               block, each with a "kind": certificate, csr, privateKey,
                               publicKey or unreadable.
  mesh-mtls ca create --out DIR [--name CN] [--key TYPE] [--days N] [--intermediate]
                   [--intermediate-days N] [--permit-dns DOMAIN]... [--permit-uri DOMAIN]...
                   [--force] [--json]
                               create a development root CA (one year, ECDSA P-256 unless
                               told otherwise), and with --intermediate an intermediate under
                               it (180 days) that signs the leaves. --permit-dns and
                               --permit-uri add name constraints. Writes root-ca.pem,
                               root-ca-key.pem and intermediate-ca(-key).pem.
  mesh-mtls cert issue --ca DIR --out DIR [--profile server|client|mtls|spiffe]
                   [--dns NAME]... [--ip IP]... [--uri URI]... [--spiffe-id ID]
                   [--service SVC.NS]... [--cluster-domain DOMAIN] [--hours N | --days N]
                   [--key TYPE] [--name BASE] [--cn CN] [--force] [--json]
                               issue a certificate from a folder written by "ca create",
                               signed by its intermediate when it has one. The profile sets
                               the extended key usage (mtls, the default: server and client);
                               spiffe makes an X.509-SVID living 24 hours. --service shop.web
                               adds web.shop, web.shop.svc and the rest of its DNS names.
                               Writes BASE.pem, BASE-key.pem, BASE-chain.pem (the leaf and
                               its intermediates) and root-ca.pem; BASE is the first DNS
                               name, else the SPIFFE service account.
  mesh-mtls export istio|linkerd|cert-manager --ca DIR --out DIR [--name NAME]
                   [--namespace NS] [--force] [--json]
                               shape a CA folder for a mesh: Istio's plug-in CA files and
                               its cacerts Secret; Linkerd's trust anchor, issuer and Helm
                               values (ECDSA P-256); a cert-manager CA Issuer and its Secret
  mesh-mtls export tls-secret --cert FILE --out DIR [--name NAME] [--namespace NS]
                               a kubernetes.io/tls Secret of a certificate "cert issue" wrote
  mesh-mtls handshake --server-cert F --server-key F [--server-ca F] [--client-cert F
                   --client-key F] [--client-ca F] [--mode required|optional|tls|plaintext]
                   [--expect-server-name NAME] [--allow-client ID]... [--server-tls-min V]
                   [--server-tls-max V] [--client-tls-min V] [--client-tls-max V]
                   [--timeout MS] [--json]
                               run a mutual TLS handshake on 127.0.0.1 between a server and
                               a client made from these files, and explain each step: the
                               hellos, the certificate request, both verifications, the
                               identity check against --allow-client (SPIFFE IDs or Istio
                               principals, "*" as prefix or suffix) and an echo. --mode
                               plaintext sends plaintext to a server that requires mTLS.
                               V is TLSv1.2 or TLSv1.3; the timeout is 5000 ms.
  mesh-mtls handshake --scenarios [--json]
                               mint a throw-away CA and run the scenario matrix (valid mTLS,
                               no client certificate, plaintext, expired, another CA,
                               unauthorized identity, wrong name, missing intermediate)
  mesh-mtls handshake --connect HOST:PORT [--client-cert F --client-key F] [--client-ca F]
                   [--expect-server-name NAME] [--allow-remote] [--json]
                               what a running TLS server presents and whether it asks for a
                               client certificate; hosts other than loopback need
                               --allow-remote
  mesh-mtls schema             print the JSON Schema of every kind the checks know,
                               keyed "<apiVersion>/<Kind>"
  mesh-mtls --help             this text
  mesh-mtls --version          the version

Minting:
  TYPE is ecdsa-p256, ecdsa-p384, rsa-2048, rsa-3072, rsa-4096 or ed25519. Keys are written
  with mode 0600 (new folders 0700; an existing folder keeps its mode, with a warning when
  others can list it) and listed in the folder's .gitignore (never through a link: a
  .gitignore that is one stops the write); a file that exists with other content, or as a
  link, is never replaced without --force, and then the link itself is replaced. With --json the commands print
  {"files": {...}}, the absolute paths by role: rootCert, rootKey, intermediateCert,
  intermediateKey for ca create; cert, key, chain, ca for cert issue; file names for export.

Exit codes:
  0  no errors (warnings may have been printed); inspect: every block was decoded
  1  errors were found (see lint --fail-on); inspect: at least one block is unreadable
     (the reason is printed)
  2  the command line was wrong or a file could not be read
  ca create, cert issue, export:
  0  every file was written
  1  the request cannot be met (a bad name, an unusable CA folder, a name the CA may not
     certify); nothing was written
  2  the command line was wrong or the folder cannot be written
  3  files exist with other content; nothing was written (--force replaces them)
  handshake:
  0  the handshake succeeded and the client was let in (--scenarios: every scenario as
     expected; --connect: the handshake completed and the server accepted the client)
  1  otherwise
  2  the command line was wrong or a file could not be read
`;

function printSchema(): number {
  process.stdout.write(`${JSON.stringify(Object.fromEntries(createDefaultRegistry().entries()), null, 2)}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
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
    case 'report':
      return report(rest);
    case 'inspect':
      return inspect(rest);
    case 'schema':
      return printSchema();
    case 'ca':
      if (rest[0] !== 'create') throw new UsageError(`ca needs a subcommand: create`);
      return caCreate(rest.slice(1));
    case 'cert':
      if (rest[0] !== 'issue') throw new UsageError(`cert needs a subcommand: issue`);
      return certIssue(rest.slice(1));
    case 'export':
      return exportFiles(rest);
    case 'handshake':
      return handshake(rest);
    case undefined:
      throw new UsageError('no command given');
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

const REPORT_AT = 'https://github.com/mesh-mtls/vscode-mesh-mtls/issues';

/** An exception no command expected: exit 2 (1 would read as findings), saying it is ours to fix, as ESLint does. */
function internalError(error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(
    `mesh-mtls: internal error: this is a bug in mesh-mtls ${version}, not a problem with your files or command line.\nPlease report it at ${REPORT_AT} with the command you ran and the text below.\n\n${detail}\n`,
  );
  process.exitCode = 2;
}

// Callbacks outside main's promise (sockets, timers) land here rather than in node's default exit 1.
process.on('uncaughtException', (error) => {
  internalError(error);
  process.exit(2);
});

// A check that throws is a bug the run must not pass over: where the server drops that check's
// findings and goes on, the CLI stops with an internal error, as before the checks were guarded.
reportFailuresTo((_what, error) => {
  throw error;
});

async function run(argv: string[]): Promise<number> {
  // The protocol tests force an internal error through this variable (no input is known to cause one).
  if (process.env.MESH_MTLS_TEST_INTERNAL_ERROR) throw new Error(`forced by MESH_MTLS_TEST_INTERNAL_ERROR=${process.env.MESH_MTLS_TEST_INTERNAL_ERROR}`);
  return main(argv);
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (!(error instanceof UsageError)) return internalError(error);
    process.stderr.write(`mesh-mtls: ${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  },
);
