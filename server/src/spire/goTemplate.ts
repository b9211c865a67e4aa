/**
 * A reader for Go's text/template syntax, as spire-controller-manager parses its ClusterSPIFFEID
 * templates (`template.New(name).Parse(text)` with no extra functions). It finds what Parse
 * refuses (an unclosed action, an unknown function, an undefined variable, a block without its
 * end, ...) and lists the field chains the template reads where the data is the controller's own,
 * so that names the data lacks can be told apart from names it has. It does not execute anything.
 */

/** The functions text/template defines; the controller adds none. */
const BUILTINS = new Set([
  'and',
  'call',
  'html',
  'index',
  'slice',
  'js',
  'len',
  'not',
  'or',
  'print',
  'printf',
  'println',
  'urlquery',
  'eq',
  'ge',
  'gt',
  'le',
  'lt',
  'ne',
]);

/** A field chain read from the data: `.PodMeta.Name` is ['PodMeta', 'Name']. */
export interface FieldUse {
  chain: string[];
  /** Whether the action runs on every render (not inside if/with/range/define/block). */
  always: boolean;
}

/** The template split into literal text and actions, when it has no control structure. */
export type TemplatePart = { text: string } | { action: string };

export interface ParsedTemplate {
  /** What Parse refuses, in Go's words where they are short; undefined when it parses. */
  error?: string;
  fields: FieldUse[];
  /** Literal text and plain actions in order; undefined when the template branches or nests. */
  parts?: TemplatePart[];
}

type Token =
  | { t: 'word'; v: string }
  | { t: 'field'; v: string }
  | { t: 'var'; v: string }
  | { t: 'dot' }
  | { t: 'literal'; v: string }
  | { t: 'string'; v: string }
  | { t: 'open' }
  | { t: 'close' }
  | { t: 'pipe' }
  | { t: 'declare' }
  | { t: 'assign' }
  | { t: 'comma' };

class TemplateSyntaxError extends Error {}

function fail(message: string): never {
  throw new TemplateSyntaxError(message);
}

