// How much of one file the services read. Past these bounds a file is read up to the bound and
// one information diagnostic per file (analysis-skipped) says what was left out and from where,
// so a huge or hostile file costs the server a bounded amount of time and memory per edit.

/** Parsing stops once this much of a file's YAML has been parsed. */
export const MAX_PARSED_BYTES = 4_000_000;
/** A single `---` document larger than this is not parsed. */
export const MAX_DOCUMENT_BYTES = 1_000_000;
/**
 * A YAML document nesting collections deeper than this is not checked: real manifests stay far
 * below it, and every reader of a parse tree (the checks, symbols, completion) may then recurse freely.
 */
export const MAX_NESTING_DEPTH = 100;
/** PEM blocks (and base64 values) decoded per file; the ones after them are counted, not read. */
export const MAX_CERTIFICATES = 1_000;

/** Why part of a file was left out. */
export type SkipReason = 'file' | 'document' | 'depth';

/** One part of a file left unread, with where it starts. */
export interface SkippedPart {
  reason: SkipReason | 'certificates';
  /** Zero-based line the part starts on (for `depth`, the line where the nesting passes the bound). */
  line: number;
  /** How many YAML documents (or, for `certificates`, PEM blocks) it holds. */
  count: number;
  /** Bytes left unread. */
  bytes: number;
  /** Characters of its first line for the diagnostic to underline. */
  width: number;
}

/** The one sentence that says what was skipped, part by part, from the line each begins on. */
export function skippedMessage(parts: SkippedPart[]): string {
  const sentences: string[] = [];
  const sum = (list: SkippedPart[], field: 'count' | 'bytes') => list.reduce((total, p) => total + p[field], 0);
  const about = (reason: SkippedPart['reason'], say: (count: number, bytes: number) => string) => {
    const list = parts.filter((p) => p.reason === reason);
    if (list.length) sentences.push(`${say(sum(list, 'count'), sum(list, 'bytes'))}, from line ${Math.min(...list.map((p) => p.line)) + 1}`);
  };
  about('file', (n, bytes) => `${count(n, 'YAML document')} (${megabytes(bytes)}) past the first ${megabytes(MAX_PARSED_BYTES)} read per file`);
  about('document', (n, bytes) => `${count(n, 'YAML document')} over ${megabytes(MAX_DOCUMENT_BYTES)} each (${megabytes(bytes)})`);
  about('depth', (n) => `${count(n, 'YAML document')} nested deeper than ${MAX_NESTING_DEPTH} levels`);
  about('certificates', (n) => `${count(n, 'PEM block')} past the first ${MAX_CERTIFICATES.toLocaleString('en-US')} decoded per file`);
  return `Not checked, to keep the editor responsive: ${sentences.join('; ')}. The rest of the file is checked as usual.`;
}

function count(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1).replace(/\.0$/, '')} MB`;
}
