import type { Expr } from './parse';
import { parseGoDuration } from '../../../common/src/time/goDuration';

/** A failed evaluation: Kubernetes rejects the object when a rule cannot be evaluated, and so do we. */
export class CelEvalError extends Error {}

export class Duration {
  constructor(readonly nanoseconds: number) {}
}

class ParsedUrl {
  constructor(readonly url: URL) {}
}

/** Parses a Go duration string ("1h30m", "250ms") with the project's one reader of them; undefined when it is not one. */
export function parseDuration(text: string): Duration | undefined {
  const ms = parseGoDuration(text);
  // Go keeps whole nanoseconds; the reader's milliseconds carry float error in the last place.
  return ms === undefined ? undefined : new Duration(Math.round(ms * 1e6));
}

type Env = Map<string, unknown>;

export function evaluateCel(expr: Expr, env: Env): unknown {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'ident':
      if (!env.has(expr.name)) throw new CelEvalError(`undeclared reference to "${expr.name}"`);
      return env.get(expr.name);
    case 'list':
      return expr.items.map((item) => evaluateCel(item, env));
    case 'map':
      return Object.fromEntries(expr.entries.map(([k, v]) => [String(evaluateCel(k, env)), evaluateCel(v, env)]));
    case 'select':
      return field(evaluateCel(expr.target, env), expr.field);
    case 'index': {
      const target = evaluateCel(expr.target, env);
      const index = evaluateCel(expr.index, env);
      if (Array.isArray(target) && typeof index === 'number') {
        if (index < 0 || index >= target.length) throw new CelEvalError('index out of range');
        return target[index];
      }
      return field(target, String(index));
    }
    case 'unary': {
      const value = evaluateCel(expr.operand, env);
      if (expr.op === '!') return !asBool(value);
      if (typeof value !== 'number') throw new CelEvalError('- needs a number');
      return -value;
    }
    case 'conditional':
      return asBool(evaluateCel(expr.test, env)) ? evaluateCel(expr.then, env) : evaluateCel(expr.otherwise, env);
    case 'binary':
      return binary(expr.op, expr.left, expr.right, env);
    case 'call':
      return call(expr, env);
  }
}

function field(target: unknown, name: string): unknown {
  if (target === null || typeof target !== 'object' || Array.isArray(target) || target instanceof Duration) throw new CelEvalError(`no field "${name}" on a non-map value`);
  const value = (target as Record<string, unknown>)[name];
  if (value === undefined || !Object.prototype.hasOwnProperty.call(target, name)) throw new CelEvalError(`no such key: ${name}`);
  return value;
}

function asBool(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new CelEvalError('expected a bool');
  return value;
}

function binary(op: string, leftExpr: Expr, rightExpr: Expr, env: Env): unknown {
  if (op === '&&') return asBool(evaluateCel(leftExpr, env)) && asBool(evaluateCel(rightExpr, env));
  if (op === '||') return asBool(evaluateCel(leftExpr, env)) || asBool(evaluateCel(rightExpr, env));
  const left = evaluateCel(leftExpr, env);
  const right = evaluateCel(rightExpr, env);
  switch (op) {
    case '==':
      return equal(left, right);
    case '!=':
      return !equal(left, right);
    case 'in':
      if (Array.isArray(right)) return right.some((item) => equal(item, left));
      if (right && typeof right === 'object') return Object.prototype.hasOwnProperty.call(right, String(left));
      throw new CelEvalError('"in" needs a list or a map');
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const [a, b] = comparable(left, right);
      return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
    }
    case '+':
      if (typeof left === 'number' && typeof right === 'number') return left + right;
      if (typeof left === 'string' && typeof right === 'string') return left + right;
      if (Array.isArray(left) && Array.isArray(right)) return [...left, ...right];
      throw new CelEvalError('+ needs two numbers, strings or lists');
    case '-':
    case '*':
    case '/':
    case '%': {
      if (typeof left !== 'number' || typeof right !== 'number') throw new CelEvalError(`${op} needs numbers`);
      if ((op === '/' || op === '%') && right === 0) throw new CelEvalError('division by zero');
      return op === '-' ? left - right : op === '*' ? left * right : op === '/' ? Math.trunc(left / right) : left % right;
    }
    default:
      throw new CelEvalError(`unsupported operator ${op}`);
  }
}

function comparable(left: unknown, right: unknown): [number | string, number | string] {
  if (left instanceof Duration && right instanceof Duration) return [left.nanoseconds, right.nanoseconds];
  if (typeof left === 'number' && typeof right === 'number') return [left, right];
  if (typeof left === 'string' && typeof right === 'string') return [left, right];
  throw new CelEvalError('values of different types cannot be compared');
}

