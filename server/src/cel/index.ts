// CRD x-kubernetes-validations rules and the duration format. The CEL engine (@bufbuild/cel with
// @bufbuild/protobuf and @bufbuild/re2, a third of the server's bundle) is evaluated only when a
// rule is first checked: most sessions never meet a CRD with rules, and evaluating it at start-up
// cost every server 2.8 MB of heap and 70 ms before it could answer initialize.
import { parseGoDuration } from '../../../common/src/time/goDuration';

export type RuleOutcome = 'pass' | 'fail' | 'unsupported';

let loaded: typeof import('./engine') | undefined;
function engine(): typeof import('./engine') {
  // A require, not an import: esbuild then evaluates the module (and the libraries it imports) at this call, not at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('./engine') as typeof import('./engine'));
}

/**
 * Evaluates a CRD `x-kubernetes-validations` rule with `self` bound to the value under check.
 * A rule the library cannot parse, or one that calls a function it does not know, is
 * 'unsupported' (never reported); any other evaluation error is a failure, as it is for the API server.
 */
export function checkRule(rule: string, self: unknown, oldSelf?: unknown): RuleOutcome {
  return engine().checkRule(rule, self, oldSelf);
}

/** Whether Go reads the text as a duration: what the `duration` format asks, without the CEL engine. */
export function isDuration(text: string): boolean {
  return parseGoDuration(text) !== undefined;
}
