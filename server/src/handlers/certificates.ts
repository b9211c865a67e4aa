import { DocumentCertificatesRequest, type DocumentCertificates, type DocumentCertificatesParams } from '../../../common/src/protocol';
import { analyzeChain } from '../../../common/src/x509/chain';
import { documentObjects } from '../service/certificates/documentObjects';
import type { Session } from '../session';

/** Answers the client's request for every certificate, request and key of an open document. */
export function registerDocumentCertificates(session: Session): void {
  session.connection.onRequest(DocumentCertificatesRequest, ({ textDocument }: DocumentCertificatesParams): DocumentCertificates => {
    const document = session.documents.get(textDocument.uri);
    if (!document) return { objects: [] };
    const found = documentObjects(session.cache.get(document));
    const objects = found.objects.map(({ range, source, decoded }) => ({ range, source, decoded }));
    const certificates = found.objects.filter((o) => o.decoded.kind === 'certificate' && o.der).map((o) => o.der!);
    return certificates.length > 1 ? { objects, chain: analyzeChain(certificates) } : { objects };
  });
}
