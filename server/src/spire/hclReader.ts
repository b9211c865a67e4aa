// A reader for the configuration dialect SPIRE loads: HCL version 1 (hashicorp/hcl v1, as SPIRE
// v1.15.3 imports it), including its JSON form, which HCL v1 picks when the text starts with `{`.
// Every key and value keeps its range, and a syntax error becomes a finding while the rest of the
// file is still read, so an editor can check everything around a typo.

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface HclKey {
  text: string;
  quoted: boolean;
  range: Range;
}

export interface HclLiteral {
  kind: 'string' | 'number' | 'bool' | 'null';
  /** The decoded value: string contents, the number's source text, or a boolean. */
  value: string | boolean | null;
  range: Range;
  /**
   * An unquoted `$NAME` or `${NAME}`: SPIRE started with -expandEnv replaces it before it parses
   * the file, so what it becomes (a number, true, a word) is known only at run time. Its value is
   * the text as written.
   */
  env?: true;
}

export interface HclList {
  kind: 'list';
  items: HclValue[];
  range: Range;
}

export interface HclObject {
  kind: 'object';
  items: HclItem[];
  range: Range;
  /** Made by unfolding `a "label" { }`: the object holding the label, not a block written in braces. */
  labelled?: boolean;
}

export type HclValue = HclLiteral | HclList | HclObject;

/**
 * One `keys... = value` or `keys... { }` item. HCL v1 reads `a "b" { }` as `a { b { } }`; the
 * model keeps the keys as written and lets entries() unfold them.
 */
export interface HclItem {
  keys: HclKey[];
  value: HclValue;
}

export interface HclSyntaxError {
  message: string;
  range: Range;
}

export interface HclDocument {
  root: HclObject;
  errors: HclSyntaxError[];
  /** Whether the text was read as JSON (it starts with `{`). */
  json: boolean;
  /** Whether the text names environment variables (`$NAME`, `${NAME}`), which only -expandEnv replaces. */
  expandsEnv: boolean;
}

export type TokenType = 'ident' | 'string' | 'heredoc' | 'number' | 'env' | '{' | '}' | '[' | ']' | '=' | ':' | ',' | 'eof' | 'illegal';

export interface Token {
  type: TokenType;
  text: string;
  /** The decoded contents of a string or heredoc. */
  value?: string;
  start: number;
  end: number;
  /** Whether a line break came between the previous token and this one. */
  newlineBefore: boolean;
}

class Lines {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): Position {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low] };
  }
  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(end) };
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Splits HCL text into tokens; exported for the editor services, which read half-typed text token by token. */
export class Lexer {
  private at = 0;
  /** Set once a value names an environment variable, bare or inside a string. */
  namesEnv = false;
  constructor(
    private readonly text: string,
    private readonly report: (message: string, start: number, end: number) => void,
  ) {}

  next(): Token {
    let newlineBefore = false;
    for (;;) {
      const c = this.text[this.at];
      if (c === '\n') {
        newlineBefore = true;
        this.at++;
      } else if (c === ' ' || c === '\t' || c === '\r' || c === '\uFEFF') this.at++;
      else if (c === '#' || (c === '/' && this.text[this.at + 1] === '/')) {
        while (this.at < this.text.length && this.text[this.at] !== '\n') this.at++;
      } else if (c === '/' && this.text[this.at + 1] === '*') {
        const close = this.text.indexOf('*/', this.at + 2);
        if (close < 0) {
          this.report('This comment is never closed with */.', this.at, this.text.length);
          this.at = this.text.length;
        } else {
          if (this.text.slice(this.at, close).includes('\n')) newlineBefore = true;
          this.at = close + 2;
        }
      } else break;
    }
    const start = this.at;
    const c = this.text[start];
    const token = (type: TokenType, end: number, value?: string): Token => {
      this.at = end;
      return { type, text: this.text.slice(start, end), value, start, end, newlineBefore };
    };
    if (c === undefined) return token('eof', start);
    if ('{}[]=:,'.includes(c)) return token(c as TokenType, start + 1);
    if (c === '"') return this.string(start, token);
    if (c === '<' && this.text[start + 1] === '<') return this.heredoc(start, token);
    if (/[0-9]/.test(c) || ((c === '-' || c === '+') && /[0-9.]/.test(this.text[start + 1] ?? ''))) {
      const match = /[-+]?(0[xX][0-9a-fA-F]+|[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)/y;
      match.lastIndex = start;
      const m = match.exec(this.text)!;
      return token('number', start + m[0].length);
    }
    if (c === '$') {
      // os.Expand's forms, as -expandEnv applies them to the whole text: ${anything} and $NAME.
      const match = /\$(\{[^}\n]*\}|[A-Za-z0-9_]+)/y;
      match.lastIndex = start;
      const m = match.exec(this.text);
      if (m) {
        this.namesEnv = true;
        return token('env', start + m[0].length);
      }
    }
    if (/[\p{L}_]/u.test(c)) {
      const match = /[\p{L}\p{N}_.-]*/uy;
      match.lastIndex = start + 1;
      return token('ident', start + 1 + match.exec(this.text)![0].length);
    }
    return token('illegal', start + 1);
  }

