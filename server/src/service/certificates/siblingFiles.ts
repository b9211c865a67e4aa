import { readPemText } from '../../../../common/src/pem/blocks';
import { certificateFileNames, keyFileNames } from '../../../../common/src/x509/keyFileNames';
import type { DocumentObjects } from './found';

// The naming conventions live in common/ (the client looks for CA keys by them too).
export { certificateFileNames, keyFileNames };

/** A file beside the document, as read from disk. */
export interface SiblingFile {
  name: string;
  text: string;
}

/**
 * The sibling files worth reading for a document: key files when it holds certificates and no
 * key, certificate files when it holds a key and no certificate; none when it pairs itself.
 */
export function siblingFilesWanted(fileName: string, found: DocumentObjects): string[] {
  const kinds = new Set(found.objects.map((o) => o.decoded.kind));
  if (kinds.has('certificate') && !kinds.has('privateKey')) return keyFileNames(fileName);
  if (kinds.has('privateKey') && !kinds.has('certificate')) return certificateFileNames(fileName);
  return [];
}

/** The DER of the first block of a sibling's text whose label matches, when it is readable. */
export function firstBlockDer(text: string, label: RegExp): Uint8Array | undefined {
  const block = readPemText(text).blocks.find((b) => label.test(b.label));
  // A legacy-encrypted key (Proc-Type headers) cannot be compared without its passphrase.
  if (!block?.der || block.headers.some((h) => /^Proc-Type:.*ENCRYPTED/i.test(h))) return undefined;
  return block.der;
}
