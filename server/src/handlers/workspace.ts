import * as path from 'node:path';
import { PROJECT_CONFIG_FILE } from '../../../common/src/files/projectConfig';
import { fileURLToPath } from 'node:url';
import { CodeLensRefreshRequest, FileChangeType, type WorkspaceFolder, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver/node';
import { mayHoldCertificates } from '../../../common/src/pem/certificateHints';
import {
  CertificateManifestsRequest,
  WorkspaceChangedNotification,
  WorkspaceIndexedNotification,
  type CertificateManifests,
  type WorkspaceIndexed,
} from '../../../common/src/protocol';
import { forgetChart } from '../documents/helmChart';
import { forgetKustomizations, isKustomization } from '../documents/kustomize';
import { isYaml, parsedLength, parseYamlAt } from '../documents/parsedDocument';
import { openPartners } from './diagnostics';
import type { Session } from '../session';
import { resourcesOf } from '../analysis/resources';
import { findingsKey } from '../analysis/workspaceAnalysis';
import { analysisDiagnostic } from './diagnostics';
import { enabledPatterns, globMatcher } from '../workspace/globs';
import { DEFAULT_SCAN_LIMITS, readSmallFile, scanYamlFiles } from '../workspace/scan';
import { applyAnalysisSettings } from '../session';
import { guardedRequest, logFailure } from './guard';

/** files.exclude's patterns and our own extra ones for a folder; none when the client cannot be asked. */
async function excludePatterns(session: Session, scopeUri: string): Promise<string[]> {
  if (!session.settings.canPull) return [];
  try {
    const [files, ours] = (await session.connection.workspace.getConfiguration([
      { scopeUri, section: 'files.exclude' },
      { scopeUri, section: 'meshMtls.analysis.exclude' },
    ])) as unknown[];
    return [...enabledPatterns(files), ...(Array.isArray(ours) ? ours.filter((p): p is string => typeof p === 'string') : [])];
  } catch {
    return [];
  }
}

/** Edits closer together than this are analysed once across the workspace. */
const ANALYSIS_DEBOUNCE_MS = 60;
/**
 * Edits of one document closer together than this update the index once, from the latest version:
 * indexing a big file costs a parse, and a burst of keystrokes must not queue one each. Shorter
 * than validation's wait, so the diagnostics of an edit already see its resources.
 */
const INDEX_DEBOUNCE_MS = 50;

/** What other handlers read of the index beyond the analysis itself (the posture report). */
export interface WorkspaceIndex {
  /** The workspace's YAML files that look like they hold certificates, once the start-up scan is done. */
  certificateManifests(): Promise<string[]>;
  /** Whether a file of a workspace folder is kept out of the workspace (files.exclude, meshMtls.analysis.exclude). */
  isExcluded(file: string): boolean;
  /** The text indexed for a file no editor has open (undefined for open ones: their editor holds it). */
  closedText(uri: string): string | undefined;
}

/**
 * Keeps the workspace index (the resources the cross-resource rules and completion read) current:
 * the folders are read once after start-up and whenever the client adds one, then open editors and
 * changed files update it. `watchFolders`: whether the client reports folders added and removed.
 */
export function registerWorkspaceIndex(session: Session, watchFolders: () => boolean): WorkspaceIndex {
  const { connection, documents, cache, analysis } = session;
  // YAML files that look like they hold certificates: the Certificates view asks for them.
  const certificateManifests = new Set<string>();
  const noteCertificates = (uri: string, text: string) => (mayHoldCertificates(text) ? certificateManifests.add(uri) : certificateManifests.delete(uri));
  let scanned: () => void = () => undefined;
  let indexed = false;
  const scanDone = new Promise<void>((resolve) => (scanned = resolve));
  const manifestsScanned = async () => {
    await scanDone;
    return [...certificateManifests].sort();
  };
  connection.onRequest(
    CertificateManifestsRequest,
    guardedRequest(session, 'Listing certificate manifests', { uris: [] }, async (): Promise<CertificateManifests> => ({ uris: await manifestsScanned() })),
  );
  // What the index read of each file no editor has open. Its resources keep slices of the same
  // string, so holding it costs nothing more; the posture report counts its own findings from it.
  const closedTexts = new Map<string, string>();
  const forgetFile = (uri: string) => {
    analysis.deleteFile(uri);
    closedTexts.delete(uri);
  };
  const indexText = (uri: string, text: string) => {
    closedTexts.set(uri, text);
    noteCertificates(uri, text);
    analysis.setFile(uri, resourcesOf(uri, parseYamlAt(uri, text)));
  };
  // What each file was last told about the workspace, to republish only where it changed.
  const published = new Map<string, string>();
  /** Files not open in an editor that carry workspace findings: the Problems view lists them too. */
  const closedWithFindings = new Set<string>();
  let pending: NodeJS.Timeout | undefined;
  const publishAnalysis = async () => {
    // Nothing is published against settings the analysis does not have yet.
    await session.analysisSettled;
    const open = new Set(documents.keys());
    const changed = [...open].filter((uri) => {
      const key = findingsKey(analysis.findingsFor(uri));
      if (published.get(uri) === key) return false;
      published.set(uri, key);
      return true;
    });
    if (changed.length) session.recheck(changed);
    // Closed files get their workspace findings alone (their own checks run when they open).
    const { byUri } = analysis.result();
    for (const uri of new Set([...byUri.keys(), ...closedWithFindings])) {
      if (open.has(uri)) continue;
      const findings = byUri.get(uri) ?? [];
      const key = findingsKey(findings);
      if (published.get(uri) === key) continue;
      published.set(uri, key);
      if (findings.length) closedWithFindings.add(uri);
      else closedWithFindings.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: findings.map(analysisDiagnostic) });
    }
    // The effective-mTLS lenses of other open files may read differently now (the edited one's
    // lenses the editor asks for again by itself).
    if (session.canRefreshCodeLens && open.size > 1) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    // Nothing is said before the start-up scan: the client hears WorkspaceIndexedNotification then.
    if (indexed) void connection.sendNotification(WorkspaceChangedNotification).catch(() => undefined);
  };
  /** The target releases or analysis settings of any file may have changed: all are checked again. */
  const rejudge = () => {
    session.settings.forget();
    void applyAnalysisSettings(session);
    session.recheck(documents.keys());
  };
  const analysisChanged = () => {
    // The SPIRE release the images name is a setting too: taken at once, so that nothing opened
    // from now on is judged at the one before.
    if (session.settings.takeSpireImages(analysis.spireImages())) rejudge();
    clearTimeout(pending);
    pending = setTimeout(() => logFailure(session, 'Publishing the workspace analysis', publishAnalysis), ANALYSIS_DEBOUNCE_MS);
  };
  session.republishWorkspace = analysisChanged;
  const indexing = new Map<string, NodeJS.Timeout>();
  /** The version of each open document the index holds. */
  const indexedVersions = new Map<string, number>();
  const indexOpen = (uri: string) => {
    indexing.delete(uri);
    const document = documents.get(uri);
    const yaml = document && cache.get(document).yaml;
    if (!yaml) return;
    indexedVersions.set(uri, document.version);
    // The parse stops at the size bound (see sizePolicy.ts): so do the index and the probe.
    noteCertificates(uri, yaml.text.slice(0, parsedLength(yaml)));
    // The editor's parse cache keeps this parse while the document is open.
    analysis.setFile(uri, resourcesOf(uri, yaml, true));
    closedTexts.delete(uri);
    analysisChanged();
  };
  /** Whether a file is outside every workspace folder (with no folder at all, nothing is). */
  const isOutside = (uri: string) => session.folders.length > 0 && !session.folders.some((f) => isInside(uri, f));
  documents.onDidOpen(({ document }) => {
    closedWithFindings.delete(document.uri);
    // At once, not after the edit wait: the first diagnostics of an opened file include what the
    // workspace analysis finds in it (its publish reads the index after awaiting its settings).
    logFailure(session, `Indexing ${document.uri}`, () => indexOpen(document.uri));
  });
  documents.onDidClose(({ document }) => {
    clearTimeout(indexing.get(document.uri));
    indexing.delete(document.uri);
    indexedVersions.delete(document.uri);
    published.delete(document.uri);
    // Unsaved edits die with the editor: the file on disk speaks for it again, if it belongs to
    // the workspace (a file opened from outside it, or from a folder removed meanwhile, leaves).
    if (!document.uri.startsWith('file:') || isOutside(document.uri)) {
      forgetFile(document.uri);
      analysisChanged();
      return;
    }
    const file = fileURLToPath(document.uri);
    logFailure(session, `Reading ${document.uri} again`, () =>
      readSmallFile(file, DEFAULT_SCAN_LIMITS.maxFileBytes, rootOf(file)).then((text) => {
        if (documents.get(document.uri)) return;
        if (text === undefined) forgetFile(document.uri);
        else indexText(document.uri, text);
        analysisChanged();
      }),
    );
  });

  // Paths the user keeps out of the workspace (files.exclude, meshMtls.analysis.exclude), per folder.
  let excluded: Array<{ root: string; matches: (relativePath: string) => boolean }> = [];
  // A file is read as the scan reads it: no link out of its workspace folder (or its own folder, outside any).
  const rootOf = (file: string) => excluded.find(({ root }) => file.startsWith(root + path.sep))?.root ?? path.dirname(file);
  const isExcluded = (file: string) =>
    excluded.some(({ root, matches }) => file.startsWith(root + path.sep) && matches(path.relative(root, file).split(path.sep).join('/')));

  /** Reads a folder's YAML files into the index, with the folder's exclusions. */
  const scanFolder = async (folder: WorkspaceFolder): Promise<number> => {
    if (!folder.uri.startsWith('file:')) return 0;
    const root = fileURLToPath(folder.uri);
    const matches = globMatcher(await excludePatterns(session, folder.uri));
    excluded = [...excluded.filter((e) => e.root !== root), { root, matches }];
    const index = (uri: string, text: string) => {
      if (!documents.get(uri)) indexText(uri, text);
    };
    return scanYamlFiles([root], index, DEFAULT_SCAN_LIMITS, matches);
  };
  /** Takes a removed folder's files out of the index (those no editor has open and no other folder holds), clearing what was published for them. */
  const forgetFolder = (folder: WorkspaceFolder) => {
    if (folder.uri.startsWith('file:')) excluded = excluded.filter((e) => e.root !== fileURLToPath(folder.uri));
    for (const uri of analysis.uris()) {
      if (!isInside(uri, folder) || documents.get(uri) || session.folders.some((f) => isInside(uri, f))) continue;
      forgetFile(uri);
      certificateManifests.delete(uri);
      published.delete(uri);
      if (closedWithFindings.delete(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  };
  // Scans and folder changes run one after the other, so that a folder removed while it is read ends up out.
  let queue = Promise.resolve();
  const enqueue = (what: string, task: () => Promise<void>) => {
    queue = queue.then(task).catch((error: unknown) => connection.console.error(`${what} failed: ${(error as Error)?.stack ?? String(error)}`));
  };
  const changeFolders = ({ added, removed }: WorkspaceFoldersChangeEvent) =>
    enqueue('Changing the workspace folders', async () => {
      session.folders = [...session.folders.filter((f) => !removed.some((r) => r.uri === f.uri)), ...added];
      removed.forEach(forgetFolder);
      // The analysis reads the settings of the first folder (another one may be first now), and names a new one that differs.
      void applyAnalysisSettings(session);
      let count = 0;
      for (const folder of added) count += await scanFolder(folder);
      connection.console.log(`Workspace folders changed: ${added.length} added (${count} YAML files indexed), ${removed.length} removed.`);
      analysisChanged();
    });

  connection.onInitialized(() => {
    // Before anything is read or published: the analysis checks against the workspace's settings.
    void applyAnalysisSettings(session);
    if (watchFolders()) connection.workspace.onDidChangeWorkspaceFolders(changeFolders);
    enqueue('Reading the workspace', async () => {
      let count = 0;
      try {
        for (const folder of session.folders) count += await scanFolder(folder);
      } finally {
        indexed = true;
        scanned();
      }
      connection.console.log(`Indexed ${count} YAML files for completion and the cross-resource analysis.`);
      analysisChanged();
      await connection.sendNotification(WorkspaceIndexedNotification, { files: count } satisfies WorkspaceIndexed);
    });
  });
  documents.onDidChangeContent(({ document }) => {
    const { uri } = document;
    // TextDocuments reports an open as a change too: that version is indexed already.
    if (indexedVersions.get(uri) === document.version) return;
    clearTimeout(indexing.get(uri));
    indexing.set(
      uri,
      setTimeout(() => logFailure(session, `Indexing ${uri}`, () => indexOpen(uri)), INDEX_DEBOUNCE_MS),
    );
  });
  const watchedFilesChanged = async (changes: Array<{ uri: string; type: FileChangeType }>) => {
    for (const change of changes) {
      // A chart's values or helpers, or a kustomization, change how the files around them read.
      const context = readingContextOf(change.uri);
      if (context) {
        if (isKustomization(change.uri)) forgetKustomizations();
        else forgetChart(change.uri);
        const inside = (uri: string) => uri.startsWith(`${context}/`);
        for (const uri of documents.keys().filter(inside)) indexOpen(uri);
        session.recheck(documents.keys().filter(inside));
        for (const uri of analysis.uris().filter((u) => inside(u) && !documents.get(u) && u !== change.uri)) {
          const file = fileURLToPath(uri);
          const text = await readSmallFile(file, DEFAULT_SCAN_LIMITS.maxFileBytes, rootOf(file));
          if (text !== undefined) indexText(uri, text);
        }
      }
      // Whether git would commit a key depends on every .gitignore above it; whether a key
      // matches its certificate, on the file beside it.
      if (change.uri.endsWith(`/${PROJECT_CONFIG_FILE}`)) {
        // The target releases or analysis settings of every file below it may have changed.
        rejudge();
        analysisChanged();
        continue;
      }
      if (change.uri.endsWith('/.gitignore')) {
        session.git.forget();
        session.recheck(documents.keys());
      } else session.recheck(openPartners(session, change.uri));
      if (!isYaml(change.uri, '')) {
        // A certificate file: nothing to index, but the posture report's expiry timeline reads it.
        analysisChanged();
        continue;
      }
      if (change.type === FileChangeType.Deleted) {
        forgetFile(change.uri);
        certificateManifests.delete(change.uri);
      } else if (!documents.get(change.uri) && change.uri.startsWith('file:')) {
        // A watcher may report files of folders no longer in the workspace: they stay out.
        if (isExcluded(fileURLToPath(change.uri)) || isOutside(change.uri)) continue;
        const file = fileURLToPath(change.uri);
        const text = await readSmallFile(file, DEFAULT_SCAN_LIMITS.maxFileBytes, rootOf(file));
        if (text !== undefined) indexText(change.uri, text);
      }
      analysisChanged();
      connection.console.log(`Indexed the change to ${change.uri}.`);
    }
  };
  connection.onDidChangeWatchedFiles(({ changes }) => logFailure(session, 'Indexing changed files', () => watchedFilesChanged(changes)));
  return { certificateManifests: manifestsScanned, isExcluded, closedText: (uri) => (documents.get(uri) ? undefined : closedTexts.get(uri)) };
}

/** Whether the file `uri` is below the workspace folder. */
function isInside(uri: string, folder: WorkspaceFolder): boolean {
  return uri.startsWith(`${folder.uri.replace(/\/+$/, '')}/`);
}

/** What kustomize reads a kustomization for: its resources and patches, up to this many folders above it (overlays name `../../base`). */
const KUSTOMIZE_REACH = 2;

/**
 * The folder (as a URI) whose files read differently when `uri` changes: a chart's root for its
 * Chart.yaml, values.yaml or a helper (`templates/*.tpl`), the tree a kustomization builds from
 * for a kustomization; undefined for any other file.
 */
export function readingContextOf(uri: string): string | undefined {
  const slash = uri.lastIndexOf('/');
  const name = uri.slice(slash + 1);
  const folder = uri.slice(0, slash);
  if (name === 'Chart.yaml' || name === 'values.yaml') return folder;
  if (name.endsWith('.tpl') && folder.endsWith('/templates')) return folder.slice(0, folder.lastIndexOf('/'));
  if (isKustomization(uri)) {
    let reach = folder;
    for (let i = 0; i < KUSTOMIZE_REACH && reach.lastIndexOf('/') > 'file://'.length; i++) reach = reach.slice(0, reach.lastIndexOf('/'));
    return reach;
  }
  return undefined;
}
