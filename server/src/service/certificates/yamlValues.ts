import { isMap, isPair, isScalar, isSeq, Scalar, type Document, type LineCounter, type Node, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { readPemText } from '../../../../common/src/pem/blocks';
import { formatPath, pairKey } from '../validation/context';
import { offsetsToRange, offsetToPosition } from '../yamlPositions';
import { lazyChain } from './chains';
import { base64PemSource, decodeStrictBase64, looksLikeBase64Pem } from './base64Value';
import type { FoundObject, ObjectGroup, SyntaxProblem } from './found';
import { roleOfName } from './groupRole';
import { readBlocks, readDer, type PemSource } from './readBlocks';

// Certificates inside YAML: Secret `data` (base64 of PEM or DER) and `stringData`, ConfigMap
// `data`/`binaryData`, and PEM in any string anywhere (Helm values' trust anchors, webhook
// `caBundle`s in base64). Each value that holds some becomes one group.

/** Keys named for certificates or keys (kubernetes.io/tls, Istio's cacerts, file names): what they hold must read. */
const CERTIFICATE_KEY = /\.(crt|pem|cer|der|key)$/;

const LINE_BREAK = /\r\n|\r|\n/;

/** What one YAML document is, for naming its values: "Secret shop/checkout-tls". */
interface Resource {
  kind?: string;
  title?: string;
}

/** Everything the walk needs to place a value. */
interface Walk {
  text: string;
  lineCounter: LineCounter;
  resource: Resource;
  /** The Secret or ConfigMap map, a token pairing the values of one resource. */
  root?: YAMLMap;
  groups: ObjectGroup[];
}

/** Every group of certificate-ish values of one YAML document; `text` is the whole (unmasked) stream. */
export function yamlDocumentGroups(document: Document.Parsed, text: string, lineCounter: LineCounter): ObjectGroup[] {
  const contents = document.contents;
  if (!contents) return [];
  const resource = resourceOf(contents);
  const [start, , end] = document.range;
  const source = text.slice(start, end);
  const mayHoldBase64 = resource.kind === 'Secret' || resource.kind === 'ConfigMap';
  // Most documents hold no certificate: one search over their text spares the walk.
  if (!mayHoldBase64 && !source.includes('-----BEGIN ') && !source.includes('-----END ') && !source.includes('LS0tLS1CRUdJTi')) return [];
  const walk: Walk = { text, lineCounter, resource, root: isMap(contents) ? contents : undefined, groups: [] };
  visit(contents, [], walk);
  return walk.groups;
}

function resourceOf(contents: Node): Resource {
  if (!isMap(contents)) return {};
  const field = (map: unknown, key: string): string | undefined => {
    if (!isMap(map)) return undefined;
    const value = map.items.find((pair) => pairKey(pair) === key)?.value;
    return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
  };
  const kind = field(contents, 'kind');
  const metadata = contents.items.find((pair) => pairKey(pair) === 'metadata')?.value;
  const name = field(metadata, 'name');
  const namespace = field(metadata, 'namespace');
  return { kind, title: kind ? `${kind} ${namespace ? `${namespace}/` : ''}${name ?? '(unnamed)'}` : undefined };
}

/** `path` is the walk's one stack of keys, pushed and popped as it goes: nothing keeps it. */
function visit(node: unknown, path: Array<string | number>, walk: Walk): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pairKey(pair);
      if (key === undefined || !isPair(pair)) continue;
      path.push(key);
      visit(pair.value, path, walk);
      path.pop();
    }
  } else if (isSeq(node)) {
    for (let index = 0; index < node.items.length; index++) {
      path.push(index);
      visit(node.items[index], path, walk);
      path.pop();
    }
  } else if (isScalar(node) && typeof node.value === 'string' && node.range) {
    visitString(node as Scalar<string>, path, walk);
  }
}

function visitString(node: Scalar<string>, path: Array<string | number>, walk: Walk): void {
  const { kind } = walk.resource;
  const dataKey = path.length === 2 && typeof path[1] === 'string' ? path[1] : undefined;
  const isBase64Field = dataKey !== undefined && ((kind === 'Secret' && path[0] === 'data') || (kind === 'ConfigMap' && path[0] === 'binaryData'));
  const value = node.value;
  const read = isBase64Field
    ? 'base64'
    : value.includes('-----BEGIN ') || value.includes('-----END ')
      ? 'pem'
      : looksLikeBase64Pem(value)
        ? 'base64-pem'
        : undefined;
  // Most strings hold nothing of the kind: the group is named only for those that may.
  if (read === undefined) return;
  const named =
    dataKey !== undefined && (path[0] === 'data' || path[0] === 'stringData' || path[0] === 'binaryData') && (kind === 'Secret' || kind === 'ConfigMap');
  const where = named ? dataKey : formatPath(path);
  const lastKey = [...path].reverse().find((step): step is string => typeof step === 'string') ?? '';
  const group: GroupMeta = {
    name: walk.resource.title ? `${where} of ${walk.resource.title}` : where,
    secret: kind === 'Secret' && named && walk.root ? { secret: walk.root, key: dataKey } : undefined,
    role: roleOfName(lastKey),
    key: lastKey,
  };
  if (read === 'pem') pemGroup(node, group, walk);
  else base64Group(node, group, walk, read === 'base64');
}

