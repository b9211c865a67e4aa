import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerStatusRequest, WorkspaceIndexedNotification, type ServerStatus, type WorkspaceIndexed } from '../../common/src/protocol';
import type { MeshMtlsApi } from './api';
import { registerCommands } from './commands';
import { createLanguageClient, OUTPUT_CHANNEL_NAME } from './languageClient';
import { CertificatePanel } from './views/certificatePanel';
import type { DecodedViewContext, RenderedView } from './views/certificateWebview';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MeshMtlsApi> {
  const outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const rendered = new vscode.EventEmitter<RenderedView>();
  context.subscriptions.push(outputChannel, rendered);
  const decodedViews: DecodedViewContext = { extensionUri: context.extensionUri, rendered };
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(CertificatePanel.viewType, CertificatePanel.serializer(decodedViews)));

  const languageClient = createLanguageClient(context, outputChannel);
  client = languageClient;
  registerCommands({ extension: context, client: languageClient, outputChannel, decodedViews });

  const workspaceIndexed = new Promise<WorkspaceIndexed>((resolve) => languageClient.onNotification(WorkspaceIndexedNotification, resolve));
  await languageClient.start();
  const serverStatus = () => languageClient.sendRequest<ServerStatus>(ServerStatusRequest);
  const status = await serverStatus();
  outputChannel.info(`Mesh mTLS language server ${status.version} is running (${status.kinds.length} kinds known).`);
  return { serverStatus, workspaceIndexed, onDidRenderDecodedView: rendered.event };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