/** One `{{ }}` action's tokens; a field directly after a term (no space) chains onto it. */
function lexAction(body: string): Array<Token & { joined: boolean }> {
  const tokens: Array<Token & { joined: boolean }> = [];
  let i = 0;
  let spaced = true;
  const push = (token: Token) => {
    tokens.push({ ...token, joined: !spaced });
    spaced = false;
  };
  while (i < body.length) {
    const c = body[i];
    if (/\s/.test(c)) {
      spaced = true;
      i++;
    } else if (c === '|') {
      push({ t: 'pipe' });
      spaced = true;
      i++;
    } else if (c === '(') {
      push({ t: 'open' });
      spaced = true;
      i++;
    } else if (c === ')') {
      push({ t: 'close' });
      i++;
    } else if (c === ',') {
      push({ t: 'comma' });
      spaced = true;
      i++;
    } else if (c === ':' && body[i + 1] === '=') {
      push({ t: 'declare' });
      spaced = true;
      i += 2;
    } else if (c === '=') {
      push({ t: 'assign' });
      spaced = true;
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let value = '';
      while (j < body.length && body[j] !== '"') {
        if (body[j] === '\n') fail('unterminated quoted string');
        if (body[j] === '\\') j++;
        value += body[j] ?? '';
        j++;
      }
      if (j >= body.length) fail('unterminated quoted string');
      push({ t: 'string', v: value });
      i = j + 1;
    } else if (c === '`') {
      const end = body.indexOf('`', i + 1);
      if (end < 0) fail('unterminated raw quoted string');
      push({ t: 'string', v: body.slice(i + 1, end) });
      i = end + 1;
    } else if (c === "'") {
      const match = /^'(\\.[^']*|[^'\\\n])'/.exec(body.slice(i));
      if (!match) fail('unterminated character constant');
      push({ t: 'literal', v: match[0] });
      i += match[0].length;
    } else if (c === '$') {
      const match = /^\$[A-Za-z0-9_]*/.exec(body.slice(i))!;
      push({ t: 'var', v: match[0] });
      i += match[0].length;
    } else if (c === '.' && !/[0-9]/.test(body[i + 1] ?? '')) {
      const match = /^\.[A-Za-z0-9_]*/.exec(body.slice(i))!;
      push(match[0] === '.' ? { t: 'dot' } : { t: 'field', v: match[0].slice(1) });
      i += match[0].length;
    } else if (/[0-9+\-.]/.test(c)) {
      const match = /^[+-]?(0[xX][0-9a-fA-F_]+|0[bBoO][0-7_]+|[0-9_]*\.?[0-9_]*([eEpP][+-]?[0-9_]+)?i?)/.exec(body.slice(i))!;
      if (!/[0-9]/.test(match[0])) fail(`bad number syntax: "${body.slice(i, i + 2)}"`);
      push({ t: 'literal', v: match[0] });
      i += match[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(body.slice(i))!;
      push({ t: 'word', v: match[0] });
      i += match[0].length;
    } else fail(`unrecognized character in action: ${JSON.stringify(c)}`);
  }
  return tokens;
}

interface Frame {
  keyword: 'if' | 'with' | 'range' | 'define' | 'block';
  /** Whether `.` inside is still the template's data. */
  rootDot: boolean;
  vars: Set<string>;
  elseSeen?: boolean;
}

/** Parses a template as text/template's Parse does, with only the built-in functions. */
export function parseGoTemplate(text: string): ParsedTemplate {
  const fields: FieldUse[] = [];
  const parts: TemplatePart[] = [];
  let flat = true;
  const frames: Frame[] = [];
  const scopes: Array<Set<string>> = [new Set(['$'])];
  const declared = (name: string) => scopes.some((scope) => scope.has(name));
  const rootDot = () => frames.every((f) => f.rootDot);
  const always = () => frames.length === 0;
  const inRange = () => frames.some((f) => f.keyword === 'range');

  /** Reads one pipeline from tokens[at...]; returns where it stopped (at a `)` or the end). */
  const pipeline = (tokens: Array<Token & { joined: boolean }>, at: number, context: string, declarations: 'none' | 'one' | 'two'): number => {
    // Declarations: `$x :=`, `$x =`, and in range `$i, $e :=`.
    const vars: string[] = [];
    let i = at;
    if (tokens[i]?.t === 'var') {
      const names = [tokens[i] as { v: string }];
      let j = i + 1;
      if (declarations === 'two' && tokens[j]?.t === 'comma' && tokens[j + 1]?.t === 'var') {
        names.push(tokens[j + 1] as { v: string });
        j += 2;
      } else if (tokens[j]?.t === 'comma') fail(`too many declarations in ${context}`);
      const op = tokens[j]?.t;
      if (op === 'declare' || op === 'assign') {
        if (op === 'assign') for (const n of names) if (!declared(n.v)) fail(`undefined variable "${n.v}"`);
        vars.push(...names.map((n) => n.v));
        i = j + 1;
      }
    }
    let commands = 0;
    for (;;) {
      const start = i;
      i = command(tokens, i, commands);
      if (i === start) fail(commands === 0 ? `missing value for ${context}` : 'missing command');
      commands++;
      if (tokens[i]?.t !== 'pipe') break;
      i++;
    }
    for (const v of vars) scopes[scopes.length - 1].add(v);
    return i;
  };

  /** One command: operands up to a `|`, a `)` or the end; returns where it stopped. */
  const command = (tokens: Array<Token & { joined: boolean }>, at: number, stage: number): number => {
    let i = at;
    let operands = 0;
    let firstLiteral = false;
    while (i < tokens.length && tokens[i].t !== 'pipe' && tokens[i].t !== 'close') {
      const token = tokens[i];
      let chain: string[] | undefined;
      let literal = false;
      switch (token.t) {
        case 'word':
          if (token.v === 'true' || token.v === 'false') literal = true;
          else if (token.v === 'nil') {
            if (operands === 0) fail('nil is not a command');
            literal = true;
          } else if (!BUILTINS.has(token.v)) fail(`function "${token.v}" not defined`);
          i++;
          break;
        case 'field':
          chain = [token.v];
          i++;
          break;
        case 'dot':
          literal = true;
          chain = [];
          i++;
          break;
        case 'var':
          if (!declared(token.v)) fail(`undefined variable "${token.v}"`);
          chain = token.v === '$' ? [] : undefined;
          i++;
          break;
        case 'literal':
        case 'string':
          literal = true;
          i++;
          break;
        case 'open': {
          i = pipeline(tokens, i + 1, 'parenthesized pipeline', 'none');
          if (tokens[i]?.t !== 'close') fail('unclosed left paren');
          i++;
          break;
        }
        default:
          fail(`unexpected ${describe(token)} in operand`);
      }
      // A field chain directly after the term: `.PodMeta.Name`, `$.TrustDomain`, `(x).Y`.
      let extended = false;
      while (tokens[i]?.t === 'field' && tokens[i].joined) {
        if (literal && token.t !== 'dot' && chain === undefined) fail(`unexpected . after term ${describe(token)}`);
        chain?.push((tokens[i] as { v: string }).v);
        extended = true;
        i++;
      }
      const fromData = token.t === 'field' || token.t === 'dot' || (token.t === 'var' && token.v === '$');
      if (chain && chain.length > 0 && fromData && (token.t === 'var' || rootDot()) && !frames.some((f) => f.keyword === 'define'))
        fields.push({ chain, always: always() });
      if (operands === 0) firstLiteral = literal && !extended;
      operands++;
    }
    if (stage > 0 && firstLiteral) fail(`non executable command in pipeline stage ${stage + 1}`);
    return i;
  };

  let trimRight = false;
  try {
    const actionPattern = /\{\{(-[ \t\r\n])?([\s\S]*?)([ \t\r\n]-)?\}\}/g;
    let last = 0;
    for (let open = text.indexOf('{{'); open >= 0; open = text.indexOf('{{', last)) {
      const trimLeft = /^\{\{-[ \t\r\n]/.test(text.slice(open));
      // Trim markers take the white space next to the action out of the output: `{{-` before it, `-}}` after.
      if (open > last) parts.push({ text: trim(text.slice(last, open), trimRight, trimLeft) });
      trimRight = false;
      const bodyStart = open + (trimLeft ? 3 : 2);
      // A comment opens right at the delimiter (or its trim marker); `{{ /*` is no comment.
      if (text.startsWith('/*', bodyStart)) {
        const end = text.indexOf('*/', bodyStart);
        if (end < 0) fail('unclosed comment');
        const after = text.slice(end + 2);
        const close = /^(\s-)?\}\}/.exec(after);
        if (!close) fail('comment ends before closing delimiter');
        last = end + 2 + close[0].length;
        trimRight = close[1] !== undefined;
        continue;
      }
      actionPattern.lastIndex = open;
      const match = actionPattern.exec(text);
      if (!match || match.index !== open) fail('unclosed action');
      last = open + match[0].length;
      trimRight = match[3] !== undefined;
      const body = text.slice(bodyStart, last - 2).replace(/[ \t\r\n]-$/, '');
      const tokens = lexAction(body);
      if (tokens.length === 0) fail('missing value for command');
      const first = tokens[0];
      const keyword = first.t === 'word' ? first.v : '';
      switch (keyword) {
        case 'if':
        case 'with':
        case 'range': {
          flat = false;
          scopes.push(new Set());
          const end = pipeline(tokens, 1, keyword, keyword === 'range' ? 'two' : 'one');
          if (end < tokens.length) fail(`unexpected ${describe(tokens[end])} in ${keyword}`);
          frames.push({ keyword, rootDot: keyword === 'if', vars: scopes[scopes.length - 1] });
          break;
        }
        case 'else': {
          const frame = frames[frames.length - 1];
          if (!frame || frame.keyword === 'define' || frame.keyword === 'block') fail('unexpected {{else}}');
          if (frame.elseSeen) fail('expected end; found {{else}}');
          const chained = tokens[1]?.t === 'word' ? (tokens[1] as { v: string }).v : '';
          if ((chained === 'if' || chained === 'with') && chained === frame.keyword) {
            const end = pipeline(tokens, 2, chained, 'one');
            if (end < tokens.length) fail(`unexpected ${describe(tokens[end])} in ${chained}`);
          } else {
            if (tokens.length > 1) fail(`unexpected ${describe(tokens[1])} in else`);
            frame.elseSeen = true;
          }
          break;
        }
        case 'end':
          if (tokens.length > 1) fail(`unexpected ${describe(tokens[1])} in end`);
          if (!frames.pop()) fail('unexpected {{end}}');
          scopes.pop();
          break;
        case 'break':
        case 'continue':
          if (!inRange()) fail(`{{${keyword}}} outside {{range}}`);
          if (tokens.length > 1) fail(`unexpected ${describe(tokens[1])} in ${keyword}`);
          flat = false;
          break;
        case 'define':
        case 'block':
        case 'template': {
          flat = false;
          if (tokens[1]?.t !== 'string') fail(`unexpected ${tokens[1] ? describe(tokens[1]) : 'end of action'} in ${keyword} clause`);
          if (keyword === 'define' && frames.length > 0) fail('unexpected <define> in command');
          let end = 2;
          if (keyword !== 'define' && end < tokens.length) end = pipeline(tokens, 2, `${keyword} clause`, 'none');
          if (end < tokens.length) fail(`unexpected ${describe(tokens[end])} in ${keyword} clause`);
          if (keyword === 'block' && tokens.length === 2) fail('missing value for block clause');
          if (keyword !== 'template') {
            scopes.push(new Set(['$']));
            frames.push({ keyword, rootDot: false, vars: scopes[scopes.length - 1] });
          }
          break;
        }
        default: {
          const end = pipeline(tokens, 0, 'command', 'one');
          if (end < tokens.length) fail(`unexpected ${describe(tokens[end])} in command`);
          if (frames.length === 0) parts.push({ action: body.trim() });
        }
      }
    }
    if (last < text.length) parts.push({ text: trim(text.slice(last), trimRight, false) });
    if (frames.length > 0) fail('unexpected EOF');
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return { error: error.message, fields };
    throw error;
  }
  return { fields, parts: flat ? mergeText(parts) : undefined };
}

/** Go's trim markers remove space, tab, CR and LF (text/template/parse/lex.go isSpace). */
function trim(text: string, start: boolean, end: boolean): string {
  let out = start ? text.replace(/^[ \t\r\n]+/, '') : text;
  if (end) out = out.replace(/[ \t\r\n]+$/, '');
  return out;
}

function mergeText(parts: TemplatePart[]): TemplatePart[] {
  const merged: TemplatePart[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if ('text' in part && previous && 'text' in previous) previous.text += part.text;
    else merged.push({ ...part });
  }
  return merged;
}

function describe(token: Token): string {
  switch (token.t) {
    case 'word':
    case 'literal':
      return `<${token.v}>`;
    case 'field':
      return `<.${token.v}>`;
    case 'var':
      return `<${token.v}>`;
    case 'string':
      return `quoted string`;
    case 'dot':
      return '<.>';
    case 'open':
      return '"("';
    case 'close':
      return '")"';
    case 'pipe':
      return '"|"';
    case 'declare':
      return '":="';
    case 'assign':
      return '"="';
    case 'comma':
      return '","';
  }
}
