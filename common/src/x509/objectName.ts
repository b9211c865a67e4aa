import type { DecodedObject } from './model';

/**
 * The name a list or a title shows for an object: for certificates and requests the SPIFFE ID
 * when there is one (that is the workload's identity in a mesh), else the CN, else the subject.
 */
export function objectName(decoded: DecodedObject): string {
  switch (decoded.kind) {
    case 'certificate':
    case 'csr':
      return decoded.subjectAltNames.uri.find((uri) => uri.startsWith('spiffe://')) ?? decoded.subjectCommonName ?? (decoded.subject || '(empty subject)');
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
