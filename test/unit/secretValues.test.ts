import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { handshakeReport } from '../../common/src/handshake/handshakeReport';
import { runHandshake, type HandshakeInput } from '../../common/src/handshake/runHandshake';
import {
  describeSecretValue,
  secretValueAt,
  secretValueFragment,
  secretValueReference,
  secretValues,
  type SecretValue,
} from '../../common/src/handshake/secretValues';
import { TLS_SECRET, writeMintedExamples } from '../rig/examples';
import { files, mintMesh, type Mesh } from '../support/handshakeMesh';

const base64 = (text: string) => Buffer.from(text).toString('base64');
const text = (value: SecretValue | undefined) => (value ? new TextDecoder().decode(value.bytes) : undefined);
const indent = (pem: string) => pem.trimEnd().replace(/^/gm, '    ');

/** The server's Secret in base64 `data` (ca.crt included), the client's in `stringData`, and a ConfigMap between. */
function manifest(mesh: Mesh): string {
  const server = files(mesh.server);
  const client = files(mesh.client);
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: web-tls',
    '  namespace: shop',
    'type: kubernetes.io/tls',
    'data:',
    `  tls.crt: ${base64(server.certPem)}`,
    `  tls.key: ${base64(server.keyPem)}`,
    `  ca.crt: ${base64(mesh.root)}`,
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: not-a-secret',
    'data:',
    `  tls.crt: ${base64(server.certPem)}`,
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: checkout-tls',
    'stringData:',
    '  tls.crt: |',
    indent(client.certPem),
    '  tls.key: |',
    indent(client.keyPem),
    '',
  ].join('\n');
}

describe('TLS values of Secrets for the handshake panel', function () {
  this.timeout(60_000);
  let mesh: Mesh;
  let yaml: string;
  before(async () => {
    mesh = await mintMesh('Secret Values CA', { allowClients: ['cluster.local/ns/shop/sa/checkout'] });
    yaml = manifest(mesh);
  });

  it('finds tls.crt, tls.key and ca.crt of each Secret, decoding base64 data and taking stringData as it is', () => {
    const found = secretValues(yaml);
    assert.deepEqual(
      found.map((v) => [v.document, v.secret, v.key, v.line]),
      [
        [0, 'shop/web-tls', 'tls.crt', 7],
        [0, 'shop/web-tls', 'tls.key', 8],
        [0, 'shop/web-tls', 'ca.crt', 9],
        [2, 'checkout-tls', 'tls.crt', yaml.split('\n').indexOf('  tls.crt: |')],
        [2, 'checkout-tls', 'tls.key', yaml.split('\n').indexOf('  tls.key: |')],
      ],
    );
    assert.equal(text(found[0]), files(mesh.server).certPem);
    assert.equal(text(found[2]), mesh.root);
    assert.equal(text(found[4])?.trimEnd(), files(mesh.client).keyPem.trimEnd());
  });

  it('prefers stringData over data, as the API server does, and skips values that are not base64', () => {
    const found = secretValues(
      [
        'kind: Secret',
        'metadata: {name: s}',
        'stringData:',
        '  tls.crt: from-stringData',
        'data:',
        `  tls.crt: ${base64('from-data')}`,
        '  tls.key: "not base64!"',
      ].join('\n'),
    );
    assert.deepEqual(
      found.map((v) => [v.key, text(v)]),
      [['tls.crt', 'from-stringData']],
    );
  });

  it('reads nothing from manifests without a named Secret, or broken YAML', () => {
    assert.deepEqual(secretValues('kind: ConfigMap\ndata:\n  tls.crt: eA==\n'), []);
    assert.deepEqual(secretValues(`kind: Secret\ndata:\n  tls.crt: ${base64('x')}\n`), [], 'a Secret without a name');
    assert.deepEqual(secretValues('kind: Secret\nmetadata: {name: [\ndata: {tls.crt: '), []);
  });

  it('names a value by a URI fragment that reads it again, and says where it comes from', () => {
    const [, key] = secretValues(yaml);
    const fragment = secretValueFragment(key);
    assert.equal(fragment, 'secret-value=0/tls.key');
    assert.deepEqual(secretValueReference(fragment), { document: 0, key: 'tls.key' });
    assert.equal(secretValueReference('L12'), undefined);
    assert.equal(text(secretValueAt(yaml, fragment)), files(mesh.server).keyPem);
    assert.equal(secretValueAt(yaml, 'secret-value=1/tls.crt'), undefined, 'the ConfigMap is no Secret');
    assert.equal(secretValueAt(yaml.replace(/ {2}tls\.key: .*\n/, ''), fragment), undefined, 'a value removed since it was picked');
    assert.equal(
      describeSecretValue({ key: 'tls.crt', secret: 'shop/cart-tls' }, 'workloads/cart-tls-secret.yaml'),
      'tls.crt of Secret shop/cart-tls in workloads/cart-tls-secret.yaml',
    );
  });

  it('runs a passing mTLS handshake with both sides’ certificates and keys taken from Secrets', async () => {
    const value = (fragment: string) => text(secretValueAt(yaml, fragment))!;
    const input: HandshakeInput = {
      server: { certPem: value('secret-value=0/tls.crt'), keyPem: value('secret-value=0/tls.key'), caPem: value('secret-value=0/ca.crt') },
      client: { certPem: value('secret-value=2/tls.crt'), keyPem: value('secret-value=2/tls.key'), caPem: value('secret-value=0/ca.crt') },
      mode: 'required',
      expectServerName: 'web.shop.svc',
      allowClients: ['cluster.local/ns/shop/sa/checkout'],
    };
    const report = handshakeReport(input, await runHandshake(input));
    assert.equal(report.ok, true, JSON.stringify(report.error));
    assert.ok(report.steps.every((s) => s.outcome === 'pass'));
  });

  it('serves one-way TLS with the example Secret the test rig mints, its own certificate as the client’s trust', async () => {
    // runAll mints it before any suite; a lone mocha run of this file mints it here.
    if (!existsSync(TLS_SECRET)) await writeMintedExamples();
    const found = secretValues(readFileSync(TLS_SECRET, 'utf8'));
    assert.deepEqual(
      found.map((v) => `${v.secret} ${v.key}`),
      ['shop/cart-tls tls.crt', 'shop/cart-tls tls.key'],
    );
    const [certPem, keyPem] = found.map((v) => text(v)!);
    const input: HandshakeInput = { server: { certPem, keyPem }, client: { caPem: certPem }, mode: 'tls', expectServerName: 'cart.shop.svc' };
    const report = handshakeReport(input, await runHandshake(input));
    assert.equal(report.ok, true, JSON.stringify(report.error));
  });
});
