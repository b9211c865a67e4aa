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
}

export type PemProblem =
  | { kind: 'unterminated' }
  | { kind: 'label-mismatch'; endLabel: string }
  | { kind: 'bad-base64'; line: number }
  | { kind: 'empty' };

const BEGIN = /^(\s*)-----BEGIN ([A-Z0-9 ]+)-----\s*$/;
const END = /^\s*-----END ([A-Z0-9 ]+)-----\s*$/;
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/;
// RFC 1421 encapsulated headers (Proc-Type, DEK-Info) sit between BEGIN and the body.
const HEADER_LINE = /^[A-Za-z-]+:/;

/** Finds every PEM block of a text, tolerating CRLF, indentation and headers. */
export function findPemBlocks(text: string): PemBlock[] {
  const lines = text.split(/\r?\n/);
  const blocks: PemBlock[] = [];
  let line = 0;
  while (line < lines.length) {
    const begin = BEGIN.exec(lines[line]);
    if (!begin) {
      line++;
      continue;
    }
    const block = readBlock(lines, line, begin[2], begin[1].length);
    blocks.push(block);
    line = block.endLine + 1;
  }
  return blocks;
}

function readBlock(lines: string[], beginLine: number, label: string, beginColumn: number): PemBlock {
  let body = '';
  let badLine: number | undefined;
  const headers: string[] = [];
  for (let line = beginLine + 1; line < lines.length; line++) {
    const text = lines[line];
    const end = END.exec(text);
    if (end) {
      const base = { label, beginLine, endLine: line, beginColumn, endColumn: text.length, headers };
      if (end[1] !== label) return { ...base, problem: { kind: 'label-mismatch', endLabel: end[1] } };
      if (badLine !== undefined) return { ...base, problem: { kind: 'bad-base64', line: badLine } };
      if (body.length === 0) return { ...base, problem: { kind: 'empty' } };
      return { ...base, der: new Uint8Array(Buffer.from(body, 'base64')) };
    }
    if (BEGIN.test(text)) {
      // A new block starts before this one ended: report this one as open and let the caller resume there.
      return unterminated(lines, beginLine, line - 1, label, beginColumn, headers);
    }
    const trimmed = text.trim();
    if (trimmed === '') continue;
    if (HEADER_LINE.test(trimmed) && body === '') {
      headers.push(trimmed);
      continue;
    }
    if (BASE64_LINE.test(trimmed)) body += trimmed;
    else if (badLine === undefined) badLine = line;
  }
  return unterminated(lines, beginLine, lines.length - 1, label, beginColumn, headers);
}

function unterminated(lines: string[], beginLine: number, endLine: number, label: string, beginColumn: number, headers: string[]): PemBlock {
  return { label, beginLine, endLine, beginColumn, endColumn: lines[endLine].length, headers, problem: { kind: 'unterminated' } };
}

/** Encodes DER bytes as a PEM block with 64-character lines. */
export function toPem(label: string, der: Uint8Array): string {
  const body = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