  private string(start: number, token: (type: TokenType, end: number, value?: string) => Token): Token {
    let value = '';
    let i = start + 1;
    let braces = 0;
    while (i < this.text.length) {
      const c = this.text[i];
      if (c === '"' && braces === 0) {
        if (/\$(\{|[A-Za-z_])/.test(value.replace(/\$\$/g, ''))) this.namesEnv = true;
        return token('string', i + 1, value);
      }
      if (c === '\n' && braces === 0) break;
      if (c === '$' && this.text[i + 1] === '{') {
        // HCL v1 keeps ${...} interpolations as text, and a quote inside one does not end the string.
        braces++;
        value += '${';
        i += 2;
        continue;
      }
      if (c === '}' && braces > 0) braces--;
      if (c === '\\' && i + 1 < this.text.length) {
        const e = this.text[i + 1];
        if (ESCAPES[e] !== undefined) {
          value += ESCAPES[e];
          i += 2;
          continue;
        }
        const unicode = /^(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8}))/.exec(this.text.slice(i + 1, i + 10));
        if (unicode) {
          value += String.fromCodePoint(parseInt(unicode[1] ?? unicode[2], 16));
          i += 1 + unicode[0].length;
          continue;
        }
        this.report(`"\\${e}" is not an escape HCL knows.`, i, i + 2);
        value += e;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    this.report('This string is not closed before the end of the line.', start, i);
    return token('string', i, value);
  }

  private heredoc(start: number, token: (type: TokenType, end: number, value?: string) => Token): Token {
    const head = /<<(-?)([\p{L}_][\p{L}\p{N}_-]*)\r?\n/uy;
    head.lastIndex = start;
    const m = head.exec(this.text);
    if (!m) return token('illegal', start + 2);
    const indented = m[1] === '-';
    const lines: string[] = [];
    let i = start + m[0].length;
    while (i <= this.text.length) {
      const eol = this.text.indexOf('\n', i);
      const lineEnd = eol < 0 ? this.text.length : eol;
      const line = this.text.slice(i, lineEnd).replace(/\r$/, '');
      if ((indented ? line.trim() : line) === m[2]) {
        return token('heredoc', lineEnd, lines.map((l) => l + '\n').join(''));
      }
      lines.push(line);
      if (eol < 0) break;
      i = eol + 1;
    }
    this.report(`This heredoc never reaches its closing "${m[2]}" line.`, start, this.text.length);
    return token('heredoc', this.text.length, lines.join('\n'));
  }
}

/** Reads HCL v1 text (or its JSON form). Never throws: syntax errors come back in `errors`. */
export function readHcl(text: string): HclDocument {
  const lines = new Lines(text);
  const errors: HclSyntaxError[] = [];
  const report = (message: string, start: number, end: number): void => {
    // One error per spot: recovery can trip over the same token twice.
    if (errors.some((e) => e.range.start.line === lines.position(start).line)) return;
    errors.push({ message, range: lines.range(start, Math.max(end, start)) });
  };
  const json = /^\s*\{/.test(text);
  const lexer = new Lexer(text, report);
  const root = new Parser(lexer, lines, report, json).document(text.length);
  return { root, errors, json, expandsEnv: lexer.namesEnv };
}

class Parser {
  private token: Token;
  private previousEnd = 0;

  constructor(
    private readonly lexer: Lexer,
    private readonly lines: Lines,
    private readonly report: (message: string, start: number, end: number) => void,
    private readonly json: boolean,
  ) {
    this.token = lexer.next();
  }

  /** The current token's type, read through a call so TypeScript does not narrow it across advance(). */
  private peek(): TokenType {
    return this.token.type;
  }

  private advance(): Token {
    const t = this.token;
    this.previousEnd = t.end;
    this.token = this.lexer.next();
    return t;
  }

  document(length: number): HclObject {
    if (this.json) {
      const value = this.jsonValue();
      if (this.peek() !== 'eof') this.report('Nothing may follow the JSON object.', this.token.start, this.token.end);
      return value.kind === 'object' ? value : { kind: 'object', items: [], range: this.lines.range(0, length) };
    }
    const items = this.objectItems(true);
    return { kind: 'object', items, range: this.lines.range(0, length) };
  }

  /** Items up to `}` (or the end of the text for the top level). */
  private objectItems(topLevel: boolean): HclItem[] {
    const items: HclItem[] = [];
    for (;;) {
      const t = this.token;
      if (t.type === 'eof') return items;
      if (t.type === '}') {
        if (!topLevel) return items;
        this.report('This "}" closes no block.', t.start, t.end);
        this.advance();
        continue;
      }
      if (t.type === ',') {
        this.advance();
        continue;
      }
      const item = this.item();
      if (item) items.push(item);
      // Read on from the next line, unless the failed item already stopped at one.
      else if (this.token === t || !this.token.newlineBefore) this.skipLine();
    }
  }

  /** After an error, skip to the next line (or the `}` that ends the block) to read on from there. */
  private skipLine(): void {
    let depth = 0;
    do {
      const t = this.token;
      if (t.type === 'eof') return;
      if (t.type === '{' || t.type === '[') depth++;
      if (t.type === '}' && depth === 0) return;
      if ((t.type === '}' || t.type === ']') && depth > 0) depth--;
      this.advance();
    } while (depth > 0 || !this.token.newlineBefore);
  }

  private item(): HclItem | undefined {
    const keys: HclKey[] = [];
    for (;;) {
      const t = this.token;
      if (t.type === 'ident' || t.type === 'string') {
        this.advance();
        keys.push({ text: t.type === 'string' ? t.value! : t.text, quoted: t.type === 'string', range: this.lines.range(t.start, t.end) });
        continue;
      }
      if (t.type === '=') {
        if (keys.length === 0) {
          this.report('A key is missing before "=".', t.start, t.end);
          return undefined;
        }
        if (keys.length > 1) {
          this.report(`Only one key may come before "=" (found ${keys.length}); a block takes "{" instead.`, t.start, t.end);
          return undefined;
        }
        this.advance();
        const value = this.value();
        return value ? { keys, value } : undefined;
      }
      if (t.type === '{') {
        if (keys.length === 0) {
          this.report('A block needs a name before "{".', t.start, t.end);
          return undefined;
        }
        return { keys, value: this.object() };
      }
      if (keys.length === 0) {
        this.report(`Expected a key here, found ${describe(t)}.`, t.start, t.end);
      } else {
        const at = t.type === 'eof' || t.newlineBefore ? this.previousEnd : t.start;
        this.report(`"${keys[keys.length - 1].text}" needs "=" and a value, or a "{" block, after it.`, at, t.type === 'eof' || t.newlineBefore ? at : t.end);
      }
      return undefined;
    }
  }

  private object(): HclObject {
    const open = this.advance();
    const items = this.objectItems(false);
    const close = this.token;
    if (close.type === '}') this.advance();
    else this.report('This block is never closed with "}".', open.start, open.end);
    return { kind: 'object', items, range: this.lines.range(open.start, this.previousEnd) };
  }

  private value(): HclValue | undefined {
    const t = this.token;
    switch (t.type) {
      case '{':
        return this.object();
      case '[':
        return this.list(() => this.value());
      case 'string':
      case 'heredoc':
        this.advance();
        return { kind: 'string', value: t.value!, range: this.lines.range(t.start, t.end) };
      case 'number':
        this.advance();
        return { kind: 'number', value: t.text, range: this.lines.range(t.start, t.end) };
      case 'env':
        this.advance();
        return { kind: 'string', value: t.text, range: this.lines.range(t.start, t.end), env: true };
      case 'ident':
        if (t.text === 'true' || t.text === 'false') {
          this.advance();
          return { kind: 'bool', value: t.text === 'true', range: this.lines.range(t.start, t.end) };
        }
        break;
      default:
        break;
    }
    const at = t.type === 'eof' || t.newlineBefore ? this.previousEnd : t.start;
    this.report(`Expected a value (a string, number, true/false, list or block), found ${describe(t)}.`, at, t.type === 'eof' || t.newlineBefore ? at : t.end);
    return undefined;
  }

  private list(element: () => HclValue | undefined): HclList {
    const open = this.advance();
    const items: HclValue[] = [];
    for (;;) {
      const t = this.token;
      if (t.type === ']') {
        this.advance();
        break;
      }
      if (t.type === 'eof' || t.type === '}') {
        this.report('This list is never closed with "]".', open.start, open.end);
        break;
      }
      const value = element();
      if (!value) {
        this.advance();
        continue;
      }
      items.push(value);
      if (this.peek() === ',') this.advance();
      else if (this.peek() !== ']') this.report(`Expected "," or "]" after a list item, found ${describe(this.token)}.`, this.token.start, this.token.end);
    }
    return { kind: 'list', items, range: this.lines.range(open.start, this.previousEnd) };
  }

  private jsonValue(): HclValue {
    const t = this.token;
    if (t.type === '{') {
      const open = this.advance();
      const items: HclItem[] = [];
      while (this.peek() !== '}' && this.peek() !== 'eof') {
        const key = this.token;
        if (key.type !== 'string') {
          this.report(`Expected a quoted key, found ${describe(key)}.`, key.start, key.end);
          this.advance();
          continue;
        }
        this.advance();
        if (this.peek() === ':') this.advance();
        else this.report('Expected ":" after the key.', this.token.start, this.token.end);
        const keys = [{ text: key.value!, quoted: true, range: this.lines.range(key.start, key.end) }];
        const value = this.jsonValue();
        // HCL v1 reads a list of objects under a key as the key repeated once per object, which is
        // how Helm's `"NodeAttestor": [{"k8s_psat": {...}}]` becomes a plugin.
        if (value.kind === 'list' && value.items.length > 0 && value.items.every((v) => v.kind === 'object')) {
          for (const object of value.items) items.push({ keys, value: object });
        } else items.push({ keys, value });
        if (this.peek() === ',') this.advance();
        else if (this.peek() !== '}') this.report(`Expected "," or "}", found ${describe(this.token)}.`, this.token.start, this.token.end);
      }
      if (this.peek() === '}') this.advance();
      else this.report('This object is never closed with "}".', open.start, open.end);
      return { kind: 'object', items, range: this.lines.range(open.start, this.previousEnd) };
    }
    if (t.type === '[') return this.list(() => this.jsonValue());
    this.advance();
    const range = this.lines.range(t.start, t.end);
    if (t.type === 'string') return { kind: 'string', value: t.value!, range };
    if (t.type === 'number') return { kind: 'number', value: t.text, range };
    if (t.type === 'ident' && (t.text === 'true' || t.text === 'false')) return { kind: 'bool', value: t.text === 'true', range };
    if (t.type === 'ident' && t.text === 'null') return { kind: 'null', value: null, range };
    this.report(`Expected a JSON value, found ${describe(t)}.`, t.start, t.end);
    return { kind: 'null', value: null, range };
  }
}

function describe(t: Token): string {
  if (t.type === 'eof') return 'the end of the file';
  if (t.type === 'string') return 'a string';
  if (t.type === 'number') return `the number ${t.text}`;
  return `"${t.text}"`;
}

/** One key of an object with its value, multi-key items unfolded as HCL v1's decoder sees them. */
export interface HclEntry {
  key: HclKey;
  value: HclValue;
}

export function entries(object: HclObject): HclEntry[] {
  return object.items.map((item) => unfold(item.keys, item.value));
}

function unfold(keys: HclKey[], value: HclValue): HclEntry {
  if (keys.length === 1) return { key: keys[0], value };
  const rest = unfold(keys.slice(1), value);
  return {
    key: keys[0],
    value: { kind: 'object', items: [{ keys: [rest.key], value: rest.value }], range: { start: keys[1].range.start, end: value.range.end }, labelled: true },
  };
}
