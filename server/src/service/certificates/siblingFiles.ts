import { readPemText } from '../../../../common/src/pem/blocks';
import type { DocumentObjects } from './found';

// The naming conventions that pair a certificate file with its key in one folder:
// cert.pem/key.pem, tls.crt/tls.key, <name>.crt/<name>.key, <name>.pem/<name>-key.pem (cfssl),
// <name>-cert.pem/<name>-key.pem, <name>.key.pem, and Let's Encrypt's cert.pem/fullchain.pem with privkey.pem.

/** A file beside the document, as read from disk. */
export interface SiblingFile {
  name: string;
  text: string;
}

/** Names of the files that would hold the key of a certificate file called `fileName`. */
export function keyFileNames(fileName: string): string[] {
  const names = new Set<string>();
  if (fileName === 'cert.pem' || fileName === 'fullchain.pem') names.add('key.pem').add('privkey.pem');
  let match: RegExpExecArray | null;
  if ((match = /^(.+)-cert\.pem$/.exec(fileName))) names.add(`${match[1]}-key.pem`);
  if (fileName === 'tls.crt') names.add('tls.key');
  else if ((match = /^(.+)\.(crt|cer|cert)$/.exec(fileName))) names.add(`${match[1]}.key`).add(`${match[1]}-key.pem`).add(`${match[1]}.key.pem`);
  if ((match = /^(.+)\.pem$/.exec(fileName)) && !/(-cert|-key|\.key)$/.test(match[1]) && !['key', 'privkey', 'cert', 'fullchain', 'chain'].includes(match[1])) {
    names.add(`${match[1]}-key.pem`).add(`${match[1]}.key`).add(`${match[1]}.key.pem`);
  }
  names.delete(fileName);
  return [...names];
}

/** Names of the files that would hold the certificate of a key file called `fileName`. */
export function certificateFileNames(fileName: string): string[] {
  const names = new Set<string>();
  if (fileName === 'key.pem' || fileName === 'privkey.pem') names.add('cert.pem');
  let match: RegExpExecArray | null;
  if ((match = /^(.+)-key\.pem$/.exec(fileName))) names.add(`${match[1]}-cert.pem`).add(`${match[1]}.pem`);
  if ((match = /^(.+)\.key$/.exec(fileName))) names.add(`${match[1]}.crt`).add(`${match[1]}.pem`);
  if ((match = /^(.+)\.key\.pem$/.exec(fileName))) names.add(`${match[1]}.pem`).add(`${match[1]}.crt`);
  names.delete(fileName);
  return [...names];
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
