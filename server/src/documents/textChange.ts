/**
 * Where a new version of a text differs from the one before: `start` is the length of their common
 * prefix, `oldEnd` and `newEnd` where the common suffix begins in each. A keystroke in a long
 * manifest changes a few characters, and knowing where lets the parse redo only what they touch
 * instead of rescanning the whole text for `---` lines, line ends and template actions.
 */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * Compared in growing chunks: equal slices are checked by the engine's string comparison, so an
 * edit near the end of 400 KB costs a few dozen comparisons instead of a loop over every character.
 */
export function textChange(before: string, after: string): TextChange {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  for (let chunk = 64; start < shorter;) {
    const size = Math.min(chunk, shorter - start);
    if (before.slice(start, start + size) === after.slice(start, start + size)) {
      start += size;
      chunk *= 2;
    } else if (size > 8) chunk = size >> 1;
    else {
      while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
      break;
    }
  }
  const room = shorter - start;
  let suffix = 0;
  for (let chunk = 64; suffix < room;) {
    const size = Math.min(chunk, room - suffix);
    if (before.slice(before.length - suffix - size, before.length - suffix) === after.slice(after.length - suffix - size, after.length - suffix)) {
      suffix += size;
      chunk *= 2;
    } else if (size > 8) chunk = size >> 1;
    else {
      while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
      break;
    }
  }
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}
