import { Composer, isMap, isPair, isSeq, Parser, type CST, type Document } from 'yaml';
import { MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH, MAX_PARSED_BYTES, type SkipReason } from './sizePolicy';

/**
 * A stretch of a YAML stream from one `---` line to the next, parsed on its own. Editing one
 * resource of a long manifest reparses only its segment; the others are reused, their node
 * offsets moved when text before them grew or shrank.
 */
export interface Segment {
  text: string;
  /** Offset of the segment's first character in the whole text. */
  start: number;
  /** Documents with offsets into the whole text. Empty when the segment was too large to parse. */
  documents: Document.Parsed[];
  /** Set when the segment was left out (see sizePolicy.ts): its size in bytes. */
  skippedBytes?: number;
  /** Why it was left out. */
  skipped?: SkipReason;
  /** For a segment nested too deep: the offset where the nesting passes the bound. */
  skippedAt?: number;
  /** For the rest of a file past the parse bound: how many `---` documents it holds. */
  skippedDocuments?: number;
}

const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/**
 * Where the stream may be cut so that each piece parses as it would in the whole: before every
 * `---` at the start of a line, which ends whatever came before it. Streams with directives or
 * `...` end markers are kept whole, since those change how the next document reads.
 */
export function segmentStarts(text: string): number[] {
  if (/^(%|\.\.\.(?=[ \t\r\n]|$))/m.test(text)) return [0];
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) if (match.index > 0) starts.push(match.index);
  return starts;
}

export function parseSegments(text: string, previous: Segment[] = []): Segment[] {
  const starts = segmentStarts(text);
  const texts = starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length));
  const reusable = reusableSegments(previous, texts);
  const segments: Segment[] = [];
  let parsedBytes = 0;
  for (const [index, start] of starts.entries()) {
    const segmentText = texts[index];
    const reused = reusable[index];
    // A segment skipped for its size may fit now; one too deep stays too deep.
    if (reused && (!reused.skipped || reused.skipped === 'depth')) {
      parsedBytes += segmentText.length;
      const delta = start - reused.start;
      if (delta !== 0) moveOffsets(reused.documents, delta);
      segments.push({ ...reused, start, ...(reused.skippedAt !== undefined ? { skippedAt: reused.skippedAt + delta } : {}) });
    } else if (segmentText.length > MAX_DOCUMENT_BYTES) {
      segments.push({ text: segmentText, start, documents: [], skippedBytes: segmentText.length, skipped: 'document' });
    } else if (parsedBytes + segmentText.length > MAX_PARSED_BYTES) {
      // The rest of the file is one part left out: an edit there costs nothing but finding the cut.
      const rest = text.slice(start);
      segments.push({ text: rest, start, documents: [], skippedBytes: rest.length, skipped: 'file', skippedDocuments: starts.length - index });
      break;
    } else {
      parsedBytes += segmentText.length;
      const { documents, tooDeepAt: textTooDeep } = parseAt(segmentText, start);
      const tooDeep = textTooDeep ?? documents.map(overflowAt).find((at) => at !== undefined);
      if (tooDeep === undefined) segments.push({ text: segmentText, start, documents });
      else segments.push({ text: segmentText, start, documents: [], skippedBytes: segmentText.length, skipped: 'depth', skippedAt: tooDeep });
    }
  }
  return segments;
}

/**
 * The previous segment each new one may reuse: the same text. An edit changes one stretch of the
 * file, so the segments before it and after it are compared in place, from each end (a comparison
 * of characters that stops at the first difference); only those in between are looked up by their
 * text, which costs hashing them (a document moved or duplicated elsewhere is still reused).
 */
function reusableSegments(previous: Segment[], texts: string[]): Array<Segment | undefined> {
  const reused: Array<Segment | undefined> = new Array<Segment | undefined>(texts.length);
  let front = 0;
  while (front < texts.length && front < previous.length && previous[front].text === texts[front]) reused[front] = previous[front++];
  let back = 0;
  while (back < texts.length - front && back < previous.length - front && previous[previous.length - 1 - back].text === texts[texts.length - 1 - back]) {
    reused[texts.length - 1 - back] = previous[previous.length - 1 - back];
    back++;
  }
  const rest = new Map<string, Segment[]>();
  for (const segment of previous.slice(front, previous.length - back)) rest.set(segment.text, [...(rest.get(segment.text) ?? []), segment]);
  for (let index = front; index < texts.length - back; index++) reused[index] = rest.get(texts[index])?.shift();
  return reused;
}

