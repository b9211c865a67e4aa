import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { ParsedYaml } from '../documents/parsedDocument';
import type { SchemaRegistry } from '../schema/registry';
import { pairKey } from './validation/context';
import { lookupResource } from './validation/resource';
import { offsetsToRange } from './yamlPositions';

/** Bounds the outline of huge documents: past this many symbols, deeper fields are left out. */
const MAX_SYMBOLS = 5000;

/** One symbol per resource of a known kind ("PeerAuthentication default · istio-system"), its fields below. */
export function documentSymbols(parsed: ParsedYaml, registry: SchemaRegistry): DocumentSymbol[] {
  const budget = { left: MAX_SYMBOLS };
  const symbols: DocumentSymbol[] = [];
  for (const document of parsed.documents) {
    const info = lookupResource(document, registry);
    const root = document.contents;
    if (!info || !isMap(root) || !root.range) continue;
    const name = document.getIn(['metadata', 'name']);
    const namespace = document.getIn(['metadata', 'namespace']);
    const range = offsetsToRange(parsed.lineCounter, root.range[0], root.range[2]);
    symbols.push({
      name: `${info.kind} ${typeof name === 'string' ? name : '(unnamed)'}${typeof namespace === 'string' ? ` · ${namespace}` : ''}`,
      detail: info.apiVersion,
      kind: SymbolKind.Class,
      range,
      selectionRange: range,
      children: children(root, parsed, budget),
    });
  }
  return symbols;
}

function children(node: Node, parsed: ParsedYaml, budget: { left: number }): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const name = pairKey(pair);
      if (!name || !key?.range || budget.left-- <= 0) continue;
      const end = value?.range?.[2] ?? key.range[2];
      out.push({
        name,
        detail: isScalar(value) && value.value !== null ? String(value.value) : undefined,
        kind: isMap(value) ? SymbolKind.Object : isSeq(value) ? SymbolKind.Array : SymbolKind.Field,
        range: offsetsToRange(parsed.lineCounter, key.range[0], end),
        selectionRange: offsetsToRange(parsed.lineCounter, key.range[0], key.range[1]),
        children: value && !isScalar(value) ? children(value, parsed, budget) : undefined,
      });
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const child = item as Node | null;
      if (!child?.range || budget.left-- <= 0) return;
      out.push({
        name: String(index),
        detail: isScalar(child) ? String(child.value) : undefined,
        kind: isMap(child) ? SymbolKind.Object : SymbolKind.Field,
        range: offsetsToRange(parsed.lineCounter, child.range[0], child.range[2]),
        selectionRange: offsetsToRange(parsed.lineCounter, child.range[0], child.range[1]),
        children: isScalar(child) ? undefined : children(child, parsed, budget),
      });
    });
  }
  return out;
}
