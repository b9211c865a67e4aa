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
 * Reads the settings of the first workspace folder (the editor's, then its `.mesh-mtls.yaml`) and
 * gives them to the analysis, which reads the workspace as one cluster with one trust domain.
 * Without a folder the documents' own settings apply as they are published (see diagnostics.ts).
 * Later publishes wait for this through `analysisSettled`; the promise never rejects.
 */
export function applyAnalysisSettings(session: Session): Promise<void> {
  const folder = session.folders.find((f) => f.uri.startsWith('file:')) ?? session.folders[0];
  const applied = (folder ? session.settings.for(analysisScope(folder.uri)) : Promise.resolve(undefined))
    .then((settings) => {
      if (settings) session.analysis.setSettings({ ...settings.analysis, versions: versionsOf(settings) });
    })
    .catch((error: unknown) => session.connection.console.error(`Reading the analysis settings failed: ${(error as Error)?.stack ?? String(error)}`));
  session.analysisSettled = applied;
  return applied;
}
