import type { ConformanceSuite } from '../conformanceCase';
import { serverCase as c, SPIRE_AT } from '../spireConfig';

// An empty agent_ttl is SPIRE's "unset" (the value is read only when it is not ""), not a bad duration.
export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-server/cli/run/run_test.go TestAgentTTL`,
  cases: [c('agent_ttl of 168h', true, 'agent_ttl = "168h"'), c('agent_ttl left empty', true, 'agent_ttl = ""')],
};
