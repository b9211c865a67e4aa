import type { Position } from 'vscode-languageserver-types';
import { withCursor } from '../support/cursor';

// Shared by the SPIRE editor-service tests: text with a `|` cursor, turned into text and position.

export function atCursor(source: string): { text: string; position: Position } {
  const { text, offset } = withCursor(source);
  const before = text.slice(0, offset).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** The text a range covers (single- or multi-line). */
export function textOf(text: string, range: { start: Position; end: Position }): string {
  const lines = text.split('\n');
  const offset = (p: Position): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}