/** What a value's group is called and where it belongs, decided before reading the value; `key` is the YAML key holding it. */
type GroupMeta = Pick<ObjectGroup, 'name' | 'secret' | 'role'> & { key: string };

function groupOf(meta: GroupMeta, objects: FoundObject[], syntax: SyntaxProblem[]): ObjectGroup {
  return { name: meta.name, secret: meta.secret, role: meta.role, objects, syntax, chain: lazyChain(objects) };
}

/** A base64 value: PEM text once decoded, or (in a base64 field) DER. */
function base64Group(node: Scalar<string>, group: GroupMeta, walk: Walk, derAllowed: boolean): void {
  const bytes = decodeStrictBase64(node.value);
  // Bad base64 is the schema check's to report; nothing here is readable.
  if (!bytes) return;
  const range = valueRange(node, walk);
  const pem = base64PemSource(bytes, range, objectNames(group.name));
  if (pem) {
    addGroup(walk, group, pem);
    return;
  }
  if (!derAllowed || bytes[0] !== 0x30) return;
  const object = readDer(bytes, range, group.name);
  // Unknown bytes under a name that does not promise a certificate are somebody else's data.
  if (object.decoded.kind === 'unreadable' && !CERTIFICATE_KEY.test(group.key)) return;
  walk.groups.push(groupOf(group, [object], []));
}

/** A string holding PEM markers: exact positions when the document's lines are the value's lines. */
function pemGroup(node: Scalar<string>, group: GroupMeta, walk: Walk): void {
  const [start, end] = node.range!;
  const range = valueRange(node, walk);
  const fromSource = () => {
    const sourceText = walk.text.slice(start, end);
    const { line, character } = offsetToPosition(walk.lineCounter, start);
    const lines = sourceText.split(LINE_BREAK);
    return { lines: (at: number) => lines[at] ?? '', ...readPemText(sourceText), placement: { kind: 'lines' as const, line, column: character } };
  };
  // A literal block keeps every line as written: the document's lines are the value's.
  if (node.type === Scalar.BLOCK_LITERAL) {
    addGroup(walk, group, { ...fromSource(), name: objectNames(group.name) });
    return;
  }
  const inValue = readPemText(node.value);
  if (inValue.blocks.length) {
    const lines = node.value.split(LINE_BREAK);
    addGroup(walk, group, { lines: (line) => lines[line] ?? '', ...inValue, placement: { kind: 'value', range }, name: objectNames(group.name) });
    return;
  }
  // Folded and plain scalars join lines with spaces: the value is PEM on one line, which nothing
  // reads. The source still shows what was meant, so its blocks are decoded and the value flagged.
  const written = fromSource();
  const lost: SyntaxProblem = { range: headerRange(node, walk), message: lineBreaksLostMessage(node) };
  addGroup(walk, group, { ...written, name: objectNames(group.name) }, [lost]);
}

function addGroup(walk: Walk, group: GroupMeta, source: PemSource, extra: SyntaxProblem[] = []): void {
  const { objects, syntax } = readBlocks(source);
  if (objects.length === 0 && syntax.length === 0 && extra.length === 0) return;
  walk.groups.push(groupOf(group, objects, [...extra, ...syntax]));
}

export function objectNames(group: string): (index: number, count: number) => string {
  return (index, count) => (count === 1 ? group : `block ${index + 1} of ${group}`);
}

function valueRange(node: Scalar, walk: Walk): Range {
  return offsetsToRange(walk.lineCounter, node.range![0], node.range![1]);
}

/** The first line of the value: its `>` indicator, or its first characters. */
function headerRange(node: Scalar, walk: Walk): Range {
  const [start, end] = node.range!;
  const lineEnd = walk.text.indexOf('\n', start);
  return offsetsToRange(walk.lineCounter, start, Math.min(end, lineEnd < 0 ? end : lineEnd));
}

function lineBreaksLostMessage(node: Scalar): string {
  const how =
    node.type === Scalar.BLOCK_FOLDED
      ? 'a folded block scalar (>) joins its lines with spaces'
      : node.type === Scalar.PLAIN
        ? 'a plain scalar spread over lines is joined with spaces'
        : 'this string has no line breaks';
  return `This value is PEM on a single line, which no TLS library reads: ${how}. PEM needs its BEGIN line, body lines and END line on lines of their own; write it as a literal block scalar (|).`;
}
