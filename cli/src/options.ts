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

/** Reads `--name value`, `--name=value` and `--flag`; refuses what the spec does not name. */
export function parseOptions(command: string, args: string[], spec: OptionSpec): ParsedOptions {
  const parsed: ParsedOptions = { flags: new Set(), single: new Map(), repeated: new Map(), positional: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) {
      parsed.positional.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = (equals < 0 ? arg : arg.slice(0, equals)).slice(2);
    if (spec.flags?.includes(name)) {
      if (equals >= 0) throw new UsageError(`${command}: --${name} takes no value`);
      parsed.flags.add(name);
      continue;
    }
    const takesValue = spec.single?.includes(name) || spec.repeated?.includes(name);
    if (!takesValue) throw new UsageError(`${command}: unknown option --${name}`);
    const value = equals >= 0 ? arg.slice(equals + 1) : args[++i];
    if (value === undefined || (equals < 0 && value.startsWith('--'))) throw new UsageError(`${command}: --${name} needs a value`);
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
