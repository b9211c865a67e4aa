// Just enough DER to step over elements where a full ASN.1 parse would be overkill. Callers hand
// in bytes a parser already accepted, so the headers are well formed; reads past the end give undefined bytes, never a throw.

/** Offset of the first content byte of the element starting at `at`. */
export function contentStart(der: Uint8Array, at: number): number {
  const first = der[at + 1];
  return first < 0x80 ? at + 2 : at + 2 + (first & 0x7f);
}

/** Offset just after the element starting at `at`. */
export function elementEnd(der: Uint8Array, at: number): number {
  const first = der[at + 1];
  if (first < 0x80) return at + 2 + first;
  let length = 0;
  for (let i = 0; i < (first & 0x7f); i++) length = length * 256 + der[at + 2 + i];
  return contentStart(der, at) + length;
}
