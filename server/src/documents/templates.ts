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
export interface MaskedText {
  text: string;
  /** [start, end) offsets of masked actions. */
  templateSpans: Array<[number, number]>;
  /** Present when the text holds template actions. */
  template?: TemplateSource;
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
}

/** Longer multi-line actions than this are unusual enough to be text rather than an action. */
const MAX_ACTION_LINES = 40;
const ACTION = /\{\{[^\n]*?\}\}/g;
/** Actions that open a block closed by `{{ end }}`; the first three may have `else` branches. */
const OPENS = /^(if|with|range|define|block)\b/;
const ELSE = /^else\b/;
const END = /^end\b/;

export function maskTemplateActions(text: string): MaskedText {
  if (!text.includes('{{')) return { text, templateSpans: [] };
  const templateSpans: Array<[number, number]> = [];
  const lines = text.split('\n');
  const { lineBranches, inDefinition, inRange } = branchesByLine(lines);
  // Line by line, without a nested-repetition regex: those backtrack exponentially on long lines.
  let masked = maskMultilineActions(text, templateSpans)
    .split('\n')
    .map((line) => (line.includes('{{') && line.replace(ACTION, '').trim() === '' ? ' '.repeat(line.length) : line)).join('\n');
  masked = masked.replace(ACTION, (action, offset: number) => {
    templateSpans.push([offset, offset + action.length]);
    return 'x'.repeat(action.length);
  });
  return { text: masked, templateSpans, template: { source: text, lineBranches, inDefinition, inRange } };
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
  return action.slice(2, -2).replace(/^-?\s*/, '').replace(/\s*-?$/, '');
}

function branchesByLine(lines: string[]): { lineBranches: Array<Branch[] | undefined>; inDefinition: boolean[]; inRange: boolean[] } {
  const open: Array<{ branch: Branch; opens: string }> = [];
  let conditionals = 0;
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
      if (opens) open.push({ branch: [conditionals++, 0], opens: opens[1] });
      else if (ELSE.test(words) && open.length) open[open.length - 1].branch[1]++;
      else if (END.test(words)) open.pop();
    }
    // A line with content after its actions (`{{ if .x }}key: 1`) belongs to the branch they open.
    const actionsOnly = line.replace(ACTION, '').trim() === '';
    inDefinition.push(actionsOnly ? definedBefore : defined());
    inRange.push(actionsOnly ? repeatedBefore : repeated());
    return actionsOnly ? at : path();
  });
  return { lineBranches, inDefinition, inRange };
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
  for (const path of template.lineBranches) for (const [conditional, branch] of path ?? []) branchCount.set(conditional, Math.max(branchCount.get(conditional) ?? 1, branch + 1));
  const most = Math.min(MAX_RENDERINGS, Math.max(1, ...branchCount.values()));
  if (most < 2) return [];
  const lines = template.source.split('\n');
  const renderings: string[] = [];
  for (let k = 0; k < most; k++) {
    const taken = (path: Branch[] | undefined) => (path ?? []).every(([conditional, branch]) => {
      const count = branchCount.get(conditional) ?? 1;
      return count < 2 || branch === Math.min(k, count - 1);
    });
    // Lines of actions alone render nothing and keep the block structure for the next reading.
    renderings.push(lines.map((line, i) => (taken(template.lineBranches[i]) || line.replace(ACTION, '').trim() === '' ? line : ' '.repeat(line.length))).join('\n'));
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
