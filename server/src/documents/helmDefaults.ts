import type { HelmChart } from './helmChart';

/**
 * What a Helm template action renders when the chart is installed with its defaults, for the small
 * part of the template language that charts use to place values: `.Values` paths, `.Chart` fields,
 * literals, `include` of a helper that is itself such an expression, and the string functions
 * around them (`default`, `quote`, `trunc`, `trimSuffix`, …). Anything else (`.Release.Name`,
 * `.Capabilities`, variables, `tpl`, parentheses) is unknown, and an unknown value is never
 * guessed: the caller leaves the action masked.
 */

/** `.Release.Namespace`: not known offline, but the same for every resource of one release. */
export const RELEASE_NAMESPACE = Symbol('release namespace');
const UNKNOWN = Symbol('unknown');

type Value = string | number | boolean | null | Record<string, unknown> | unknown[] | typeof RELEASE_NAMESPACE | typeof UNKNOWN;

/** A rendered action: its text, and the `.Values` paths it read (for messages). */
export interface Rendered {
  text: string;
  values: string[];
}

/** How deep `include` may nest before the value is called unknown (helpers calling helpers). */
const MAX_INCLUDE_DEPTH = 4;

interface Scope {
  chart: HelmChart;
  depth: number;
  /** The `.Values` paths read so far. */
  read: string[];
}

/** The text an action (`{{ … }}` with its delimiters) renders with the chart's defaults, or undefined when unknown. */
export function renderAction(action: string, chart: HelmChart): Rendered | undefined {
  const scope: Scope = { chart, depth: 0, read: [] };
  const value = evaluate(actionWords(action), scope);
  const text = textOf(value);
  return text === undefined ? undefined : { text, values: scope.read };
}

/** Whether an action evaluates to the release's namespace (`.Release.Namespace`, `$.Release.Namespace | quote`, …). */
export function isReleaseNamespace(action: string, chart: HelmChart): boolean {
  const words = actionWords(action);
  return (
    /\.Release\.Namespace\b/.test(words) && evaluate(words.replace(/\|\s*(quote|squote|toString)\s*$/, ''), { chart, depth: 0, read: [] }) === RELEASE_NAMESPACE
  );
}

/** Whether a condition (`if` / `else if` / `with` words, without the keyword) holds with the defaults; undefined when unknown. */
export function conditionHolds(words: string, chart: HelmChart): boolean | undefined {
  const value = evaluate(words, { chart, depth: 0, read: [] });
  return value === UNKNOWN || value === RELEASE_NAMESPACE ? undefined : truthy(value);
}

function actionWords(action: string): string {
  return action.replace(/^\{\{-?\s*/, '').replace(/\s*-?\}\}$/, '');
}

