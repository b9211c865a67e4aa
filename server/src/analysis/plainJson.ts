// A document as JSON, as yaml's Document.toJSON gives it, for the common case of plain maps, lists
// and scalars read in one pass. yaml's own conversion keeps a context per node (anchors, merge
// keys, key stringification) that a manifest without anchors never needs; anything beyond the
// plain case is handed to it whole, so the answer is always the one toJSON gives.

import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';

const MAP_TAG = 'tag:yaml.org,2002:map';
const SEQ_TAG = 'tag:yaml.org,2002:seq';

/** Thrown where the plain reading stops: the whole document goes through yaml's toJSON instead. */
const NOT_PLAIN = Symbol('not plain');

export function plainJson(document: Document.Parsed): unknown {
  // YAML 1.1 (merge keys, timestamps, binary, sets) is yaml's to read.
  if (document.schema.name !== 'core') return document.toJSON();
  try {
    return plain(document.contents);
  } catch (error) {
    if (error === NOT_PLAIN) return document.toJSON();
    throw error;
  }
}

function plain(node: unknown): unknown {
  if (node === null || node === undefined) return null;
  if (isAlias(node) || (node as { anchor?: string }).anchor) throw NOT_PLAIN;
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
    if (typeof value === 'bigint') return Number(value);
    throw NOT_PLAIN;
  }
  if (isMap(node)) {
    if (node.tag !== undefined && node.tag !== MAP_TAG) throw NOT_PLAIN;
    const object: Record<string, unknown> = {};
    for (const { key, value } of node.items) {
      // Keys that are collections, aliases or merges, and a key JS objects treat specially, are yaml's to stringify.
      if (!isScalar(key) || key.anchor || (key as { addToJSMap?: unknown }).addToJSMap) throw NOT_PLAIN;
      const raw = key.value;
      let name: string;
      if (raw === null) name = '';
      else if (typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean') name = String(raw);
      else if (typeof raw === 'bigint') name = String(Number(raw));
      else throw NOT_PLAIN;
      if (name === '<<' || name === '__proto__') throw NOT_PLAIN;
      const converted = plain(value);
      // A repeated key: yaml redefines the property, which keeps its first place in the object.
      object[name] = converted;
    }
    return object;
  }
  if (isSeq(node)) {
    if (node.tag !== undefined && node.tag !== SEQ_TAG) throw NOT_PLAIN;
    const list: unknown[] = [];
    for (const item of node.items) list.push(plain(item));
    return list;
  }
  throw NOT_PLAIN;
}