function equal(a: unknown, b: unknown): boolean {
  if (a instanceof Duration && b instanceof Duration) return a.nanoseconds === b.nanoseconds;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

function call(expr: Extract<Expr, { type: 'call' }>, env: Env): unknown {
  if (!expr.target) return globalCall(expr.name, expr.args, env);
  if (MACROS.has(expr.name)) return macro(expr.name, evaluateCel(expr.target, env), expr.args, env);
  const target = evaluateCel(expr.target, env);
  const args = expr.args.map((arg) => evaluateCel(arg, env));
  const str = () => {
    if (typeof target !== 'string') throw new CelEvalError(`${expr.name}() needs a string`);
    return target;
  };
  const strArg = () => {
    if (typeof args[0] !== 'string') throw new CelEvalError(`${expr.name}() needs a string argument`);
    return args[0];
  };
  switch (expr.name) {
    case 'size':
      return size(target);
    case 'contains':
      return str().includes(strArg());
    case 'startsWith':
      return str().startsWith(strArg());
    case 'endsWith':
      return str().endsWith(strArg());
    case 'matches':
      return new RegExp(strArg()).test(str());
    case 'lowerAscii':
      return str().toLowerCase();
    case 'upperAscii':
      return str().toUpperCase();
    case 'getScheme':
    case 'getHost':
    case 'getPath':
      if (!(target instanceof ParsedUrl)) throw new CelEvalError(`${expr.name}() needs a URL`);
      return expr.name === 'getScheme' ? target.url.protocol.replace(/:$/, '') : expr.name === 'getHost' ? target.url.host : target.url.pathname;
    default:
      throw new CelEvalError(`unsupported function ${expr.name}()`);
  }
}

function globalCall(name: string, argExprs: Expr[], env: Env): unknown {
  if (name === 'has') {
    const [arg] = argExprs;
    if (argExprs.length !== 1 || arg.type !== 'select') throw new CelEvalError('has() needs a field selection');
    const target = evaluateCel(arg.target, env);
    if (target === null || typeof target !== 'object' || Array.isArray(target)) throw new CelEvalError('has() needs a map');
    const value = (target as Record<string, unknown>)[arg.field];
    return Object.prototype.hasOwnProperty.call(target, arg.field) && value !== null && value !== undefined;
  }
  const args = argExprs.map((arg) => evaluateCel(arg, env));
  const [value] = args;
  switch (name) {
    case 'size':
      return size(value);
    case 'int': {
      const number = typeof value === 'string' && /^[-+]?\d+$/.test(value.trim()) ? Number(value) : typeof value === 'number' ? Math.trunc(value) : NaN;
      if (Number.isNaN(number)) throw new CelEvalError(`cannot convert ${JSON.stringify(value)} to int`);
      return number;
    }
    case 'double': {
      const number = Number(value);
      if (typeof value === 'boolean' || Number.isNaN(number)) throw new CelEvalError(`cannot convert ${JSON.stringify(value)} to double`);
      return number;
    }
    case 'string':
      return value instanceof Duration ? `${value.nanoseconds / 1e9}s` : String(value);
    case 'duration': {
      const parsed = typeof value === 'string' ? parseDuration(value) : undefined;
      if (!parsed) throw new CelEvalError(`${JSON.stringify(value)} is not a duration`);
      return parsed;
    }
    case 'url':
      try {
        if (typeof value !== 'string') throw new Error();
        return new ParsedUrl(new URL(value));
      } catch {
        throw new CelEvalError(`${JSON.stringify(value)} is not a URL`);
      }
    case 'isURL':
      try {
        return typeof value === 'string' && Boolean(new URL(value));
      } catch {
        return false;
      }
    default:
      throw new CelEvalError(`unsupported function ${name}()`);
  }
}

function size(value: unknown): number {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (value && typeof value === 'object' && !(value instanceof Duration)) return Object.keys(value).length;
  throw new CelEvalError('size() needs a string, list or map');
}

function macro(name: string, target: unknown, args: Expr[], env: Env): unknown {
  const [variable, body] = args;
  if (args.length !== 2 || variable.type !== 'ident') throw new CelEvalError(`${name}() needs a variable and an expression`);
  let items: unknown[];
  if (Array.isArray(target)) items = target;
  else if (target && typeof target === 'object' && !(target instanceof Duration)) items = Object.keys(target);
  else throw new CelEvalError(`${name}() needs a list or a map`);
  const apply = (item: unknown) => evaluateCel(body, new Map(env).set(variable.name, item));
  switch (name) {
    case 'all':
      return items.every((item) => asBool(apply(item)));
    case 'exists':
      return items.some((item) => asBool(apply(item)));
    case 'exists_one':
      return items.filter((item) => asBool(apply(item))).length === 1;
    case 'map':
      return items.map(apply);
    default:
      return items.filter((item) => asBool(apply(item)));
  }
}
