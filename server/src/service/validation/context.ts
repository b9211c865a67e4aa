import { NEWEST_VERSIONS, type TargetVersions } from '../../../../common/src/versions';
import { isScalar, isSeq, type LineCounter, type Node, type Pair, type Scalar } from 'yaml';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { defaultsNote, overlapsTemplate, type DefaultSpan } from '../../documents/templates';
import { diagnostic, type DiagnosticCode, type FixData } from '../../documents/diagnostic';
import { lineTextOf } from '../../documents/lineStarts';
import { offsetsToRange } from '../yamlPositions';

/** Where a value sits in a resource: its path for messages, and the key that holds it for ranges. */
export interface Location {
  /** The location holding this one, and the step from it; both absent at the root. */
  parent?: Location;
  step?: string | number;
  /** The mapping key whose value this is (absent for list items and the root). */
  key?: Scalar;
}

/** The path of a location from the root, built only when a message or rule needs it. */
export function pathOf(location: Location): Array<string | number> {
  const path: Array<string | number> = [];
  for (let at: Location | undefined = location; at?.parent; at = at.parent) path.push(at.step!);
  return path.reverse();
}

/** "spec.rules[0].from" for a location, for messages. */
export function describeLocation(location: Location): string {
  return formatPath(pathOf(location));
}

/**
 * A templated file's text before masking. A value with `{{ }}` in it is a Helm action in a chart,
 * but in a plain manifest it may be a template the resource's own controller renders
 * (spire-controller-manager's `spiffeIDTemplate`): rules for such fields read it from here.
 */
export interface WrittenText {
  text: string;
  /** Whether the file belongs to a Helm chart, where every action is Helm's. */
  inChart: boolean;
}

/** Collects the diagnostics of one YAML document and turns yaml offsets into LSP ranges. */
export class CheckContext {
  readonly diagnostics: Diagnostic[] = [];

  /** Whether any `{{ }}` action is in the text: most files have none, and nothing in them is templated. */
  readonly hasTemplates: boolean;

  /** Ranges of the values read from a chart's defaults, with what they read. */
  private readonly defaults: Array<{ range: Range; values: string[] }>;

  constructor(
    private readonly lineCounter: LineCounter,
    private readonly templateSpans: Array<[number, number]>,
    defaults: DefaultSpan[] = [],
    /** The releases the cluster runs: rules whose verdict changed between releases ask these. */
    readonly versions: TargetVersions = NEWEST_VERSIONS,
    /** The text the offsets point into, for rules that read a value's lines as written (an embedded file). */
    private readonly text = '',
    /** The text as written, when it holds template actions (see WrittenText). */
    readonly written?: WrittenText,
  ) {
    this.hasTemplates = templateSpans.length > 0;
    this.defaults = defaults.filter((d) => d.substituted).map(({ start, end, values }) => ({ range: offsetsToRange(lineCounter, start, end), values }));
  }

  /** A message about a value the chart's defaults gave says so: another values file may give another. */
  private said(range: Range, message: string): string {
    return this.defaults.length ? message + defaultsNote(range, this.defaults) : message;
  }

  range(node: { range?: [number, number, number] | null } | null | undefined): Range {
    const r = node?.range;
    return r ? offsetsToRange(this.lineCounter, r[0], r[1]) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  }

  /** The line as written, without its end (empty past the text's end). */
  lineText(line: number): string {
    return lineTextOf(this.text, this.lineCounter.lineStarts, line);
  }

  /** The range that names a location: its key when it has one, else the value itself. */
  locationRange(location: Location, value?: Node | null): Range {
    return this.range(location.key ?? value);
  }

  /** The node's text as written, before template actions were masked; undefined in files without actions. */
  writtenSource(node: { range?: [number, number, number] | null } | null | undefined): string | undefined {
    const r = node?.range;
    return this.written && r ? this.written.text.slice(r[0], r[1]) : undefined;
  }

  /** Whether a `{{ }}` action produced any part of the node: its value is only known once rendered. */
  isTemplated(node: { range?: [number, number, number] | null } | null | undefined): boolean {
    if (!this.hasTemplates) return false;
    const r = node?.range;
    return r ? overlapsTemplate(this.templateSpans, r[0], r[1]) : false;
  }

  error(range: Range, code: DiagnosticCode, message: string, fix?: FixData): void {
    this.diagnostics.push(diagnostic(range, DiagnosticSeverity.Error, code, this.said(range, message), fix));
  }

  warning(range: Range, code: DiagnosticCode, message: string, fix?: FixData): void {
    this.diagnostics.push(diagnostic(range, DiagnosticSeverity.Warning, code, this.said(range, message), fix));
  }

  information(range: Range, code: DiagnosticCode, message: string): void {
    this.diagnostics.push(diagnostic(range, DiagnosticSeverity.Information, code, this.said(range, message)));
  }
}

/** "spec.rules[0].from" from ['spec', 'rules', 0, 'from']. */
export function formatPath(path: Array<string | number>): string {
  return path.reduce<string>((text, step) => (typeof step === 'number' ? `${text}[${step}]` : text ? `${text}.${step}` : step), '') || '(root)';
}

export function pairKey(pair: Pair): string | undefined {
  // Parsed keys are scalars nearly always: their test is the one every look-up of every rule makes.
  if (isScalar(pair.key)) return pair.key.value !== null && pair.key.value !== undefined ? String(pair.key.value) : undefined;
  const key = pair.key as Scalar | null;
  return key && typeof key === 'object' && 'value' in key && key.value !== null && key.value !== undefined ? String(key.value) : undefined;
}

/** A fill-me word, with the white space around it that trim() would take off (\s is the same set). */
const FILL_ME = /^\s*(PATCH|REPLACE|CHANGE|FILL|SET)_?ME\s*$/i;

const PLACEHOLDER_INITIALS = new Set(Array.from('<.PRCFSprcfs', (c) => c.charCodeAt(0)));

/**
 * Documentation placeholders (`<your-namespace>`, `...`, `[...]`, kustomize's `PATCH_ME`) stand for a value the reader
 * fills in; checking them would only produce noise about the example, not the manifest.
 */
export function isPlaceholder(node: Node): boolean {
  if (isScalar(node)) {
    const value = node.value;
    if (typeof value !== 'string' || value.length > 200) return false;
    // A placeholder starts, past any white space, with '<', '.', '…' or a fill-me word's letter: a
    // printable ASCII first character rules out nearly every value at once.
    const first = value.charCodeAt(0);
    if (first > 0x20 && first < 0x7f && !PLACEHOLDER_INITIALS.has(first)) return false;
    // kustomize bases leave PATCH_ME / REPLACE_ME for the overlay to set.
    if (FILL_ME.test(value)) return true;
    if (!(value.includes('<') || value.includes('.') || value.includes('…'))) return false;
    const trimmed = value.trim();
    return /^<[^<>]+>$/.test(trimmed) || trimmed === '...' || trimmed === '…';
  }
  if (isSeq(node) && node.items.length === 1) return isPlaceholder(node.items[0] as Node);
  return false;
}
