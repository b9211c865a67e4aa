/**
 * Helm and other Go-template manifests are not YAML until rendered. To check them anyway, each
 * single-line `{{ … }}` action is masked before parsing, keeping every offset in place: an action
 * alone on its line becomes blanks, one inside a value becomes a placeholder scalar. The masked
 * spans are kept so that validation leaves their values alone, and so is the text as written, so
 * that nothing ever shows a placeholder where the reader wrote a template.
 *
 * The control actions (`if`/`else`/`end` and the like) are also read for what they mean: the
 * branches of one conditional are alternatives, only one of which renders. Each line records the
 * branches it sits in, so that a key set once per branch is not mistaken for a duplicate.
 */
import type { Range } from 'vscode-languageserver-types';
import { changesValues, type HelmChart } from './helmChart';
import { conditionHolds, renderAction } from './helmDefaults';

export interface MaskedText {
  text: string;
  /** [start, end) offsets of masked actions. */
  templateSpans: Array<[number, number]>;
  /** Present when the text holds template actions. */
  template?: TemplateSource;
  /** Actions replaced by what they render with the chart's defaults (only when a chart was given). */
  defaults?: DefaultSpan[];
}

/** An action read as the value the chart's values.yaml gives it: checked as that value, and said so. */
export interface DefaultSpan {
  /** [start, end) offsets of the scalar, quotes included. */
  start: number;
  end: number;
  /** The `.Values` paths the action read ("mtls.mode"). */
  values: string[];
  /** What the action renders with the defaults, quotes included when it is quoted. */
  text: string;
  /**
   * Whether the defaults render this line, so the parsed text holds the value. When they do not
   * (an `if .Values.x.enabled` that is off by default), the action stays masked, but what it
   * renders still names the same thing as the same expression elsewhere (a selector and its pods).
   */
  substituted: boolean;
}

/** One branch of one conditional: [which conditional (numbered in text order), which branch of it]. */
export type Branch = [number, number];

export interface TemplateSource {
  /** The text as written, before masking (same offsets as the masked text). */
  source: string;
  /** Per line (0-based), the branches it sits in, outermost first; undefined outside every conditional. */
  lineBranches: Array<Branch[] | undefined>;
  /** Lines inside a `define` or `block` body: a named template, rendered only where it is included. */
  inDefinition: boolean[];
  /** Lines inside a `range` body (not its `else`): rendered once per item, so zero or more times. */
  inRange: boolean[];
  /** Per conditional (numbered as in `lineBranches`): the block's keyword and each branch's condition ('' for `else`). */
  conditionals: Array<{ opens: string; conditions: string[] }>;
}

/** Longer multi-line actions than this are unusual enough to be text rather than an action. */
const MAX_ACTION_LINES = 40;
const ACTION = /\{\{[^\n]*?\}\}/g;
/** Actions that open a block closed by `{{ end }}`; the first three may have `else` branches. */
const OPENS = /^(if|with|range|define|block)\b/;
const ELSE = /^else\b/;
const END = /^end\b/;

/**
 * Masks the actions of a template. Given the chart the file belongs to, an action that is a whole
 * scalar on a line the defaults render (every enclosing condition known to hold, `.` not rebound by
 * `with` or `range`) is replaced by the text it renders instead, when that fits in its place.
 */
export function maskTemplateActions(text: string, given?: HelmChart): MaskedText {
  if (!text.includes('{{')) return { text, templateSpans: [] };
  const chart = given && changesValues(text) ? { ...given, values: undefined } : given;
  const templateSpans: Array<[number, number]> = [];
  const lines = text.split('\n');
  const { lineBranches, inDefinition, inRange, conditionals } = branchesByLine(lines);
  const template: TemplateSource = { source: text, lineBranches, inDefinition, inRange, conditionals };
  const defaults: DefaultSpan[] = [];
  const lineStarts = chart ? startsOfLines(lines) : [];
  // Line by line, without a nested-repetition regex: those backtrack exponentially on long lines.
  const blocks = new BlockTracker();
  let offset = 0;
  const fragmentLines = definitionFragments(lines, inDefinition);
  let masked = maskMultilineActions(text, templateSpans)
    .split('\n')
    .map((line, index) => {
      const start = offset;
      offset += line.length + 1;
      if (fragmentLines[index]) return ' '.repeat(line.length);
      if (!(line.includes('{{') && line.replace(ACTION, '').trim() === '')) {
        blocks.see(line);
        return line;
      }
      // A line of actions alone renders nothing, or (toYaml, include, …) fields nobody can know here.
      const placeholder = contentPlaceholder(line, blocks);
      if (!placeholder) return ' '.repeat(line.length);
      templateSpans.push([start + placeholder.at, start + placeholder.at + placeholder.text.length]);
      return placeholder.line;
    })
    .join('\n');
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  masked = masked.replace(ACTION, (action, offset: number) => {
    const resolved = chart ? defaultScalar(masked, offset, action, chart, template, lineStarts) : undefined;
    if (resolved) defaults.push({ start: resolved.start, end: resolved.end, values: resolved.values, text: resolved.text, substituted: resolved.rendered });
    if (resolved?.rendered) {
      replacements.push(resolved);
      return action;
    }
    templateSpans.push([offset, offset + action.length]);
    return 'x'.repeat(action.length);
  });
  for (const { start, end, text: rendered } of replacements) masked = masked.slice(0, start) + rendered.padEnd(end - start, ' ') + masked.slice(end);
  return { text: masked, templateSpans, template, ...(defaults.length ? { defaults } : {}) };
}

