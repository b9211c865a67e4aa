import type { ConformanceSuite } from '../conformanceCase';
import { agentCase as c, SPIRE_AT } from '../spireConfig';

const noPath = 'trust_bundle_path = ""';
const workloadApi = 'trust_bundle_spiffe_workload_api = "unix:///tmp/spire-agent/public/api.sock"';
const broker = (refs: string) =>
  `experimental {\n  broker {\n    bind_address = "127.0.0.1:8443"\n    brokers = [\n      {\n        id = "spiffe://example.org/broker"\n${refs}\n      },\n    ]\n  }\n}`;
const FILE = 'SPIRE reads join_token_file at start-up; whether the file exists is not in the configuration text, so the rules do not read files.';

export const suite: ConformanceSuite = {
  project: 'spire',
  source: `${SPIRE_AT} cmd/spire-agent/cli/run/run_test.go TestNewAgentConfig`,
  cases: [
    c('server_address and server_port should be correctly parsed', true, 'server_address = "192.168.1.1"\nserver_port = 1337'),
    c('trust_domain should be correctly parsed', true, 'trust_domain = "foo"'),
    c('invalid trust_domain should return an error', false, `trust_domain = "i'm invalid"`),
    c('insecure_bootstrap should be correctly set to false', true, 'insecure_bootstrap = false'),
    c('insecure_bootstrap should be correctly set to true', true, `${noPath}\ninsecure_bootstrap = true`),
    c('join_token should be correctly configured', true, 'join_token = "foo"'),
    c('join_token and join_token_file cannot both be set', false, 'join_token = "token-value"\njoin_token_file = "/path/to/token"'),
    c('join_token_file with non-existent file should error', false, 'join_token_file = "/non/existent/file"', { differs: FILE }),
    c('data_dir should be correctly configured', true, 'data_dir = "foo"'),
    c('logger gets set correctly', true, 'log_level = "WARN"\nlog_format = "TEXT"'),
    c('log_level and log_format are case insensitive', true, 'log_level = "wArN"\nlog_format = "TeXt"'),
    c('trust_bundle_path and trust_bundle_url cannot both be set', false, 'trust_bundle_path = "foo"\ntrust_bundle_url = "foo2"'),
    c('insecure_bootstrap and trust_bundle_path cannot both be set', false, 'trust_bundle_path = "foo"\ninsecure_bootstrap = true'),
    c('insecure_bootstrap and trust_bundle_url cannot both be set', false, `${noPath}\ntrust_bundle_url = "foo"\ninsecure_bootstrap = true`),
    c(
      'insecure_bootstrap, trust_bundle_url, trust_bundle_path cannot be set at the same time',
      false,
      'trust_bundle_path = "bar"\ntrust_bundle_url = "foo"\ninsecure_bootstrap = true',
    ),
    c(
      'trust_bundle_path, trust_bundle_url, or trust_bundle_spiffe_workload_api must be configured unless insecure_bootstrap is set',
      false,
      `${noPath}\ntrust_bundle_url = ""\ninsecure_bootstrap = false`,
    ),
    c('insecure_bootstrap and trust_bundle_spiffe_workload_api cannot both be set', false, `${noPath}\n${workloadApi}\ninsecure_bootstrap = true`),
    c(
      'trust_bundle_url and trust_bundle_spiffe_workload_api cannot both be set',
      false,
      `${noPath}\ntrust_bundle_url = "https://foo.bar/trustbundle"\n${workloadApi}`,
    ),
    c('trust_bundle_path and trust_bundle_spiffe_workload_api cannot both be set', false, `trust_bundle_path = "foo"\n${workloadApi}`),
    c(
      'trust_bundle_unix_socket and trust_bundle_spiffe_workload_api cannot both be set',
      false,
      `${noPath}\ntrust_bundle_unix_socket = "foo.bar"\n${workloadApi}`,
    ),
    c(
      'trust_bundle_spiffe_workload_api must be a valid workload api endpoint address',
      false,
      `${noPath}\ntrust_bundle_spiffe_workload_api = "/tmp/agent.sock"`,
    ),
    c('trust_bundle_spiffe_workload_api satisfies the trust bundle source requirement', true, `${noPath}\n${workloadApi}`),
    c('trust_bundle_url must start with https://', false, `${noPath}\ntrust_bundle_url = "foo.bar"\ninsecure_bootstrap = false`),
    c(
      'trust_bundle_url must start with http:// when unix socket',
      false,
      `${noPath}\ntrust_bundle_url = "foo.bar"\ntrust_bundle_unix_socket = "foo.bar"\ninsecure_bootstrap = false`,
    ),
    c(
      'trust_bundle_url query params can not start with spiffe- when unix socket',
      false,
      `${noPath}\ntrust_bundle_url = "http://localhost/trustbundle?spiffe-test=foo"\ntrust_bundle_unix_socket = "foo.bar"\ninsecure_bootstrap = false`,
    ),
    c(
      'trust_bundle_url query params can not start with spire- when unix socket',
      false,
      `${noPath}\ntrust_bundle_url = "http://localhost/trustbundle?spire-test=foo"\ntrust_bundle_unix_socket = "foo.bar"\ninsecure_bootstrap = false`,
    ),
    c('workload_key_type is not set', true, ''),
    c('log_selectors is copied', true, 'log_selectors = ["k8s:ns", "unix:user"]'),
    c('workload_key_type is set', true, 'workload_x509_svid_key_type = "rsa-2048"'),
    c('workload_key_type invalid value', false, 'workload_x509_svid_key_type = "not a key"'),
    c('invalid log_level returns an error', false, 'log_level = "not-a-valid-level"'),
    c('invalid log_format returns an error', false, 'log_format = "not-a-valid-format"'),
    c('sync_interval parses a duration', true, 'experimental {\n  sync_interval = "2s45ms"\n}'),
    c('invalid sync_interval returns an error', false, 'experimental {\n  sync_interval = "moo"\n}'),
    c('use_sync_authorized_entries logs deprecation alert', true, 'experimental {\n  use_sync_authorized_entries = false\n}', { warning: 'spire-deprecated' }),
    c('x509_svid_cache_max_size is set', true, 'x509_svid_cache_max_size = 100'),
    c('x509_svid_cache_max_size is not set', true, ''),
    c('x509_svid_cache_max_size is zero', true, 'x509_svid_cache_max_size = 0'),
    c('x509_svid_cache_max_size is negative', false, 'x509_svid_cache_max_size = -10'),
    c('allowed_foreign_jwt_claims provided', true, 'allowed_foreign_jwt_claims = ["c1", "c2"]'),
    c(
      'SDS configurables are provided',
      true,
      'sds {\n  default_svid_name = "DefaultSVIDName"\n  default_bundle_name = "DefaultBundleName"\n  default_all_bundles_name = "DefaultAllBundlesName"\n  disable_spiffe_cert_validation = true\n}',
    ),
    c('public endpoint is enabled by default', true, ''),
    c('disable_workload_api keeps public endpoint enabled', true, 'disable_workload_api = true'),
    c('disable_sds_api keeps public endpoint enabled', true, 'disable_sds_api = true'),
    c('disable_workload_api and disable_sds_api disable public endpoint', true, 'disable_workload_api = true\ndisable_sds_api = true'),
    c('allowed_foreign_jwt_claims no provided', true, ''),
    c('warn_on_long_trust_domain', true, `trust_domain = "${'a'.repeat(256)}"`, { warning: 'spire-trust-domain' }),
    c(
      'broker allowed reference types parse object entries',
      true,
      broker(
        '        allowed_reference_types = [\n          { type_url = "type.googleapis.com/spiffe.broker.KubernetesObjectReference", allow_over_tcp = true },\n          { type_url = "type.googleapis.com/spiffe.broker.WorkloadPIDReference" },\n        ]',
      ),
    ),
    c('broker allowed_reference_types is required', false, broker('')),
    c('broker allowed reference type requires type_url', false, broker('        allowed_reference_types = [{}]')),
    c(
      'broker wildcard must be the only allowed reference type',
      false,
      broker(
        '        allowed_reference_types = [\n          { type_url = "*" },\n          { type_url = "type.googleapis.com/spiffe.broker.WorkloadPIDReference" },\n        ]',
      ),
    ),
    c('availability_target parses a duration', true, 'availability_target = "24h"'),
    c('availability_target is too short', false, 'availability_target = "1h"'),
    c('require PQ KEM is disabled (default)', true, ''),
    c('require PQ KEM is enabled', true, 'experimental {\n  require_pq_kem = true\n}'),
    c('jwt_svid_cache_hit_timeout sets the client timeout and logs warning', true, 'experimental {\n  jwt_svid_cache_hit_timeout = "10s"\n}', {
      warning: 'spire-experimental',
    }),
    c('jwt_svid_cache_hit_timeout returns an error if < 5s', false, 'experimental {\n  jwt_svid_cache_hit_timeout = "4s"\n}'),
    c('jwt_svid_cache_hit_timeout returns an error if >= 30s', false, 'experimental {\n  jwt_svid_cache_hit_timeout = "30s"\n}'),
    c('ratelimit defaults to zero (disabled)', true, ''),
    c('ratelimit fetch_x509_svid is configurable', true, 'experimental {\n  ratelimit {\n    fetch_x509_svid = 100\n  }\n}'),
    c('ratelimit both methods are configurable', true, 'experimental {\n  ratelimit {\n    fetch_x509_svid = 1\n    fetch_jwt_svid = 3\n  }\n}'),
    c('ratelimit fetch_x509_svid negative value returns an error', false, 'experimental {\n  ratelimit {\n    fetch_x509_svid = -1\n  }\n}'),
    c('ratelimit fetch_jwt_svid negative value returns an error', false, 'experimental {\n  ratelimit {\n    fetch_jwt_svid = -1\n  }\n}'),
    c(
      'ratelimit all six knobs are configurable',
      true,
      'experimental {\n  ratelimit {\n    fetch_x509_svid = 10\n    fetch_jwt_svid = 20\n    fetch_x509_bundles = 30\n    fetch_jwt_bundles = 40\n    stream_secrets = 50\n    fetch_secrets = 60\n  }\n}',
    ),
    c('ratelimit fetch_x509_bundles negative value returns an error', false, 'experimental {\n  ratelimit {\n    fetch_x509_bundles = -1\n  }\n}'),
    c('ratelimit fetch_jwt_bundles negative value returns an error', false, 'experimental {\n  ratelimit {\n    fetch_jwt_bundles = -1\n  }\n}'),
    c('ratelimit stream_secrets negative value returns an error', false, 'experimental {\n  ratelimit {\n    stream_secrets = -1\n  }\n}'),
    c('ratelimit fetch_secrets negative value returns an error', false, 'experimental {\n  ratelimit {\n    fetch_secrets = -1\n  }\n}'),
  ],
};
