import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { spireFileReferences } from '../../server/src/spire/fileLinks';
import { spireSymbols } from '../../server/src/spire/symbols';
import { textOf } from './spireSupport';

const FIXTURES = path.join(__dirname, '../../../test/fixtures/spire');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

/** The outline as nested names (with details where given). */
function tree(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => {
    const name = s.detail ? `${s.name} = ${s.detail}` : s.name;
    return s.children?.length ? { [name]: tree(s.children) } : name;
  });
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']): boolean => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** LSP requires each selection range inside its range, and children inside their parent. */
function assertWellFormed(symbols: DocumentSymbol[], parent?: Range): void {
  for (const s of symbols) {
    assert.ok(contains(s.range, s.selectionRange), `${s.name}: selection inside range`);
    if (parent) assert.ok(contains(parent, s.range), `${s.name}: inside its parent`);
    assertWellFormed(s.children ?? [], s.range);
  }
}

describe('SPIRE outline', () => {
  it('lists blocks with their keys, and plugins as Type "name" however they are written', () => {
    const text = `server {
  trust_domain = "example.org"
  admin_ids = ["spiffe://example.org/a", "spiffe://example.org/b"]
  ca_subject { country = ["US"] }
}
plugins {
  DataStore "sql" {
    plugin_data { database_type = "sqlite3" }
  }
  KeyManager {
    disk { plugin_data {} }
    memory {}
  }
  NodeAttestor "custom" "plugin_data" { a = 1 }
  UpstreamAuthority "vendor" {
    plugin_cmd = "/bin/vendor"
  }
}`;
    const symbols = spireSymbols(text);
    assert.deepEqual(tree(symbols), [
      { server: ['trust_domain = "example.org"', 'admin_ids = ["spiffe://example.org/a", "spiffe://example.org/b"]', { ca_subject: ['country = ["US"]'] }] },
      {
        plugins: [
          { 'DataStore "sql"': [{ plugin_data: ['database_type = "sqlite3"'] }] },
          { 'KeyManager "disk"': ['plugin_data'] },
          'KeyManager "memory"',
          { 'NodeAttestor "custom"': [{ plugin_data: ['a = 1'] }] },
          { 'UpstreamAuthority "vendor" = external plugin': ['plugin_cmd = "/bin/vendor"'] },
        ],
      },
    ]);
    assert.equal(symbols[0].kind, SymbolKind.Module);
    assert.equal(symbols[1].children![0].kind, SymbolKind.Class);
    assert.equal(textOf(text, symbols[1].children![0].selectionRange), 'DataStore "sql"');
    assert.equal(textOf(text, symbols[1].children![2].selectionRange), 'memory');
    assertWellFormed(symbols);
  });

  it('reads the JSON form the Helm chart renders, with its plugin lists', () => {
    const symbols = spireSymbols(fixture('helm-spire-0.30.0-agent.conf'));
    const plugins = symbols.find((s) => s.name === 'plugins')!;
    assert.deepEqual(
      plugins.children!.map((s) => s.name),
      ['KeyManager "memory"', 'NodeAttestor "k8s_psat"', 'WorkloadAttestor "k8s"'],
    );
    assert.ok(symbols.find((s) => s.name === 'agent')!.children!.some((c) => c.name === 'trust_bundle_path'));
    assertWellFormed(symbols);
  });

  it('keeps lists of blocks as numbered items', () => {
    const symbols = spireSymbols('telemetry {\n  DogStatsd = [\n    { address = "localhost:8125" },\n    { address = "c:1337" },\n  ]\n}');
    assert.deepEqual(tree(symbols), [{ telemetry: [{ DogStatsd: [{ '[0]': ['address = "localhost:8125"'] }, { '[1]': ['address = "c:1337"'] }] }] }]);
    assertWellFormed(symbols);
  });

  it('gives a well-formed outline of every real configuration', () => {
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.conf'))) {
      const symbols = spireSymbols(fixture(name));
      assert.ok(
        symbols.some((s) => s.name === 'plugins' && s.children!.length > 0),
        `${name} has plugins`,
      );
      assertWellFormed(symbols);
    }
  });

  it('still outlines what it can read around a syntax error', () => {
    const symbols = spireSymbols('server {\n  trust_domain = \n  data_dir = "."\n}\nplugins {\n  KeyManager "disk" {\n');
    assert.deepEqual(tree(symbols), [{ server: ['data_dir = "."'] }, { plugins: ['KeyManager "disk"'] }]);
    assertWellFormed(symbols);
  });
});

