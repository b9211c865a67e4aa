import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkSpireConfig, spireSideOf, type SpireOptions, type SpireSide } from '../../server/src/spire/index';
import { goDuration } from '../../server/src/spire/serverRules';
import { ROOT } from '../rig/paths';
import { agent, server } from '../support/spireConfigs';

const SEVERITY = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'info',
  [DiagnosticSeverity.Hint]: 'hint',
};

/** Each finding as "severity code line", in order. */
function findings(text: string, side?: SpireSide, options?: SpireOptions): string[] {
  return checkSpireConfig(text, side, options).map((d) => `${SEVERITY[d.severity!]} ${String(d.code)} ${d.range.start.line + 1}`);
}

function errors(text: string, side?: SpireSide, options?: SpireOptions): string[] {
  return findings(text, side, options).filter((f) => f.startsWith('error'));
}

describe('SPIRE configuration rules', () => {
  it('accepts minimal server and agent files', () => {
    assert.deepEqual(findings(server('')), []);
    assert.deepEqual(findings(agent('')), []);
  });

  it('tells the side from the top-level block', () => {
    assert.equal(spireSideOf(server('')), 'server');
    assert.equal(spireSideOf(agent('')), 'agent');
    assert.equal(spireSideOf('telemetry {}'), undefined);
  });

  it('requires the blocks and keys SPIRE requires', () => {
    assert.deepEqual(errors('plugins {}', 'server'), ['error spire-required 1']);
    assert.deepEqual(errors('server {\n}\nplugins {}\n', 'server', { scope: 'config' }), ['error spire-required 1', 'error spire-required 1']);
    assert.deepEqual(errors(server('').replace(/plugins[\s\S]*$/, '')), ['error spire-required 1']);
    assert.deepEqual(errors('agent {\n}\nplugins {}\n', 'agent', { scope: 'config' }).length, 4);
  });

  it('checks the trust domain as go-spiffe does, taking a spiffe:// form', () => {
    assert.deepEqual(errors(server('').replace('example.org', 'Example.org')), ['error spire-trust-domain 2']);
    assert.deepEqual(errors(server('').replace('example.org', 'spiffe://example.org')), []);
    assert.deepEqual(findings(server('').replace('example.org', 'a'.repeat(256))), ['warning spire-trust-domain 2']);
  });

  it('reads Go durations and warns about TTLs a CA rotation would cut', () => {
    assert.deepEqual(errors(server('  ca_ttl = "1d"')), ['error spire-duration 4']);
    assert.deepEqual(errors(server('  default_x509_svid_ttl = "90"')), ['error spire-duration 4']);
    assert.deepEqual(findings(server('  default_x509_svid_ttl = "4h"')), []);
    assert.deepEqual(findings(server('  default_x509_svid_ttl = "5h"')), ['warning spire-ttl 4']);
    assert.deepEqual(findings(server('  ca_ttl = "72h"\n  agent_ttl = "13h"')), ['warning spire-ttl 5']);
    const [message] = checkSpireConfig(server('  default_x509_svid_ttl = "5h"')).map((d) => String(d.message));
    assert.match(message, /lower default_x509_svid_ttl to 4h or raise ca_ttl to 30h/);
  });

  it('checks key types, log settings, bind address and port', () => {
    assert.deepEqual(errors(server('  ca_key_type = "EC-P256"\n  jwt_key_type = "ec-p521"')), ['error spire-key-type 5']);
    assert.deepEqual(errors(agent('  workload_x509_svid_key_type = "rsa-4096"')), ['error spire-key-type 6']);
    assert.deepEqual(errors(server('  log_level = "WARNING"\n  log_format = "yaml"')), ['error spire-log 5']);
    assert.deepEqual(errors(server('  bind_address = "1.2.3"\n  bind_port = -1')), ['error spire-bind-address 4', 'error spire-bind-address 5']);
    assert.deepEqual(errors(server('  bind_address = "::1"\n  bind_port = "0x1F91"')), []);
  });

  it('decodes values as HCL v1 decodes them into the Go types', () => {
    assert.deepEqual(errors(server('  audit_log_enabled = "true"')), ['error spire-decode-type 4']);
    assert.deepEqual(errors(server('  bind_port = "80a"')), ['error spire-decode-type 4']);
    assert.deepEqual(errors(server('  admin_ids = "spiffe://example.org/admin"')), ['error spire-decode-type 4']);
    // Several rules read insecure_bootstrap; a wrong type is still one finding.
    assert.deepEqual(errors(agent('  insecure_bootstrap = "true"')), ['error spire-decode-type 6']);
  });

  it('refuses unknown keys where SPIRE checks them and names removed ones with their release', () => {
    assert.deepEqual(errors(server('  bogus = 1\n  default_svid_ttl = "1h"')), ['error spire-unknown-key 4', 'error spire-removed-key 5']);
    assert.deepEqual(errors(server('', 'extra {}')), ['error spire-unknown-key 10']);
    assert.deepEqual(errors(server('  ratelimit { attestation = true\n other = 1 }')), ['error spire-unknown-key 5']);
    // SPIRE does not check the experimental block, federates_with entries, or plugin blocks.
    assert.deepEqual(errors(server('  experimental { whatever = 1 }')), []);
    assert.deepEqual(errors(agent('  retry_bootstrap = true')), ['error spire-removed-key 6']);
    assert.deepEqual(errors(agent('  sds { unknown = 1 }')), []);
  });

  it('counts enabled plugins per type and knows the built-in names', () => {
    assert.deepEqual(errors(server('').replace('KeyManager "memory"', 'KeyManager "disk"\n  KeyManager "memory" { enabled = false }\n  KeyManager "m2"')), [
      'error spire-plugin-name 10',
      'error spire-plugin-count 6',
    ]);
    assert.deepEqual(errors(agent('', 'KeyManager "memory" {}\n  WorkloadAttestor "k8s" {}\n  NodeAttestor "k8s_sat" {}')), ['error spire-plugin-name 11']);
    assert.match(
      String(checkSpireConfig(agent('', 'KeyManager "memory" {}\n  WorkloadAttestor "k8s" {}\n  NodeAttestor "k8s_sat" {}'))[0].message),
      /1\.12\.0 removed/,
    );
    assert.deepEqual(errors(agent('', 'KeyManager "memory" {}\n  WorkloadAttestor "k8s" {}')), ['error spire-plugin-count 8']);
    // A join token does not stand in for the node attestor: pkg/agent/catalog/nodeattestor.go@v1.15.3
    // still asks for ExactlyOne, and agent.go loads the catalog before it reads the token.
    assert.deepEqual(errors(agent('  join_token = "t"', 'KeyManager "memory" {}\n  WorkloadAttestor "k8s" {}')), ['error spire-plugin-count 8']);
    assert.deepEqual(errors(agent('  join_token = "t"')), []);
    assert.deepEqual(errors(agent('', 'keymanager "memory" {}\n  NodeAttestor "x509pop" {}\n  WorkloadAttestor "k8s" {}')), [
      'error spire-plugin-type 9',
      'error spire-plugin-count 8',
    ]);
    assert.deepEqual(
      findings(
        agent(
          '',
          'KeyManager "memory" {}\n  NodeAttestor "x509pop" {}\n  NodeAttestor "tpm" { plugin_cmd = "/bin/tpm"\n enabled = false }\n  WorkloadAttestor "k8s" {}',
        ),
      ),
      ['info spire-plugin-disabled 12'],
    );
    assert.deepEqual(errors(server('').replace('DataStore "sql"', 'DataStore "postgres"')), ['error spire-plugin-name 7']);
  });

  it('checks the federation blocks', () => {
    assert.deepEqual(
      findings(server('  federation {\n    bundle_endpoint { port = 8443 }\n    federates_with "Bad" { bundle_endpoint_url = "http://x" }\n  }')),
      ['warning spire-bundle-endpoint 5', 'error spire-trust-domain 6', 'error spire-federation 6', 'error spire-federation 6'],
    );
    assert.deepEqual(
      findings(
        server(
          '  federation {\n    bundle_endpoint {\n profile "https_web" { serving_cert_file { cert_file_path = "c"\n key_file_path = "k"\n file_sync_interval = "1h" } }\n }\n    federates_with "b.org" {\n bundle_endpoint_url = "https://b"\n bundle_endpoint_profile "https_spiffe" { endpoint_spiffe_id = "spiffe://b.org/spire/server" } }\n  }',
        ),
      ),
      [],
    );
    assert.deepEqual(errors(server('  federation { bundle_endpoint { profile "https_web" {} } }')), ['error spire-bundle-endpoint 4']);
  });

  it('checks where the agent takes its trust bundle from', () => {
    assert.deepEqual(errors(agent('').replace('  trust_bundle_path = "/b.pem"\n', '')), ['error spire-trust-bundle 1']);
    assert.deepEqual(errors(agent('  trust_bundle_url = "https://b"')), ['error spire-trust-bundle 5']);
    assert.deepEqual(findings(agent('  insecure_bootstrap = true').replace('  trust_bundle_path = "/b.pem"\n', '')), ['warning spire-trust-bundle 5']);
    assert.deepEqual(errors(agent('  trust_bundle_format = "PEM"')), ['error spire-trust-bundle 6']);
    assert.deepEqual(errors(agent('  trust_bundle_unix_socket = "/s"').replace('trust_bundle_path = "/b.pem"', 'trust_bundle_url = "https://b"')), [
      'error spire-trust-bundle 5',
    ]);
    assert.deepEqual(errors(agent('  trust_bundle_spiffe_workload_api = "/tmp/agent.sock"').replace('  trust_bundle_path = "/b.pem"\n', '')), [
      'error spire-trust-bundle 5',
    ]);
  });

  it('checks sockets, SDS names and the experimental block', () => {
    assert.deepEqual(errors(agent('  socket_path = "/run/spire/api.sock"\n  admin_socket_path = "/run/spire/admin/admin.sock"')), ['error spire-socket 7']);
    assert.deepEqual(errors(agent('  socket_path = "/run/spire/api.sock"\n  admin_socket_path = "/run/admin/admin.sock"')), []);
    assert.deepEqual(findings(agent('  sds { default_bundle_name = "ALL" }')), ['warning spire-sds 6']);
    assert.deepEqual(findings(agent('  experimental { jwt_svid_cache_hit_timeout = "2s" }')), ['error spire-experimental 6', 'warning spire-experimental 6']);
    assert.deepEqual(findings(server('  experimental { feature_flags = ["nope"] }')), ['error spire-feature-flag 4', 'warning spire-experimental 4']);
    assert.deepEqual(errors(agent('  experimental { named_pipe_name = "p" }'), 'agent', { platform: 'posix' }), ['error spire-platform 6']);
    assert.deepEqual(errors(agent('  experimental { named_pipe_name = "p" }')), []);
  });

  it('reports syntax errors and still checks the rest', () => {
    assert.deepEqual(errors(server('  bind_port =\n  ca_ttl = "1d"')), ['error spire-syntax 4', 'error spire-duration 5']);
  });

  it('reads the JSON form the Helm chart renders', () => {
    const json = JSON.stringify(
      {
        server: {
          trust_domain: 'example.org',
          data_dir: '/run/spire/data',
          bind_port: '8081',
          audit_log_enabled: false,
          ca_subject: [{ country: ['US'], organization: ['SPIFFE'] }],
        },
        plugins: { DataStore: [{ sql: { plugin_data: { database_type: 'sqlite3' } } }], KeyManager: [{ disk: { plugin_data: { keys_path: '/k' } } }] },
        health_checks: { listener_enabled: true, bind_port: '8080' },
        telemetry: [{ Prometheus: { port: 9988 } }],
      },
      null,
      2,
    );
    assert.deepEqual(findings(json), []);
    assert.deepEqual(errors(json.replace('"sql"', '"mysql"')), ['error spire-plugin-name 21']);
  });

  it('gives no error on the real configurations in test/fixtures/spire', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'spire');
    const files = readdirSync(dir).filter((f) => f.endsWith('.conf'));
    assert.ok(files.length >= 10);
    for (const file of files) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      const side = spireSideOf(text);
      assert.ok(side, `${file} is a server or agent file`);
      const options: SpireOptions = { platform: file.includes('windows') ? 'windows' : 'posix', scope: file.includes('_full') ? 'config' : 'run' };
      assert.deepEqual(errors(text, side, options), [], file);
    }
  });

  it('never throws on prefixes, or one-character deletions, cut at 150 points through real configurations', () => {
    const dir = path.join(ROOT, 'test', 'fixtures', 'spire');
    for (const file of ['spire-v1.15.3-server_full.conf', 'helm-spire-0.30.0-server.conf', 'istio-1.30.3-quickstart-agent.conf']) {
      const text = readFileSync(path.join(dir, file), 'utf8');
      for (let cut = 0; cut < text.length; cut += Math.ceil(text.length / 150)) {
        for (const variant of [text.slice(0, cut), text.slice(0, cut) + text.slice(cut + 1)]) {
          for (const side of ['server', 'agent'] as const) assert.ok(Array.isArray(checkSpireConfig(variant, side)), `${file} at ${cut}`);
        }
      }
    }
  });

  it('prints the durations it suggests as SPIRE does (run_test.go TestMaxSVIDTTL and TestMinCATTL)', () => {
    const s = 1000;
    const m = 60 * s;
    const h = 60 * m;
    assert.deepEqual(
      [10 * s, 15 * s, 10 * m, 22 * m, 24 * h].map((ca) => goDuration(ca / 6)),
      ['1s', '2s', '1m40s', '3m40s', '4h'],
    );
    assert.deepEqual(
      [10 * s, 15 * s, 10 * m, 22 * m, 24 * h, h, 5 * m].map((ttl) => goDuration(ttl * 6)),
      ['1m', '1m30s', '1h', '2h12m', '144h', '6h', '30m'],
    );
  });

  it('leaves values that -expandEnv would fill unjudged, but not an escaped $$', () => {
    assert.deepEqual(findings(server('').replace('"example.org"', '"$TRUST_DOMAIN"')), []);
    assert.deepEqual(findings(server('  bind_port = "${PORT}"\n  ca_ttl = "${CA_TTL}"')), []);
    assert.deepEqual(errors(server('  ca_ttl = "$$1h"')), ['error spire-duration 4']);
    assert.deepEqual(errors(server('  admin_ids = ["${ADMIN_ID}"]')), []);
    assert.deepEqual(errors(agent('  server_address = "${SERVER}"\n  trust_bundle_path = "${BUNDLE}"')), []);
    assert.deepEqual(errors(agent('  trust_bundle_path = ""\n  trust_bundle_url = "${BUNDLE_URL}"')), []);
    assert.deepEqual(
      errors(
        server(
          '  federation {\n    federates_with "b.org" {\n      bundle_endpoint_url = "${URL}"\n      bundle_endpoint_profile "https_spiffe" { endpoint_spiffe_id = "${ID}" }\n    }\n  }',
        ),
      ),
      [],
    );
  });

  // Each case below follows a review of the rules against spiffe/spire at v1.15.3; the comment

  // spire-examples' systemd units (examples/systemd/conf) write `server_port = ${SPIRE_SERVER_PORT}`
  // and start SPIRE with -expandEnv and -dataDir: os.Expand replaces the name before HCL reads it.
  it('reads a bare $NAME as a value -expandEnv fills, and lets the command line give what the file lacks', () => {
    const bare = agent('').replace('server_port = "8081"', 'server_port = ${SERVER_PORT}');
    assert.deepEqual(findings(bare), []);
    assert.deepEqual(findings(agent('  insecure_bootstrap = $INSECURE').replace(/ {2}trust_bundle_path.*\n/, '')), []);
    // os.Expand also takes ${anything} up to the brace, and a word of letters, digits and _.
    assert.deepEqual(errors(server('  bind_port = ${PORT:-8081}\n  log_level = $LOG_LEVEL')), []);
    // Without environment variables the file is started with -config only: the missing key stops SPIRE.
    const noDataDir = server('').replace('  data_dir = "/d"\n', '');
    assert.deepEqual(findings(noDataDir), ['error spire-required 1']);
    const launched = checkSpireConfig(noDataDir.replace('"example.org"', '"${TRUST_DOMAIN}"'));
    assert.deepEqual(
      launched.map((d) => [d.severity, d.code]),
      [[DiagnosticSeverity.Warning, 'spire-required']],
    );
    assert.match(String(launched[0].message), /-dataDir on the command line/);
    // The agent's trust bundle and address can come from flags too.
    const agentFlags = findings(
      agent('')
        .replace(/ {2}(trust_bundle_path|server_address) = .*\n/g, '')
        .replace('"8081"', '"${PORT}"'),
    );
    assert.deepEqual(agentFlags, ['warning spire-required 1', 'warning spire-trust-bundle 1']);
    // An escaped $$ names nothing, and a $ in a comment is not a value.
    assert.deepEqual(findings(noDataDir.replace('"example.org"', () => '"a$$b.org"')).slice(0, 1), ['error spire-required 1']);
    assert.deepEqual(findings(`# needs $HOME\n${noDataDir}`), ['error spire-required 2']);
  });
  // names the upstream file (and test) that decides it.
  describe('agrees with SPIRE v1.15.3 where a review found it did not', () => {
    const only = (text: string, code: string, side?: SpireSide, options?: SpireOptions) => findings(text, side, options).filter((f) => f.includes(` ${code} `));
    const messages = (text: string, side?: SpireSide, options?: SpireOptions) => checkSpireConfig(text, side, options).map((d) => String(d.message));
    const broker = (socket: string) =>
      `  experimental {\n    broker {\n      socket_path = "${socket}"\n      brokers = [{ id = "spiffe://example.org/broker", allowed_reference_types = [{ type_url = "*" }] }]\n    }\n  }`;

    it('takes an empty key type or duration as unset, as the != "" guards of run.go do (TestAgentTTL)', () => {
      // cmd/spire-server/cli/run/run.go: CAKeyType, JWTKeyType, WITKeyType, AgentTTL, CATTL, the SVID
      // TTLs, PruneAttestedNodesExpiredFor and the experimental durations are read only when not "".
      assert.deepEqual(
        findings(
          server(
            '  ca_key_type = ""\n  jwt_key_type = ""\n  agent_ttl = ""\n  ca_ttl = ""\n  default_x509_svid_ttl = ""\n  default_jwt_svid_ttl = ""\n  prune_attested_nodes_expired_for = ""',
          ),
        ),
        [],
      );
      // An empty sql_transaction_timeout is neither parsed, nor logged as deprecated, nor a clash.
      assert.deepEqual(
        findings(
          server('  experimental {\n    sql_transaction_timeout = ""\n    event_timeout = ""\n    wit_key_type = ""\n    cache_reload_interval = ""\n  }'),
        ),
        [],
      );
      assert.deepEqual(findings(server('  experimental {\n    sql_transaction_timeout = ""\n    event_timeout = "30s"\n  }')), [
        'warning spire-experimental 4',
      ]);
      // cmd/spire-agent/cli/run/run.go: WorkloadX509SVIDKeyType and AvailabilityTarget are guarded;
      // an empty RebootstrapDelay becomes "10m".
      assert.deepEqual(findings(agent('  workload_x509_svid_key_type = ""\n  availability_target = ""\n  rebootstrap_delay = ""')), []);
      // The two that are not guarded: a *string parsed whenever given, and file_sync_interval.
      assert.deepEqual(errors(server('  max_attested_node_info_staleness = ""')), ['error spire-duration 4']);
      assert.deepEqual(
        errors(
          server(
            '  federation {\n    bundle_endpoint {\n      profile "https_web" {\n        serving_cert_file {\n          cert_file_path = "c"\n          key_file_path = "k"\n          file_sync_interval = ""\n        }\n      }\n    }\n  }',
          ),
        ),
        ['error spire-duration 10'],
      );
    });

    it('warns, not errs, on an empty plugin_checksum (pkg/common/catalog/external.go)', () => {
      const external = (body: string) =>
        agent('', `NodeAttestor "join_token" {}\n  KeyManager "memory" {}\n  WorkloadAttestor "mine" {\n    plugin_cmd = "/bin/mine"\n${body}\n  }`);
      assert.deepEqual(findings(external('    plugin_checksum = ""')), ['warning spire-plugin-config 11']);
      assert.deepEqual(errors(external('    plugin_checksum = "abc"')), ['error spire-plugin-config 13']);
      // A disabled plugin is never loaded, so its checksum is never read (pkg/common/catalog/catalog.go).
      assert.deepEqual(
        findings(
          agent(
            '',
            `NodeAttestor "join_token" {}\n  KeyManager "memory" {}\n  WorkloadAttestor "unix" {}\n  WorkloadAttestor "mine" {\n    plugin_cmd = "/bin/mine"\n    plugin_checksum = "abc"\n    enabled = false\n  }`,
          ),
        ),
        ['info spire-plugin-disabled 15'],
      );
    });

    it('says a disabled DataStore is loaded anyway (loadSQLDataStore, pkg/server/catalog/catalog.go)', () => {
      const text = server('').replace('DataStore "sql" {', 'DataStore "sql" {\n    enabled = false');
      assert.deepEqual(findings(text), ['warning spire-plugin-disabled 8']);
      assert.match(messages(text)[0], /loads the server's DataStore whatever "enabled" says/);
    });

    it('refuses a bind_address with a port, which ResolveTCPAddr cannot resolve once JoinHostPort brackets it (run.go)', () => {
      assert.deepEqual(errors(server('  bind_address = "0.0.0.0:8081"')), ['error spire-bind-address 4']);
      assert.match(messages(server('  bind_address = "0.0.0.0:8081"'))[0], /bind_port/);
      assert.deepEqual(errors(server('  bind_address = "[::1]:8081"')), ['error spire-bind-address 4']);
      assert.deepEqual(errors(server('  bind_address = "1::2::3"')), ['error spire-bind-address 4']);
      assert.deepEqual(errors(server('  bind_address = "1:2:3:4:5:6:7:8:9"')), ['error spire-bind-address 4']);
      for (const ok of ['[2001:101::]', '2001:101::', '::', 'fe80::1%eth0', '::ffff:10.0.0.1', '1:2:3:4:5:6:7:8'])
        assert.deepEqual(errors(server(`  bind_address = "${ok}"`)), [], ok);
      // The agent dials its server later, so there it stays a warning.
      assert.deepEqual(findings(agent('').replace('"spire-server"', '"spire-server:8081"')), ['warning spire-value 3']);
    });

    it('measures the trust domain name, not its spiffe:// form, against 255 (pkg/common/cli/trust_domain.go)', () => {
      assert.deepEqual(findings(server('').replace('example.org', `spiffe://${'a'.repeat(250)}`)), []);
      assert.deepEqual(findings(server('').replace('example.org', `spiffe://${'a'.repeat(256)}`)), ['warning spire-trust-domain 2']);
    });

    it('keeps the broker socket out of the Workload API socket directory (brokerSocketAddr, run_posix.go)', () => {
      assert.deepEqual(only(agent(`  socket_path = "/run/spire/api.sock"\n${broker('/run/spire/broker.sock')}`), 'spire-socket'), ['error spire-socket 9']);
      assert.deepEqual(only(agent(`  socket_path = "/run/spire/api.sock"\n${broker('/run/broker/broker.sock')}`), 'spire-socket'), []);
      // run_posix_test.go "broker socket can share disabled public endpoint socket directory".
      assert.deepEqual(
        only(
          agent(`  socket_path = "/tmp/workload.sock"\n  disable_workload_api = true\n  disable_sds_api = true\n${broker('/tmp/broker.sock')}`),
          'spire-socket',
        ),
        [],
      );
      // Windows has no broker socket at all; the platform rule is another's.
      assert.deepEqual(only(agent(broker('/tmp/spire-agent/public/b.sock')), 'spire-socket', 'agent', { platform: 'windows' }), []);
    });

    it('resolves relative socket paths against the working directory, as filepath.Abs does (getAdminAddr, run_posix.go)', () => {
      // run_posix_test.go "admin_socket_path relative folder": refused from any working directory.
      assert.deepEqual(only(agent('  socket_path = "./sock/workload.sock"\n  admin_socket_path = "./sock/admin.sock"'), 'spire-socket'), [
        'error spire-socket 7',
      ]);
      assert.deepEqual(only(agent('  socket_path = "sock/api.sock"\n  admin_socket_path = "sock/admin/admin.sock"'), 'spire-socket'), ['error spire-socket 7']);
      // Refused from every directory but /, where the socket's directory is / and nothing is under "//".
      assert.deepEqual(only(agent('  socket_path = "api.sock"\n  admin_socket_path = "admin.sock"'), 'spire-socket'), ['warning spire-socket 7']);
      assert.deepEqual(only(agent('  socket_path = "../api.sock"\n  admin_socket_path = "admin.sock"'), 'spire-socket'), ['warning spire-socket 7']);
      assert.deepEqual(only(agent('  socket_path = "api/api.sock"\n  admin_socket_path = "admin/admin.sock"'), 'spire-socket'), []);
      // One relative and one absolute: only the working directory decides.
      assert.deepEqual(only(agent('  socket_path = "/run/spire/api.sock"\n  admin_socket_path = "admin.sock"'), 'spire-socket'), []);
      // An empty socket_path takes the default /tmp/spire-agent/public/api.sock.
      assert.deepEqual(only(agent('  socket_path = ""\n  admin_socket_path = "/tmp/spire-agent/public/admin.sock"'), 'spire-socket'), ['error spire-socket 7']);
    });

    it('warns about experimental features only when the block decodes to a non-zero struct (cmp.Diff in run.go)', () => {
      // The server's experimentalConfig records unknown keys (unusedKeyPositions), which makes it non-zero.
      assert.deepEqual(findings(server('  experimental {\n    whatever = 1\n  }')), ['warning spire-experimental 4']);
      assert.deepEqual(findings(server('  experimental {\n    events_based_cache = false\n    wit_issuer = ""\n  }')), []);
      // The agent's records nothing: unknown keys vanish; a *bool, a *int or a block is set once given.
      assert.deepEqual(findings(agent('  experimental {\n    whatever = 1\n    sync_interval = ""\n    require_pq_kem = false\n    ratelimit {}\n  }')), []);
      assert.deepEqual(findings(agent('  experimental {\n    ratelimit { fetch_x509_svid = 0 }\n  }')), ['warning spire-experimental 6']);
      assert.deepEqual(findings(agent('  experimental {\n    use_sync_authorized_entries = false\n  }')), [
        'warning spire-deprecated 7',
        'warning spire-experimental 6',
      ]);
    });
  });
});
