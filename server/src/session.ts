import { TextDocuments, type Connection } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ParseCache } from './documents/parseCache';
import { createDefaultRegistry, type SchemaRegistry } from './schema/registry';
import { Settings } from './settings';
import { SurroundingsCache } from './workspace/fileSurroundings';
import { WorkspaceIndex } from './workspace/workspaceValues';

/** What every handler shares: the open documents, their parses, the schemas and the settings. */
export interface Session {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  cache: ParseCache;
  registry: SchemaRegistry;
  settings: Settings;
  /** Namespaces, service accounts and labels of the workspace, for completion. */
  workspace: WorkspaceIndex;
  /** Sibling key files and git status of certificate files. */
  surroundings: SurroundingsCache;
  /** Whether the client accepts workspace/codeLens/refresh. */
  canRefreshCodeLens: boolean;
}

export function createSession(connection: Connection): Session {
  return {
    connection,
    documents: new TextDocuments(TextDocument),
    cache: new ParseCache(),
    registry: createDefaultRegistry(),
    settings: new Settings(connection),
    workspace: new WorkspaceIndex(),
    surroundings: new SurroundingsCache(),
    canRefreshCodeLens: false,
  };
}