describe('SPIRE certificate file references', () => {
  function refs(text: string): Array<[string, string, string, string]> {
    return spireFileReferences(text).map((r) => [r.key, r.role, r.path, textOf(text, r.range)]);
  }

  it("finds the agent's trust bundle and the disk UpstreamAuthority's files", () => {
    assert.deepEqual(refs(fixture('istio-1.30.3-quickstart-agent.conf')), [
      ['agent.trust_bundle_path', 'bundle', '/run/spire/bundle/bundle.crt', '"/run/spire/bundle/bundle.crt"'],
    ]);
    assert.deepEqual(
      refs(fixture('spire-v1.15.3-server.conf')).map((r) => r.slice(0, 3)),
      [
        ['plugins.UpstreamAuthority.disk.plugin_data.key_file_path', 'key', './conf/server/dummy_upstream_ca.key'],
        ['plugins.UpstreamAuthority.disk.plugin_data.cert_file_path', 'certificate', './conf/server/dummy_upstream_ca.crt'],
      ],
    );
    assert.deepEqual(
      refs('{"server": {}, "plugins": {"UpstreamAuthority": [{"disk": {"plugin_data": {"bundle_file_path": "/etc/ca/root.txt"}}}]}}').map((r) => r.slice(0, 3)),
      [['plugins.UpstreamAuthority.disk.plugin_data.bundle_file_path', 'bundle', '/etc/ca/root.txt']],
    );
  });

  it('finds the bundle endpoint serving files, Prometheus TLS files and x509pop bundles', () => {
    const text = `server {
  federation {
    bundle_endpoint {
      profile "https_web" {
        serving_cert_file {
          cert_file_path = "conf/endpoint.crt"
          key_file_path = "conf/endpoint.key"
          file_sync_interval = "1h"
        }
      }
    }
  }
}
telemetry {
  Prometheus {
    tls {
      cert_file = "/tls/metrics"
      client_ca_file = "/tls/clients"
    }
  }
}
plugins {
  NodeAttestor "x509pop" {
    plugin_data {
      ca_bundle_paths = ["/ca/one.pem", "/ca/two.pem"]
    }
  }
}`;
    assert.deepEqual(
      refs(text).map((r) => [r[0].split('.').pop(), r[1], r[2]]),
      [
        ['cert_file_path', 'certificate', 'conf/endpoint.crt'],
        ['key_file_path', 'key', 'conf/endpoint.key'],
        ['cert_file', 'certificate', '/tls/metrics'],
        ['client_ca_file', 'bundle', '/tls/clients'],
        ['ca_bundle_paths', 'bundle', '/ca/one.pem'],
        ['ca_bundle_paths', 'bundle', '/ca/two.pem'],
      ],
    );
  });

  it('takes other *_path keys only when the value looks like a certificate or key file', () => {
    const text = `plugins {
  UpstreamAuthority "vault" {
    plugin_data {
      ca_cert_path = "/vault/ca.pem"
      cert_auth {
        client_key_path = "/vault/client.pem"
        client_cert_path = "/vault/client-cert.crt"
      }
      token_path = "/var/run/token"
      policy_path = "/etc/policy.json"
    }
  }
}`;
    assert.deepEqual(
      refs(text).map((r) => [r[0].split('.').pop(), r[1]]),
      [
        ['ca_cert_path', 'bundle'],
        ['client_key_path', 'key'],
        ['client_cert_path', 'certificate'],
      ],
    );
  });

  it('skips empty values and paths that only -expandEnv fills in', () => {
    assert.deepEqual(refs('agent {\n  trust_bundle_path = ""\n}'), []);
    assert.deepEqual(refs('agent {\n  trust_bundle_path = "${BUNDLE_DIR}/bundle.pem"\n}'), []);
    assert.deepEqual(refs('agent {\n  trust_bundle_path = "$$HOME/bundle.pem"\n}').length, 1, 'an escaped $$ is literal');
  });
});
