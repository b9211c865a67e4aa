import * as assert from 'node:assert/strict';
import { DocumentCertificatesRequest, type DocumentCertificates } from '../../common/src/protocol';
import { certificateExpiringIn } from '../support/certificates';
import { LspProcess } from '../support/lspProcess';

/** Certificates as an LSP editor other than VS Code sees them: diagnostics, lenses, hover and the custom request. */
describe('certificates over stdio', function () {
  this.timeout(20_000);
  let server: LspProcess;
  beforeEach(async () => {
    server = new LspProcess();
    await server.initialize();
  });
  afterEach(async () => {
    await server.shutdown();
  });

  const secret = (crt: string, key: string) =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${Buffer.from(crt).toString('base64')}\n  tls.key: ${Buffer.from(key).toString('base64')}\n`;

  it('publishes certificate diagnostics for a PEM file: an expired certificate and a broken block', async () => {
    const expired = await certificateExpiringIn(-3, 'old.shop.svc');
    const uri = 'file:///nowhere/old.pem';
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'pem', `${expired.certificatePem}-----BEGIN CERTIFICATE-----\nMIIB\n`);
    const { diagnostics } = await published;
    const lines = expired.certificatePem.trimEnd().split('\n').length;
    const found = diagnostics.map((d) => [d.code, d.range.start.line]).sort((x, y) => Number(x[1]) - Number(y[1]));
    assert.deepEqual(found, [
      ['certificate-expired', 0],
      ['pem-syntax', lines],
    ]);
  });

  it('checks a TLS Secret: a lens on tls.crt, and a key that does not belong to it', async () => {
    const a = await certificateExpiringIn(40, 'web.shop.svc');
    const b = await certificateExpiringIn(40, 'other.shop.svc');
    const uri = 'file:///nowhere/secret.yaml';
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'yaml', secret(a.certificatePem, b.privateKeyPem));
    const { diagnostics } = await published;
    assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line]), [['key-mismatch', 8]]);
    const lenses = await server.codeLens(uri);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [7, 'web.shop.svc · ECDSA P-256 · expires in 40 days · self-signed'],
      [8, 'Private key · ECDSA P-256'],
    ]);
  });

  it('answers hover on a certificate block and the documentCertificates request', async () => {
    const cert = await certificateExpiringIn(40, 'web.shop.svc');
    const uri = 'file:///nowhere/web.crt';
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'pem', cert.certificatePem + cert.privateKeyPem);
    await published;
    const hover = await server.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 1 } });
    assert.match(hover.contents.value, /Valid until .* UTC \(local: /);
    const answer = await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri } });
    assert.deepEqual(answer.objects.map((o) => [o.source, o.decoded.kind, o.range.start.line]), [
      ['block 1', 'certificate', 0],
      ['block 2', 'privateKey', cert.certificatePem.trimEnd().split('\n').length],
    ]);
    const [certificate] = answer.objects;
    assert.equal(certificate.decoded.kind === 'certificate' && certificate.decoded.subjectCommonName, 'web.shop.svc');
    assert.equal(answer.chain, undefined);
    assert.deepEqual(await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri: 'file:///not/open.pem' } }), { objects: [] });
  });
});
