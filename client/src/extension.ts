import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  CertificateManifestsRequest,
  PostureReportRequest,
  ServerStatusRequest,
  WorkspaceChangedNotification,
  WorkspaceIndexedNotification,
  type CertificateManifests,
  type PostureReport,
  type ServerStatus,
  type WorkspaceIndexed,
} from '../../common/src/protocol';
import type { MeshMtlsApi } from './api';
import { loadCertificates } from './certificates/loadCertificates';
import { registerCommands } from './commands';
import { createLanguageClient, OUTPUT_CHANNEL_NAME } from './languageClient';
import { CertificatePanel } from './views/certificatePanel';
import { CERTIFICATES_VIEW, CertificateTree } from './views/certificateTree';
import type { DecodedViewContext, RenderedView } from './views/certificateWebview';
import { registerDerEditor } from './views/derEditor';
import { HandshakePanel, type HandshakePanelContext } from './views/handshakePanel';
import { POSTURE_VIEW, PostureTree } from './views/postureTree';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<MeshMtlsApi> {
  const outputChannel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const rendered = new vscode.EventEmitter<RenderedView>();
  context.subscriptions.push(outputChannel, rendered);
  const decodedViews: DecodedViewContext = { extensionUri: context.extensionUri, rendered };
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(CertificatePanel.viewType, CertificatePanel.serializer(decodedViews)),
    ...registerDerEditor(decodedViews),
  );
  const languageClient = createLanguageClient(context, outputChannel);
  client = languageClient;
  const workspaceIndexed = new Promise<WorkspaceIndexed>((resolve) => languageClient.onNotification(WorkspaceIndexedNotification, resolve));
  const started = languageClient.start();
  // Manifests wait for the server, which alone reads certificates inside YAML; certificate files do not.
  const certificateTree = new CertificateTree({
    read: async (uri) => {
      await started;
      return loadCertificates(languageClient, uri, { log: outputChannel });
    },
    list: async () => {
      await started;
      const { uris } = await languageClient.sendRequest<CertificateManifests>(CertificateManifestsRequest);
      return uris.map((uri) => languageClient.protocol2CodeConverter.asUri(uri));
    },
  });
  const certificatesView = vscode.window.createTreeView(CERTIFICATES_VIEW, { treeDataProvider: certificateTree });
  certificateTree.attach(certificatesView);
  context.subscriptions.push(certificateTree, certificatesView);
  const handshakeViews: HandshakePanelContext = {
    extensionUri: context.extensionUri,
    certificateTree,
    rendered: new vscode.EventEmitter(),
    ended: new vscode.EventEmitter(),
  };
  context.subscriptions.push(
    handshakeViews.rendered,
    handshakeViews.ended,
    vscode.window.registerWebviewPanelSerializer(HandshakePanel.viewType, HandshakePanel.serializer(handshakeViews)),
  );
  const postureTree = new PostureTree({
    report: async (token) => {
      await started;
      return (await languageClient.sendRequest<PostureReport | null>(PostureReportRequest, token)) ?? undefined;
    },
  });
  const postureView = vscode.window.createTreeView(POSTURE_VIEW, { treeDataProvider: postureTree, showCollapseAll: true });
  context.subscriptions.push(
    postureTree,
    postureView,
    postureTree.attach(postureView),
    languageClient.onNotification(WorkspaceChangedNotification, () => postureTree.workspaceChanged()),
  );
  void workspaceIndexed.then(() => postureTree.workspaceChanged());
  registerCommands({ extension: context, client: languageClient, outputChannel, decodedViews, certificateTree, handshakeViews, postureTree });

  await started;
  const serverStatus = () => languageClient.sendRequest<ServerStatus>(ServerStatusRequest);
  const status = await serverStatus();
  outputChannel.info(`Mesh mTLS language server ${status.version} is running (${status.kinds.length} kinds known).`);
  return {
    serverStatus,
    workspaceIndexed,
    onDidRenderDecodedView: rendered.event,
    onDidRenderHandshakePanel: handshakeViews.rendered.event,
    onDidEndHandshakeRun: handshakeViews.ended.event,
    certificatesView: {
      items: async () => (await certificateTree.entries()).map((entry) => certificateTree.getTreeItem(entry)),
      onDidRefresh: certificateTree.onDidRefresh,
      badge: () => certificatesView.badge,
    },
    postureView: {
      report: () => postureTree.report(),
      items: async (parent) => (await postureTree.getChildren(parent)).map((row) => ({ row, item: postureTree.getTreeItem(row) })),
      onDidRefresh: postureTree.onDidRefresh,
    },
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
