import type { Range } from 'vscode-languageserver-types';

/**
 * Text with marked spans: `⟦…⟧` encloses an expected range and `|` (where the test asks for
 * it) marks the cursor. Returns the plain text and the ranges in order.
 */
export function marked(source: string): { text: string; ranges: Range[] } {
  const ranges: Range[] = [];
  let text = '';
  let line = 0;
  let character = 0;
  let open: { line: number; character: number } | undefined;
  for (const ch of source) {
    if (ch === '⟦') {
      open = { line, character };
      continue;
    }
    if (ch === '⟧') {
      if (!open) throw new Error('⟧ without ⟦');
      ranges.push({ start: open, end: { line, character } });
      open = undefined;
      continue;
    }
    text += ch;
    if (ch === '\n') {
      line++;
      character = 0;
    } else {
      character++;
    }
  }
  return { text, ranges };
}
