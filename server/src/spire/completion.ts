import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { PLUGIN_TYPES, type Side } from './catalog';
import { cursorContext, offsetOf, positionOf, sideAt, valueKeyPath, type CursorContext } from './cursor';
import type { KeyDoc } from './keyDocs';
import { keyMarkdown, pluginMarkdown, pluginTypeMarkdown, typeWords } from './keyMarkdown';
import { childKeys, resolvePath, type ChildKey, type KeyNode } from './keyTree';

// Completion for SPIRE configuration files: the keys the cursor's block takes and does not have
// yet, plugin types and built-in plugin names, and the values of enum-like keys. It reads only the
// tokens before and around the cursor, so half-typed text completes too.

export function spireCompletion(text: string, position: Position): CompletionItem[] {
  const offset = offsetOf(text, position);
  if (inLineComment(text, offset)) return [];
  const context = cursorContext(text, offset);
  const word = context.word;
  // Touching a string from outside its quotes: nothing to complete there.
  if (word?.quoted && (offset < word.contentStart || offset > word.contentEnd)) return [];
  // Inside a heredoc (or a word running over lines): free text, and an edit must stay on one line.
  if (word && text.slice(word.start, offset).includes('\n')) return [];
  const side = sideAt(context, text);
  const range = replaceRange(text, context, offset);
  return context.inValue ? valueItems(context, range) : keyItems(context, side, range);
}

/** The text the chosen item replaces: the word under the cursor (inside its quotes), or nothing. */
function replaceRange(text: string, context: CursorContext, offset: number): Range {
  const word = context.word;
  if (!word) return { start: positionOf(text, offset), end: positionOf(text, offset) };
  return { start: positionOf(text, word.contentStart), end: positionOf(text, Math.max(word.contentEnd, offset)) };
}

function valueItems(context: CursorContext, range: Range): CompletionItem[] {
  const node = resolvePath(valueKeyPath(context));
  if (node.role !== 'key') return [];
  const doc = node.doc;
  const quoted = context.word?.quoted ?? false;
  if (doc.kind === 'bool')
    return quoted ? [] : ['true', 'false'].map((value) => ({ label: value, kind: CompletionItemKind.Value, textEdit: { range, newText: value } }));
  return (doc.values ?? []).map((value) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: `${node.name} value`,
    textEdit: { range, newText: quoted ? value : `"${value}"` },
  }));
}

function keyItems(context: CursorContext, side: Side | undefined, range: Range): CompletionItem[] {
  const node = resolvePath([...context.path, ...context.keys]);
  const startsItem = context.keys.length === 0;
  const quoted = context.word?.quoted ?? false;
  const items: CompletionItem[] = [];
  for (const child of childKeys(node, side)) {
    if (startsItem && context.siblings.has(child.name.toLowerCase()) && !repeatable(node, child, side)) continue;
    const { newText, snippet } = insertion(node, child, context.json, quoted);
    items.push({
      label: child.name,
      kind: itemKind(node, child),
      detail: child.detail ?? (child.doc ? typeWords(child.doc) : undefined),
      documentation: { kind: MarkupKind.Markdown, value: documentation(node, child, side) },
      textEdit: { range, newText },
      insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      ...(child.doc?.deprecated ? { tags: [CompletionItemTag.Deprecated] } : {}),
    });
  }
  return items;
}

/** Keys that may be written again in one block: labelled blocks, lists of blocks, repeatable plugin types. */
function repeatable(node: KeyNode, child: ChildKey, side: Side | undefined): boolean {
  if (node.role === 'plugins') {
    const limits = (side ? [side] : (['server', 'agent'] as const)).map((s) => PLUGIN_TYPES[s][child.name]?.max);
    return !limits.every((max) => max === 1);
  }
  return Boolean(child.doc?.label || child.doc?.kind === 'block list');
}

function itemKind(node: KeyNode, child: ChildKey): CompletionItemKind {
  if (node.role === 'plugins') return CompletionItemKind.Class;
  if (node.role === 'plugin-type' || child.label) return CompletionItemKind.EnumMember;
  const kind = child.doc?.kind;
  return kind === 'block' || kind === 'block list' ? CompletionItemKind.Module : CompletionItemKind.Property;
}

function documentation(node: KeyNode, child: ChildKey, side: Side | undefined): string {
  if (node.role === 'plugins') return pluginTypeMarkdown(child.name, side);
  if (node.role === 'plugin-type') return pluginMarkdown(node.type, child.name, side);
  return child.doc ? keyMarkdown(child.name, child.doc) : child.name;
}

/** What goes in for a key: just the name in JSON or inside quotes, else the key with its value's shape. */
function insertion(node: KeyNode, child: ChildKey, json: boolean, quoted: boolean): { newText: string; snippet: boolean } {
  const name = child.name;
  if (quoted) return { newText: name, snippet: false };
  if (json || child.label || node.role === 'plugin-type') return { newText: `"${name}"`, snippet: false };
  if (node.role === 'plugins') return { newText: `${name} "$1" {\n\tplugin_data {\n\t\t$0\n\t}\n}`, snippet: true };
  return child.doc ? { newText: hclShape(name, child.doc), snippet: true } : { newText: name, snippet: false };
}

function hclShape(name: string, doc: KeyDoc): string {
  if (doc.label) return `${name} "$1" {\n\t$0\n}`;
  if (doc.choices) return `${name} "\${1|${Object.keys(doc.keys ?? {}).join(',')}|}" {\n\t$0\n}`;
  switch (doc.kind) {
    case 'block':
      return `${name} {\n\t$0\n}`;
    case 'block list':
      return `${name} = [\n\t{\n\t\t$0\n\t},\n]`;
    case 'list':
      return `${name} = [$0]`;
    case 'bool':
      return `${name} = \${1|true,false|}`;
    case 'int':
      return `${name} = $0`;
    default:
      return doc.values ? `${name} = "\${1|${doc.values.join(',')}|}"` : `${name} = "$0"`;
  }
}

/** Whether the cursor sits in a # or // comment of its line (strings skipped). */
function inLineComment(text: string, offset: number): boolean {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  let inString = false;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '#' || (c === '/' && text[i + 1] === '/')) return true;
  }
  return false;
}
