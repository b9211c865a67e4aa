/** One `-----BEGIN X-----` … `-----END X-----` block found in a text. */
export interface PemBlock {
  /** The label of the BEGIN line, for example `CERTIFICATE` or `PRIVATE KEY`. */
  label: string;
  /** Zero-based line of the BEGIN line. */
  beginLine: number;
  /** Zero-based line of the END line, or of the last line read when the block is not closed. */
  endLine: number;
  /** Column where the BEGIN marker starts (PEM indented inside YAML starts past column 0). */
  beginColumn: number;
  /** Length of the END line's text, so a range can cover the whole block. */
  endColumn: number;
  /** RFC 1421 header lines between BEGIN and the body (`Proc-Type: 4,ENCRYPTED`, `DEK-Info: …`). */
  headers: string[];
  /** The decoded body; absent when `problem` says why it could not be read. */
  der?: Uint8Array;
  problem?: PemProblem;
  /**
   * Where `problem` sits, to the character: the first run of bad characters of a body line, the
   * END line's label, the BEGIN marker of a block that is never closed, the BEGIN line of an empty one.
   */
  problemAt?: PemSpan;
  /** For a `bad-base64` problem: what is wrong at `problemAt`. */
  bodyFault?: BodyFault;
}

export type PemProblem = { kind: 'unterminated' } | { kind: 'label-mismatch'; endLabel: string } | { kind: 'bad-base64'; line: number } | { kind: 'empty' };

/**
 * - `invalid-character`: characters outside the base64 alphabet in an otherwise base64 line;
 * - `stray-text`: a line of prose, a comment or a header after the body began;
 * - `misplaced-padding`: `=` before the end of the body;
 * - `truncated`: the body's length is not a multiple of four, so its end is missing.
 */
export type BodyFault = 'invalid-character' | 'stray-text' | 'misplaced-padding' | 'truncated';

/** Zero-based line and a column range on it, end exclusive. */
export interface PemSpan {
  line: number;
  startColumn: number;
  endColumn: number;
}

/** An END line with no BEGIN above it: the top of a block was cut off. */
export interface StrayEnd extends PemSpan {
  label: string;
}

const BEGIN = /^(\s*)-----BEGIN ([A-Z0-9 ]+)-----\s*$/;
const END = /^(\s*)-----END ([A-Z0-9 ]+)-----\s*$/;
const BASE64_CHAR = /[A-Za-z0-9+/=]/;
const CLEAN_BODY_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
// RFC 1421 encapsulated headers (Proc-Type, DEK-Info) sit between BEGIN and the body.
const HEADER_LINE = /^[A-Za-z-]+:/;
// Line breaks as LSP counts them, so block lines are editor lines (a lone CR included).
const LINE_BREAK = /\r\n|\r|\n/;

/** Finds every PEM block of a text, tolerating CRLF, indentation and headers. */
export function findPemBlocks(text: string): PemBlock[] {
  return readPemText(text).blocks;
}

/** The blocks of a text and the END lines that belong to no block. */
export function readPemText(text: string): { blocks: PemBlock[]; strayEnds: StrayEnd[] } {
  const blocks: PemBlock[] = [];
  const strayEnds: StrayEnd[] = [];
  // Most text has no PEM at all: one search instead of a regular expression per line.
  if (!text.includes('-----')) return { blocks, strayEnds };
  const lines = text.split(LINE_BREAK);
  let line = 0;
  while (line < lines.length) {
    const current = lines[line];
    const begin = current.includes('-----BEGIN ') ? BEGIN.exec(current) : null;
    if (!begin) {
      const end = current.includes('-----END ') ? END.exec(current) : null;
      if (end) strayEnds.push({ line, startColumn: end[1].length, endColumn: current.trimEnd().length, label: end[2] });
      line++;
      continue;
    }
    const block = readBlock(lines, line, begin[2], begin[1].length);
    blocks.push(block);
    line = block.endLine + 1;
  }
  return { blocks, strayEnds };
}

/**
 * The labels of a text's blocks, as readPemText would give them, without reading their bodies:
 * every BEGIN line opens a block there (a BEGIN line inside an open block closes it unterminated).
 */
export function pemLabels(text: string): string[] {
  const labels: string[] = [];
  for (let at = text.indexOf('-----BEGIN '); at >= 0;) {
    // The line around the marker, found character by character: indexOf for a '\r' that is not
    // there would read to the end of the text at every block.
    let start = at;
    while (start > 0 && !isLineBreak(text.charCodeAt(start - 1))) start--;
    let end = at;
    while (end < text.length && !isLineBreak(text.charCodeAt(end))) end++;
    const begin = BEGIN.exec(text.slice(start, end));
    if (begin) labels.push(begin[2]);
    at = text.indexOf('-----BEGIN ', end);
  }
  return labels;
}

function isLineBreak(unit: number): boolean {
  return unit === 0x0a || unit === 0x0d;
}

