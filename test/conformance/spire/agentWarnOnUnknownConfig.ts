import type { ConformanceSuite } from '../conformanceCase';
import { agentCase as c, block, sharedUnknownKeyCases, SPIRE_AT, UNKNOWN_KEYS } from '../spireConfig';

// As on the server: the upstream fixture's block is added to a valid file. The commented-out
// telemetry case (a section SPIRE does not check) is not translated.
export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-agent/cli/run/run_test.go TestWarnOnUnknownConfig`,
  cases: [
    ...sharedUnknownKeyCases(c),
    c('in agent block', false, UNKNOWN_KEYS),
    c('in nested ratelimit block', false, block('experimental', block('ratelimit', UNKNOWN_KEYS))),
  ],
};
