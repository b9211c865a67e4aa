import * as vscode from 'vscode';
import { CERTIFICATE_FILE_EXTENSIONS } from '../../common/src/files/certificateFiles';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ConfigurationSection } from '../../common/src/protocol';
import { redactedLog } from './redactedLog';

export const OUTPUT_CHANNEL_NAME = 'Mesh mTLS';

/**
 * The documents the server reads. Private keys (.key) are not sent: the server has no use for
 * them. Other files may hold keys too (`tls-key.pem`, a Secret's `tls.key`); the trace never
 * logs a document's text (see redactedLog). Plain text goes along because PEM pasted into notes or logs
 * is common; the server only acts on plain text that holds a BEGIN line.
 */
export const SERVER_DOCUMENTS = [
  { scheme: 'file', language: 'yaml' },
  { scheme: 'untitled', language: 'yaml' },
  { scheme: 'file', language: 'pem', pattern: '**/*.{pem,crt,cer,cert,csr,ca-bundle}' },
  { scheme: 'untitled', language: 'pem' },
  { scheme: 'file', language: 'plaintext' },
  { scheme: 'untitled', language: 'plaintext' },
  // SPIRE's server.conf and agent.conf; other .conf and .hcl files too (VS Code calls .conf
  // "properties"), which the server checks only when they read as a SPIRE config.
  { scheme: 'file', language: 'spire' },
  { scheme: 'untitled', language: 'spire' },
  { scheme: 'file', pattern: '**/*.{conf,hcl}' },
  // For Envoy's secret dumps (config_dump, `istioctl proxy-config secret -o json`): the server reads no other JSON.
  { scheme: 'file', language: 'json' },
  { scheme: 'untitled', language: 'json' },
];

/** The language client, with the bundled server started as a Node child process over IPC. */
export function createLanguageClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): LanguageClient {
  const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SERVER_DOCUMENTS,
    synchronize: {
      configurationSection: ConfigurationSection,
      fileEvents: [
        // YAML files on disk feed the namespaces, service accounts and labels that completion offers.
        vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
        // A key or certificate file changing beside an open one decides whether the pair matches;
        // any certificate file, DER too, is on the posture report's expiry timeline.
        vscode.workspace.createFileSystemWatcher(`**/*.{${[...CERTIFICATE_FILE_EXTENSIONS, 'key'].join(',')}}`),
        // Whether git would commit an unencrypted key depends on every .gitignore above it.
        vscode.workspace.createFileSystemWatcher('**/.gitignore'),
        // A chart's helpers decide what its templates' names render to; kustomizations are YAML, watched above.
        vscode.workspace.createFileSystemWatcher('**/templates/*.tpl'),
        // The repository's target releases and analysis settings.
        vscode.workspace.createFileSystemWatcher('**/.mesh-mtls.yaml'),
      ],
    },
    // The trace prints every message's parameters, document texts included.
    outputChannel: redactedLog(outputChannel),
  };
  return new LanguageClient('meshMtls', 'Mesh mTLS Language Server', serverOptions, clientOptions);
}
