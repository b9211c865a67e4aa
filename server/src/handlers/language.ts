import { certificateHoverAt } from '../service/certificates/certificateHover';
import { documentObjects } from '../service/certificates/documentObjects';
import { completeAt } from '../service/completion';
import { hoverAt } from '../service/hover';
import { spireCompletionAt, spireHoverAt, spireSymbolsOf } from '../service/spireLanguage';
import { documentSymbols } from '../service/symbols';
import type { Session } from '../session';
import { versionsOf } from '../settings';
import { guardedRequest } from './guard';

/** Completion, hover and document symbols for YAML manifests and SPIRE configs; hover on certificates in any document. */
export function registerLanguageFeatures(session: Session): void {
  const { connection, documents, cache, registry, analysis } = session;
  const yamlOf = (uri: string) => {
    const document = documents.get(uri);
    const parsed = document && cache.get(document);
    return document && parsed?.yaml ? { document, yaml: parsed.yaml } : undefined;
  };
  connection.onCompletion(
    guardedRequest(
      session,
      'Completion',
      [],
      ({ textDocument, position }) => {
        const document = documents.get(textDocument.uri);
        const spire = document && spireCompletionAt(cache.get(document), position);
        if (spire) return spire;
        const found = yamlOf(textDocument.uri);
        // The workspace's values come from the index the cross-resource analysis reads.
        return found ? completeAt(found.document.getText(), found.yaml, found.document.offsetAt(position), registry, analysis) : [];
      },
      ['textDocument', 'position'],
    ),
  );
  connection.onHover(
    guardedRequest(
      session,
      'Hover',
      null,
      async ({ textDocument, position }) => {
        const versions = versionsOf(await session.settings.for(textDocument.uri));
        const document = documents.get(textDocument.uri);
        if (!document) return null;
        // Local times are shown in the server's zone, which is the user's when the server runs beside the editor.
        const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        const onCertificate = certificateHoverAt(documentObjects(cache.get(document)), position, new Date(), { timeZone });
        if (onCertificate) return onCertificate;
        const onSpire = spireHoverAt(cache.get(document), position);
        if (onSpire) return onSpire;
        const found = yamlOf(textDocument.uri);
        return found ? (hoverAt(found.yaml, found.document.offsetAt(position), registry, versions) ?? null) : null;
      },
      ['textDocument', 'position'],
    ),
  );
  connection.onDocumentSymbol(
    guardedRequest(
      session,
      'Document symbols',
      [],
      ({ textDocument }) => {
        const document = documents.get(textDocument.uri);
        const spire = document && spireSymbolsOf(cache.get(document));
        if (spire) return spire;
        const found = yamlOf(textDocument.uri);
        return found ? documentSymbols(found.yaml, registry) : [];
      },
      ['textDocument'],
    ),
  );
}
