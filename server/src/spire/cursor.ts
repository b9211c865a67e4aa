import type { Side } from './catalog';
import { Lexer, type Position, type Token } from './hclReader';
import { spireSideOf } from './index';

// Where the cursor is in a SPIRE configuration, read from the tokens alone so that half-typed text
// (a key without "=", an unclosed block or string) still gives the enclosing blocks. HCL and its
// JSON form go through the same walk: `a "b" {` and `"a": [{"b": {` both open the path a/b.

/** The word under the cursor. */
export interface CursorWord {
  text: string;
  quoted: boolean;
  /** Offsets of the token, and of its contents inside the quotes. */
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
}

export interface CursorContext {
  /** The keys of the enclosing blocks, outermost first; a list of blocks counts once. */
  path: string[];
  /** The keys of the item the cursor is in, before the word under the cursor. */
  keys: string[];
  /** Whether the cursor is where a value goes (after "=", ":" or inside a list). */
  inValue: boolean;
  inList: boolean;
  word?: CursorWord;
  /** The first keys of the items of the cursor's block, lower-cased, the word under the cursor left out. */
  siblings: Set<string>;
  json: boolean;
}

interface Frame {
  list: boolean;
  names: string[];
  keys: string[];
  inValue: boolean;
  siblings: Set<string>;
}

/** The offset of an LSP position in the text (clamped to the text). */
export function offsetOf(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + Math.max(0, position.character), lineEnd < 0 ? text.length : lineEnd);
}

export function cursorContext(text: string, offset: number): CursorContext {
  const lexer = new Lexer(text, () => undefined);
  const root: Frame = { list: false, names: [], keys: [], inValue: false, siblings: new Set() };
  const stack: Frame[] = [root];
  let snapshot: Omit<CursorContext, 'siblings' | 'json'> | undefined;
  let cursorFrame = root;
  let cursorToken: Token | undefined;
  let previousEnd = 0;
  const top = (): Frame => stack[stack.length - 1];

  const take = (token: Token | undefined): void => {
    const frame = top();
    let keys = frame.keys;
    // A key typed on a new line starts a new item, whatever the line before left unfinished.
    const newLine = token ? token.newlineBefore : text.slice(previousEnd, offset).includes('\n');
    if (!frame.inValue && !frame.list && newLine) keys = [];
    snapshot = {
      path: stack.flatMap((f) => f.names),
      keys: [...keys],
      inValue: frame.list || frame.inValue,
      inList: frame.list,
      word: token && isWord(token) ? word(token) : undefined,
    };
    cursorFrame = frame;
    cursorToken = token;
  };

  for (;;) {
    const token = lexer.next();
    if (!snapshot) {
      if (token.type !== 'eof' && token.start <= offset && offset <= token.end && (isWord(token) || offset < token.end)) take(token);
      else if (token.start >= offset || token.type === 'eof') take(undefined);
    }
    if (token.type === 'eof') break;
    const frame = top();
    switch (token.type) {
      case 'ident':
      case 'string':
      case 'heredoc':
      case 'number':
        if (frame.list) break;
        if (frame.inValue) {
          frame.keys = [];
          frame.inValue = false;
        } else {
          if (token.newlineBefore) frame.keys = [];
          if (frame.keys.length === 0 && token !== cursorToken) frame.siblings.add(wordText(token).toLowerCase());
          frame.keys.push(wordText(token));
        }
        break;
      case '=':
      case ':':
        if (!frame.list) frame.inValue = true;
        break;
      case ',':
        if (!frame.list) {
          frame.keys = [];
          frame.inValue = false;
        }
        break;
      case '{':
        stack.push({ list: false, names: frame.list ? [] : [...frame.keys], keys: [], inValue: false, siblings: new Set() });
        break;
      case '[':
        stack.push({ list: true, names: frame.list ? [] : [...frame.keys], keys: [], inValue: false, siblings: new Set() });
        break;
      case '}':
      case ']':
        if (stack.length > 1) {
          stack.pop();
          const parent = top();
          if (!parent.list) {
            parent.keys = [];
            parent.inValue = false;
          }
        }
        break;
      default:
        break;
    }
    previousEnd = token.end;
  }
  return { ...snapshot!, siblings: cursorFrame.siblings, json: /^\s*\{/.test(text) };
}

function isWord(token: Token): boolean {
  return token.type === 'ident' || token.type === 'string' || token.type === 'number' || token.type === 'heredoc';
}

function wordText(token: Token): string {
  return token.type === 'string' || token.type === 'heredoc' ? (token.value ?? '') : token.text;
}

function word(token: Token): CursorWord {
  const quoted = token.type === 'string';
  const closed = quoted && token.text.length > 1 && token.text.endsWith('"');
  return {
    text: wordText(token),
    quoted,
    start: token.start,
    end: token.end,
    contentStart: quoted ? token.start + 1 : token.start,
    contentEnd: closed ? token.end - 1 : token.end,
  };
}

/** The LSP position of an offset. */
export function positionOf(text: string, offset: number): Position {
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, character: offset - lineStart };
}

/** The side whose keys apply at the cursor: the enclosing server or agent block, else the file's. */
export function sideAt(context: Pick<CursorContext, 'path'>, text: string): Side | undefined {
  const first = context.path[0]?.toLowerCase();
  if (first === 'server' || first === 'agent') return first;
  return spireSideOf(text);
}

/** The path of the key whose value the cursor is in: a list's own key, or the item's keys. */
export function valueKeyPath(context: CursorContext): string[] {
  return context.inList ? context.path : [...context.path, ...context.keys];
}
