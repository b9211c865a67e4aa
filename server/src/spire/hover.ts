import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { cursorContext, offsetOf, positionOf, sideAt, valueKeyPath, type CursorContext } from './cursor';
import { nodeMarkdown, valuesLine } from './keyMarkdown';
import { resolvePath } from './keyTree';

// Hover for SPIRE configuration files: a key's documentation, a plugin type's or plugin's, or the
// values an enum-like key accepts when the cursor is on its value.

export function spireHover(text: string, position: Position): Hover | undefined {
  const context = cursorContext(text, offsetOf(text, position));
  const word = context.word;
  if (!word) return undefined;
  const side = sideAt(context, text);
  const markdown = context.inValue
    ? valueMarkdown(context, word.text, word.quoted)
    : nodeMarkdown(resolvePath([...context.path, ...context.keys, word.text]), side);
  if (!markdown) return undefined;
  return {
    contents: { kind: MarkupKind.Markdown, value: markdown },
    range: { start: positionOf(text, word.start), end: positionOf(text, word.end) },
  };
}

function valueMarkdown(context: CursorContext, value: string, quoted: boolean): string | undefined {
  const node = resolvePath(valueKeyPath(context));
  if (node.role !== 'key' || !(node.doc.values || node.doc.kind === 'bool')) return undefined;
  const doc = node.doc;
  const accepted = doc.kind === 'bool' ? ['true', 'false'] : doc.values!;
  if (doc.kind === 'bool' && quoted)
    return `**${node.name}** takes \`true\` or \`false\` without quotes; SPIRE cannot read a quoted "${value}".\n\n${valuesLine(doc)}`;
  const matches = accepted.some((v) => (doc.anyCase ? v.toLowerCase() === value.toLowerCase() : v === value));
  const verdict = matches ? `\`${value}\` is a value **${node.name}** accepts.` : `SPIRE does not accept \`${value}\` for **${node.name}**.`;
  return `${verdict}\n\n${valuesLine(doc)}`;
}
