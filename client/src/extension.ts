import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ServerStatusRequest, WorkspaceIndexedNotification, type ServerStatus, type WorkspaceIndexed } from '../../common/src/protocol';
import type { MeshMtlsApi } from './api';
import { registerCommands } from './commands';
import { createLanguageClient, OUTPUT_CHANNEL_NAME } from './languageClient';
import { CertificatePanel } from './views/certificatePanel';
import { CERTIFICATES_VIEW, CertificateTree } from './views/certificateTree';
import type { DecodedViewContext, RenderedView } from './views/certificateWebview';
import { registerDerEditor } from './views/derEditor';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MeshMtlsApi> {
  const outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const rendered = new vscode.EventEmitter<RenderedView>();
  context.subscriptions.push(outputChannel, rendered);
  const decodedViews: DecodedViewContext = { extensionUri: context.extensionUri, rendered };
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(CertificatePanel.viewType, CertificatePanel.serializer(decodedViews)), ...registerDerEditor(decodedViews));
  const certificateTree = new CertificateTree();
  const certificatesView = vscode.window.createTreeView(CERTIFICATES_VIEW, { treeDataProvider: certificateTree });
  certificateTree.attach(certificatesView);
  context.subscriptions.push(certificateTree, certificatesView);

  const languageClient = createLanguageClient(context, outputChannel);
  client = languageClient;
  registerCommands({ extension: context, client: languageClient, outputChannel, decodedViews, certificateTree });

  const workspaceIndexed = new Promise<WorkspaceIndexed>((resolve) => languageClient.onNotification(WorkspaceIndexedNotification, resolve));
  await languageClient.start();
  const serverStatus = () => languageClient.sendRequest<ServerStatus>(ServerStatusRequest);
  const status = await serverStatus();
  outputChannel.info(`Mesh mTLS language server ${status.version} is running (${status.kinds.length} kinds known).`);
  return {
    serverStatus,
    workspaceIndexed,
    onDidRenderDecodedView: rendered.event,
    certificatesView: {
      items: async () => (await certificateTree.entries()).map((entry) => certificateTree.getTreeItem(entry)),
      onDidRefresh: certificateTree.onDidRefresh,
      badge: () => certificatesView.badge,
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
