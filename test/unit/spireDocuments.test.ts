import * as assert from 'node:assert/strict';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';

const registry = createDefaultRegistry();

const diagnosticsOf = (uri: string, languageId: string, text: string) => documentDiagnostics(parseDocument(uri, languageId, 1, text), registry);
const at = (d: { range: { start: { line: number; character: number } } }) => `${d.range.start.line}:${d.range.start.character}`;

const SERVER_CONF = [
  'server {',
  '  bind_port = "80x81"',
  '  trust_domain = "example.org"',
  '  data_dir = "/run/spire/data"',
  '}',
  'plugins {',
  '  DataStore "sql" { plugin_data { database_type = "sqlite3" connection_string = "x" } }',
  '  KeyManager "memory" { plugin_data {} }',
  '  NodeAttestor "k8s_psat" { plugin_data {} }',
  '}',
  '',
].join('\n');

describe('SPIRE configs where they live', () => {
  it('checks a .conf or .hcl file that reads as a SPIRE config, and no other', () => {
    for (const uri of ['file:///etc/spire/server.conf', 'file:///x/server.hcl']) {
      const found = diagnosticsOf(uri, 'plaintext', SERVER_CONF);
      assert.deepEqual(
        found.map((d) => [d.code, at(d)]),
        [['spire-decode-type', '1:14']],
        uri,
      );
    }
    // The editor's SPIRE language, whatever the name.
    assert.equal(diagnosticsOf('untitled:Untitled-1', 'spire', SERVER_CONF).length, 1);
    // nginx and OpenVPN configs share the names and extensions.
    assert.deepEqual(diagnosticsOf('file:///etc/openvpn/server.conf', 'properties', 'port 1194\nproto udp\nserver 10.8.0.0 255.255.255.0\n'), []);
    assert.deepEqual(diagnosticsOf('file:///etc/nginx/nginx.conf', 'properties', 'events {}\nhttp { server { listen 80; } }\n'), []);
    // Not a SPIRE name or language: the text is only read for certificates, as before.
    assert.deepEqual(diagnosticsOf('file:///notes.txt', 'plaintext', SERVER_CONF), []);
  });

  it('places the findings of a ConfigMap literal block on the manifest lines they mean', () => {
    const manifest = [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: { name: spire-server, namespace: spire }',
      'data:',
      '  server.conf: |',
      ...SERVER_CONF.trimEnd()
        .split('\n')
        .map((line) => (line ? `    ${line}` : '')),
      '',
    ].join('\n');
    const found = diagnosticsOf('file:///spire.yaml', 'yaml', manifest);
    assert.deepEqual(
      found.map((d) => [d.code, at(d)]),
      [['spire-decode-type', '6:18']],
    );
    assert.equal(manifest.split('\n')[6].slice(18, 25), '"80x81"');
  });

  it('puts the findings of a folded or quoted value on the value, naming the line of the file', () => {
    const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: spire-agent }\ndata:\n  agent.conf: ${JSON.stringify(
      'agent {\n  data_dir = "/run/spire"\n  server_address = "spire-server"\n  server_port = "8081"\n  trust_domain = "Example.org"\n  insecure_bootstrap = true\n}\nplugins {\n  KeyManager "memory" { plugin_data {} }\n  NodeAttestor "k8s_psat" { plugin_data { cluster = "c" } }\n  WorkloadAttestor "k8s" { plugin_data {} }\n}\n',
    )}\n`;
    const found = diagnosticsOf('file:///agent.yaml', 'yaml', manifest).filter((d) => d.code === 'spire-trust-domain');
    assert.equal(found.length, 1);
    assert.equal(found[0].range.start.line, 4);
    assert.match(found[0].message as string, /^Line 5 of the file: /);
  });

  it('leaves ConfigMaps without a SPIRE config alone, and a templated one unjudged', () => {
    assert.deepEqual(
      diagnosticsOf(
        'file:///cm.yaml',
        'yaml',
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata:\n  nginx.conf: |\n    events {}\n  unknownField: 1\n',
      ),
      [],
    );
    // The same file with a value from the chart: bind_port is only known once rendered.
    const config = SERVER_CONF.replace('"80x81"', '{{ .Values.port | quote }}');
    const templated = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: spire-server }\ndata:\n  server.conf: |\n${config.replace(/^(?=.)/gm, '    ')}`;
    assert.deepEqual(diagnosticsOf('file:///chart/templates/cm.yaml', 'yaml', templated), []);
    assert.equal(diagnosticsOf('file:///chart/templates/cm.yaml', 'yaml', templated.replace('{{ .Values.port | quote }}', '"80x81"')).length, 1);
  });
});