/**
 * Where the parser ran out of stack, should it ever (it reports that as an error and keeps a
 * partial tree). Depth itself was measured on the tokens before composing (see parseAt).
 */
function overflowAt(document: Document.Parsed): number | undefined {
  return document.errors.find((error) => /call stack/i.test(error.message))?.pos[0];
}

/**
 * parseAllDocuments, with offsets counted from `start`: the parser's offset is where its tokens
 * begin, so the nodes come out placed in the whole text without a second pass. Text nested past
 * the bound is not composed: the composer recurses, and so does the parser when it closes many
 * collections at once; running either out of stack can abort the process (V8 gives up when the
 * overflow lands in a regular expression's compilation). A scan of the text stops what would
 * overflow the parser, the parser's tokens what would overflow the composer.
 */
function parseAt(text: string, start: number): { documents: Document.Parsed[]; tooDeepAt?: number } {
  const textTooDeep = textTooDeepAt(text);
  if (textTooDeep !== undefined) return { documents: [], tooDeepAt: start + textTooDeep };
  const parser = new Parser();
  parser.offset = start;
  const tokens = [...parser.parse(text)];
  const tooDeep = tokens.map(tokenTooDeepAt).find((at) => at !== undefined);
  if (tooDeep !== undefined) return { documents: [], tooDeepAt: tooDeep };
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: false });
  return { documents: [...composer.compose(tokens, true, start + text.length)] as Document.Parsed[] };
}

/** Far past MAX_NESTING_DEPTH, so only hostile text meets it, and far below what overflows the parser. */
const MAX_TEXT_NESTING = 10 * MAX_NESTING_DEPTH;
const INDICATORS = new Set(['-', '?', ':']);

/**
 * Where the text may nest past MAX_TEXT_NESTING, read without YAML's rules: flow brackets left
 * open, and a line's run of indentation and `-`, `?`, `:` indicators before a space (each block
 * level takes at least one column of it). It may count the brackets of a quoted string or a
 * comment, and so more levels than there are, never fewer.
 */
function textTooDeepAt(text: string): number | undefined {
  let flow = 0;
  let prefix: number | undefined = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || c === '\r') prefix = 0;
    else if (prefix !== undefined && (c === ' ' || c === '\t' || (INDICATORS.has(c) && (text[i + 1] === ' ' || text[i + 1] === '\t')))) {
      if (++prefix > MAX_TEXT_NESTING) return i;
    } else {
      prefix = undefined;
      if (c === '[' || c === '{') {
        if (++flow > MAX_TEXT_NESTING) return i;
      } else if ((c === ']' || c === '}') && flow > 0) flow--;
    }
  }
  return undefined;
}

/** Where a token's collections nest deeper than the bound (a key or value inside a collection is one level down), without recursion. */
function tokenTooDeepAt(token: CST.Token): number | undefined {
  const stack: Array<[token: CST.Token | null | undefined, depth: number]> = [[token, 0]];
  while (stack.length) {
    const [next, outer] = stack.pop()!;
    if (!next) continue;
    if (next.type === 'document') stack.push([next.value, outer]);
    else if (next.type === 'block-map' || next.type === 'block-seq' || next.type === 'flow-collection') {
      const depth = outer + 1;
      if (depth > MAX_NESTING_DEPTH) return next.offset;
      for (const item of next.items) stack.push([item.key, depth], [item.value, depth]);
    }
  }
  return undefined;
}

type Ranged = { range?: [number, number, number] | null };

/**
 * Moves every offset the services read (nodes, documents, errors) by `delta`. An edit near the top
 * of a long manifest moves every node below it, so this walks with its own stack and changes the
 * ranges in place: yaml's `visit` and fresh range arrays cost ten times as much, mostly in GC.
 */
function moveOffsets(documents: Document.Parsed[], delta: number): void {
  const move = (item: Ranged | null | undefined) => {
    const range = item?.range;
    if (range) {
      range[0] += delta;
      range[1] += delta;
      range[2] += delta;
    }
  };
  const stack: unknown[] = [];
  for (const document of documents) {
    move(document);
    stack.push(document.contents);
    while (stack.length) {
      const node = stack.pop();
      if (typeof node !== 'object' || node === null) continue;
      if (isPair(node)) {
        stack.push(node.key, node.value);
        continue;
      }
      move(node);
      if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) stack.push(item);
    }
    for (const problem of [...document.errors, ...document.warnings]) problem.pos = [problem.pos[0] + delta, problem.pos[1] + delta];
  }
}
