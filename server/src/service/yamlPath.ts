import { isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { ParsedYaml } from '../documents/parsedDocument';

export type PathStep = string | number;

/** What sits under the cursor in a YAML stream. */
export interface CursorTarget {
  document: Document.Parsed;
  /** Path from the document root to the value the cursor is in (or whose key it is on). */
  path: PathStep[];
  /** On a mapping key, on a scalar value, or on an empty spot where a new key could go. */
  on: 'key' | 'value' | 'blank';
  /** The mapping that would hold a key typed here ('key' and 'blank'). */
  map?: YAMLMap;
  /** The node the cursor is on, when there is one. */
  node?: Node;
}

/** The document of the stream that contains an offset. */
export function documentAt(parsed: ParsedYaml, offset: number): Document.Parsed | undefined {
  // Text of a segment too large to parse belongs to no document we know.
  if (parsed.segments.some((s) => s.skippedBytes && s.start <= offset && offset < s.start + s.text.length)) return undefined;
  return parsed.documents.find((d) => d.range[0] <= offset && offset <= d.range[2]) ?? parsed.documents[parsed.documents.length - 1];
}

/** Finds what the cursor is on: the innermost key or value containing the offset. */
export function locate(parsed: ParsedYaml, offset: number): CursorTarget | undefined {
  const document = documentAt(parsed, offset);
  if (!document) return undefined;
  const root = document.contents;
  if (!root) return { document, path: [], on: 'blank' };
  const path: PathStep[] = [];
  let node: Node = root;
  for (let depth = 0; depth < 200; depth++) {
    if (isMap(node)) {
      const pair = pairAt(node, offset);
      if (!pair) return { document, path, on: 'blank', map: node };
      const key = pair.key as Node | null;
      const name = isScalar(key) ? String(key.value) : '';
      if (key?.range && offset >= key.range[0] && offset <= key.range[1]) return { document, path: [...path, name], on: 'key', map: node, node: key };
      const value = pair.value as Node | null;
      path.push(name);
      if (!value || !value.range || (isScalar(value) && value.value === null)) return { document, path, on: 'value' };
      if (isScalar(value)) return { document, path, on: 'value', node: value };
      node = value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => isNodeLike(item) && item.range && offset >= item.range[0] && offset <= item.range[2]);
      // Between the items of a flow list ([a, |]) a new value is being written.
      if (index < 0) return node.flow ? { document, path, on: 'value', node } : { document, path, on: 'blank' };
      path.push(index);
      const item = node.items[index] as Node;
      if (isScalar(item)) return { document, path, on: 'value', node: item };
      node = item;
    } else {
      return { document, path, on: 'value', node };
    }
  }
  return undefined;
}

function isNodeLike(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !isPair(value);
}

/** The pair of a mapping whose key or value spans the offset. */
function pairAt(map: YAMLMap, offset: number): Pair | undefined {
  for (const pair of map.items) {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    const start = key?.range?.[0] ?? value?.range?.[0];
    const end = value?.range?.[2] ?? key?.range?.[2];
    if (start !== undefined && end !== undefined && offset >= start && offset <= end) return pair;
  }
  return undefined;
}
