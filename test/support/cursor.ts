/** Text with one `|` marking the cursor: returns the text without it and the cursor's offset. */
export function withCursor(source: string): { text: string; offset: number } {
  const offset = source.indexOf('|');
  if (offset < 0 || source.indexOf('|', offset + 1) >= 0) throw new Error('mark exactly one cursor with |');
  return { text: source.slice(0, offset) + source.slice(offset + 1), offset };
}
