import * as assert from 'node:assert/strict';
import { AGENT_KEYS, RATE_LIMITS, REMOVED_AGENT_KEYS } from '../../server/src/spire/agentRules';
import { PLUGIN_KEYS, PLUGIN_TYPES, REMOVED_PLUGINS } from '../../server/src/spire/catalog';
import { checkSpireConfig } from '../../server/src/spire/index';
import { PLUGIN_KEY_DOCS, PLUGIN_NAME_DOCS, PLUGIN_TYPE_DOCS, TOP_LEVEL, type KeyDoc } from '../../server/src/spire/keyDocs';
import { REMOVED_SERVER_KEYS, SERVER_KEYS } from '../../server/src/spire/serverRules';

const server = TOP_LEVEL.server.keys!;
const agent = TOP_LEVEL.agent.keys!;

function current(keys: Record<string, KeyDoc>): string[] {
  return Object.keys(keys)
    .filter((k) => !keys[k].removed)
    .sort();
}
function removed(keys: Record<string, KeyDoc>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(keys)
      .filter(([, doc]) => doc.removed)
      .map(([k, doc]) => [k, doc.removed!]),
  );
}

const SERVER_BASE = 'server {\n  trust_domain = "example.org"\n  data_dir = "."\n  %\n}\nplugins {}\n';
const AGENT_BASE = 'agent {\n  trust_domain = "example.org"\n  server_address = "s"\n  server_port = 8081\n  trust_bundle_path = "b.pem"\n  %\n}\nplugins {}\n';

/** The findings on the line of `line`, put into the server or agent block. */
function findingsFor(side: 'server' | 'agent', line: string): string[] {
  const text = (side === 'server' ? SERVER_BASE : AGENT_BASE).replace('%', line);
  const row = text.split('\n').findIndex((l) => l.includes(line.split('\n')[0]));
  return checkSpireConfig(text, side)
    .filter((d) => d.range.start.line >= row && d.range.start.line < row + line.split('\n').length && d.severity === 1)
    .map((d) => String(d.code));
}

describe('SPIRE key documentation table', () => {
  it('documents exactly the server and agent keys the rules accept, and the removed ones with the same release', () => {
    assert.deepEqual(current(server), [...SERVER_KEYS].sort());
    assert.deepEqual(current(agent), [...AGENT_KEYS].sort());
    assert.deepEqual(removed(server), REMOVED_SERVER_KEYS);
    assert.deepEqual(removed(agent), REMOVED_AGENT_KEYS);
    assert.deepEqual(Object.keys(agent.experimental.keys!.ratelimit.keys!).sort(), [...RATE_LIMITS].sort());
  });

  it('documents the top-level blocks, every plugin key, plugin type and built-in plugin name', () => {
    assert.deepEqual(Object.keys(TOP_LEVEL).sort(), ['agent', 'health_checks', 'plugins', 'server', 'telemetry']);
    assert.deepEqual(Object.keys(PLUGIN_KEY_DOCS).sort(), [...PLUGIN_KEYS].sort());
    for (const side of ['server', 'agent'] as const) {
      for (const [type, info] of Object.entries(PLUGIN_TYPES[side])) {
        assert.ok(PLUGIN_TYPE_DOCS[type], `${type} has a doc`);
        for (const name of Object.keys(info.builtIn)) assert.ok(PLUGIN_NAME_DOCS[type]?.[name], `${type} "${name}" has a doc`);
      }
      for (const [type, names] of Object.entries(REMOVED_PLUGINS[side]))
        for (const name of Object.keys(names)) assert.ok(PLUGIN_NAME_DOCS[type]?.[name], `removed ${type} "${name}" has a doc`);
    }
  });

  it('gives every key a sentence, and the security-relevant keys their security meaning', () => {
    const walk = (keys: Record<string, KeyDoc>, at: string): void => {
      for (const [name, doc] of Object.entries(keys)) {
        assert.match(doc.doc, /\w+.*\./, `${at}${name} says what it does`);
        walk(doc.keys ?? {}, `${at}${name}.`);
        walk(doc.label?.keys ?? {}, `${at}${name}.<label>.`);
      }
    };
    walk(TOP_LEVEL, '');
    for (const key of ['admin_ids', 'audit_log_enabled', 'ca_ttl', 'default_x509_svid_ttl', 'default_jwt_svid_ttl', 'socket_path'])
      assert.ok(server[key].security, `server.${key} has a security note`);
    for (const key of ['insecure_bootstrap', 'trust_bundle_url', 'trust_bundle_path', 'join_token', 'authorized_delegates', 'admin_socket_path'])
      assert.ok(agent[key].security, `agent.${key} has a security note`);
    assert.match(server.ca_ttl.security!, /ca_ttl \/ 6/);
    assert.equal(server.ca_ttl.default, '"24h"');
    assert.equal(server.default_x509_svid_ttl.default, '"1h"');
    assert.equal(server.proxy_protocol_trusted_cidrs.history, 'Since SPIRE v1.15.0.');
    assert.equal(agent.trust_bundle_spiffe_workload_api.history, 'Since SPIRE v1.15.3.');
  });

  // The accepted values shown to the user must be exactly what the rules let through.
  const enums: Array<['server' | 'agent', string, KeyDoc]> = [
    ['server', 'log_level', server.log_level],
    ['server', 'log_format', server.log_format],
    ['server', 'ca_key_type', server.ca_key_type],
    ['server', 'jwt_key_type', server.jwt_key_type],
    ['agent', 'log_level', agent.log_level],
    ['agent', 'workload_x509_svid_key_type', agent.workload_x509_svid_key_type],
    ['agent', 'trust_bundle_format', agent.trust_bundle_format],
    ['agent', 'rebootstrap_mode', agent.rebootstrap_mode],
  ];
  for (const [side, key, doc] of enums) {
    it(`lists the values the rules accept for ${side}.${key}, and only those`, () => {
      for (const value of doc.values!) assert.deepEqual(findingsFor(side, `${key} = "${value}"`), [], `${value} is accepted`);
      if (doc.anyCase) assert.deepEqual(findingsFor(side, `${key} = "${doc.values![0].toUpperCase()}"`), [], 'case does not matter');
      else assert.notDeepEqual(findingsFor(side, `${key} = "${doc.values![0].toUpperCase()}"`), [], 'case matters');
      assert.notDeepEqual(findingsFor(side, `${key} = "bogus-value"`), [], 'an unlisted value is refused');
    });
  }

  it('lists the feature flags the rules accept', () => {
    const flags = server.experimental.keys!.feature_flags.values!;
    for (const flag of flags) assert.deepEqual(findingsFor('server', `experimental {\n    feature_flags = ["${flag}"]\n  }`), []);
    assert.notDeepEqual(findingsFor('server', 'experimental {\n    feature_flags = ["no_such_flag"]\n  }'), []);
  });
});
