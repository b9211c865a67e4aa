import { parseArgs } from 'node:util';
import { UsageError } from './usageError';

/** What a command accepts: flags (no value), single-valued and repeatable options. */
export interface OptionSpec {
  flags?: string[];
  single?: string[];
  repeated?: string[];
}

export interface ParsedOptions {
  flags: Set<string>;
  single: Map<string, string>;
  repeated: Map<string, string[]>;
  positional: string[];
}

/**
 * Reads `--name value`, `--name=value` and `--flag` through node's parseArgs; refuses what the spec
 * does not name, a flag given a value, a value missing (or an option where the value should be) and a
 * single-valued option given twice. `-` alone is a positional (standard input); any other word
 * starting with one dash is an unknown option, and so is `--`.
 */
export function parseOptions(command: string, args: string[], spec: OptionSpec): ParsedOptions {
  const parsed: ParsedOptions = { flags: new Set(), single: new Map(), repeated: new Map(), positional: [] };
  const types: Record<string, { type: 'boolean' | 'string' }> = {};
  for (const name of spec.flags ?? []) types[name] = { type: 'boolean' };
  for (const name of [...(spec.single ?? []), ...(spec.repeated ?? [])]) types[name] = { type: 'string' };
  // Not strict: parseArgs' own errors are worded for developers; the checks below say what to type instead.
  const { tokens } = parseArgs({ args, options: types, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind === 'positional') {
      parsed.positional.push(token.value);
      continue;
    }
    const raw = args[token.index];
    if (token.kind === 'option-terminator' || !raw.startsWith('--')) throw new UsageError(`${command}: unknown option ${raw}`);
    const { name } = token;
    if (spec.flags?.includes(name)) {
      if (token.inlineValue) throw new UsageError(`${command}: --${name} takes no value`);
      parsed.flags.add(name);
      continue;
    }
    if (!Object.hasOwn(types, name)) throw new UsageError(`${command}: unknown option --${name}`);
    const { value } = token;
    if (value === undefined || (!token.inlineValue && value.startsWith('--'))) throw new UsageError(`${command}: --${name} needs a value`);
    if (spec.repeated?.includes(name)) parsed.repeated.set(name, [...(parsed.repeated.get(name) ?? []), value]);
    else if (parsed.single.has(name)) throw new UsageError(`${command}: --${name} is given twice`);
    else parsed.single.set(name, value);
  }
  return parsed;
}

/** A positive number option, or undefined when absent. */
export function positiveNumber(command: string, options: ParsedOptions, name: string): number | undefined {
  const text = options.single.get(name);
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(value > 0)) throw new UsageError(`${command}: --${name} must be a positive number, not "${text}"`);
  return value;
}
