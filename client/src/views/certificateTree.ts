import * as path from 'node:path';
import * as vscode from 'vscode';
import { DecodeCertificateCommand } from '../../../common/src/protocol';
import type { ExpiryStatus } from '../../../common/src/time/expiryStatus';
import { mayHoldCertificates } from '../../../common/src/pem/certificateHints';
import { attentionCount, CERTIFICATE_FILE_GLOB, listedFacts, MANIFEST_FILE_GLOB, sortByExpiry, type ListedCertificate } from '../certificates/certificateList';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { fileObjects } from '../certificates/fileObjects';
import type { LocatedObject, LocatedObjects } from '../certificates/located';
import { readWorkspaceFile } from '../certificates/workspaceFile';
import { expiringSoonDays } from '../settings';

export const CERTIFICATES_VIEW = 'meshMtls.certificates';

const MAX_FILES = 5000;

const ICONS: Record<ExpiryStatus, vscode.ThemeIcon> = {
  expired: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  'not-yet-valid': new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground')),
  'expiring-soon': new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')),
  valid: new vscode.ThemeIcon('verified'),
};

/** What the view needs of the language server, which alone reads certificates inside YAML. */
export interface ManifestSource {
  /** A manifest's certificates. */
  read(uri: vscode.Uri): Promise<LocatedObjects>;
  /** The workspace's manifests that may hold certificates: the server has read them all already. */
  list(): Promise<vscode.Uri[]>;
}

/**
 * The explorer's Certificates view: every certificate in the workspace's certificate files and
 * manifests (Secrets, ConfigMaps, Helm values), soonest expiry first. Files are read once at start,
 * then one by one as they change. Certificate files are decoded here, in the client, since most of
 * them are never opened in an editor; manifests that look like they hold one are asked of the server.
 */
