import * as path from 'node:path';
import { PROJECT_CONFIG_FILE } from '../../../common/src/files/projectConfig';
import { fileURLToPath } from 'node:url';
import { CodeLensRefreshRequest, FileChangeType, type WorkspaceFolder } from 'vscode-languageserver/node';
import { mayHoldCertificates } from '../../../common/src/pem/certificateHints';
import { CertificateManifestsRequest, WorkspaceIndexedNotification, type CertificateManifests, type WorkspaceIndexed } from '../../../common/src/protocol';
import { forgetChart } from '../documents/helmChart';
import { forgetKustomizations } from '../documents/kustomize';
import { isYaml, parsedLength, parseYamlAt } from '../documents/parsedDocument';
import { openPartners } from './diagnostics';
import type { Session } from '../session';
import { resourcesOf } from '../analysis/resources';
import { findingsKey } from '../analysis/workspaceAnalysis';
import { analysisDiagnostic } from './diagnostics';
import { enabledPatterns, globMatcher } from '../workspace/globs';
import { factsOfResources } from '../analysis/workspaceValues';
import { DEFAULT_SCAN_LIMITS, readSmallFile, scanYamlFiles } from '../workspace/scan';

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

/**
 * Keeps the workspace index (namespaces, service accounts, labels) current: the folders are read
 * once after start-up, then open editors and changed files update it.
 */
