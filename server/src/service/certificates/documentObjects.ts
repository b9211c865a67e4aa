import { isMap, isPair, isScalar, Scalar, visit, type Document, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { findPemBlocks, type PemBlock } from '../../../../common/src/pem/blocks';
import { decodeDer, decodePemBlock } from '../../../../common/src/x509/decode';
import type { DecodedObject } from '../../../../common/src/x509/model';
import type { ParsedDocument, ParsedYaml } from '../../documents/parsedDocument';
import { pairKey } from '../validation/context';
import { offsetsToRange } from '../yamlPositions';

/** One PEM or DER object found in a document, decoded once per document version. */
export interface FoundObject {
  /** Where lenses, hovers and diagnostics sit: the PEM block's lines, or the YAML value holding it. */
  range: Range;
  /** The block's BEGIN line (PEM text in the document itself), for a one-line lens and diagnostics. */
  headRange: Range;
  /** "block 2", "tls.crt of Secret shop/web-tls". */
  source: string;
  /** Objects of one group (a file, or one YAML value) are read together, as a bundle. */
  group: number;
  der?: Uint8Array;
  /** Present when the object is PEM text of the document itself, so problems can point at lines. */
  block?: PemBlock;
  decoded: DecodedObject;
}

/** A key and a certificate that belong together: tls.key and tls.crt of one Secret, ca-key.pem and ca-cert.pem of cacerts. */
export interface KeyPair {
  certificate: number;
  key: number;
}

export interface DocumentObjects {
  objects: FoundObject[];
  /** Object indices per group, in text order. */
  groups: number[][];
  pairs: KeyPair[];
}

const PAIRED_KEYS: Array<[string, string]> = [
  ['tls.crt', 'tls.key'],
  ['ca-cert.pem', 'ca-key.pem'],
];

const found = new WeakMap<ParsedDocument, DocumentObjects>();

/** Every certificate, request and key of a document: computed on first use, then reused for that version. */
export function documentObjects(parsed: ParsedDocument): DocumentObjects {
  let objects = found.get(parsed);
  if (!objects) {
    objects = parsed.yaml ? yamlObjects(parsed.yaml) : textObjects(parsed.pem);
    found.set(parsed, objects);
  }
  return objects;
}

function textObjects(blocks: PemBlock[]): DocumentObjects {
  const objects = blocks.map((block, i): FoundObject => {
    const range = blockRange(block);
    return { range, headRange: lineRange(block.beginLine, block.beginColumn, block.beginColumn + `-----BEGIN ${block.label}-----`.length), source: `block ${i + 1}`, group: 0, der: block.der, block, decoded: decodePemBlock(block) };
  });
  return { objects, groups: objects.length ? [objects.map((_, i) => i)] : [], pairs: [] };
}

function blockRange(block: PemBlock): Range {
  return { start: { line: block.beginLine, character: block.beginColumn }, end: { line: block.endLine, character: block.endColumn } };
}

function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** What one YAML document holds, with the line it started on when it was read. */
interface DocumentPart {
  startLine: number;
  found: DocumentObjects;
}

// Unchanged `---` documents keep their Document objects across edits (see segments.ts), so each
// is walked once; only its lines move when text above it grows or shrinks.
const parts = new WeakMap<Document.Parsed, DocumentPart>();

/** Walks every scalar of every YAML document for PEM text, and Secret and ConfigMap `data` for base64 of PEM or DER. */
function yamlObjects(yaml: ParsedYaml): DocumentObjects {
  const result: DocumentObjects = { objects: [], groups: [], pairs: [] };
  for (const document of yaml.documents) {
    let part = parts.get(document);
    if (part?.found.objects.length === 0) continue;
    const startLine = yaml.lineCounter.linePos(document.range[0]).line - 1;
    if (!part) {
      part = { startLine, found: documentPart(yaml, document) };
      parts.set(document, part);
    }
    if (part.found.objects.length) append(result, part.found, startLine - part.startLine);
  }
  return result;
}

function append(result: DocumentObjects, part: DocumentObjects, lineDelta: number): void {
  const base = result.objects.length;
  const groupBase = result.groups.length;
  for (const object of part.objects) result.objects.push(lineDelta ? moved(object, lineDelta, object.group + groupBase) : { ...object, group: object.group + groupBase });
  for (const group of part.groups) result.groups.push(group.map((i) => i + base));
  for (const pair of part.pairs) result.pairs.push({ certificate: pair.certificate + base, key: pair.key + base });
}

function moved(object: FoundObject, delta: number, group: number): FoundObject {
  const shift = (range: Range): Range => ({ start: { line: range.start.line + delta, character: range.start.character }, end: { line: range.end.line + delta, character: range.end.character } });
  const block = object.block && { ...object.block, beginLine: object.block.beginLine + delta, endLine: object.block.endLine + delta, problemAt: object.block.problemAt && { ...object.block.problemAt, line: object.block.problemAt.line + delta } };
  return { ...object, group, range: shift(object.range), headRange: shift(object.headRange), block };
}

function documentPart(yaml: ParsedYaml, document: Document.Parsed): DocumentObjects {
  const result: DocumentObjects = { objects: [], groups: [], pairs: [] };
  const name = resourceName(document);
  // Most manifests hold no certificate: only Secrets, ConfigMaps and text with a BEGIN line are walked.
  const [start, end] = document.range;
  if (name.kind !== 'Secret' && name.kind !== 'ConfigMap' && !yaml.text.slice(start, end).includes('-----BEGIN ')) return result;
  const byKey = new Map<string, number[]>();
  visit(document, {
    Pair(_, pair, path) {
      if (!isScalar(pair.value) || typeof pair.value.value !== 'string') return;
      const key = pairKey(pair);
      const parentKey = parentPairKey(path);
      const base64 = (parentKey === 'data' && (name.kind === 'Secret' || name.kind === 'ConfigMap')) || parentKey === 'binaryData';
      const source = `${key ?? 'value'}${name.label ? ` of ${name.label}` : ''}`;
      const indices = base64 ? fromBase64(result, yaml, pair.value, source, key) : fromText(result, yaml, pair.value, source);
      if (key && indices.length) byKey.set(key, indices);
    },
  });
  if (name.kind === 'Secret') {
    for (const [certificateKey, keyKey] of PAIRED_KEYS) {
      const certificate = byKey.get(certificateKey)?.find((i) => result.objects[i].decoded.kind === 'certificate');
      const key = byKey.get(keyKey)?.find((i) => result.objects[i].decoded.kind === 'privateKey');
      if (certificate !== undefined && key !== undefined) result.pairs.push({ certificate, key });
    }
  }
  return result;
}

function parentPairKey(path: readonly unknown[]): string | undefined {
  // path ends with the mapping holding the pair; the pair before it names that mapping.
  const holder = path[path.length - 2];
  return isPair(holder) ? pairKey(holder) : undefined;
}

function resourceName(document: Document.Parsed): { kind?: string; label?: string } {
  const root = document.contents;
  if (!isMap(root)) return {};
  const kind = root.get('kind');
  const metadata = root.get('metadata');
  const name = isMap(metadata) ? metadata.get('name') : undefined;
  const namespace = isMap(metadata) ? metadata.get('namespace') : undefined;
  if (typeof kind !== 'string') return {};
  const id = typeof name === 'string' ? ` ${typeof namespace === 'string' ? `${namespace}/` : ''}${name}` : '';
  return { kind, label: `${kind}${id}` };
}

function addGroup(result: DocumentObjects, objects: Array<Omit<FoundObject, 'group'>>): number[] {
  if (objects.length === 0) return [];
  const group = result.groups.length;
  const indices = objects.map((object) => result.objects.push({ ...object, group }) - 1);
  result.groups.push(indices);
  return indices;
}

/** PEM written out in a YAML string: a block scalar's lines are the PEM's lines, so ranges point into them. */
function fromText(result: DocumentObjects, yaml: ParsedYaml, node: Scalar, source: string): number[] {
  const text = node.value as string;
  if (!text.includes('-----BEGIN ')) return [];
  const blocks = findPemBlocks(text);
  const valueRange = nodeRange(yaml, node);
  const literal = node.type === Scalar.BLOCK_LITERAL;
  return addGroup(
    result,
    blocks.map((block, i) => {
      // A literal block's first content line is the one after its `|` header.
      const range = literal ? shiftBlock(block, valueRange.start.line + 1, indentOf(yaml, valueRange.start.line + 1)) : valueRange;
      const headRange = literal ? { start: range.start, end: { line: range.start.line, character: range.start.character + `-----BEGIN ${block.label}-----`.length } } : valueRange;
      return { range, headRange, source: blocks.length > 1 ? `${source}, block ${i + 1}` : source, der: block.der, block: literal ? shiftedBlock(block, valueRange.start.line + 1, range.start.character - block.beginColumn) : undefined, decoded: decodePemBlock(block) };
    }),
  );
}

function shiftBlock(block: PemBlock, firstLine: number, indent: number): Range {
  return { start: { line: firstLine + block.beginLine, character: indent + block.beginColumn }, end: { line: firstLine + block.endLine, character: indent + block.endColumn } };
}

/** The block placed in the document: its lines (and a problem's line) counted from the document's start. */
function shiftedBlock(block: PemBlock, firstLine: number, indent: number): PemBlock {
  const problem = block.problem?.kind === 'bad-base64' ? { ...block.problem, line: block.problem.line + firstLine } : block.problem;
  const problemAt = block.problemAt && { line: block.problemAt.line + firstLine, startColumn: block.problemAt.startColumn + indent, endColumn: block.problemAt.endColumn + indent };
  return { ...block, beginLine: block.beginLine + firstLine, endLine: block.endLine + firstLine, beginColumn: block.beginColumn + indent, endColumn: block.endColumn + indent, problem, problemAt };
}

function indentOf(yaml: ParsedYaml, line: number): number {
  const start = yaml.lineCounter.lineStarts[line];
  if (start === undefined) return 0;
  let at = start;
  while (yaml.text[at] === ' ') at++;
  return at - start;
}

function nodeRange(yaml: ParsedYaml, node: Node): Range {
  const [start, end] = node.range ?? [0, 0];
  return offsetsToRange(yaml.lineCounter, start, end);
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const CERTIFICATE_KEYS = /\.(crt|pem|cer|der|key)$|^(tls\.crt|tls\.key|ca\.crt)$/;

/** base64 in a Secret's or ConfigMap's data: PEM text (what kubectl writes), or raw DER. */
function fromBase64(result: DocumentObjects, yaml: ParsedYaml, node: Scalar, source: string, key: string | undefined): number[] {
  const compact = (node.value as string).replace(/\s+/g, '');
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64.test(compact)) return [];
  const bytes = new Uint8Array(Buffer.from(compact, 'base64'));
  const range = nodeRange(yaml, node);
  const text = Buffer.from(bytes).toString('latin1');
  if (text.includes('-----BEGIN ')) {
    const blocks = findPemBlocks(text);
    return addGroup(result, blocks.map((block, i) => ({ range, headRange: range, source: blocks.length > 1 ? `${source}, block ${i + 1}` : source, der: block.der, decoded: decodePemBlock(block) })));
  }
  // DER has no marker: only a value named like a certificate file, or one that reads as an object, counts.
  if (bytes[0] !== 0x30) return [];
  const decoded = decodeDer(bytes);
  if (decoded.kind === 'unreadable' && !(key && CERTIFICATE_KEYS.test(key))) return [];
  return addGroup(result, [{ range, headRange: range, source, der: bytes, decoded }]);
}
