import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentDiagnostics } from '../service/documentDiagnostics';
import type { Session } from '../session';

/** Publishes diagnostics whenever a document opens or changes, and clears them when it closes. */
export function registerDiagnostics(session: Session): void {
  const { connection, documents, cache, settings } = session;

  const publish = async (document: TextDocument): Promise<void> => {
    const { validation } = await settings.for(document.uri);
    // The document may have changed or closed while the settings were fetched.
    const current = documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    const diagnostics = validation.enable ? documentDiagnostics(cache.get(current), session.registry) : [];
    await connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
  };

  documents.onDidChangeContent(({ document }) => void publish(document).catch(reportFailure(session, document.uri)));
  documents.onDidClose(({ document }) => {
    cache.evict(document.uri);
    settings.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(() => {
    settings.forget();
    for (const document of documents.all()) void publish(document).catch(reportFailure(session, document.uri));
  });
}

function reportFailure(session: Session, uri: string) {
  return (error: unknown) => session.connection.console.error(`Validation of ${uri} failed: ${(error as Error)?.stack ?? String(error)}`);
}