export function registerWorkspaceIndex(session: Session, folders: () => WorkspaceFolder[]): void {
  const { connection, documents, cache, workspace, analysis } = session;
  // YAML files that look like they hold certificates: the Certificates view asks for them.
  const certificateManifests = new Set<string>();
  const noteCertificates = (uri: string, text: string) => (mayHoldCertificates(text) ? certificateManifests.add(uri) : certificateManifests.delete(uri));
  let scanned: () => void = () => undefined;
  const scanDone = new Promise<void>((resolve) => (scanned = resolve));
  connection.onRequest(CertificateManifestsRequest, async (): Promise<CertificateManifests> => {
    await scanDone;
    return { uris: [...certificateManifests].sort() };
  });
  const indexText = (uri: string, text: string) => {
    noteCertificates(uri, text);
    const resources = resourcesOf(uri, parseYamlAt(uri, text));
    workspace.set(uri, factsOfResources(resources));
    analysis.setFile(uri, resources);
  };
  // What each file was last told about the workspace, to republish only where it changed.
  const published = new Map<string, string>();
  /** Files not open in an editor that carry workspace findings: the Problems view lists them too. */
  const closedWithFindings = new Set<string>();
  let pending: NodeJS.Timeout | undefined;
  const analysisChanged = () => {
    clearTimeout(pending);
    pending = setTimeout(() => {
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
    }, ANALYSIS_DEBOUNCE_MS);
  };
  const indexing = new Map<string, NodeJS.Timeout>();
  const indexOpen = (uri: string) => {
    indexing.delete(uri);
    const document = documents.get(uri);
    const yaml = document && cache.get(document).yaml;
    if (!yaml) return;
    // The parse stops at the size bound (see sizePolicy.ts): so do the index and the probe.
    noteCertificates(uri, yaml.text.slice(0, parsedLength(yaml)));
    const resources = resourcesOf(uri, yaml);
    workspace.set(uri, factsOfResources(resources));
    analysis.setFile(uri, resources);
    analysisChanged();
  };
  documents.onDidOpen(({ document }) => closedWithFindings.delete(document.uri));
  documents.onDidClose(({ document }) => {
    clearTimeout(indexing.get(document.uri));
    indexing.delete(document.uri);
    published.delete(document.uri);
    // Unsaved edits die with the editor: the file on disk speaks for it again.
    if (!document.uri.startsWith('file:')) {
      analysis.deleteFile(document.uri);
      analysisChanged();
      return;
    }
    const file = fileURLToPath(document.uri);
    void readSmallFile(file, DEFAULT_SCAN_LIMITS.maxFileBytes, rootOf(file)).then((text) => {
      if (documents.get(document.uri)) return;
      if (text === undefined) analysis.deleteFile(document.uri);
      else indexText(document.uri, text);
      analysisChanged();
    });
  });

  // Paths the user keeps out of the workspace (files.exclude, meshMtls.analysis.exclude), per folder.
  let excluded: Array<{ root: string; matches: (relativePath: string) => boolean }> = [];
  // A file is read as the scan reads it: no link out of its workspace folder (or its own folder, outside any).
  const rootOf = (file: string) => excluded.find(({ root }) => file.startsWith(root + path.sep))?.root ?? path.dirname(file);
  const isExcluded = (file: string) =>
    excluded.some(({ root, matches }) => file.startsWith(root + path.sep) && matches(path.relative(root, file).split(path.sep).join('/')));

  connection.onInitialized(() => {
    const paths = folders().flatMap((folder) => (folder.uri.startsWith('file:') ? [{ uri: folder.uri, path: fileURLToPath(folder.uri) }] : []));
    void (async () => {
      excluded = await Promise.all(paths.map(async (folder) => ({ root: folder.path, matches: globMatcher(await excludePatterns(session, folder.uri)) })));
      let count = 0;
      for (const folder of excluded) {
        count += await scanYamlFiles(
          [folder.root],
          (uri, text) => {
            if (!documents.get(uri)) indexText(uri, text);
          },
          DEFAULT_SCAN_LIMITS,
          folder.matches,
        );
      }
      return count;
    })()
      .then(async (count) => {
        scanned();
        connection.console.log(`Indexed ${count} YAML files for completion and the cross-resource analysis.`);
        analysisChanged();
        await connection.sendNotification(WorkspaceIndexedNotification, { files: count } satisfies WorkspaceIndexed);
      })
      .catch((error: unknown) => {
        scanned();
        connection.console.error(`Reading the workspace failed: ${String(error)}`);
      });
  });
  documents.onDidChangeContent(({ document }) => {
    const { uri } = document;
    clearTimeout(indexing.get(uri));
    indexing.set(
      uri,
      setTimeout(() => {
        try {
          indexOpen(uri);
        } catch (error) {
          connection.console.error(`Indexing ${uri} failed: ${(error as Error)?.stack ?? String(error)}`);
        }
      }, INDEX_DEBOUNCE_MS),
    );
  });
  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const change of changes) {
      // A chart's values or helpers, or a kustomization, change how the files around them read.
      const context = readingContextOf(change.uri);
      if (context) {
        if (/kustomization\.ya?ml$|\/Kustomization$/.test(change.uri)) forgetKustomizations();
        else forgetChart(change.uri);
        const inside = (uri: string) => uri.startsWith(`${context}/`);
        for (const uri of documents.keys().filter(inside)) indexOpen(uri);
        session.recheck(documents.keys().filter(inside));
        for (const uri of workspace.uris().filter((u) => inside(u) && !documents.get(u) && u !== change.uri)) {
          const file = fileURLToPath(uri);
          const text = await readSmallFile(file, DEFAULT_SCAN_LIMITS.maxFileBytes, rootOf(file));
          if (text !== undefined) indexText(uri, text);
        }
      }
      // Whether git would commit a key depends on every .gitignore above it; whether a key
      // matches its certificate, on the file beside it.
      if (change.uri.endsWith(`/${PROJECT_CONFIG_FILE}`)) {
        // The target releases or analysis settings of every file below it may have changed.
        session.settings.forget();
        session.recheck(documents.keys());
        continue;
      }
      if (change.uri.endsWith('/.gitignore')) {
        session.git.forget();
        session.recheck(documents.keys());
      } else session.recheck(openPartners(session, change.uri));
      if (!isYaml(change.uri, '')) continue;
      if (change.type === FileChangeType.Deleted) {
        workspace.delete(change.uri);
        analysis.deleteFile(change.uri);
        certificateManifests.delete(change.uri);
      } else if (!documents.get(change.uri) && change.uri.startsWith('file:')) {
        if (isExcluded(fileURLToPath(change.uri))) continue;
        const file = fileURLToPath(change.uri);
        const text = await readSmallFile(file, DEFAULT_SCAN_LIMITS.maxFileBytes, rootOf(file));
        if (text !== undefined) indexText(change.uri, text);
      }
      analysisChanged();
      connection.console.log(`Indexed the change to ${change.uri}.`);
    }
  });
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
  if (name === 'kustomization.yaml' || name === 'kustomization.yml' || name === 'Kustomization') {
    let reach = folder;
    for (let i = 0; i < KUSTOMIZE_REACH && reach.lastIndexOf('/') > 'file://'.length; i++) reach = reach.slice(0, reach.lastIndexOf('/'));
    return reach;
  }
  return undefined;
}
