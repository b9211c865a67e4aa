import { CodeLensRefreshRequest } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentDiagnostics } from '../service/documentDiagnostics';
import type { Session } from '../session';

/** Edits closer together than this are validated once; an opened document is validated at once. */
const EDIT_DEBOUNCE_MS = 75;

/** Publishes diagnostics whenever a document opens or changes, and clears them when it closes. */
export function registerDiagnostics(session: Session): void {
  const { connection, documents, cache, settings } = session;
  const pending = new Map<string, NodeJS.Timeout>();
  const justOpened = new Set<string>();

  const publish = async (document: TextDocument): Promise<void> => {
    const { validation, certificates } = await settings.for(document.uri);
    // The document may have changed or closed while the settings were fetched.
    const current = documents.get(document.uri);
    if (!current || current.version !== document.version) return;
    const options = { now: new Date(), expiringSoonDays: certificates.expiringSoonDays, ...session.surroundings.for(current.uri) };
    const diagnostics = validation.enable ? documentDiagnostics(cache.get(current), session.registry, options) : [];
    await connection.sendDiagnostics({ uri: current.uri, version: current.version, diagnostics });
  };
  const publishNow = (document: TextDocument) => void publish(document).catch(reportFailure(session, document.uri));
  const cancel = (uri: string) => {
    clearTimeout(pending.get(uri));
    pending.delete(uri);
  };

  documents.onDidOpen(({ document }) => {
    justOpened.add(document.uri);
    publishNow(document);
  });
  documents.onDidChangeContent(({ document }) => {
    if (justOpened.delete(document.uri)) return; // TextDocuments reports an open as a change too
    cancel(document.uri);
    pending.set(
      document.uri,
      setTimeout(() => {
        pending.delete(document.uri);
        const current = documents.get(document.uri);
        if (current) publishNow(current);
      }, EDIT_DEBOUNCE_MS),
    );
  });
  documents.onDidClose(({ document }) => {
    cancel(document.uri);
    justOpened.delete(document.uri);
    cache.evict(document.uri);
    settings.forget(document.uri);
    session.surroundings.forget(document.uri);
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(() => {
    settings.forget();
    for (const document of documents.all()) publishNow(document);
    // meshMtls.codeLens.enable may have changed: the editor asks for lenses again.
    if (session.canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
}

function reportFailure(session: Session, uri: string) {
  return (error: unknown) => session.connection.console.error(`Validation of ${uri} failed: ${(error as Error)?.stack ?? String(error)}`);
}
