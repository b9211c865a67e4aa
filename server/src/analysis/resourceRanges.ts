// Where a resource's fields are written, for the findings and lenses that point at them. A
// workspace of thousands of files would keep a range per field of every resource, yet only the
// resources a finding or a lens is about are ever asked: the rest keep their document's text (a
// slice of the file's, which the workspace holds anyway) and are read again on the first question.

import { Composer, isCollection, isMap, isPair, isScalar, isSeq, LineCounter, Parser, type Document, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';

/** What a resource's ranges are read from: its document's text, from the start of its first line. */
interface Source {
  text: string;
  /** Whether the spec's fields are wanted (the kinds whose body the rules read). */
  withSpec: boolean;
  /** Ranges by path, relative to the text's first line; built on the first question. */
  relative?: Map<string, Range>;
}

export class ResourceRanges {
  private constructor(
    private readonly source: Source,
    /** The line of the file the text starts on. */
    private readonly line: number,
    /** The document ('') and its kind: asked of every resource that is reported at all. */
    private readonly eager: Map<string, Range>,
  ) {}

  /** Ranges of a parsed YAML document of `text` (the whole file as parsed); `withSpec` records every field under `spec` too. */
  static of(text: string, lineCounter: LineCounter, document: Document.Parsed, withSpec: boolean): ResourceRanges {
    const from = text.lastIndexOf('\n', document.range[0] - 1) + 1;
    const line = lineCounter.linePos(from).line - 1;
    const eager = new Map<string, Range>();
    const at = (node: Node | null | undefined) => (node?.range ? toRange(lineCounter, node.range[0], node.range[1]) : undefined);
    const whole = at(document.contents);
    if (whole) eager.set('', whole);
    if (isMap(document.contents)) {
      const kind = document.contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'kind');
      const kindKey = at(kind?.key);
      if (kindKey) eager.set('kind', kindKey);
    }
    return new ResourceRanges({ text: text.slice(from, document.range[2]), withSpec }, line, eager);
  }

  /** The same ranges `delta` lines further down (an edit above added or removed lines); what was read is shared. */
  moved(delta: number): ResourceRanges {
    return new ResourceRanges(this.source, this.line + delta, new Map([...this.eager].map(([path, range]) => [path, shift(range, delta)])));
  }

  get(path: string): Range | undefined {
    const eager = this.eager.get(path);
    if (eager) return eager;
    const relative = this.read().get(path);
    return relative && shift(relative, this.line);
  }

  has(path: string): boolean {
    return this.eager.has(path) || this.read().has(path);
  }

  private read(): Map<string, Range> {
    return (this.source.relative ??= readRanges(this.source.text, this.source.withSpec));
  }
}

function shift(range: Range, delta: number): Range {
  return { start: { line: range.start.line + delta, character: range.start.character }, end: { line: range.end.line + delta, character: range.end.character } };
}

function toRange(lineCounter: LineCounter, start: number, end: number): Range {
  const from = lineCounter.linePos(start);
  const to = lineCounter.linePos(end);
  return { start: { line: from.line - 1, character: from.col - 1 }, end: { line: to.line - 1, character: to.col - 1 } };
}

/** The paths the rules report at, read from the document's own text: its top keys, its name and namespace, and (when wanted) every field under spec. */
function readRanges(text: string, withSpec: boolean): Map<string, Range> {
  const ranges = new Map<string, Range>();
  const lineCounter = new LineCounter();
  // Read as segments.ts reads the whole file, so the tree (and every offset) is the one the resource was built from.
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: false });
  const [document] = [...composer.compose(parser.parse(text), true, text.length)] as Document.Parsed[];
  const root = document?.contents;
  if (!isMap(root)) return ranges;
  const range = (node: Node | null | undefined) => (node?.range ? toRange(lineCounter, node.range[0], node.range[1]) : undefined);
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === 'kind' || key === 'metadata' || (key === 'spec' && withSpec)) {
      const at = range(pair.key);
      if (at) ranges.set(key, at);
    }
    if (key === 'metadata' && isMap(pair.value)) {
      for (const field of pair.value.items) {
        if (!isScalar(field.key) || (field.key.value !== 'name' && field.key.value !== 'namespace')) continue;
        const at = range(field.value);
        if (at) ranges.set(`metadata.${String(field.key.value)}`, at);
      }
    }
    if (key === 'spec' && withSpec) recordRanges(pair.value, 'spec', ranges, range);
  }
  return ranges;
}

/** Ranges of every node under `node`: keys at their path, values at "<path>=", list items at "<path>.<i>". */
function recordRanges(
  node: Node | null | undefined,
  path: string,
  ranges: Map<string, Range>,
  range: (node: Node | null | undefined) => Range | undefined,
): void {
  if (!node) return;
  const own = range(node);
  if (own) ranges.set(`${path}=`, own);
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const child = `${path}.${String(pair.key.value)}`;
      const key = range(pair.key);
      if (key) ranges.set(child, key);
      recordRanges(pair.value as Node, child, ranges, range);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      const at = range(item as Node);
      if (at) ranges.set(`${path}.${i}`, at);
      if (isCollection(item)) recordRanges(item, `${path}.${i}`, ranges, range);
    });
  }
}
