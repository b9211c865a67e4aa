// Names in certificates are attacker-chosen text. Control characters and bidirectional overrides
// (U+202E turns "gpj.exe" into "exe.jpg" on screen) must never reach a lens, a hover or a view
// raw: they are shown as \uXXXX. Pure, without node modules: the webview bundles it.

/** C0 and C1 controls, DEL, and the characters that reorder or hide text (bidi marks, embeddings, overrides, isolates). */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Whether `text` holds a character that would not show as itself. */
export function hasUnsafeCharacters(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(text);
}

/** `text` with each control or bidi character written as \uXXXX. */
export function escapeUnsafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