/**
 * The lines of named templates whose body is a fragment rather than a resource: it renders only
 * where it is included (`dnsNames:` and a list, the fields of a spec), so read where it is written
 * it is no document, and may run into the resource after it. A body that declares apiVersion and
 * kind is a resource of its own and stays, to be checked for shape.
 */
function definitionFragments(lines: string[], inDefinition: boolean[]): boolean[] {
  const fragment = new Array<boolean>(lines.length).fill(false);
  for (let start = 0; start < lines.length; start++) {
    if (!inDefinition[start]) continue;
    let end = start;
    while (end < lines.length && inDefinition[end]) end++;
    const body = lines.slice(start, end);
    if (!(body.some((line) => /^apiVersion:/.test(line)) && body.some((line) => /^kind:/.test(line)))) fragment.fill(true, start, end);
    start = end;
  }
  return fragment;
}

/** Words that open, divide or close a block, define a template, or only assign: actions that render no content. */
const RENDERS_NOTHING = /^(?:if|else|end|with|range|define|block|break|continue|fail)\b|^\/\*|^\$[\w]*\s*:?=|\|\s*fail$/;

/**
 * What the lines read so far say about each indentation: whether what continues there is a list,
 * because the last line there was a list item, or a key without a value (whose value, at the
 * same indentation, can only be a list).
 */
class BlockTracker {
  private readonly lastAt = new Map<number, 'item' | 'bare-key' | 'entry'>();

