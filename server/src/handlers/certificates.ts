import { filePathOf } from '../../../common/src/files/fileUri';
import { DocumentCertificatesRequest, type DocumentCertificates, type DocumentCertificatesParams } from '../../../common/src/protocol';
import { parseDocument } from '../documents/parsedDocument';
import { documentCertificates } from '../service/certificates/documentCertificates';
import { documentObjects } from '../service/certificates/documentObjects';
import type { Session } from '../session';
import { guardedRequest } from './guard';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { readSmallFile } from '../workspace/scan';

/** Files the decode command may name without opening them (explorer menu): PEM bundles stay far below this. */

/** Answers meshMtls/documentCertificates for an open document, or a file on disk that is not open. */
export function registerDocumentCertificates(session: Session): void {
  const none: DocumentCertificates = { groups: [], objects: [] };
  session.connection.onRequest(
    DocumentCertificatesRequest,
    guardedRequest(
      session,
      'Listing certificates',
      none,
      async ({ textDocument, includeDer }: DocumentCertificatesParams): Promise<DocumentCertificates> => {
        const open = session.documents.get(textDocument.uri);
        if (open) return documentCertificates(documentObjects(session.cache.get(open)), includeDer === true);
        const file = filePathOf(textDocument.uri);
        if (file === undefined) return none;
        const text = await readSmallFile(file, READ_CAPS.certificateBundle);
        if (text === undefined) return none;
        // Not open, so there is no language id: the file name decides between YAML and PEM text.
        return documentCertificates(documentObjects(parseDocument(textDocument.uri, 'plaintext', 0, text)), includeDer === true);
      },
      ['textDocument'],
    ),
  );
}
