import type { Range } from 'vscode-languageserver-types';
import type { PemBlock, PemSpan, StrayEnd } from '../../../../common/src/pem/blocks';
import { readTlv } from '../../../../common/src/x509/der';
import { decodePemBlock, rememberedDecoding } from '../../../../common/src/x509/decode';
import type { DecodedObject } from '../../../../common/src/x509/model';
import type { FoundObject, SyntaxProblem } from './found';
import { pemProblemMessage, strayEndMessage } from './pemSyntax';

/**
 * Where PEM text sits in the document.
 * - `lines`: the text's lines are document lines from `line` on, its first line starting at
 *   `column` (a PEM file, a literal block scalar): every range is exact.
 * - `value`: the text was decoded or unescaped from a YAML value (base64 `data`, a quoted string),
 *   so nothing inside it has a document position: everything sits at the value's range, and
 *   messages say which line of the value they mean.
 */
export type Placement = { kind: 'lines'; line: number; column: number } | { kind: 'value'; range: Range };

/** The PEM text blocks were found in, with where it sits and how its objects are named. */
export interface PemSource {
  /** A line of the text the blocks were found in (split only when a message needs it). */
  lines: (line: number) => string;
  blocks: PemBlock[];
  strayEnds: StrayEnd[];
  placement: Placement;
  /** Names each object, given its index and the number of objects. */
  name: (index: number, count: number) => string;
}

/** Decodes every block of a PEM text and reports its syntax problems at their ranges. */
export function readBlocks(source: PemSource): { objects: FoundObject[]; syntax: SyntaxProblem[] } {
  const { blocks, placement } = source;
  const lineText = source.lines;
  const syntax: SyntaxProblem[] = [];
  const objects = blocks.map((block, index): FoundObject => {
    const message = pemProblemMessage(block, lineText);
    if (message)
      syntax.push({
        range: spanRange(placement, block.problemAt ?? beginSpan(block), lineText),
        message: inValue(placement, block.problemAt?.line ?? block.beginLine, message),
      });
    const { decoded, der } = decodeBlock(block);
    return {
      range: blockRange(placement, block),
      mark: spanRange(placement, beginSpan(block), lineText),
      source: source.name(index, blocks.length),
      decoded,
      der,
      label: block.label,
      syntaxBroken: message !== undefined,
    };
  });
  for (const end of source.strayEnds) syntax.push({ range: spanRange(placement, end, lineText), message: inValue(placement, end.line, strayEndMessage(end)) });
  return { objects, syntax };
}

/** One DER value (a Secret's base64 data that is not PEM), decoded by its outline. */
export function readDer(der: Uint8Array, range: Range, name: string): FoundObject {
  const { decoded } = rememberedDecoding(der);
  return { range, mark: range, source: name, decoded, der, syntaxBroken: false };
}

/** A block decoded, with the bytes lint reads; a sound block's come from the decodings remembered (see decode.ts). */
function decodeBlock(block: PemBlock): { decoded: DecodedObject; der?: Uint8Array } {
  // Broken and encrypted blocks decode to a reason at once; only sound ones are worth keeping.
  if (!block.der || block.problem || block.headers.length > 0) return { decoded: decodePemBlock(block), der: block.der };
  const { decoded, der } = rememberedDecoding(block.der, block.label);
  return { decoded, der: certificateBytes(block.label, der, decoded) };
}

/** The bytes lint and chain analysis need: OpenSSL's trusted form carries trust settings after the certificate. */
function certificateBytes(label: string, der: Uint8Array, decoded: DecodedObject): Uint8Array {
  if (label !== 'TRUSTED CERTIFICATE' || decoded.kind !== 'certificate') return der;
  try {
    return readTlv(der).bytes;
  } catch {
    return der;
  }
}

function beginSpan(block: PemBlock): PemSpan {
  return { line: block.beginLine, startColumn: block.beginColumn, endColumn: block.beginColumn + `-----BEGIN ${block.label}-----`.length };
}

function blockRange(placement: Placement, block: PemBlock): Range {
  if (placement.kind === 'value') return placement.range;
  return { start: position(placement, block.beginLine, block.beginColumn), end: position(placement, block.endLine, block.endColumn) };
}

function spanRange(placement: Placement, span: PemSpan, lineText: (line: number) => string): Range {
  if (placement.kind === 'value') return placement.range;
  // A zero-width span (nothing to underline) widens to its line, so editors show it.
  const empty = span.endColumn <= span.startColumn;
  const start = empty ? lineText(span.line).length - lineText(span.line).trimStart().length : span.startColumn;
  const end = empty ? Math.max(start + 1, lineText(span.line).trimEnd().length) : span.endColumn;
  return { start: position(placement, span.line, start), end: position(placement, span.line, end) };
}

function position(placement: { line: number; column: number }, line: number, column: number) {
  return { line: placement.line + line, character: line === 0 ? placement.column + column : column };
}

function inValue(placement: Placement, line: number, message: string): string {
  return placement.kind === 'value' ? `Line ${line + 1} of the PEM in this value: ${message}` : message;
}
