// A parser for the subset of CEL (the Common Expression Language) that CRD validation rules use:
// literals, lists and maps, member access and calls, the macros has/all/exists/exists_one/map/filter,
// unary, arithmetic, comparison, `in`, logical and conditional operators, with CEL's precedence.

export type Expr =
  | { type: 'literal'; value: unknown }
  | { type: 'ident'; name: string }
  | { type: 'list'; items: Expr[] }
  | { type: 'map'; entries: Array<[Expr, Expr]> }
  | { type: 'select'; target: Expr; field: string }
  | { type: 'index'; target: Expr; index: Expr }
  | { type: 'call'; target?: Expr; name: string; args: Expr[] }
  | { type: 'unary'; op: '!' | '-'; operand: Expr }
  | { type: 'binary'; op: string; left: Expr; right: Expr }
  | { type: 'conditional'; test: Expr; then: Expr; otherwise: Expr };

type Token = { kind: 'num' | 'str' | 'ident' | 'op' | 'end'; value: string; at: number };

export class CelSyntaxError extends Error {}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '<', '>', '+', '-', '*', '/', '%', '!', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = /^(\d+\.\d+|\d+)(u)?/.exec(source.slice(i));
    if (number) {
      tokens.push({ kind: 'num', value: number[1], at: i });
      i += number[0].length;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let j = i + 1;
      let value = '';
      while (j < source.length && source[j] !== ch) {
        if (source[j] === '\\' && j + 1 < source.length) {
          const next = source[j + 1];
          value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
        } else {
          value += source[j++];
        }
      }
      if (j >= source.length) throw new CelSyntaxError(`unterminated string at ${i}`);
      tokens.push({ kind: 'str', value, at: i });
      i = j + 1;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ kind: 'ident', value: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (!op) throw new CelSyntaxError(`unexpected "${ch}" at ${i}`);
    tokens.push({ kind: 'op', value: op, at: i });
    i += op.length;
  }
  tokens.push({ kind: 'end', value: '', at: source.length });
  return tokens;
}

export function parseCel(source: string): Expr {
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => tokens[pos++];
  const isOp = (value: string) => peek().kind === 'op' && peek().value === value;
  const expect = (value: string) => {
    const token = next();
    if (token.kind !== 'op' || token.value !== value) throw new CelSyntaxError(`expected "${value}" at ${token.at}`);
  };

  const conditional = (): Expr => {
    const test = or();
    if (!isOp('?')) return test;
    next();
    const then = conditional();
    expect(':');
    return { type: 'conditional', test, then, otherwise: conditional() };
  };
  const binaryLevel = (ops: string[], operand: () => Expr, keyword?: string) => (): Expr => {
    let left = operand();
    for (;;) {
      const token = peek();
      const op = token.kind === 'op' && ops.includes(token.value) ? token.value : keyword && token.kind === 'ident' && token.value === keyword ? keyword : undefined;
      if (!op) return left;
      next();
      left = { type: 'binary', op, left, right: operand() };
    }
  };
  const unary = (): Expr => {
    if (isOp('!') || isOp('-')) {
      const op = next().value as '!' | '-';
      return { type: 'unary', op, operand: unary() };
    }
    return member();
  };
  const multiplicative = binaryLevel(['*', '/', '%'], unary);
  const additive = binaryLevel(['+', '-'], multiplicative);
  const relation = binaryLevel(['==', '!=', '<', '<=', '>', '>='], additive, 'in');
  const and = binaryLevel(['&&'], relation);
  const or = binaryLevel(['||'], and);

  const args = (close: string): Expr[] => {
    const list: Expr[] = [];
    if (isOp(close)) {
      next();
      return list;
    }
    for (;;) {
      list.push(conditional());
      if (isOp(',')) {
        next();
        if (isOp(close)) break;
        continue;
      }
      break;
    }
    expect(close);
    return list;
  };

  const member = (): Expr => {
    let expr = primary();
    for (;;) {
      if (isOp('.')) {
        next();
        const name = next();
        if (name.kind !== 'ident') throw new CelSyntaxError(`expected a field name at ${name.at}`);
        if (isOp('(')) {
          next();
          expr = { type: 'call', target: expr, name: name.value, args: args(')') };
        } else {
          expr = { type: 'select', target: expr, field: name.value };
        }
      } else if (isOp('[')) {
        next();
        const index = conditional();
        expect(']');
        expr = { type: 'index', target: expr, index };
      } else {
        return expr;
      }
    }
  };

  const primary = (): Expr => {
    const token = next();
    switch (token.kind) {
      case 'num':
        return { type: 'literal', value: Number(token.value) };
      case 'str':
        return { type: 'literal', value: token.value };
      case 'ident':
        if (token.value === 'true' || token.value === 'false') return { type: 'literal', value: token.value === 'true' };
        if (token.value === 'null') return { type: 'literal', value: null };
        if (isOp('(')) {
          next();
          return { type: 'call', name: token.value, args: args(')') };
        }
        return { type: 'ident', name: token.value };
      case 'op':
        if (token.value === '(') {
          const inner = conditional();
          expect(')');
          return inner;
        }
        if (token.value === '[') return { type: 'list', items: args(']') };
        if (token.value === '{') {
          const entries: Array<[Expr, Expr]> = [];
          while (!isOp('}')) {
            const key = conditional();
            expect(':');
            entries.push([key, conditional()]);
            if (isOp(',')) next();
            else break;
          }
          expect('}');
          return { type: 'map', entries };
        }
        throw new CelSyntaxError(`unexpected "${token.value}" at ${token.at}`);
      default:
        throw new CelSyntaxError('unexpected end of expression');
    }
  };

  const expr = conditional();
  if (peek().kind !== 'end') throw new CelSyntaxError(`unexpected "${peek().value}" at ${peek().at}`);
  return expr;
}
