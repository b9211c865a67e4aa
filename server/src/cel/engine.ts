// CRD x-kubernetes-validations rules, run by Buf's CEL implementation (@bufbuild/cel) with the
// Kubernetes libraries the CRDs call. Loaded on the first rule (see index.ts).
import { celEnv, isCelError, parse, plan, type CelInput, type CelResult } from '@bufbuild/cel';
import { kubernetesFuncs } from './kubernetes';

import type { RuleOutcome } from './index';

const env = celEnv({ funcs: kubernetesFuncs });
type Program = (bindings: Record<string, CelInput>) => CelResult;
const compiled = new Map<string, Program | 'unsupported'>();

/** See index.ts's checkRule: the one way in, which loads this module. */
export function checkRule(rule: string, self: unknown, oldSelf?: unknown): RuleOutcome {
  let program = compiled.get(rule);
  if (!program) {
    try {
      program = plan(env, parse(rule));
    } catch {
      program = 'unsupported';
    }
    compiled.set(rule, program);
  }
  if (program === 'unsupported') return 'unsupported';
  // Transition rules compare with the stored object, which a file does not have.
  if (rule.includes('oldSelf') && oldSelf === undefined) return 'pass';
  const bindings: Record<string, CelInput> = { self: toCel(self) };
  if (oldSelf !== undefined) bindings.oldSelf = toCel(oldSelf);
  let result: CelResult;
  try {
    result = program(bindings);
  } catch {
    return 'fail';
  }
  if (isCelError(result)) return /^unbound function/.test(result.message) ? 'unsupported' : 'fail';
  return result === true ? 'pass' : 'fail';
}

/**
 * A parsed YAML value as CEL sees it: whole numbers are ints, as the API server decodes them for
 * integer fields (and CEL compares ints with doubles by value, so number fields lose nothing).
 */
function toCel(value: unknown): CelInput {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value && typeof value === 'object') {
    // A loop rather than entries → map → fromEntries: three arrays per object of every value a rule reads.
    const object: Record<string, CelInput> = {};
    for (const key of Object.keys(value)) {
      const item = toCel((value as Record<string, unknown>)[key]);
      // Assigning __proto__ would set the prototype; fromEntries made it an own field, as the manifest has it.
      if (key === '__proto__') Object.defineProperty(object, key, { value: item, enumerable: true, writable: true, configurable: true });
      else object[key] = item;
    }
    return object;
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  return null;
}
