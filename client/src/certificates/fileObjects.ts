// Decoding a file's bytes in the client, for files the language server never sees: binary DER,
// private keys, files not open in an editor. Pure (no vscode), so it is unit-tested directly.

import { isBinaryDer } from '../../../common/src/files/certificateFiles';
import { findPemBlocks } from '../../../common/src/pem/blocks';
import { analyzeChain } from '../../../common/src/x509/chain';
import { decodeDer, decodePemBlock } from '../../../common/src/x509/decode';
import type { LocatedObject, LocatedObjects } from './located';

/** Every object of a file: PEM blocks in text order, or the one DER object of a binary file. */
export function fileObjects(bytes: Uint8Array, fileName: string): LocatedObject[] {
  if (isBinaryDer(bytes)) return [{ source: fileName, decoded: decodeDer(bytes), der: bytes }];
  const blocks = findPemBlocks(new TextDecoder('utf-8', { fatal: false }).decode(bytes));
  return blocks.map((block, index) => ({
    source: blocks.length > 1 ? `block ${index + 1}` : fileName,
    startLine: block.beginLine,
    endLine: block.endLine,
    decoded: decodePemBlock(block),
    der: block.der,
  }));
}

/** A file's objects with the chain section the server would add: read as one chain when it holds several certificates. */
export function withChain(objects: LocatedObject[]): LocatedObjects {
  const ders = objects.flatMap((o) => (o.decoded.kind === 'certificate' && o.der ? [o.der] : []));
  return ders.length > 1 ? { objects, chain: analyzeChain(ders) } : { objects };
}
