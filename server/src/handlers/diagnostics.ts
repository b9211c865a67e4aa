import { fileURLToPath } from 'node:url';
import { CodeLensRefreshRequest } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { AnalysisFinding } from '../analysis/finding';
import type { AnalysisSettings } from '../analysis/workspaceModel';
import { versionsOf } from '../settings';
import { diagnostic } from '../documents/diagnostic';
import { documentObjects } from '../service/certificates/documentObjects';
import { keyFileNames, certificateFileNames } from '../service/certificates/siblingFiles';
import { documentDiagnostics } from '../service/documentDiagnostics';
import { applyAnalysisSettings, type Session } from '../session';
import { logFailure } from './guard';
import { certificateContext } from './certificateContext';

/** Edits closer together than this are validated once; an opened document is validated at once. */
const EDIT_DEBOUNCE_MS = 75;

/** Publishes diagnostics whenever a document opens or changes, and clears them when it closes. */
export function registerDiagnostics(session: Session): void {
  const { connection, documents, cache, settings } = session;
  const pending = new Map<string, NodeJS.Timeout>();
  const justOpened = new Set<string>();

  const publish = async (document: TextDocument): Promise<void> => {
    // TextDocuments updates a document in place, so its version is read now: diagnostics of this
    // version go out only while it is still the open one, labelled with it, never with a later one.
    const version = document.version;
    const isCurrent = () => documents.get(document.uri) === document && document.version === version;
    const documentSettings = await settings.for(document.uri);
    // The document may have changed or closed while the settings, git or sibling files were read.
    if (!isCurrent()) return;
    const parsed = cache.get(document);
    const found = documentObjects(parsed);
    const context = documentSettings.validation.enable ? await certificateContext(session, document.uri, found, documentSettings) : undefined;
    // The workspace's findings are published only once the analysis has the workspace's settings.
    await session.analysisSettled;
    const current = documents.get(document.uri);
    if (!current || !isCurrent()) return;
    const versions = versionsOf(documentSettings);
    const diagnostics = context
      ? [
          ...documentDiagnostics(parsed, session.registry, context, versions),
          ...workspaceDiagnostics(session, document.uri, { ...documentSettings.analysis, versions }),
        ]
      : [];
    await connection.sendDiagnostics({ uri: current.uri, version, diagnostics });
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
  const schedule = (uri: string) => {
    cancel(uri);
    pending.set(
      uri,
      setTimeout(
        () =>
          logFailure(session, `Validation of ${uri}`, () => {
            pending.delete(uri);
            const current = documents.get(uri);
            if (current) publishNow(current);
          }),
        EDIT_DEBOUNCE_MS,
      ),
    );
  };
  session.recheck = (uris) => uris.forEach(schedule);
  documents.onDidChangeContent(({ document }) => {
    if (justOpened.delete(document.uri)) return; // TextDocuments reports an open as a change too
    schedule(document.uri);
    // An open certificate and its open key file check each other: editing one re-checks the other.
    for (const partner of openPartners(session, document.uri)) schedule(partner);
  });
  documents.onDidClose(({ document }) => {
    cancel(document.uri);
    justOpened.delete(document.uri);
    cache.evict(document.uri);
    settings.forget(document.uri);
    if (document.uri.startsWith('file:')) session.git.forget(fileURLToPath(document.uri));
    void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration((params) => {
    settings.changed((params as { settings?: unknown } | undefined)?.settings);
    // The analysis takes the new settings before anything is published against them.
    void applyAnalysisSettings(session);
    for (const document of documents.all()) publishNow(document);
    session.republishWorkspace();
    // meshMtls.codeLens.enable may have changed: the editor asks for lenses again.
    if (session.canRefreshCodeLens) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });
}

/**
 * What the cross-resource analysis found in this file (the workspace read as one cluster). With
 * workspace folders the analysis has their settings (see applyAnalysisSettings); a file opened
 * alone is read with its own.
 */
function workspaceDiagnostics(session: Session, uri: string, settings: AnalysisSettings): Diagnostic[] {
  if (session.folders.length === 0) session.analysis.setSettings(settings);
  return session.analysis.findingsFor(uri).map(analysisDiagnostic);
}

export function analysisDiagnostic(f: AnalysisFinding): Diagnostic {
  return diagnostic(f.range, SEVERITY[f.severity], f.code, f.message, f.fix);
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;

/** Open documents beside `uri` whose names pair them with it (cert.pem and key.pem, tls.crt and tls.key, …). */
export function openPartners(session: Session, uri: string): string[] {
  const slash = uri.lastIndexOf('/');
  const name = decodeURIComponent(uri.slice(slash + 1));
  const partners = new Set([...keyFileNames(name), ...certificateFileNames(name)].map((n) => uri.slice(0, slash + 1) + encodeURIComponent(n)));
  return session.documents.keys().filter((open) => partners.has(open));
}

function reportFailure(session: Session, uri: string) {
  return (error: unknown) => session.connection.console.error(`Validation of ${uri} failed: ${(error as Error)?.stack ?? String(error)}`);
}
