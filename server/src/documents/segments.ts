import { Composer, Parser, visit, type Document } from 'yaml';

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
  /** Set when the segment was left unparsed: its size in bytes. */
  skippedBytes?: number;
}

/** Segments larger than this are not parsed: the information diagnostic says so. */
export const MAX_SEGMENT_BYTES = 1_000_000;
/** Parsing stops once this much of a file has been parsed; the rest is listed as skipped. */
export const MAX_PARSED_BYTES = 4_000_000;

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
  const reusable = new Map<string, Segment[]>();
  for (const segment of previous) reusable.set(segment.text, [...(reusable.get(segment.text) ?? []), segment]);
  const starts = segmentStarts(text);
  let parsedBytes = 0;
  return starts.map((start, index) => {
    const segmentText = text.slice(start, starts[index + 1] ?? text.length);
    const reused = reusable.get(segmentText)?.shift();
    if (reused && !reused.skippedBytes) {
      parsedBytes += segmentText.length;
      if (reused.start !== start) moveOffsets(reused.documents, start - reused.start);
      return { ...reused, start };
    }
    if (segmentText.length > MAX_SEGMENT_BYTES || parsedBytes + segmentText.length > MAX_PARSED_BYTES) {
      return { text: segmentText, start, documents: [], skippedBytes: segmentText.length };
    }
    parsedBytes += segmentText.length;
    return { text: segmentText, start, documents: parseAt(segmentText, start) };
  });
}

/**
 * parseAllDocuments, with offsets counted from `start`: the parser's offset is where its tokens
 * begin, so the nodes come out placed in the whole text without a second pass.
 */
function parseAt(text: string, start: number): Document.Parsed[] {
  const parser = new Parser();
  parser.offset = start;
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: false });
  return [...composer.compose(parser.parse(text), true, start + text.length)] as Document.Parsed[];
}

type Ranged = { range?: [number, number, number] | null };

/** Moves every offset the services read (nodes, documents, errors) by `delta`. */
function moveOffsets(documents: Document.Parsed[], delta: number): void {
  const move = (item: Ranged | null | undefined) => {
    if (item?.range) item.range = [item.range[0] + delta, item.range[1] + delta, item.range[2] + delta];
  };
  for (const document of documents) {
    move(document as Ranged);
    visit(document, {
      Node(_, node) {
        move(node as Ranged);
      },
    });
    for (const problem of [...document.errors, ...document.warnings]) problem.pos = [problem.pos[0] + delta, problem.pos[1] + delta];
  }
}
