import { CodeActionKind, createConnection, ProposedFeatures, TextDocumentSyncKind, type WorkspaceFolder } from 'vscode-languageserver/node';
import { version } from '../../common/src/version';
import { registerDocumentCertificates } from './handlers/certificates';
import { registerCodeActions } from './handlers/codeActions';
import { registerCodeLens } from './handlers/codeLens';
import { registerDiagnostics } from './handlers/diagnostics';
import { registerLanguageFeatures } from './handlers/language';
import { registerStatus } from './handlers/status';
import { registerWorkspaceIndex } from './handlers/workspace';
import { createSession } from './session';

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
  const connection = createConnection(ProposedFeatures.all);
  const session = createSession(connection);

  let folders: WorkspaceFolder[] = [];
  connection.onInitialize(({ capabilities, workspaceFolders, rootUri }) => {
    session.settings.canPull = capabilities.workspace?.configuration === true;
    session.canRefreshCodeLens = capabilities.workspace?.codeLens?.refreshSupport === true;
    folders = workspaceFolders ?? (rootUri ? [{ uri: rootUri, name: 'root' }] : []);
    return {
      serverInfo: { name: 'mesh-mtls', version },
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        completionProvider: { triggerCharacters: [' ', ':'] },
        hoverProvider: true,
        documentSymbolProvider: true,
      },
    };
  });

  registerDiagnostics(session);
  registerCodeLens(session);
  registerDocumentCertificates(session);
  registerCodeActions(session);
  registerLanguageFeatures(session);
  registerStatus(session);
  registerWorkspaceIndex(session, () => folders);

  session.documents.listen(connection);
  connection.listen();
}

main(process.argv.slice(2));
