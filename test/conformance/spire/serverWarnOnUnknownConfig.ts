import type { ConformanceSuite } from '../conformanceCase';
import { block, serverCase as c, sharedUnknownKeyCases, SPIRE_AT, UNKNOWN_KEYS } from '../spireConfig';

// Each case adds the upstream fixture's block (test/fixture/config/*.conf) to a valid file, so the
// only error left is the unknown keys. The cases upstream comments out (experimental,
// federation, federates_with, telemetry: sections SPIRE does not check) are not translated.
export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-server/cli/run/run_test.go TestWarnOnUnknownConfig`,
  cases: [
    ...sharedUnknownKeyCases(c),
    c('in server block', false, UNKNOWN_KEYS),
    c('in nested ca_subject block', false, block('ca_subject', UNKNOWN_KEYS)),
    c('in ratelimit block', false, block('ratelimit', UNKNOWN_KEYS)),
    c('in nested federation.bundle_endpoint block', false, block('federation', block('bundle_endpoint', `profile "https_spiffe" {}\n${UNKNOWN_KEYS}`))),
    c(
      'in nested bundle_endpoint.acme block',
      false,
      block('federation', block('bundle_endpoint', block('acme', `domain_name = "example.org"\nemail = "mail@example.org"\n${UNKNOWN_KEYS}`))),
    ),
  ],
};
