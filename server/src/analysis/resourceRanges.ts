// Where a resource's fields are written, for the findings and lenses that point at them. A
// workspace of thousands of files would keep a range per field of every resource, yet only the
// resources a finding or a lens is about are ever asked: the rest keep their document's text (a
// slice of the file's, which the workspace holds anyway) and are read again on the first question:
// from the parse tree when the caller keeps it anyway (an open document's), else by parsing that text again.

import { isCollection, isMap, isPair, isScalar, isSeq, LineCounter, type Document, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { countLines } from '../documents/lineStarts';
import { composeDocuments, yamlTokens } from '../documents/yamlStream';

/** What a resource's ranges are read from: its document's text, from the start of its first line. */
interface Source {
  text: string;
  /** Whether the spec's fields are wanted (the kinds whose body the rules read). */
  withSpec: boolean;
  /**
   * The parsed document, when the editor keeps it anyway (an open document's parse): reading its
   * nodes spares a parse of the text. A closed file's is not held: a workspace scan would keep
   * every tree (a weak reference too, until a full collection: scavenges keep what it points at).
   */
  tree?: Document.Parsed;
  /** Where the document starts in `text`; its nodes' offsets move with it (see segments.ts), so they are read relative to it. */
  treeStart: number;
  /**
   * The document ('') and its kind key, as offsets in `text`: asked of every resource that is
   * reported at all, and kept as numbers so that building a resource reads no lines.
   */
  eager: { whole?: [number, number]; kind?: [number, number] };
  /** Line starts of `text`, counted on the first question. */
  lines?: LineCounter;
  /** Ranges by path, relative to the text's first line; built on the first question. */
  relative?: Map<string, Range>;
}

export class ResourceRanges {
  private constructor(
    private readonly source: Source,
    /** The line of the file the text starts on. */
    private readonly line: number,
  ) {}

  /**
   * Ranges of a parsed YAML document of `text` (the whole file as parsed); `withSpec` records every
   * field under `spec` too; `keepTree` when the caller holds the parse anyway (see Source.tree).
   */
  static of(text: string, lineCounter: LineCounter, document: Document.Parsed, withSpec: boolean, keepTree: boolean): ResourceRanges {
    const from = text.lastIndexOf('\n', document.range[0] - 1) + 1;
    const line = lineCounter.linePos(from).line - 1;
    const eager: Source['eager'] = {};
    const contents = document.contents;
    if (contents?.range) eager.whole = [contents.range[0] - from, contents.range[1] - from];
    if (isMap(contents)) {
      const kind = contents.items.find((pair) => isScalar(pair.key) && pair.key.value === 'kind')?.key as Node | undefined;
      if (kind?.range) eager.kind = [kind.range[0] - from, kind.range[1] - from];
    }
    return new ResourceRanges(
      { text: text.slice(from, document.range[2]), withSpec, ...(keepTree ? { tree: document } : {}), treeStart: document.range[0] - from, eager },
      line,
    );
  }

  /** The same ranges `delta` lines further down (an edit above added or removed lines): everything read is shared, nothing copied. */
  moved(delta: number): ResourceRanges {
    return new ResourceRanges(this.source, this.line + delta);
  }

  get(path: string): Range | undefined {
    const relative = this.eagerRange(path) ?? this.read().get(path);
    return relative && shift(relative, this.line);
  }

  has(path: string): boolean {
    return this.eagerRange(path) !== undefined || this.read().has(path);
  }

  private eagerRange(path: string): Range | undefined {
    const offsets = path === '' ? this.source.eager.whole : path === 'kind' ? this.source.eager.kind : undefined;
    return offsets && toRange(linesOf(this.source), offsets[0], offsets[1]);
  }

  private read(): Map<string, Range> {
    return (this.source.relative ??= readRanges(this.source));
  }
}

function linesOf(source: Source): LineCounter {
  return (source.lines ??= countLines(source.text));
}

function shift(range: Range, delta: number): Range {
  return { start: { line: range.start.line + delta, character: range.start.character }, end: { line: range.end.line + delta, character: range.end.character } };
}

function toRange(lineCounter: LineCounter, start: number, end: number): Range {
  const from = lineCounter.linePos(start);
  const to = lineCounter.linePos(end);
  return { start: { line: from.line - 1, character: from.col - 1 }, end: { line: to.line - 1, character: to.col - 1 } };
}

/** The paths the rules report at, read from the document's own text: its top keys, its name, namespace and annotations, and (when wanted) every field under spec. */
function readRanges(source: Source): Map<string, Range> {
  const { tree } = source;
  if (!tree) return reparsedRanges(source);
  const lineCounter = linesOf(source);
  // Offsets of the tree as they were in `text`, however far the document has moved since.
  const delta = source.treeStart - tree.range[0];
  return rangesOf(tree.contents, source.withSpec, (node) => (node?.range ? toRange(lineCounter, node.range[0] + delta, node.range[1] + delta) : undefined));
}

/** The ranges from a parse of the text alone (the tree it was built from was not kept). */
function reparsedRanges(source: Source): Map<string, Range> {
  const lineCounter = new LineCounter();
  // Read as segments.ts reads the whole file, so the tree (and every offset) is the one the resource was built from.
  const { text } = source;
  const [document] = composeDocuments(yamlTokens(text, 0, lineCounter.addNewLine), text.length);
  return rangesOf(document?.contents, source.withSpec, (node) => (node?.range ? toRange(lineCounter, node.range[0], node.range[1]) : undefined));
}

function rangesOf(
  root: Document.Parsed['contents'] | undefined,
  withSpec: boolean,
  range: (node: Node | null | undefined) => Range | undefined,
): Map<string, Range> {
  const ranges = new Map<string, Range>();
  if (!isMap(root)) return ranges;
  for (const pair of root.items) {
    if (!isPair(pair) || !isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (key === 'kind' || key === 'metadata' || (key === 'spec' && withSpec)) {
      const at = range(pair.key);
      if (at) ranges.set(key, at);
    }
    if (key === 'metadata' && isMap(pair.value)) {
      for (const field of pair.value.items) {
        if (!isScalar(field.key)) continue;
        const name = String(field.key.value);
        // Annotations are reported at one by one (a mesh reads its settings there).
        if (name === 'annotations') {
          const at = range(field.key);
          if (at) ranges.set('metadata.annotations', at);
          recordRanges(field.value, 'metadata.annotations', ranges, range);
        }
        if (name !== 'name' && name !== 'namespace') continue;
        const at = range(field.value);
        if (at) ranges.set(`metadata.${name}`, at);
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