  see(line: string): void {
    const indent = line.length - line.trimStart().length;
    const trimmed = line.replace(/\s#.*$/, '').trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    for (const [depth, last] of [...this.lastAt]) {
      if (depth > indent) this.lastAt.delete(depth);
      // A key whose value turned out to be the block below it is an entry like any other.
      else if (depth < indent && last === 'bare-key') this.lastAt.set(depth, 'entry');
    }
    this.lastAt.set(indent, trimmed === '-' || trimmed.startsWith('- ') ? 'item' : /^[^\s'"{[][^:]*:$/.test(trimmed) ? 'bare-key' : 'entry');
  }

  isListAt(indent: number): boolean {
    const last = this.lastAt.get(indent);
    return last === 'item' || last === 'bare-key';
  }
}

/**
 * A line whose actions render content (`{{- toYaml .Values.podLabels | nindent 4 }}`, an
 * `include` of labels) stands for fields or items nobody can know offline. It becomes a templated
 * entry where the content lands (the `nindent`/`indent` width, else the action's column): a map
 * key, or a list item after list items, so that the map reads as open (any field may be there)
 * and the list as holding more. Undefined when the line renders nothing or the entry does not fit.
 */
function contentPlaceholder(line: string, blocks: BlockTracker): { line: string; text: string; at: number } | undefined {
  const actions = [...line.matchAll(ACTION)].map((match) => actionWords(match[0]));
  if (actions.every((words) => RENDERS_NOTHING.test(words))) return undefined;
  const width = /\bn?indent\s+(\d+)\s*$/.exec(actions[actions.length - 1]);
  const at = width ? Number(width[1]) : line.length - line.trimStart().length;
  const list = blocks.isListAt(at);
  const room = line.length - at;
  if (room < 3) return undefined;
  const text = list ? `- ${'x'.repeat(room - 2)}` : `${'x'.repeat(room - 1)}:`;
  return { line: ' '.repeat(at) + text, text: list ? text.slice(2) : text.slice(0, -1), at: list ? at + 2 : at };
}

function startsOfLines(lines: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const line of lines) {
    starts.push(at);
    at += line.length + 1;
  }
  return starts;
}

/** Text a YAML plain scalar can hold without turning into something else (a map, a comment, a tag, …). */
const PLAIN_SAFE = /^(?![-?:,[\]{}#&*!|>'"%@`\s])[^\n#]*?(?<![\s:])$/;

/**
 * The replacement of an action that is a whole scalar (`key: {{ … }}`, `- {{ … }}`, or either in
 * quotes), padded with blanks to the action's length so every offset stays in place; undefined
 * when the action is anything else, renders differently or unknown with the defaults, or does not fit.
 */
function defaultScalar(
  masked: string,
  offset: number,
  action: string,
  chart: HelmChart,
  template: TemplateSource,
  lineStarts: number[],
): { start: number; end: number; text: string; values: string[]; rendered: boolean } | undefined {
  const line = lineOf(lineStarts, offset);
  const rendered = renderedWithDefaults(template, line, chart);
  if (rendered === undefined) return undefined;
  const lineEnd = masked.indexOf('\n', offset);
  const before = masked.slice(lineStarts[line], offset);
  const after = masked.slice(offset + action.length, lineEnd === -1 ? masked.length : lineEnd);
  const quote = before.endsWith('"') && after.startsWith('"') ? '"' : before.endsWith("'") && after.startsWith("'") ? "'" : '';
  const lead = quote ? before.slice(0, -1) : before;
  const rest = quote ? after.slice(1) : after;
  if (!/(^|\s)(-|[^\s#'"][^#]*?:)\s+$/.test(lead) || !/^\s*(#.*)?$/.test(rest)) return undefined;
  const resolved = renderAction(action, chart);
  if (!resolved) return undefined;
  let text = resolved.text;
  if (quote) {
    if (text.includes(quote) || text.includes('\\') || text.includes('\n')) return undefined;
    text = `${quote}${text}${quote}`;
  } else if (!PLAIN_SAFE.test(text) && !/^"[^"\\\n]*"$/.test(text) && !/^'[^'\n]*'$/.test(text)) return undefined;
  const start = offset - quote.length;
  const end = offset + action.length + quote.length;
  // An empty value would stand for a setting the chart expects to be given: no better than unknown.
  if (text === '' || text === '""' || text === "''" || text.length > end - start) return undefined;
  return { start, end, text, values: resolved.values, rendered };
}

function lineOf(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Whether the defaults render a line: each conditional around it takes the branch it sits in
 * (earlier conditions known false, its own known true). Undefined where `.` is not the chart's
 * root (inside `with`, `range` or `define`): there `.Values` is not the values file's.
 */
function renderedWithDefaults(template: TemplateSource, line: number, chart: HelmChart): boolean | undefined {
  let rendered = true;
  for (const [conditional, branch] of template.lineBranches[line] ?? []) {
    const { opens, conditions } = template.conditionals[conditional];
    if (opens === 'define' || opens === 'block' || (branch === 0 && opens !== 'if')) return undefined;
    for (let i = 0; i < branch; i++) if (conditionHolds(conditions[i] ?? '', chart) !== false) rendered = false;
    const own = conditions[branch] ?? '';
    if (own !== '' && conditionHolds(own, chart) !== true) rendered = false;
  }
  return rendered;
}

/**
 * Actions that run over several lines (a `{{/* … *\/}}` comment, an `include` with its arguments
 * on their own lines) become blanks, newlines kept: what they render is unknown, and their words
 * are not YAML.
 */
function maskMultilineActions(text: string, spans: Array<[number, number]>): string {
  let masked = '';
  let done = 0;
  for (let open = text.indexOf('{{'); open !== -1; open = text.indexOf('{{', done)) {
    const close = text.indexOf('}}', open + 2);
    if (close === -1) break;
    const end = close + 2;
    const action = text.slice(open, end);
    const lines = action.split('\n').length;
    // A `{{` closed only far below is text that happens to hold braces, not an action.
    if (lines > MAX_ACTION_LINES) {
      masked += text.slice(done, open + 2);
      done = open + 2;
      continue;
    }
    if (lines > 1) {
      masked += text.slice(done, open) + action.replace(/[^\n]/g, ' ');
      spans.push([open, end]);
    } else masked += text.slice(done, end);
    done = end;
  }
  return masked + text.slice(done);
}

/** The words of an action without its delimiters and whitespace trimming marks: `{{- else if .x }}` → `else if .x`. */
function actionWords(action: string): string {
  return action
    .slice(2, -2)
    .replace(/^-?\s*/, '')
    .replace(/\s*-?$/, '');
}

function branchesByLine(lines: string[]): Pick<TemplateSource, 'lineBranches' | 'inDefinition' | 'inRange' | 'conditionals'> {
  const open: Array<{ branch: Branch; opens: string }> = [];
  const conditionals: TemplateSource['conditionals'] = [];
  const path = () => (open.length ? open.map(({ branch }): Branch => [branch[0], branch[1]]) : undefined);
  const defined = () => open.some((o) => o.opens === 'define' || o.opens === 'block');
  const repeated = () => open.some((o) => o.opens === 'range' && o.branch[1] === 0);
  const inDefinition: boolean[] = [];
  const inRange: boolean[] = [];
  const lineBranches = lines.map((line) => {
    const at = path();
    const definedBefore = defined();
    const repeatedBefore = repeated();
    if (!line.includes('{{')) {
      inDefinition.push(definedBefore);
      inRange.push(repeatedBefore);
      return at;
    }
    for (const match of line.matchAll(ACTION)) {
      const words = actionWords(match[0]);
      const opens = OPENS.exec(words);
      if (opens) {
        open.push({ branch: [conditionals.length, 0], opens: opens[1] });
        conditionals.push({ opens: opens[1], conditions: [words.slice(opens[1].length).trim()] });
      } else if (ELSE.test(words) && open.length) {
        const innermost = open[open.length - 1];
        innermost.branch[1]++;
        // `else if X` and `else with X` carry a condition of their own; a bare `else` is taken when none held.
        conditionals[innermost.branch[0]].conditions.push(words.replace(/^else\s*(if|with)?\s*/, ''));
      } else if (END.test(words)) open.pop();
    }
    // A line with content after its actions (`{{ if .x }}key: 1`) belongs to the branch they open.
    const actionsOnly = line.replace(ACTION, '').trim() === '';
    inDefinition.push(actionsOnly ? definedBefore : defined());
    inRange.push(actionsOnly ? repeatedBefore : repeated());
    return actionsOnly ? at : path();
  });
  return { lineBranches, inDefinition, inRange, conditionals };
}

/**
 * Whether two lines can never both render: they sit in different branches of the same
 * conditional (at the first conditional where their positions differ).
 */
export function areAlternatives(template: TemplateSource | undefined, lineA: number, lineB: number): boolean {
  const a = template?.lineBranches[lineA];
  const b = template?.lineBranches[lineB];
  if (!a || !b) return false;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i][0] !== b[i][0]) return false;
    if (a[i][1] !== b[i][1]) return true;
  }
  return false;
}

/** At most this many renderings are checked; charts rarely chain more than a few `else if`s. */
const MAX_RENDERINGS = 4;

/**
 * The source as a few of its possible renderings: rendering k takes branch k of every
 * conditional that has an `else` (its last branch when it has fewer), and keeps the body of those
 * without one (that body is the reason the conditional is there). Lines of the branches not taken
 * become blanks, so offsets and lines stay in place. Checks that ask which fields are set together
 * (exactly one issuer type, jwks or jwksUri) then see what renders together. Empty when the source
 * has no conditional with an `else`.
 */
export function branchRenderings(template: TemplateSource): string[] {
  const branchCount = new Map<number, number>();
  for (const path of template.lineBranches)
    for (const [conditional, branch] of path ?? []) branchCount.set(conditional, Math.max(branchCount.get(conditional) ?? 1, branch + 1));
  const most = Math.min(MAX_RENDERINGS, Math.max(1, ...branchCount.values()));
  if (most < 2) return [];
  const lines = template.source.split('\n');
  const renderings: string[] = [];
  for (let k = 0; k < most; k++) {
    const taken = (path: Branch[] | undefined) =>
      (path ?? []).every(([conditional, branch]) => {
        const count = branchCount.get(conditional) ?? 1;
        return count < 2 || branch === Math.min(k, count - 1);
      });
    // Lines of actions alone render nothing and keep the block structure for the next reading.
    renderings.push(
      lines.map((line, i) => (taken(template.lineBranches[i]) || line.replace(ACTION, '').trim() === '' ? line : ' '.repeat(line.length))).join('\n'),
    );
  }
  return renderings;
}

export function overlapsTemplate(spans: Array<[number, number]>, start: number, end: number): boolean {
  return spans.some(([s, e]) => start < e && s < end);
}

/** Whether a value read from a manifest is template text (see `templateText`): it is only known once rendered. */
export function isTemplateText(value: unknown): boolean {
  return typeof value === 'string' && value.includes('{{');
}

/**
 * The words added to a message about a range that holds values read from the chart's defaults
 * (empty when it holds none): the reader learns that the verdict is about the defaults, and which
 * values to look at.
 */
export function defaultsNote(range: Range, defaults: ReadonlyArray<{ range: Range; values: string[] }>): string {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
  // A message on the key of `key: {{ .Values.x }}` is about that value as much as one on the value.
  const sameLine = range.start.line === range.end.line;
  const touched = defaults.filter(
    (d) => (before(d.range.start, range.end) && before(range.start, d.range.end)) || (sameLine && d.range.start.line === range.start.line),
  );
  if (touched.length === 0) return '';
  const values = [...new Set(touched.flatMap((d) => d.values))];
  return values.length
    ? ` (The value is the chart's default: ${values.map((v) => `.Values.${v}`).join(', ')} in values.yaml.)`
    : ' (The value is what the chart renders with its defaults.)';
}
