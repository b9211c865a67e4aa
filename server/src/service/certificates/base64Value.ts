import type { Range } from 'vscode-languageserver-types';
import { readPemText } from '../../../../common/src/pem/blocks';
import type { PemSource } from './readBlocks';

// Base64 values that may hold certificates: Kubernetes `data` fields, webhook `caBundle`s, the
// inline bytes of a proxy's secrets.

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

/**
 * The PEM text base64 bytes hold, ready for readBlocks: nothing inside has a document position of
 * its own, so every object sits at `range`, the value's. Undefined when the bytes are not PEM text.
 */
export function base64PemSource(bytes: Uint8Array, range: Range, name: PemSource['name']): PemSource | undefined {
  const text = pemTextOf(bytes);
  if (text === undefined) return undefined;
  const lines = text.split(/\r\n|\r|\n/);
  return { lines: (line) => lines[line] ?? '', ...readPemText(text), placement: { kind: 'value', range }, name };
}
