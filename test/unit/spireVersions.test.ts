import * as assert from 'node:assert/strict';
import type { Connection } from 'vscode-languageserver/node';
import { projectConfigOf } from '../../common/src/files/projectConfig';
import { defaultSettings } from '../../common/src/protocol';
import { NEWEST_VERSIONS, targetVersions } from '../../common/src/versions';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { Settings, versionsOf } from '../../server/src/settings';
import { checkSpireConfig } from '../../server/src/spire/index';
import { agent, server } from '../support/spireConfigs';

// The SPIRE release a config is judged at: plugins and keys SPIRE added or removed follow it
// (releases read from cmd/spire-*/cli/run/run.go and pkg/*/catalog, tag by tag).

const registry = createDefaultRegistry();

/** The server config with one more plugin, on line 9. */
const serverWith = (plugin: string) => server('').replace('KeyManager "memory" { plugin_data {} }\n', `KeyManager "memory" { plugin_data {} }\n  ${plugin}\n`);

/** The agent config attested by `attestor`. */
const agentWith = (attestor: string) => agent('').replace('"join_token"', `"${attestor}"`);

/** "severity code line" of each finding at the release. */
function at(version: string | undefined, text: string): string[] {
  const severity = ['', 'error', 'warning', 'info', 'hint'];
  return checkSpireConfig(text, undefined, { version }).map((d) => `${severity[d.severity!]} ${String(d.code)} ${d.range.start.line + 1}`);
}

const errors = (version: string | undefined, text: string) => at(version, text).filter((f) => f.startsWith('error'));

const messages = (version: string | undefined, text: string) => checkSpireConfig(text, undefined, { version }).map((d) => String(d.message));

