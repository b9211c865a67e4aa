import { isMap, isPair, isSeq, type CST, type Document } from 'yaml';
import { firstAtLeast } from './lineStarts';
import { MAX_DOCUMENT_BYTES, MAX_NESTING_DEPTH, MAX_PARSED_BYTES, type SkipReason } from './sizePolicy';
import type { TextChange } from './textChange';
import { composeDocuments, yamlTokens } from './yamlStream';

/**
 * A stretch of a YAML stream from one `---` line to the next, parsed on its own. Editing one
 * resource of a long manifest reparses only its segment; the others are reused, their node
 * offsets moved when text before them grew or shrank. A new version's parse takes over the
 * previous one's segments and changes them: the previous parse is not to be read after it.
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
/** Directives and `...` end markers: a stream holding either is kept whole (see segmentCuts). */
const STREAM_MARKER = /^(%|\.\.\.(?=[ \t\r\n]|$))/m;

/**
 * Where the stream may be cut so that each piece parses as it would in the whole: before every
 * `---` at the start of a line, which ends whatever came before it. Streams with directives or
 * `...` end markers are kept whole, since those change how the next document reads: undefined.
 */
export function segmentCuts(text: string): number[] | undefined {
  if (STREAM_MARKER.test(text)) return undefined;
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_START)) if (match.index > 0) starts.push(match.index);
  return starts;
}

/** The cuts of a stream as segments are made of them: one segment when it is kept whole. */
export function segmentStarts(text: string): number[] {
  return segmentCuts(text) ?? [0];
}

/**
 * The cuts of `text` from those of the text before `change`. Whether a `---` (or a marker) begins
 * at an offset depends on the character before it and the three from it, so cuts whose four
 * characters lie before the change stay, those after it move, and only the lines around the
 * change are searched again.
 */
export function cutsAfterChange(previous: readonly number[], text: string, change: TextChange): number[] | undefined {
  const from = Math.max(0, change.start - 3);
  const to = change.newEnd;
  // Whole lines around the change, so that `^` and `$` read the window as they read the text.
  const windowStart = from === 0 ? 0 : text.lastIndexOf('\n', from - 1) + 1;
  const lineEnd = text.indexOf('\n', to + 3);
  const window = text.slice(windowStart, lineEnd === -1 ? text.length : lineEnd);
  const inChange = (at: number) => at >= from && at <= to;
  for (const match of window.matchAll(STREAM_MARKER_ALL)) if (inChange(windowStart + match.index)) return undefined;
  const delta = change.newEnd - change.oldEnd;
  const starts: number[] = [];
  for (const at of previous) {
    if (at >= from) break;
    starts.push(at);
  }
  for (const match of window.matchAll(DOCUMENT_START)) {
    const at = windowStart + match.index;
    if (at > 0 && inChange(at)) starts.push(at);
  }
  for (let i = firstAtLeast(previous, change.oldEnd + 1); i < previous.length; i++) starts.push(previous[i] + delta);
  if (starts[0] !== 0) starts.unshift(0);
  return starts;
}

const STREAM_MARKER_ALL = new RegExp(STREAM_MARKER.source, 'gm');

/**
 * The segments of `text` cut at `starts`, reusing those of the previous parse whose text is the
 * same. With the change from the previous text known, the segments wholly before or after it are
 * matched by their place, without comparing their text.
 */
export function parseSegments(text: string, previous: Segment[] = [], starts = segmentStarts(text), change?: TextChange): Segment[] {
  const texts = starts.map((start, index) => text.slice(start, starts[index + 1] ?? text.length));
  const reusable = reusableSegments(previous, texts, starts, change);
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
      // Changed in place, as its documents are: a copy per segment per keystroke is young garbage
      // the collector must copy while the new version is in use. The text is this version's slice,
      // so that no earlier version's whole text stays alive through it.
      reused.text = segmentText;
      reused.start = start;
      if (reused.skippedAt !== undefined) reused.skippedAt += delta;
      segments.push(reused);
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
function reusableSegments(previous: Segment[], texts: string[], starts: number[], change?: TextChange): Array<Segment | undefined> {
  const reused: Array<Segment | undefined> = new Array<Segment | undefined>(texts.length);
  const delta = change ? change.newEnd - change.oldEnd : 0;
  const sameBefore = (old: Segment, index: number) =>
    change !== undefined
      ? old.start === starts[index] && old.text.length === texts[index].length && old.start + old.text.length <= change.start
      : old.text === texts[index];
  const sameAfter = (old: Segment, index: number) =>
    change !== undefined
      ? old.start >= change.oldEnd && old.start + delta === starts[index] && old.text.length === texts[index].length
      : old.text === texts[index];
  let front = 0;
  while (front < texts.length && front < previous.length && sameBefore(previous[front], front)) reused[front] = previous[front++];
  let back = 0;
  while (back < texts.length - front && back < previous.length - front && sameAfter(previous[previous.length - 1 - back], texts.length - 1 - back)) {
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
  const tokens = yamlTokens(text, start);
  const tooDeep = tokens.map(tokenTooDeepAt).find((at) => at !== undefined);
  if (tooDeep !== undefined) return { documents: [], tooDeepAt: tooDeep };
  return { documents: composeDocuments(tokens, start + text.length) };
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
 * Every range array of a document (its own, its nodes'), found by one walk when the document is
 * first moved. Typing near the top of a long manifest moves every document below on every
 * keystroke; a flat list of arrays moves several times faster than a walk of the tree through
 * yaml's node type checks, and the walk is paid once per document instead of once per keystroke.
 * The tree of a reused segment does not change, and nothing replaces a node's range array.
 */
const rangesOf = new WeakMap<Document.Parsed, Array<[number, number, number]>>();

/** Moves every offset the services read (nodes, documents, errors) by `delta`, in place. */
function moveOffsets(documents: Document.Parsed[], delta: number): void {
  for (const document of documents) {
    let ranges = rangesOf.get(document);
    if (!ranges) rangesOf.set(document, (ranges = collectRanges(document)));
    for (const range of ranges) {
      range[0] += delta;
      range[1] += delta;
      range[2] += delta;
    }
    moveProblems(document.errors, delta);
    moveProblems(document.warnings, delta);
  }
}

function collectRanges(document: Document.Parsed): Array<[number, number, number]> {
  const ranges: Array<[number, number, number]> = [];
  const add = (item: Ranged | null | undefined) => {
    if (item?.range) ranges.push(item.range);
  };
  add(document);
  const stack: unknown[] = [document.contents];
  while (stack.length) {
    const node = stack.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    add(node);
    if (isMap(node) || isSeq(node)) for (const item of node.items as unknown[]) stack.push(item);
  }
  return ranges;
}

/** New position arrays: yaml may hand one array to more than one problem. */
function moveProblems(problems: Array<{ pos: [number, number] }>, delta: number): void {
  for (const problem of problems) problem.pos = [problem.pos[0] + delta, problem.pos[1] + delta];
}
