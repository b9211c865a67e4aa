// Pure, without node modules: the webview bundles it.
import type { DecodedObject } from './model';
import { escapeUnsafe } from './printable';

/** The SPIFFE ID when there is one (that is the workload's identity in a mesh), else the CN, else the subject; control and bidi characters escaped. */
export function identityName(uris: string[], commonName: string | undefined, subject: string): string {
  return escapeUnsafe(uris.find((uri) => uri.startsWith('spiffe://')) ?? commonName ?? (subject || '(empty subject)'));
}

/** The name a list or a title shows for an object; certificates and requests by `identityName`. */
export function objectName(decoded: DecodedObject): string {
  switch (decoded.kind) {
    case 'certificate':
    case 'csr':
      return identityName(decoded.subjectAltNames.uri, decoded.subjectCommonName, decoded.subject);
    case 'privateKey':
      return decoded.publicKey ? `Private key · ${decoded.publicKey.description}` : `Private key · ${decoded.format}`;
    case 'publicKey':
      return `Public key · ${decoded.publicKey.description}`;
    case 'unreadable':
      return `${decoded.label} (unreadable)`;
  }
}

/** What kind of object it is, in words. */
export function objectKindName(decoded: DecodedObject): string {
  switch (decoded.kind) {
    case 'certificate':
      return decoded.isCA ? 'CA certificate' : 'Certificate';
    case 'csr':
      return 'Certificate request';
    case 'privateKey':
      return 'Private key';
    case 'publicKey':
      return 'Public key';
    case 'unreadable':
      return 'Unreadable block';
  }
}
