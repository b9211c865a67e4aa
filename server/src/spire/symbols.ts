import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { readHcl, type HclItem, type HclKey, type HclValue, type Range } from './hclReader';

// The outline of a SPIRE configuration file: each block with its keys below it, and each plugin
// as `Type "name"` whichever way it is written (labels, nested blocks, or the JSON list form).

/** Bounds the outline of a huge file; past this many symbols the rest is left out. */
const MAX_SYMBOLS = 5000;

export function spireSymbols(text: string): DocumentSymbol[] {
  const budget = { left: MAX_SYMBOLS };
  return symbolsOf(readHcl(text).root.items, budget, true);
}

function symbolsOf(items: HclItem[], budget: { left: number }, topLevel: boolean): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const item of items) {
    if (budget.left <= 0) break;
    if (topLevel && item.keys.length === 1 && item.keys[0].text.toLowerCase() === 'plugins' && item.value.kind === 'object') {
      budget.left--;
      const range = span(item.keys[0].range, item.value.range);
      out.push({ name: 'plugins', kind: SymbolKind.Module, range, selectionRange: item.keys[0].range, children: plugins(item.value.items, budget) });
      continue;
    }
    out.push(symbol(item.keys, item.value, budget, topLevel));
  }
  return out;
}

/** A key (or `key "label"...`) with its value. */
function symbol(keys: HclKey[], value: HclValue, budget: { left: number }, topLevel: boolean): DocumentSymbol {
  budget.left--;
  const name = keys.map((k, i) => (i === 0 ? k.text : `"${k.text}"`)).join(' ');
  const range = span(keys[0].range, value.range);
  const selectionRange = span(keys[0].range, keys[keys.length - 1].range);
  if (value.kind === 'object')
    return { name, kind: topLevel ? SymbolKind.Module : SymbolKind.Namespace, range, selectionRange, children: symbolsOf(value.items, budget, false) };
  if (value.kind === 'list') {
    const blocks = value.items.filter((v) => v.kind === 'object');
    const children: DocumentSymbol[] = [];
    for (const [i, b] of blocks.entries()) {
      if (b.kind !== 'object' || budget.left-- <= 0) break;
      children.push({ name: `[${i}]`, kind: SymbolKind.Object, range: b.range, selectionRange: b.range, children: symbolsOf(b.items, budget, false) });
    }
    return { name, kind: SymbolKind.Array, detail: blocks.length ? undefined : listDetail(value.items), range, selectionRange, children };
  }
  return { name, kind: SymbolKind.Property, detail: literal(value), range, selectionRange };
}

/**
 * The plugins block: `Type "name" {}`, `Type { name {} }` and the JSON `"Type": [{"name": {}}]`
 * (which the reader already unfolds into repeated `Type` items) all become `Type "name"`.
 */
function plugins(items: HclItem[], budget: { left: number }): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const item of items) {
    const [type, ...rest] = item.keys;
    if (rest.length > 0) {
      out.push(plugin(type, rest, item.value, type.range, budget));
      continue;
    }
    if (item.value.kind !== 'object') {
      out.push(symbol(item.keys, item.value, budget, false));
      continue;
    }
    for (const inner of item.value.items) {
      if (budget.left <= 0) break;
      out.push(plugin(type, inner.keys, inner.value, inner.keys[0].range, budget));
    }
  }
  return out;
}

/** One plugin: its name key, then any further keys (`Type "name" "plugin_data" { }`) below it. */
function plugin(type: HclKey, keys: HclKey[], value: HclValue, start: Range, budget: { left: number }): DocumentSymbol {
  budget.left--;
  const [name, ...more] = keys;
  const range = span(start, value.range);
  const selectionRange = span(start, name.range);
  const body = more.length > 0 ? [symbol(more, value, budget, false)] : value.kind === 'object' ? symbolsOf(value.items, budget, false) : [];
  const external = value.kind === 'object' && value.items.some((i) => i.keys[0].text.toLowerCase() === 'plugin_cmd');
  return {
    name: `${type.text} "${name.text}"`,
    detail: external ? 'external plugin' : undefined,
    kind: SymbolKind.Class,
    range,
    selectionRange,
    children: body,
  };
}

function span(start: Range, end: Range): Range {
  return { start: start.start, end: end.end };
}

function literal(value: HclValue): string {
  if (value.kind === 'string') {
    const text = String(value.value);
    return `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}"`.replace(/\n/g, ' ');
  }
  return value.kind === 'null' ? 'null' : String((value as { value: unknown }).value);
}

function listDetail(items: HclValue[]): string {
  const shown = items.slice(0, 3).map(literal).join(', ');
  return `[${shown}${items.length > 3 ? `, … ${items.length - 3} more` : ''}]`;
}
