import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ConfigurationSection } from '../../common/src/protocol';

export const OUTPUT_CHANNEL_NAME = 'Mesh mTLS';

/** The language client, with the bundled server started as a Node child process over IPC. */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Private keys (.key) are never sent to the server: it has no use for them, and tracing would log them.
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'file', language: 'pem', pattern: '**/*.{pem,crt,cer,cert,csr,ca-bundle}' },
    ],
    // YAML files on disk feed the namespaces, service accounts and labels that completion offers.
    synchronize: { configurationSection: ConfigurationSection, fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}') },
    outputChannel,
  };
  return new LanguageClient('meshMtls', 'Mesh mTLS Language Server', serverOptions, clientOptions);
}
