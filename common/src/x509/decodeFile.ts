// A whole file's bytes to decoded objects: PEM (any number of blocks, CRLF, indentation), raw
// DER, or base64 of either (what `kubectl get secret -o jsonpath='{.data.tls\.crt}'` writes).
import { findPemBlocks, type PemBlock } from '../pem/blocks';
import { decodeDer, decodePemBlock } from './decode';
import type { DecodedObject } from './model';

export interface FileObject {
  decoded: DecodedObject;
  /** The PEM block it came from; absent for DER (or base64 of DER) files. */
  block?: PemBlock;
  /** The file held base64 text rather than PEM or DER. */
  fromBase64?: boolean;
}

const BEGIN_MARKER = Buffer.from('-----BEGIN ');
const BASE64_TEXT = /^[A-Za-z0-9+/=\s]+$/;

/** Never throws: a file that is nothing we read gives one unreadable object saying so. */
export function decodeFile(bytes: Uint8Array): FileObject[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buffer.includes(BEGIN_MARKER)) {
    const blocks = findPemBlocks(buffer.toString('utf8'));
    if (blocks.length > 0) return blocks.map((block) => ({ decoded: decodePemBlock(block), block }));
  }
  if (buffer.length > 0 && buffer[0] === 0x30) return [{ decoded: decodeDer(bytes) }];
  const text = buffer.toString('latin1');
  if (BASE64_TEXT.test(text) && text.trim().length > 0) {
    const inner = Buffer.from(text.replace(/\s+/g, ''), 'base64');
    if (inner.includes(BEGIN_MARKER)) {
      const blocks = findPemBlocks(inner.toString('utf8'));
      if (blocks.length > 0) return blocks.map((block) => ({ decoded: decodePemBlock(block), block, fromBase64: true }));
    }
    if (inner[0] === 0x30) return [{ decoded: decodeDer(new Uint8Array(inner)), fromBase64: true }];
  }
  const reason =
    buffer.length === 0
      ? 'the file is empty'
      : buffer.includes(BEGIN_MARKER)
        ? 'the file mentions "-----BEGIN " but has no line that starts a PEM block'
        : 'the file has no PEM block (no "-----BEGIN" line) and is neither DER (which starts with byte 0x30) nor base64 of PEM or DER';
  return [{ decoded: { kind: 'unreadable', label: '', reason } }];
}