describe('SPIRE target release', () => {
  it('takes k8s_sat as built in before 1.12, and refuses it from 1.12, saying how to name an older release', () => {
    const sat = serverWith('NodeAttestor "k8s_sat" { plugin_data { clusters = {} } }');
    assert.deepEqual(at('1.11', sat), []);
    assert.deepEqual(at('1.5', agentWith('k8s_sat')), []);
    assert.deepEqual(at('1.12', sat), ['error spire-plugin-name 9']);
    assert.deepEqual(at(undefined, agentWith('k8s_sat')), ['error spire-plugin-name 9']);
    const [message] = messages('1.12', sat);
    assert.match(message, /SPIRE 1\.12\.0 removed the built-in NodeAttestor "k8s_sat"/);
    assert.match(message, /at SPIRE 1\.12, the release you target/);
    assert.match(message, /meshMtls\.spire\.version, spire\.version in \.mesh-mtls\.yaml or --spire-version/);
  });

  it('refuses a built-in plugin the target release does not have yet, and informs from its release on', () => {
    const vault = server('').replace('KeyManager "memory"', 'KeyManager "hashicorp_vault"');
    assert.deepEqual(at('1.14', vault), ['error spire-plugin-name 8']);
    assert.match(messages('1.14', vault)[0], /needs SPIRE 1\.15\.0 or later; SPIRE 1\.14, the release you target/);
    assert.deepEqual(at('1.15', vault), ['info spire-plugin-name 8']);
    // k8s_configmap came in 1.12.4: a target of 1.12 may be that patch release, so it is not refused.
    const publisher = serverWith('BundlePublisher "k8s_configmap" {}');
    assert.deepEqual(at('1.12', publisher), ['info spire-plugin-name 9']);
    assert.deepEqual(at('1.11', publisher), ['error spire-plugin-name 9']);
    // A disabled plugin is never loaded, so no release refuses it.
    assert.deepEqual(at('1.11', publisher.replace('"k8s_configmap" {}', '"k8s_configmap" { enabled = false }')), [
      'info spire-plugin-disabled 9',
      'info spire-plugin-name 9',
    ]);
  });

  it('reads a removed key as known before its removal, and an added key as unknown before its addition', () => {
    const legacy = server('  use_legacy_downstream_x509_ca_ttl = true');
    assert.deepEqual(at('1.12', legacy), []);
    assert.deepEqual(at('1.13', legacy), ['error spire-removed-key 4']);
    const cidrs = server('  proxy_protocol_trusted_cidrs = ["10.0.0.0/8"]');
    assert.deepEqual(at('1.14', cidrs), ['error spire-unknown-key 4']);
    assert.match(messages('1.14', cidrs)[0], /came in SPIRE 1\.15\.0; SPIRE 1\.14, the release you target/);
    assert.deepEqual(at('1.15', cidrs), []);
    const rebootstrap = agent('  rebootstrap_mode = "auto"');
    assert.deepEqual(at('1.12', rebootstrap), ['error spire-unknown-key 6']);
    assert.deepEqual(at('1.13', rebootstrap), []);
    assert.deepEqual(at('1.13', agent('  retry_bootstrap = true')), []);
    assert.deepEqual(at('1.14', agent('  retry_bootstrap = true')), ['error spire-removed-key 6']);
    // Before the keys came their values are never read: one finding, on the key.
    assert.deepEqual(at('1.14', server('  proxy_protocol_trusted_cidrs = ["10.0.0.0"]')), ['error spire-unknown-key 4']);
    assert.deepEqual(at('1.15', server('  proxy_protocol_trusted_cidrs = ["10.0.0.0"]')), ['error spire-cidr 4']);
    const insecure = agent('  rebootstrap_mode = "always"\n  insecure_bootstrap = true').replace('  trust_bundle_path = "/b.pem"\n', '');
    assert.deepEqual(errors('1.12', insecure), ['error spire-unknown-key 5']);
    assert.deepEqual(errors('1.13', insecure), ['error spire-trust-bundle 5']);
    // No release decoded retry_rebootstrap: refused whatever the target.
    assert.deepEqual(at('1.13', agent('  retry_rebootstrap = true')), ['error spire-removed-key 6']);
  });

  it('warns that a release before 1.14.3 drops experimental.jwt_svid_cache_hit_timeout, and checks its bounds from then on', () => {
    const hit = (value: string) => agent(`  experimental { jwt_svid_cache_hit_timeout = "${value}" }`);
    // Not read, so its bounds are not checked.
    assert.deepEqual(errors('1.13', hit('1s')), []);
    assert.match(messages('1.13', hit('1s'))[0], /came in SPIRE 1\.14\.3; SPIRE 1\.13, the release you target/);
    assert.deepEqual(errors('1.14', hit('1s')), ['error spire-experimental 6']);
    assert.deepEqual(errors(undefined, hit('1s')), ['error spire-experimental 6']);
  });

  it('reaches the checks of a .conf file and of a ConfigMap from the target versions', () => {
    const sat = serverWith('NodeAttestor "k8s_sat" {}');
    const conf = (spire: string) =>
      documentDiagnostics(parseDocument('file:///etc/spire/server.conf', 'plaintext', 1, sat), registry, undefined, { ...NEWEST_VERSIONS, spire }).map(
        (d) => d.code,
      );
    assert.deepEqual(conf('1.11'), []);
    assert.deepEqual(conf('1.12'), ['spire-plugin-name']);
    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: spire-server }\ndata:\n  server.conf: |\n${sat.replace(/^(?=.)/gm, '    ')}`;
    const configMap = (spire: string) =>
      documentDiagnostics(parseDocument('file:///spire.yaml', 'yaml', 1, manifest), registry, undefined, { ...NEWEST_VERSIONS, spire }).map(
        (d) => `${String(d.code)} ${d.range.start.line}`,
      );
    assert.deepEqual(configMap('1.5'), []);
    assert.deepEqual(configMap('1.15'), ['spire-plugin-name 13']);
  });

  it('is read from the settings and .mesh-mtls.yaml like the other releases, the newest modelled by default', async () => {
    assert.equal(defaultSettings.spire.version, '1.15');
    assert.equal(targetVersions({ spire: 'v1.11.2' }).spire, '1.11.2');
    assert.equal(targetVersions({ spire: 'newest' }).spire, NEWEST_VERSIONS.spire);
    assert.deepEqual(projectConfigOf('x', 'spire: { version: "1.11" }\n').versions, { spire: '1.11' });
    assert.deepEqual(projectConfigOf('x', 'spire: { version: latest }\n').problems, ['spire.version must be a release such as "1.11"']);
    const settings = new Settings({} as Connection);
    settings.changed({ meshMtls: { spire: { version: '1.9' } } });
    assert.equal(versionsOf(await settings.for('untitled:server.conf')).spire, '1.9');
    settings.changed({ meshMtls: { spire: { version: 'old' } } });
    assert.equal(versionsOf(await settings.for('untitled:server.conf')).spire, NEWEST_VERSIONS.spire);
  });
});
