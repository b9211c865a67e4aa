import * as assert from 'node:assert/strict';
import { DocumentCertificatesRequest, type DocumentCertificates } from '../../common/src/protocol';
import { base64 } from '../support/certificateDocuments';
import { LspProcess } from '../support/lspProcess';
import { caExtensions, DAY_MS, leafExtensions, TestPki, type Minted } from '../support/pki';

// A proxy's secret dump opened as JSON over stdio: the certificates inside get their lenses and
// checks, and JSON that is no dump gets nothing.

describe('Envoy secret dumps over LSP (stdio)', () => {
  let server: LspProcess;
  let pki: TestPki;
  let root: Minted;
  let workload: Minted;

  before(async function () {
    this.timeout(60_000);
    pki = new TestPki();
    const dates = { notBefore: new Date(Date.now() - DAY_MS), notAfter: new Date(Date.now() + 30 * DAY_MS) };
    root = pki.mint({ subject: '/O=cluster.local', extensions: caExtensions(), ...dates });
    // Signed by a root the dump's ROOTCA does not hold.
    const elsewhere = pki.mint({ subject: '/O=cluster.local', extensions: caExtensions(), ...dates });
    workload = pki.mint({ subject: '/CN=web.shop.svc', issuer: elsewhere, extensions: leafExtensions('web.shop.svc'), ...dates });
    server = new LspProcess();
    await server.initialize();
  });
  after(() => {
    server.kill();
    pki.dispose();
  });

  it('publishes chain-untrusted on the workload chain, lenses and hovers each certificate, and lists the groups', async () => {
    const uri = 'file:///work/istio-secrets.json';
    const secret = (name: string, body: object) => ({
      name,
      secret: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', name, ...body },
    });
    const text = `${JSON.stringify(
      {
        dynamicActiveSecrets: [
          secret('default', {
            tlsCertificate: { certificateChain: { inlineBytes: base64(workload.certificatePem) }, privateKey: { inlineBytes: base64('[redacted]') } },
          }),
          secret('ROOTCA', { validationContext: { trustedCa: { inlineBytes: base64(root.certificatePem) } } }),
        ],
      },
      null,
      4,
    )}\n`;
    const chainLine = text.split('\n').findIndex((line) => line.includes(base64(workload.certificatePem)));
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'json', text);
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
      [['chain-untrusted', 2, chainLine]],
    );
    const lenses = await server.codeLens(uri);
    assert.equal(lenses.length, 2);
    assert.match(lenses[0].command!.title, /^web\.shop\.svc · .* · issued by /);
    assert.equal(lenses[0].range.start.line, chainLine);
    const hover = await server.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: chainLine, character: diagnostics[0].range.start.character + 10 },
    });
    assert.match(hover.contents.value, /web\.shop\.svc/);
    const listed = await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri } });
    assert.deepEqual(listed.groups, [
      { name: 'certificate chain of secret default', role: 'chain' },
      { name: 'trusted CA of secret ROOTCA', role: 'trust' },
    ]);
  });

  it("publishes chain-untrusted on a ztunnel identity's chain and lists its chain and roots", async () => {
    const uri = 'file:///work/ztunnel-certs.json';
    const identity = 'spiffe://cluster.local/ns/shop/sa/web';
    const certDump = (m: Minted) => ({ pem: base64(m.certificatePem), serialNumber: '1', validFrom: '', expirationTime: '' });
    const text = `${JSON.stringify([{ identity, state: 'Available', certChain: [certDump(workload)], rootCerts: [certDump(root)] }], null, 4)}\n`;
    const lineOf = (m: Minted) => text.split('\n').findIndex((line) => line.includes(base64(m.certificatePem)));
    const chainLine = lineOf(workload);
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'json', text);
    assert.deepEqual(
      (await published).diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
      [['chain-untrusted', 2, chainLine]],
    );
    const lenses = await server.codeLens(uri);
    assert.deepEqual(
      lenses.map((l) => l.range.start.line),
      [chainLine, lineOf(root)],
    );
    const listed = await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri } });
    assert.deepEqual(listed.groups, [
      { name: `certificate chain of ${identity}`, role: 'chain' },
      { name: `root certificates of ${identity}`, role: 'trust' },
    ]);
  });

  it('publishes nothing and lenses nothing for JSON that is not a dump', async () => {
    const uri = 'file:///work/settings.json';
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'json', JSON.stringify({ caBundle: base64(root.certificatePem), pem: root.certificatePem.slice(0, 60) }));
    assert.deepEqual((await published).diagnostics, []);
    assert.deepEqual(await server.codeLens(uri), []);
  });
});
