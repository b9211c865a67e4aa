import { LineCounter } from 'yaml';
import type { TextChange } from './textChange';

/** Offsets where each line of `text` starts (after every `\n`), as yaml's LineCounter holds them. */
export function countLines(text: string): LineCounter {
  // Counted first and filled in place: a manifest of 10,000 lines would otherwise grow its array by copies.
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  const lineStarts = new Array<number>(lines);
  lineStarts[0] = 0;
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineStarts[line++] = at + 1;
  return counterOf(lineStarts);
}

/**
 * The line starts of `text` from those of the text before `change`: a line start depends only on
 * the character before it, so those before the change stay, those after it move by the change's
 * length, and only the changed characters are searched. When the change keeps the number of
 * lines (most keystrokes), the previous array is updated in place rather than copied: the
 * previous counter is not to be read after this.
 */
export function linesAfterChange(previous: LineCounter, text: string, change: TextChange): LineCounter {
  const before = previous.lineStarts;
  const delta = change.newEnd - change.oldEnd;
  // Line starts whose `\n` lies before the change, and the first one whose `\n` lies after it.
  const kept = firstAtLeast(before, change.start + 1);
  const moved = firstAtLeast(before, change.oldEnd + 1);
  const found: number[] = [];
  for (let at = text.indexOf('\n', change.start); at !== -1 && at < change.newEnd; at = text.indexOf('\n', at + 1)) found.push(at + 1);
  if (found.length === moved - kept) {
    for (let i = 0; i < found.length; i++) before[kept + i] = found[i];
    if (delta !== 0) for (let i = moved; i < before.length; i++) before[i] += delta;
    return counterOf(before);
  }
  const lineStarts = new Array<number>(kept + found.length + before.length - moved);
  let line = 0;
  for (let i = 0; i < kept; i++) lineStarts[line++] = before[i];
  for (const start of found) lineStarts[line++] = start;
  for (let i = moved; i < before.length; i++) lineStarts[line++] = before[i] + delta;
  return counterOf(lineStarts);
}

/** The index of the first value at least `bound` in an ascending array (its length when there is none). */
export function firstAtLeast(values: readonly number[], bound: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] < bound) low = middle + 1;
    else high = middle;
  }
  return low;
}

function counterOf(lineStarts: number[]): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.lineStarts = lineStarts;
  return lineCounter;
}

/** A line of `text` as written, without its line end (empty past the text's end). */
export function lineTextOf(text: string, lineStarts: readonly number[], line: number): string {
  if (line < 0 || line >= lineStarts.length) return '';
  return text.slice(lineStarts[line], (lineStarts[line + 1] ?? text.length + 1) - 1).replace(/\r$/, '');
}