/** The first fault of a block body, as it is read line by line. */
interface Fault {
  at: PemSpan;
  fault: BodyFault;
}

function readBlock(lines: string[], beginLine: number, label: string, beginColumn: number): PemBlock {
  const chunks: string[] = [];
  let length = 0;
  let fault: Fault | undefined;
  let paddedAt: PemSpan | undefined;
  let lastBodyLine: number | undefined;
  const headers: string[] = [];
  for (let line = beginLine + 1; line < lines.length; line++) {
    const text = lines[line];
    const end = text.includes('-----END ') ? END.exec(text) : null;
    if (end) {
      const base = { label, beginLine, endLine: line, beginColumn, endColumn: text.length, headers };
      if (end[2] !== label) {
        const start = end[1].length + '-----END '.length;
        return { ...base, problem: { kind: 'label-mismatch', endLabel: end[2] }, problemAt: { line, startColumn: start, endColumn: start + end[2].length } };
      }
      if (!fault && length % 4 !== 0 && lastBodyLine !== undefined) {
        // Mark the characters of the incomplete last quartet (those on the last line).
        const end = lines[lastBodyLine].trimEnd().length;
        const indent = lines[lastBodyLine].length - lines[lastBodyLine].trimStart().length;
        fault = { at: { line: lastBodyLine, startColumn: Math.max(indent, end - (length % 4)), endColumn: end }, fault: 'truncated' };
      }
      if (fault) return { ...base, problem: { kind: 'bad-base64', line: fault.at.line }, problemAt: fault.at, bodyFault: fault.fault };
      if (length === 0)
        return { ...base, problem: { kind: 'empty' }, problemAt: { line: beginLine, startColumn: beginColumn, endColumn: lines[beginLine].trimEnd().length } };
      return { ...base, der: new Uint8Array(Buffer.from(chunks.join(''), 'base64')) };
    }
    if (text.includes('-----BEGIN ') && BEGIN.test(text)) {
      // A new block starts before this one ended: report this one as open and let the caller resume there.
      return unterminated(lines, beginLine, line - 1, label, beginColumn, headers);
    }
    const trimmed = text.trim();
    if (trimmed === '') continue;
    if (length === 0 && !fault && HEADER_LINE.test(trimmed)) {
      headers.push(trimmed);
      continue;
    }
    if (fault) continue;
    const indent = text.length - text.trimStart().length;
    const lineFault = bodyLineFault(trimmed, line, indent);
    if (lineFault) {
      fault = lineFault;
      continue;
    }
    if (paddedAt) {
      // Padding ends the body: anything after a padded line means the padding came too early.
      fault = { at: paddedAt, fault: 'misplaced-padding' };
      continue;
    }
    const padding = trimmed.length - trimmed.replace(/=+$/, '').length;
    if (padding) paddedAt = { line, startColumn: indent + trimmed.length - padding, endColumn: indent + trimmed.length };
    chunks.push(trimmed);
    length += trimmed.length;
    lastBodyLine = line;
  }
  return unterminated(lines, beginLine, lines.length - 1, label, beginColumn, headers);
}

/** What is wrong with one trimmed body line, with columns in the untrimmed line. */
function bodyLineFault(trimmed: string, line: number, indent: number): Fault | undefined {
  // Nearly every line is clean: one match instead of a test per character.
  if (CLEAN_BODY_LINE.test(trimmed)) return undefined;
  let first = -1;
  for (let i = 0; i < trimmed.length; i++) {
    if (!BASE64_CHAR.test(trimmed[i])) {
      first = i;
      break;
    }
  }
  if (first < 0) {
    // Only alphabet characters: '=' may still sit inside the line instead of at its end.
    const inner = trimmed.replace(/=+$/, '').indexOf('=');
    if (inner < 0) return undefined;
    let stop = inner;
    while (trimmed[stop] === '=') stop++;
    return { at: { line, startColumn: indent + inner, endColumn: indent + stop }, fault: 'misplaced-padding' };
  }
  // Words separated by spaces, or a "Key: value" line, is text someone wrote, not a damaged body.
  if (/\s/.test(trimmed) || HEADER_LINE.test(trimmed)) return { at: { line, startColumn: indent, endColumn: indent + trimmed.length }, fault: 'stray-text' };
  let stop = first;
  while (stop < trimmed.length && !BASE64_CHAR.test(trimmed[stop])) stop++;
  return { at: { line, startColumn: indent + first, endColumn: indent + stop }, fault: 'invalid-character' };
}

function unterminated(lines: string[], beginLine: number, endLine: number, label: string, beginColumn: number, headers: string[]): PemBlock {
  return {
    label,
    beginLine,
    endLine,
    beginColumn,
    endColumn: lines[endLine].length,
    headers,
    problem: { kind: 'unterminated' },
    problemAt: { line: beginLine, startColumn: beginColumn, endColumn: lines[beginLine].trimEnd().length },
  };
}

/** Encodes DER bytes as a PEM block with 64-character lines. */
export function toPem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
