import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDevCa } from '../../common/src/pki/mint';
import { certificatePem } from '../../common/src/pki/pkiFiles';
import { LspProcess } from '../support/lspProcess';

interface Markup {
  contents: { kind: string; value: string };
  range?: { start: { line: number; character: number } };
}
interface Item {
  label: string;
  textEdit?: { range: { start: { line: number; character: number } } };
}
interface Lens {
  range: { start: { line: number; character: number } };
  command?: { title: string; command: string; arguments?: unknown[] };
}
interface Symbol {
  name: string;
  children?: Symbol[];
}

// SPIRE's quickstart layout (conf/server/server.conf naming conf/server/dummy_upstream_ca.crt,
// relative to the repository root) and Istio's SPIRE sample's ConfigMap, over stdio.

const SERVER_CONF = `server {
  bind_port = "80x81"
  trust_domain = "example.org"
  data_dir = "/run/spire/data"
  ca_ttl = "168h"
}
plugins {
  DataStore "sql" { plugin_data { database_type = "sqlite3" connection_string = "/tmp/ds.sqlite3" } }
  KeyManager "memory" { plugin_data {} }
  NodeAttestor "join_token" { plugin_data {} }
  UpstreamAuthority "disk" {
    plugin_data {
      cert_file_path = "conf/server/dummy_upstream_ca.crt"
      key_file_path = "conf/server/dummy_upstream_ca.key"
    }
  }
}
`;

const configMap = `apiVersion: v1
kind: ConfigMap
metadata:
  name: spire-server
  namespace: spire
data:
  server.conf: |
${SERVER_CONF.replace(/^(?=.)/gm, '    ')}`;

describe('SPIRE configs over stdio', () => {
  let server: LspProcess;
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-spire-'));
    mkdirSync(path.join(dir, 'conf', 'server'), { recursive: true });
    const ca = await createDevCa({ name: 'Upstream Test CA', days: 30 });
    writeFileSync(path.join(dir, 'conf', 'server', 'dummy_upstream_ca.crt'), certificatePem(ca.root.certificate));
    server = new LspProcess();
    const root = pathToFileURL(dir).href;
    await server.initialize(root, { workspaceFolders: [{ uri: root, name: 'spire' }] });
  });
  after(() => {
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('checks, hovers and completes inside a ConfigMap that holds server.conf', async () => {
    const uri = pathToFileURL(path.join(dir, 'spire-server.yaml')).href;
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'yaml', configMap);
    const { diagnostics } = await published;
    // bind_port's value, on line 8 of the manifest, past the block's four spaces.
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      [['spire-decode-type', 8, 18]],
    );
    const hover = await server.request<Markup>('textDocument/hover', { textDocument: { uri }, position: { line: 9, character: 8 } });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /trust_domain/);
    assert.equal(hover.range?.start.line, 9);
    // A new line in the server block: the server's keys not set yet, placed in the manifest.
    const inBlock = configMap.replace('    ca_ttl = "168h"\n', '    ca_ttl = "168h"\n    \n');
    const changed = server.nextDiagnostics(uri, 2);
    await server.change(uri, 2, inBlock);
    await changed;
    const items = await server.request<Item[]>('textDocument/completion', { textDocument: { uri }, position: { line: 12, character: 4 } });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('default_x509_svid_ttl'), labels.join(', '));
    assert.ok(!labels.includes('trust_domain'), 'a key already set is not offered again');
    assert.equal(items.find((i) => i.label === 'default_x509_svid_ttl')?.textEdit?.range.start.line, 12);
  });

  it('outlines a server.conf file and puts the upstream CA it names in a lens', async () => {
    const uri = pathToFileURL(path.join(dir, 'conf', 'server', 'server.conf')).href;
    const published = server.nextDiagnostics(uri, 1);
    // VS Code calls .conf files "properties".
    await server.open(uri, 'properties', SERVER_CONF);
    assert.deepEqual(
      (await published).diagnostics.map((d) => d.code),
      ['spire-decode-type'],
    );
    const symbols = await server.request<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['server', 'plugins'],
    );
    const lenses = await server.request<Lens[]>('textDocument/codeLens', { textDocument: { uri } });
    const upstream = lenses.filter((l) => l.range.start.line === 12);
    assert.equal(upstream.length, 1, JSON.stringify(lenses));
    assert.match(upstream[0].command!.title, /^certificate: .*Upstream Test CA/);
    assert.equal(upstream[0].command!.command, 'meshMtls.decodeCertificate');
    assert.equal(upstream[0].command!.arguments![0], pathToFileURL(path.join(dir, 'conf', 'server', 'dummy_upstream_ca.crt')).href);
    // The key file is not in the folder: no lens for it.
    assert.equal(lenses.filter((l) => l.range.start.line === 13).length, 0);
  });

  it('leaves an OpenVPN server.conf alone', async () => {
    const uri = pathToFileURL(path.join(dir, 'openvpn', 'server.conf')).href;
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'properties', 'port 1194\nproto udp\nserver 10.8.0.0 255.255.255.0\n');
    assert.deepEqual((await published).diagnostics, []);
    assert.deepEqual(await server.request<Symbol[]>('textDocument/documentSymbol', { textDocument: { uri } }), []);
  });
});
