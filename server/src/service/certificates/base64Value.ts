// Base64 values that may hold certificates: Kubernetes `data` fields, webhook `caBundle`s.

/** Kubernetes prints base64 in one line, but hand-written values wrap; whitespace is dropped. */
export function decodeStrictBase64(value: string): Uint8Array | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

/** How "-----BEGIN" reads in base64 when it starts the value, as it does in every base64-encoded PEM. */
const BASE64_PEM_START = 'LS0tLS1CRUdJTi';

/** Whether a string outside Kubernetes data fields is base64 PEM worth decoding (a caBundle). */
export function looksLikeBase64Pem(value: string): boolean {
  return value.trimStart().startsWith(BASE64_PEM_START);
}

/** The decoded bytes as PEM text, when they are text holding a PEM marker. */
export function pemTextOf(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return text.includes('-----BEGIN ') || text.includes('-----END ') ? text : undefined;
}
