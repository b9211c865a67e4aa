import { CodeActionKind, createConnection, ProposedFeatures, TextDocumentSyncKind, type Connection } from 'vscode-languageserver/node';
import { reportFailuresTo } from '../../common/src/log/guarded';
import { version } from '../../common/src/version';
import { registerDocumentCertificates } from './handlers/certificates';
import { registerCodeActions } from './handlers/codeActions';
import { registerCodeLens } from './handlers/codeLens';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerLanguageFeatures } from './handlers/language';
import { registerPostureReport } from './handlers/posture';
import { registerStatus } from './handlers/status';
import { registerWorkspaceIndex } from './handlers/workspace';
import { createSession } from './session';
import { keepYoungGenerationSmall } from './workspace/youngGeneration';

const TRANSPORTS = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
const USAGE = `Mesh mTLS language server ${version}

Usage: node server.js --stdio          speak LSP over standard input and output
       node server.js --node-ipc       speak LSP over Node IPC (how VS Code starts it)
       node server.js --socket=PORT    connect to an LSP client listening on PORT
`;

function main(argv: string[]): void {
  if (argv.includes('--version')) return void process.stdout.write(`${version}\n`);
  if (argv.includes('--help') || !argv.some((arg) => TRANSPORTS.some((t) => arg.startsWith(t)))) {
    process.stdout.write(USAGE);
    process.exitCode = argv.includes('--help') ? 0 : 2;
    return;
  }
  keepYoungGenerationSmall();
  const connection = createConnection(ProposedFeatures.all);
  keepServing(connection);
  const session = createSession(connection);

  let watchFolders = false;
  connection.onInitialize(({ capabilities, workspaceFolders, rootUri }) => {
    session.settings.canPull = capabilities.workspace?.configuration === true;
    session.canRefreshCodeLens = capabilities.workspace?.codeLens?.refreshSupport === true;
    watchFolders = capabilities.workspace?.workspaceFolders === true;
    session.folders = workspaceFolders ?? (rootUri ? [{ uri: rootUri, name: 'root' }] : []);
    return {
      serverInfo: { name: 'mesh-mtls', version },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        completionProvider: { triggerCharacters: [' ', ':'] },
        hoverProvider: true,
        documentSymbolProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
    };
  });

  registerDiagnostics(session);
  registerCodeLens(session);
  registerDocumentCertificates(session);
  registerCodeActions(session);
  registerLanguageFeatures(session);
  registerStatus(session);
  registerPostureReport(
    session,
    registerWorkspaceIndex(session, () => watchFolders),
  );

  session.documents.listen(connection);
  connection.listen();
  forcedFailure();
}

/**
 * A failure nobody caught is logged to the editor's output and the server goes on serving: the
 * open documents and the index are still good, and a lost session costs the user every squiggle.
 */
function keepServing(connection: Connection): void {
  const log = (what: string, error: unknown) => {
    try {
      connection.console.error(`${what}: ${(error as Error)?.stack ?? String(error)}`);
    } catch {
      // The connection itself is gone: the library ends the process when its input closes.
    }
  };
  process.on('uncaughtException', (error) => {
    // An output nobody reads any more cannot be logged to either: logging would fail the same way, over and over.
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(1);
    log('Uncaught error', error);
  });
  process.on('unhandledRejection', (reason) => log('Unhandled rejection', reason));
  reportFailuresTo((what, error) => log(`${what} failed`, error));
}

/** MESH_MTLS_TEST_INTERNAL_ERROR=uncaught or =rejection: a failure outside any handler, for the tests of keepServing. */
function forcedFailure(): void {
  const forced = process.env.MESH_MTLS_TEST_INTERNAL_ERROR;
  if (forced === 'uncaught')
    setImmediate(() => {
      throw new Error('forced by MESH_MTLS_TEST_INTERNAL_ERROR=uncaught');
    });
  if (forced === 'rejection') void Promise.reject(new Error('forced by MESH_MTLS_TEST_INTERNAL_ERROR=rejection'));
}

main(process.argv.slice(2));
