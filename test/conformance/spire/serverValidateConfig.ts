import type { ConformanceSuite } from '../conformanceCase';
import { fileCase, serverCase as c, SPIRE_AT } from '../spireConfig';

// The upstream cases set fields after defaults are merged in; a file that leaves bind_address or
// bind_port empty (or zero) gets the defaults instead, so those two cannot fail from a file.
const MERGED = 'A file cannot reach this: SPIRE fills an empty bind_address/zero bind_port with its defaults (0.0.0.0:8081) before this check.';

export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-server/cli/run/run_test.go TestValidateConfig`,
  cases: [
    fileCase('server section must be configured', false, 'server', 'plugins {}\n'),
    c('bind_address must be configured', false, 'bind_address = ""', { differs: MERGED }),
    c('bind_port must be configured', false, 'bind_port = 0', { differs: MERGED }),
    c('trust_domain must be configured', false, 'trust_domain = ""'),
    c('data_dir must be configured', false, 'data_dir = ""'),
    fileCase('plugins section must be configured', false, 'server', 'server {\n  data_dir = "."\n  trust_domain = "example.org"\n}\n'),
    c('if ACME is used, federation.bundle_endpoint.acme.domain_name must be configured', false, 'federation {\n  bundle_endpoint {\n    acme {}\n  }\n}'),
    c(
      'if ACME is used, federation.bundle_endpoint.acme.email must be configured',
      false,
      'federation {\n  bundle_endpoint {\n    acme {\n      domain_name = "domain-name"\n    }\n  }\n}',
    ),
    c('bundle_endpoint_url must be configured if federates_with is configured', false, 'federation {\n  federates_with "domain.test" {}\n}'),
    c(
      'bundle_endpoint_url must use the HTTPS protocol',
      false,
      'federation {\n  federates_with "domain.test" {\n    bundle_endpoint_url = "http://example.org/test"\n  }\n}',
    ),
    c("can't set both sql_transaction_timeout and event_timeout", false, 'experimental {\n  event_timeout = "1h"\n  sql_transaction_timeout = "1h"\n}'),
  ],
};
