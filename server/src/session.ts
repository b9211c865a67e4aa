import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WorkspaceAnalysis } from './analysis/workspaceAnalysis';
import { ParseCache } from './documents/parseCache';
import { createDefaultRegistry, type SchemaRegistry } from './schema/registry';
import { Settings } from './settings';
import { GitWorkTrees } from './workspace/gitWorkTree';
import { WorkspaceIndex } from './analysis/workspaceValues';

/** What every handler shares: the open documents, their parses, the schemas and the settings. */
export interface Session {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: ParseCache;
  registry: SchemaRegistry;
  settings: Settings;
  /** Namespaces, service accounts and labels of the workspace, for completion. */
  workspace: WorkspaceIndex;
  /** Every resource of the workspace's YAML files, read as one cluster by the cross-resource rules. */
  analysis: WorkspaceAnalysis;
  /** Whether the client accepts workspace/codeLens/refresh. */
  canRefreshCodeLens: boolean;
  /** Which files git would commit, for the unencrypted-key check. */
  git: GitWorkTrees;
  /** Checks open documents again soon (set by the diagnostics handler): a key file beside them or a .gitignore changed. */
  recheck: (uris: string[]) => void;
}

export function createSession(connection: Connection): Session {
  return {
    connection,
    documents: new TextDocuments(TextDocument),
    cache: new ParseCache(),
    registry: createDefaultRegistry(),
    settings: new Settings(connection),
    workspace: new WorkspaceIndex(),
    analysis: new WorkspaceAnalysis(),
    canRefreshCodeLens: false,
    git: new GitWorkTrees(),
    recheck: () => undefined,
  };
}
