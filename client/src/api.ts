import type * as vscode from 'vscode';
import type { ServerStatus, WorkspaceIndexed } from '../../common/src/protocol';
import type { ListedCertificate } from './certificates/certificateList';
import type { RenderedView } from './views/certificateWebview';

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
  certificatesView: {
    /** The Certificates view's items in order, once every file change seen so far has been read. */
    items(): Promise<vscode.TreeItem[]>;
    /** Fires after each change to the list has been read. */
    onDidRefresh: vscode.Event<ListedCertificate[]>;
    badge(): vscode.ViewBadge | undefined;
  };
}
