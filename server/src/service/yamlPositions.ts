import type { LineCounter } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';

/** Converts yaml's character offsets to LSP positions (zero-based lines and columns). */
export function offsetToPosition(lineCounter: LineCounter, offset: number): Position {
  const { line, col } = lineCounter.linePos(offset);
  return { line: line - 1, character: col - 1 };
}

export function offsetsToRange(lineCounter: LineCounter, start: number, end: number): Range {
  return { start: offsetToPosition(lineCounter, start), end: offsetToPosition(lineCounter, Math.max(start, end)) };
}