export class CertificateTree implements vscode.TreeDataProvider<ListedCertificate>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshed = new vscode.EventEmitter<ListedCertificate[]>();
  /** Fires with the sorted list after each change is read, for the extension API. */
  readonly onDidRefresh = this.refreshed.event;
  private readonly byFile = new Map<string, ListedCertificate[]>();
  private sorted: ListedCertificate[] = [];
  private pending: Promise<void>;
  private readonly disposables: vscode.Disposable[] = [];
  private view: vscode.TreeView<ListedCertificate> | undefined;

  constructor(private readonly manifests: ManifestSource) {
    for (const glob of [CERTIFICATE_FILE_GLOB, MANIFEST_FILE_GLOB]) {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      this.disposables.push(
        watcher,
        watcher.onDidCreate((uri) => this.update(() => this.readFile(uri))),
        watcher.onDidChange((uri) => this.update(() => this.readFile(uri))),
        watcher.onDidDelete((uri) => this.update(async () => void this.byFile.delete(uri.toString()))),
      );
    }
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.update(() => this.readAll())),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('meshMtls.certificates.expiringSoonDays')) this.update(async () => undefined);
        else if (event.affectsConfiguration('files.exclude')) this.update(() => this.readAll());
      }),
      this.changed,
      this.refreshed,
    );
    this.pending = Promise.resolve();
    this.update(() => this.readAll());
  }

  attach(view: vscode.TreeView<ListedCertificate>): void {
    this.view = view;
    this.updateBadge();
  }

  /** The list as it stands once every change seen so far has been read. */
  async entries(): Promise<ListedCertificate[]> {
    await this.pending;
    return this.sorted;
  }

  /**
   * Reads files this extension has just written (minted certificates) without waiting for the
   * file watcher, which can miss files landing in a folder created a moment before, as
   * `.mesh-mtls/<name>/` is (seen in code-server with a nested folder made by mkdir -p).
   */
  filesWritten(uris: vscode.Uri[]): Promise<ListedCertificate[]> {
    const inWorkspace = uris.filter((uri) => vscode.workspace.getWorkspaceFolder(uri) !== undefined);
    this.update(async () => void (await Promise.all(inWorkspace.map((uri) => this.readFile(uri)))));
    return this.entries();
  }

  refresh(): Promise<ListedCertificate[]> {
    this.update(() => this.readAll());
    return this.entries();
  }

  async getChildren(element?: ListedCertificate): Promise<ListedCertificate[]> {
    return element ? [] : this.entries();
  }

  getTreeItem(entry: ListedCertificate): vscode.TreeItem {
    return certificateTreeItem(entry, new Date(), expiringSoonDays(vscode.Uri.parse(entry.uri)));
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }

  /** Changes are read one after another, so a slow full scan never overwrites a newer file read. */
  private update(read: () => Promise<void>): void {
    this.pending = this.pending
      .then(read)
      .catch(() => undefined)
      .then(() => {
        this.sorted = sortByExpiry([...this.byFile.values()].flat());
        this.updateBadge();
        this.changed.fire();
        this.refreshed.fire(this.sorted);
      });
  }

  private async readAll(): Promise<void> {
    // `undefined` as the exclude pattern applies files.exclude, as the explorer does.
    // A server that cannot answer leaves the manifests out, not the certificate files.
    const [files, manifests] = await Promise.all([
      vscode.workspace.findFiles(CERTIFICATE_FILE_GLOB, undefined, MAX_FILES),
      this.manifests.list().catch(() => []),
    ]);
    this.byFile.clear();
    await Promise.all([...files.map((uri) => this.readFile(uri)), ...manifests.map((uri) => this.readFile(uri, true))]);
  }

  /** `known`: a manifest the server already said may hold certificates, so it need not be read here. */
  private async readFile(uri: vscode.Uri, known = false): Promise<void> {
    const key = uri.toString();
    try {
      const fileName = vscode.workspace.asRelativePath(uri);
      const manifest = /\.ya?ml$/i.test(uri.path);
      let objects: LocatedObject[] = [];
      if (manifest && known) objects = (await this.manifests.read(uri)).objects;
      else {
        const bytes = await readWorkspaceFile(uri, READ_CAPS.certificateBundle);
        if (!manifest) objects = fileObjects(bytes, path.posix.basename(uri.path));
        else if (mayHoldCertificates(new TextDecoder().decode(bytes))) objects = (await this.manifests.read(uri)).objects;
      }
      const listed = objects.flatMap((object, index): ListedCertificate[] => {
        if (object.decoded.kind !== 'certificate') return [];
        const entry: ListedCertificate = { uri: key, fileName, line: object.startLine, index, certificate: object.decoded };
        if (manifest) entry.source = object.source;
        return [entry];
      });
      if (listed.length > 0) this.byFile.set(key, listed);
      else this.byFile.delete(key);
    } catch {
      // Gone between the listing and the read, or unreadable: it holds nothing to list.
      this.byFile.delete(key);
    }
  }

  private updateBadge(): void {
    if (!this.view) return;
    const days = expiringSoonDays();
    const { expired, soon } = attentionCount(this.sorted, new Date(), days);
    const parts = [expired ? `${expired} expired` : '', soon ? `${soon} expiring within ${days} days` : ''].filter(Boolean);
    this.view.badge = parts.length ? { value: expired + soon, tooltip: parts.join(', ') } : undefined;
    this.view.message =
      this.sorted.length === 0
        ? 'No certificates in this workspace\u2019s .pem, .crt, .cer, .cert, .ca-bundle or .der files, nor in its manifests.'
        : undefined;
  }
}

export function certificateTreeItem(entry: ListedCertificate, now: Date, soonDays: number): vscode.TreeItem {
  const facts = listedFacts(entry, now, soonDays);
  const item = new vscode.TreeItem(facts.label, vscode.TreeItemCollapsibleState.None);
  item.description = facts.description;
  item.tooltip = facts.tooltip.join('\n');
  item.iconPath = ICONS[facts.status];
  item.id = `${entry.uri}#${entry.line ?? 0}#${entry.index ?? 0}#${entry.certificate.fingerprints.sha256}`;
  item.contextValue = `certificate.${facts.status}`;
  item.command = { command: DecodeCertificateCommand, title: 'Decode Certificate', arguments: [vscode.Uri.parse(entry.uri), entry.line, entry.index] };
  item.accessibilityInformation = { label: `${facts.label}, ${facts.status.replace(/-/g, ' ')}, ${facts.description}` };
  return item;
}
