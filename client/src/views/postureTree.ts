import * as vscode from 'vscode';
import type { PostureReport } from '../../../common/src/report/postureReport';
import { postureRows, type PostureRow, type RowTone } from '../posture/postureRows';

export const POSTURE_VIEW = 'meshMtls.posture';

/** The command a row naming a file runs, with arguments [file, line] as the report gives them. */
export const OPEN_POSTURE_PLACE = 'meshMtls.openPosturePlace';

const TONES: Record<RowTone, vscode.ThemeColor> = {
  error: new vscode.ThemeColor('list.errorForeground'),
  warning: new vscode.ThemeColor('list.warningForeground'),
  ok: new vscode.ThemeColor('testing.iconPassed'),
};

/** What the view needs of the language server, which holds the workspace model the report is computed from. */
export interface PostureSource {
  /** The report, or undefined when the server could not compute it (it logs why). */
  report(token: vscode.CancellationToken): Promise<PostureReport | undefined>;
}

/**
 * The Mesh Posture view: the posture report of the workspace as a tree. It asks the server again
 * when told the workspace changed, while it is visible; a change seen while hidden is read when
 * it shows again. A newer request cancels the one under way.
 */
export class PostureTree implements vscode.TreeDataProvider<PostureRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshed = new vscode.EventEmitter<PostureReport | undefined>();
  /** Fires with the report after each refresh has been read (undefined: the server failed), for the extension API. */
  readonly onDidRefresh = this.refreshed.event;
  private rows: PostureRow[] = [];
  private loading: vscode.CancellationTokenSource | undefined;
  private pending: Promise<PostureReport | undefined> | undefined;
  private view: vscode.TreeView<PostureRow> | undefined;
  private stale = true;

  constructor(private readonly source: PostureSource) {}

  attach(view: vscode.TreeView<PostureRow>): vscode.Disposable {
    this.view = view;
    return view.onDidChangeVisibility(({ visible }) => {
      if (visible && this.stale) void this.refresh();
    });
  }

  /** The workspace may have changed: read the report again now if the view shows, else when it does. */
  workspaceChanged(): void {
    this.stale = true;
    if (this.view?.visible) void this.refresh();
  }

  /** Asks the server for the report, cancelling a request still under way. */
  refresh(): Promise<PostureReport | undefined> {
    this.loading?.cancel();
    const loading = (this.loading = new vscode.CancellationTokenSource());
    this.stale = false;
    const request = this.source
      .report(loading.token)
      .catch(() => undefined)
      .then((report) => {
        if (loading.token.isCancellationRequested) return this.pending ?? report;
        this.rows = report ? postureRows(report) : [];
        this.updateMessage(report);
        this.changed.fire();
        this.refreshed.fire(report);
        return report;
      })
      .finally(() => loading.dispose());
    this.pending = request;
    return request;
  }

  /** The report the view shows, once the refresh under way (or the first) is done. */
  async report(): Promise<PostureReport | undefined> {
    return this.pending ?? this.refresh();
  }

  async getChildren(row?: PostureRow): Promise<PostureRow[]> {
    if (row) return row.children;
    if (!this.pending || this.stale) await this.refresh();
    else await this.pending;
    return this.rows;
  }

  getTreeItem(row: PostureRow): vscode.TreeItem {
    return postureTreeItem(row);
  }

  dispose(): void {
    this.loading?.cancel();
    this.changed.dispose();
    this.refreshed.dispose();
  }

  private updateMessage(report: PostureReport | undefined): void {
    if (!this.view) return;
    if (!report) this.view.message = 'The posture report could not be computed: see the Mesh mTLS output.';
    else if (report.namespaces.length === 0 && report.certificates.length === 0)
      this.view.message = 'No workloads, namespaces or certificates in this workspace\u2019s manifests and certificate files.';
    else this.view.message = undefined;
  }
}

export function postureTreeItem(row: PostureRow): vscode.TreeItem {
  const state =
    row.children.length === 0
      ? vscode.TreeItemCollapsibleState.None
      : row.expanded
        ? vscode.TreeItemCollapsibleState.Expanded
        : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(row.label, state);
  item.id = row.id;
  if (row.description) item.description = row.description;
  item.tooltip = row.tooltip ?? (row.description ? `${row.label}: ${row.description}` : row.label);
  item.iconPath = new vscode.ThemeIcon(row.icon, row.tone ? TONES[row.tone] : undefined);
  item.accessibilityInformation = { label: row.description ? `${row.label}, ${row.description}` : row.label };
  if (row.at) {
    item.command = { command: OPEN_POSTURE_PLACE, title: 'Open', arguments: [row.at.file, row.at.line] };
    item.contextValue = 'posture.place';
  }
  return item;
}
