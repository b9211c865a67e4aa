import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { certificateExpiringIn } from '../support/certificates';
import { LspProcess } from '../support/lspProcess';
import { peerAuthentication } from '../support/manifests';
import { ROOT } from '../rig/paths';

const packageVersion = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;

describe('LSP over stdio: node dist/server.js --stdio', () => {
  let server: LspProcess;

  beforeEach(() => (server = new LspProcess()));
  afterEach(() => server.kill());

  it('answers initialize with its name, version and capabilities, then shuts down and exits cleanly', async () => {
    const result = await server.initialize();
    assert.deepEqual(result.serverInfo, { name: 'mesh-mtls', version: packageVersion });
    assert.deepEqual(result.capabilities.codeLensProvider, { resolveProvider: false });
    assert.equal(result.capabilities.textDocumentSync, 2);
    assert.equal(await server.shutdown(), 0);
  });

  it('publishes an error on an invalid PeerAuthentication mode, and none once it is fixed', async () => {
    await server.initialize();
    const uri = 'file:///work/pa.yaml';
    const first = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'yaml', peerAuthentication('STRICTER'));
    const { diagnostics } = await first;
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(diagnostics[0].range, { start: { line: 6, character: 10 }, end: { line: 6, character: 18 } });
    assert.equal(diagnostics[0].code, 'enum-value');
    assert.equal(diagnostics[0].severity, 1);

    const second = server.nextDiagnostics(uri, 2);
    await server.change(uri, 2, peerAuthentication('PERMISSIVE'));
    assert.deepEqual((await second).diagnostics, []);
  });

  it('publishes no diagnostics for a valid document', async () => {
    await server.initialize();
    const uri = 'file:///work/valid.yaml';
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'yaml', peerAuthentication('STRICT'));
    assert.deepEqual((await published).diagnostics, []);
  });

  it('returns a CodeLens with subject, expiry and issuer for each certificate of a PEM file, and one for the bundle', async () => {
    await server.initialize();
    const soon = await certificateExpiringIn(23, 'payments.shop.svc');
    const expired = await certificateExpiringIn(-3, 'old.shop.svc');
    const uri = 'file:///work/bundle.pem';
    await server.open(uri, 'pem', soon.certificatePem + expired.certificatePem);
    const lenses = await server.codeLens(uri);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
      [
        [0, 'Trust bundle of 2 root certificates', 'meshMtls.decodeCertificate'],
        [0, 'payments.shop.svc · ECDSA P-256 · expires in 23 days · self-signed', 'meshMtls.decodeCertificate'],
        // Each leaf of a certificate file offers the handshake test.
        [0, 'Test mTLS handshake', 'meshMtls.openHandshakeTest'],
        [soon.certificatePem.trimEnd().split('\n').length, 'old.shop.svc · ECDSA P-256 · expired 3 days ago · self-signed', 'meshMtls.decodeCertificate'],
        [soon.certificatePem.trimEnd().split('\n').length, 'Test mTLS handshake', 'meshMtls.openHandshakeTest'],
      ],
    );
  });

  it('keeps serving after garbage: binary text, broken PEM, malformed YAML, a huge file', async () => {
    await server.initialize();
    const binary = String.fromCharCode(...Array.from({ length: 4096 }, (_, i) => (i * 131) % 256));
    await server.open('file:///work/blob.pem', 'pem', binary);
    assert.deepEqual(await server.codeLens('file:///work/blob.pem'), []);
    await server.open('file:///work/broken.pem', 'pem', '-----BEGIN CERTIFICATE-----\nnot base64 at all!\n');
    assert.match((await server.codeLens('file:///work/broken.pem'))[0].command!.title, /^Unreadable CERTIFICATE: the block has no END line/);

    const malformed = server.nextDiagnostics('file:///work/bad.yaml');
    await server.open('file:///work/bad.yaml', 'yaml', 'a: [\n  b: {c\n: : :\n\u0000');
    assert.ok((await malformed).diagnostics.every((d) => d.code === 'yaml-syntax'));

    const huge = server.nextDiagnostics('file:///work/huge.yaml');
    await server.open('file:///work/huge.yaml', 'yaml', Array.from({ length: 5000 }, () => peerAuthentication('STRICT')).join('---\n'));
    assert.deepEqual((await huge).diagnostics, []);

    assert.equal(await server.shutdown(), 0);
    assert.equal(server.stderr, '');
  });
});
