import type { ServerStatus, WorkspaceIndexed } from '../../common/src/protocol';

/**
 * What `activate()` returns. Tests and other extensions await `activate()` and then use this:
 * when it resolves, the language server has started and answered a request.
 */
export interface MeshMtlsApi {
  serverStatus(): Promise<ServerStatus>;
  /** Resolves when the server has read the workspace's YAML files (see WorkspaceIndexedNotification). */
  workspaceIndexed: Promise<WorkspaceIndexed>;
}
