import { TextDocuments, type Connection, type WorkspaceFolder } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceAnalysis } from './analysis/workspaceAnalysis';
import { ParseCache } from './documents/parseCache';
import { createDefaultRegistry, type SchemaRegistry } from './schema/registry';
import { analysisScope, Settings, versionsOf } from './settings';
import { GitWorkTrees } from './workspace/gitWorkTree';

/** What every handler shares: the open documents, their parses, the schemas and the settings. */
export interface Session {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: ParseCache;
  registry: SchemaRegistry;
  settings: Settings;
  /** The workspace folders open now: those of initialize, then as the client adds and removes them. */
  folders: WorkspaceFolder[];
  /**
   * Every resource of the workspace's YAML files, read as one cluster by the cross-resource rules;
   * also the namespaces, service accounts and labels completion offers.
   */
  analysis: WorkspaceAnalysis;
  /**
   * Settles once the analysis has the workspace's settings (see applyAnalysisSettings): nothing
   * the analysis found is published before, so no finding is ever made against the defaults.
   */
  analysisSettled: Promise<void>;
  /** Whether the client accepts workspace/codeLens/refresh. */
  canRefreshCodeLens: boolean;
  /** Which files git would commit, for the unencrypted-key check. */
  git: GitWorkTrees;
  /** Checks open documents again soon (set by the diagnostics handler): a key file beside them or a .gitignore changed. */
  recheck: (uris: string[]) => void;
  /** Publishes the workspace findings again where they changed (set by the workspace handler). */
  republishWorkspace: () => void;
}

export function createSession(connection: Connection): Session {
  return {
    connection,
    documents: new TextDocuments(TextDocument),
    cache: new ParseCache(),
    registry: createDefaultRegistry(),
    settings: new Settings(connection),
    folders: [],
    analysis: new WorkspaceAnalysis(),
    // Replaced at `initialized`, before any document can be published (messages are handled in order).
    analysisSettled: Promise.resolve(),
    canRefreshCodeLens: false,
    git: new GitWorkTrees(),
    recheck: () => undefined,
    republishWorkspace: () => undefined,
  };
}

/**
 * Reads every workspace folder's settings (the editor's, then its `.mesh-mtls.yaml`) and gives
 * the first folder's to the analysis, which reads the workspace as one cluster with one trust
 * domain; a folder that sets another one is named in the log. Without a folder the documents' own
 * settings apply as they are published (see diagnostics.ts). Later publishes wait for this
 * through `analysisSettled`; the promise never rejects.
 */
export function applyAnalysisSettings(session: Session): Promise<void> {
  const folders = session.folders;
  const applied = Promise.all(folders.map((folder) => session.settings.for(analysisScope(folder.uri))))
    .then((all) => {
      const [first] = all;
      if (!first) return;
      session.analysis.setSettings({ ...first.analysis, versions: versionsOf(first) });
      const { trustDomain, rootNamespace } = first.analysis;
      const others = folders.filter((_, i) => all[i].analysis.trustDomain !== trustDomain || all[i].analysis.rootNamespace !== rootNamespace);
      if (others.length)
        session.connection.console.log(
          `${others.map((f) => f.name).join(', ')} set another trust domain or root namespace than ${folders[0].name}: the workspace is analysed as one cluster, with ${trustDomain} and ${rootNamespace}.`,
        );
    })
    .catch((error: unknown) => session.connection.console.error(`Reading the analysis settings failed: ${(error as Error)?.stack ?? String(error)}`));
  session.analysisSettled = applied;
  return applied;
}
