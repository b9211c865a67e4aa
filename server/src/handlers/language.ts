import { certificateHover } from '../service/certificates/certificateHover';
import { documentObjects } from '../service/certificates/documentObjects';
import { completeAt } from '../service/completion';
import { hoverAt } from '../service/hover';
import { documentSymbols } from '../service/symbols';
import type { Session } from '../session';

/** Completion, hover and document symbols for YAML manifests; hover on certificates in any document. */
export function registerLanguageFeatures(session: Session): void {
  const { connection, documents, cache, registry, workspace } = session;
  const yamlOf = (uri: string) => {
    const document = documents.get(uri);
    const parsed = document && cache.get(document);
    return document && parsed?.yaml ? { document, yaml: parsed.yaml } : undefined;
  };
  connection.onCompletion(({ textDocument, position }) => {
    const found = yamlOf(textDocument.uri);
    return found ? completeAt(found.document.getText(), found.yaml, found.document.offsetAt(position), registry, workspace) : [];
  });
  connection.onHover(({ textDocument, position }) => {
    const document = documents.get(textDocument.uri);
    if (!document) return null;
    const parsed = cache.get(document);
    const field = parsed.yaml ? hoverAt(parsed.yaml, document.offsetAt(position), registry) : undefined;
    return field ?? certificateHover(documentObjects(parsed), position, new Date()) ?? null;
  });
  connection.onDocumentSymbol(({ textDocument }) => {
    const found = yamlOf(textDocument.uri);
    return found ? documentSymbols(found.yaml, registry) : [];
  });
}
