import type * as vscode from 'vscode';
import type { ServerStatus, WorkspaceIndexed } from '../../common/src/protocol';
import type { ListedCertificate } from './certificates/certificateList';
import type { DrawnHandshakePanel } from '../../common/src/webview/handshakeMessages';
import type { RenderedView } from './views/certificateWebview';
import type { HandshakeRunEnded } from './views/handshakePanel';

/**
 * What `activate()` returns. Tests and other extensions await `activate()` and then use this:
 * when it resolves, the language server has started and answered a request.
 */
export interface MeshMtlsApi {
  serverStatus(): Promise<ServerStatus>;
  /** Resolves when the server has read the workspace's YAML files (see WorkspaceIndexedNotification). */
  workspaceIndexed: Promise<WorkspaceIndexed>;
  /** Fires each time a decoded view's page (panel or DER editor) has drawn an object, with the title it shows. */
  onDidRenderDecodedView: vscode.Event<RenderedView>;
  /** Fires each time the handshake panel's page has drawn its state (files, a task under way, a result), with what its DOM shows. */
  onDidRenderHandshakePanel: vscode.Event<DrawnHandshakePanel>;
  /** Fires when a handshake test, the scenario matrix or an endpoint probe has ended and closed every socket it opened. */
  onDidEndHandshakeRun: vscode.Event<HandshakeRunEnded>;
  certificatesView: {
    /** The Certificates view's items in order, once every file change seen so far has been read. */
    items(): Promise<vscode.TreeItem[]>;
    /** Fires after each change to the list has been read. */
    onDidRefresh: vscode.Event<ListedCertificate[]>;
    badge(): vscode.ViewBadge | undefined;
  };
}
