import { evaluateCel, CelEvalError } from './evaluate';
import { parseCel, type Expr, CelSyntaxError } from './parse';

const compiled = new Map<string, Expr | CelSyntaxError>();

export type RuleOutcome = 'pass' | 'fail' | 'unsupported';

/**
 * Evaluates a CRD `x-kubernetes-validations` rule with `self` bound to the value under check.
 * A rule we cannot parse is 'unsupported' (never reported); an evaluation error is a failure, as
 * it is for the API server.
 */
export function checkRule(rule: string, self: unknown, oldSelf?: unknown): RuleOutcome {
  let expr = compiled.get(rule);
  if (!expr) {
    try {
      expr = parseCel(rule);
    } catch (error) {
      expr = error instanceof CelSyntaxError ? error : new CelSyntaxError(String(error));
    }
    compiled.set(rule, expr);
  }
  if (expr instanceof CelSyntaxError) return 'unsupported';
  // Transition rules compare with the stored object, which a file does not have.
  if (rule.includes('oldSelf') && oldSelf === undefined) return 'pass';
  try {
    return evaluateCel(expr, new Map<string, unknown>([['self', self]])) === true ? 'pass' : 'fail';
  } catch (error) {
    if (error instanceof CelEvalError && /^unsupported/.test(error.message)) return 'unsupported';
    if (error instanceof CelEvalError || error instanceof SyntaxError) return 'fail';
    throw error;
  }
}

export { parseDuration, Duration } from './evaluate';