/** Go templates' truth: false, 0, nil and empty strings, maps and lists are false. */
function truthy(value: Value): boolean {
  if (value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

/** How Go prints a value into a template: numbers as %v prints a float64 (the type Helm's values have). */
function textOf(value: Value): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  // %v switches to exponent form from 1e21 for integers only in JavaScript; Go's shortest %g does from 1e6 on.
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 1e6 ? String(value) : undefined;
  return undefined;
}

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|`[^`]*`|-?\d+(?:\.\d+)?\b|\$?(?:\.[A-Za-z_]\w*)+|\$|\.|\||[A-Za-z_]\w*|\S)/y;

function tokens(words: string): string[] | undefined {
  const found: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < words.length) {
    const at = TOKEN.lastIndex;
    const match = TOKEN.exec(words);
    // A failed sticky match resets lastIndex: the rest is read from where this match began.
    if (!match) return words.slice(at).trim() === '' ? found : undefined;
    found.push(match[1]);
  }
  return found;
}

/** A pipeline: commands separated by `|`, each one's value passed as the last argument of the next. */
function evaluate(words: string, scope: Scope): Value {
  const all = tokens(words);
  // Parentheses, variables, assignments and comments are beyond this reader.
  if (
    !all ||
    all.length === 0 ||
    all.some((t) => t === '(' || t === ')' || t === ':=' || t === '=' || (t.startsWith('$') && t !== '$' && !t.startsWith('$.')) || t.startsWith('/*'))
  )
    return UNKNOWN;
  const commands: string[][] = [[]];
  for (const token of all) {
    if (token === '|') commands.push([]);
    else commands[commands.length - 1].push(token);
  }
  let piped: Value | undefined;
  for (const command of commands) {
    if (command.length === 0) return UNKNOWN;
    piped = run(command, piped, scope);
    if (piped === UNKNOWN) return UNKNOWN;
  }
  return piped ?? UNKNOWN;
}

function run(command: string[], piped: Value | undefined, scope: Scope): Value {
  const [head, ...rest] = command;
  if (!/^[A-Za-z_]\w*$/.test(head) || head === 'true' || head === 'false' || head === 'nil') {
    if (rest.length > 0 || piped !== undefined) return UNKNOWN;
    return operand(head, scope);
  }
  const args = rest.map((token) => operand(token, scope));
  if (piped !== undefined) args.push(piped);
  return call(head, args, rest, scope);
}

function operand(token: string, scope: Scope): Value {
  if (token === 'true') return true;
  if (token === 'false') return false;
  if (token === 'nil') return null;
  if (token.startsWith('"')) {
    try {
      return JSON.parse(token) as string;
    } catch {
      return UNKNOWN;
    }
  }
  if (token.startsWith('`')) return token.slice(1, -1);
  if (/^-?\d/.test(token)) return Number(token);
  if (token === '.' || token === '$') return UNKNOWN;
  const fields = token.replace(/^\$/, '').split('.').slice(1);
  const { chart } = scope;
  switch (fields[0]) {
    case 'Values': {
      if (!chart.values) return UNKNOWN;
      let at: unknown = chart.values;
      for (const field of fields.slice(1)) {
        if (!at || typeof at !== 'object' || Array.isArray(at) || !(field in at)) return UNKNOWN;
        at = (at as Record<string, unknown>)[field];
      }
      scope.read.push(fields.slice(1).join('.'));
      return at as Value;
    }
    case 'Chart': {
      const value =
        fields.length !== 2
          ? undefined
          : fields[1] === 'Name'
            ? chart.name
            : fields[1] === 'Version'
              ? chart.version
              : fields[1] === 'AppVersion'
                ? chart.appVersion
                : undefined;
      return value ?? UNKNOWN;
    }
    case 'Release':
      return fields.length === 2 && fields[1] === 'Namespace' ? RELEASE_NAMESPACE : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

// A Map, not an object: a function named `constructor` must find nothing.
const STRING_FUNCTIONS = new Map<string, (s: string) => string>([
  ['lower', (s) => s.toLowerCase()],
  ['upper', (s) => s.toUpperCase()],
  ['trim', (s) => s.trim()],
  ['toString', (s) => s],
]);

function call(name: string, args: Value[], argTokens: string[], scope: Scope): Value {
  if (name === 'include' || name === 'template') return include(args, argTokens, scope);
  if (args.some((a) => a === UNKNOWN)) return name === 'default' && args.length === 2 && args[1] !== UNKNOWN && truthy(args[1]) ? args[1] : UNKNOWN;
  const text = (value: Value) => (value === RELEASE_NAMESPACE ? undefined : textOf(value));
  switch (name) {
    case 'default':
      return args.length === 2 ? (args[1] === RELEASE_NAMESPACE || truthy(args[1]) ? args[1] : args[0]) : UNKNOWN;
    case 'quote':
    case 'squote': {
      if (args.length !== 1) return UNKNOWN;
      if (args[0] === RELEASE_NAMESPACE) return RELEASE_NAMESPACE;
      const value = args[0] === null ? '' : text(args[0]);
      if (value === undefined) return UNKNOWN;
      return name === 'quote' ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
    }
    case 'trunc': {
      const [n, s] = args;
      const value = text(s);
      if (typeof n !== 'number' || value === undefined) return UNKNOWN;
      return n >= 0 ? value.slice(0, n) : value.slice(n);
    }
    case 'trimSuffix':
    case 'trimPrefix': {
      const [affix, s] = args;
      const value = text(s);
      if (typeof affix !== 'string' || value === undefined) return UNKNOWN;
      if (name === 'trimSuffix') return affix && value.endsWith(affix) ? value.slice(0, -affix.length) : value;
      return affix && value.startsWith(affix) ? value.slice(affix.length) : value;
    }
    case 'not':
      return args.length === 1 && args[0] !== RELEASE_NAMESPACE ? !truthy(args[0]) : UNKNOWN;
    case 'and':
    case 'or': {
      if (args.length < 2 || args.includes(RELEASE_NAMESPACE)) return UNKNOWN;
      const found = name === 'and' ? args.find((a) => !truthy(a)) : args.find((a) => truthy(a));
      return found ?? args[args.length - 1];
    }
    case 'eq':
    case 'ne': {
      if (args.length !== 2 || args.some((a) => a === RELEASE_NAMESPACE || (a !== null && typeof a === 'object'))) return UNKNOWN;
      return (args[0] === args[1]) === (name === 'eq');
    }
    default: {
      const apply = STRING_FUNCTIONS.get(name);
      if (!apply || args.length !== 1) return UNKNOWN;
      const value = text(args[0]);
      return value === undefined ? UNKNOWN : apply(value);
    }
  }
}

/** `include "name" .`: the helper's body rendered, when it is given the root context (another `.` is beyond this reader). */
function include(args: Value[], argTokens: string[], scope: Scope): Value {
  if (argTokens.length !== 2 || (argTokens[1] !== '.' && argTokens[1] !== '$') || typeof args[0] !== 'string') return UNKNOWN;
  const body = scope.chart.definitions.get(args[0]);
  if (body === undefined || scope.depth >= MAX_INCLUDE_DEPTH) return UNKNOWN;
  return renderBody(body, { ...scope, depth: scope.depth + 1 });
}

const BODY_ACTION = /\{\{(-?)\s*([\s\S]*?)\s*(-?)\}\}/g;

/** A helper's body rendered: its text and actions, with Go's whitespace trimming; unknown at any control action. */
function renderBody(body: string, scope: Scope): Value {
  let out = '';
  let done = 0;
  let trimNext = false;
  for (const match of body.matchAll(BODY_ACTION)) {
    let literal = body.slice(done, match.index);
    if (trimNext) literal = literal.trimStart();
    if (match[1] === '-') literal = literal.trimEnd();
    out += literal;
    const words = match[2];
    if (words.startsWith('/*')) {
      done = match.index + match[0].length;
      trimNext = match[3] === '-';
      continue;
    }
    if (/^(if|else|end|with|range|define|block)\b/.test(words)) return UNKNOWN;
    const value = evaluate(words, scope);
    if (value === RELEASE_NAMESPACE && out === '' && body.slice(match.index + match[0].length).trim() === '') return RELEASE_NAMESPACE;
    const text = value === UNKNOWN || value === RELEASE_NAMESPACE ? undefined : value === null ? '' : textOf(value);
    if (text === undefined) return UNKNOWN;
    out += text;
    done = match.index + match[0].length;
    trimNext = match[3] === '-';
  }
  let tail = body.slice(done);
  if (trimNext) tail = tail.trimStart();
  return out + tail;
}
