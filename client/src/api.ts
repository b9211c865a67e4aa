import type * as vscode from 'vscode';
import type { ServerStatus, WorkspaceIndexed } from '../../common/src/protocol';
import type { ListedCertificate } from './certificates/certificateList';
import type { DrawnHandshakePanel } from '../../common/src/webview/handshakeMessages';
import type { RenderedView } from './views/certificateWebview';
import type { PostureReport } from '../../common/src/report/postureReport';
import type { PostureRow } from './posture/postureRows';
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
  postureView: {
    /** The report the Mesh Posture view shows, once the refresh under way is done (undefined: the server failed). */
    report(): Promise<PostureReport | undefined>;
    /** The rows under `parent` (the top ones without), with the tree items the view draws for them. */
    items(parent?: PostureRow): Promise<Array<{ row: PostureRow; item: vscode.TreeItem }>>;
    /** Fires after each refresh has been read. */
    onDidRefresh: vscode.Event<PostureReport | undefined>;
  };
}
