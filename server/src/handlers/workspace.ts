import { fileURLToPath } from 'node:url';
import { FileChangeType, type WorkspaceFolder } from 'vscode-languageserver/node';
import { WorkspaceIndexedNotification, type WorkspaceIndexed } from '../../../common/src/protocol';
import { isYaml, parseYaml } from '../documents/parsedDocument';
import { openPartners } from './diagnostics';
import type { Session } from '../session';
import { factsOf } from '../workspace/workspaceValues';
import { DEFAULT_SCAN_LIMITS, readSmallFile, scanYamlFiles } from '../workspace/scan';

/**
 * Keeps the workspace index (namespaces, service accounts, labels) current: the folders are read
 * once after start-up, then open editors and changed files update it.
 */
export function registerWorkspaceIndex(session: Session, folders: () => WorkspaceFolder[]): void {
  const { connection, documents, cache, workspace } = session;
  const indexText = (uri: string, text: string) => workspace.set(uri, factsOf(parseYaml(text)));

  connection.onInitialized(() => {
    const paths = folders().flatMap((folder) => (folder.uri.startsWith('file:') ? [fileURLToPath(folder.uri)] : []));
    void scanYamlFiles(paths, (uri, text) => {
      if (!documents.get(uri)) indexText(uri, text);
    })
      .then(async (count) => {
        connection.console.log(`Indexed ${count} YAML files for completion.`);
        await connection.sendNotification(WorkspaceIndexedNotification, { files: count } satisfies WorkspaceIndexed);
      })
      .catch((error: unknown) => connection.console.error(`Reading the workspace failed: ${String(error)}`));
  });
  documents.onDidChangeContent(({ document }) => {
    const yaml = cache.get(document).yaml;
    if (yaml) workspace.set(document.uri, factsOf(yaml));
  });
  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    for (const change of changes) {
      // Whether git would commit a key depends on every .gitignore above it; whether a key
      // matches its certificate, on the file beside it.
      if (change.uri.endsWith('/.gitignore')) {
        session.git.forget();
        session.recheck(documents.keys());
      } else session.recheck(openPartners(session, change.uri));
      if (!isYaml(change.uri, '')) continue;
      if (change.type === FileChangeType.Deleted) workspace.delete(change.uri);
      else if (!documents.get(change.uri) && change.uri.startsWith('file:')) {
        const text = await readSmallFile(fileURLToPath(change.uri), DEFAULT_SCAN_LIMITS.maxFileBytes);
        if (text !== undefined) indexText(change.uri, text);
      }
      connection.console.log(`Indexed the change to ${change.uri}.`);
    }
  });
}
