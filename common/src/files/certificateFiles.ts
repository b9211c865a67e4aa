// Which files may hold certificates, by their name: one list for the Certificates view, the Mesh
// Posture report in the editor and `mesh-mtls report`, so that they count the same files. And
// how their bytes are told apart: one test for all of them, so that a file is DER in each or in none.

/** PEM text: the pem language's extensions. */
export const PEM_FILE_EXTENSIONS = ['pem', 'crt', 'cer', 'cert', 'ca-bundle'];

/** Every certificate file: PEM text and binary DER. */
export const CERTIFICATE_FILE_EXTENSIONS = [...PEM_FILE_EXTENSIONS, 'der'];

/** A file name with a PEM extension (what a reader of text can take). */
export const PEM_FILE_NAME = new RegExp(`\\.(${PEM_FILE_EXTENSIONS.join('|')})$`, 'i');

/** A file name with any certificate extension, DER included. */
export const CERTIFICATE_FILE_NAME = new RegExp(`\\.(${CERTIFICATE_FILE_EXTENSIONS.join('|')})$`, 'i');

const SEQUENCE = 0x30;
const BEGIN = new TextEncoder().encode('-----BEGIN ');

/**
 * Whether a certificate file's bytes are one binary DER object rather than PEM text, whatever its
 * extension says (.cer and .crt files come both ways, as OpenSSL's -inform takes them). A DER
 * object starts with an ASN.1 SEQUENCE; a text file that merely starts with "0" still has a BEGIN line.
 */
export function isBinaryDer(bytes: Uint8Array): boolean {
  return bytes[0] === SEQUENCE && !includesBytes(bytes, BEGIN);
}

function includesBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = haystack.indexOf(needle[0]); i !== -1 && i + needle.length <= haystack.length; i = haystack.indexOf(needle[0], i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
