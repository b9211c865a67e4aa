import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { probeEndpoint, RemoteHostRefused } from '../../common/src/handshake/endpointProbe';
import { handshakeReport, STEP_NAMES, type HandshakeReport } from '../../common/src/handshake/handshakeReport';
import { endpointMarkdown, handshakeMarkdown, scenariosMarkdown } from '../../common/src/handshake/reportMarkdown';
import { runHandshake, type HandshakeInput } from '../../common/src/handshake/runHandshake';
import { runScenarios, type ScenarioResult } from '../../common/src/handshake/scenarios';
import { privateKeyPem } from '../../common/src/pki/keyPairs';
import { issueCertificate, type DevCa, type IssuedCertificate } from '../../common/src/pki/mint';
import { files, mintMesh, serving } from '../support/handshakeMesh';
import { connectTo, watchOpened } from '../support/openedSockets';

async function run(input: HandshakeInput): Promise<HandshakeReport> {
  return handshakeReport(input, await runHandshake(input));
}

const outcomes = (report: HandshakeReport) => Object.fromEntries(report.steps.map((s) => [s.name, s.outcome]));

describe('local mTLS handshake tests', function () {
  this.timeout(60_000);
  let ca: DevCa;
  let server: IssuedCertificate;
  let client: IssuedCertificate;
  let root: string;
  let base: HandshakeInput;
  before(
    async () =>
      ({ ca, server, client, root, base } = await mintMesh('Test Mesh CA', {
        serverUri: ['spiffe://cluster.local/ns/shop/sa/web'],
        allowClients: ['cluster.local/ns/shop/sa/*'],
      })),
  );

  describe('the scenario matrix', () => {
    let results: ScenarioResult[];
    before(async () => (results = await runScenarios()));

    it('behaves as expected in every scenario, failing each for its own reason', () => {
      assert.deepEqual(
        results.map((r) => [r.name, r.actual, r.actualFailure ?? null]),
        [
          ['valid mTLS', 'success', null],
          ['no client certificate against mTLS required', 'failure', 'no-client-certificate'],
          ['plaintext against mTLS required', 'failure', 'plaintext-rejected'],
          ['plaintext against mTLS optional (PERMISSIVE)', 'success', null],
          ['expired client certificate', 'failure', 'expired'],
          ['client certificate from another CA', 'failure', 'unknown-ca'],
          ['unauthorized SPIFFE ID', 'failure', 'unauthorized-identity'],
          ['server name mismatch', 'failure', 'name-mismatch'],
          ['server sends no intermediate', 'failure', 'missing-intermediate'],
        ],
      );
      assert.ok(results.every((r) => r.asExpected));
    });

    it('fails each scenario at the step where it really breaks', () => {
      const failedAt = Object.fromEntries(results.map((r) => [r.name, r.report.error?.step ?? null]));
      assert.deepEqual(failedAt, {
        'valid mTLS': null,
        'no client certificate against mTLS required': 'Client certificate',
        'plaintext against mTLS required': 'ClientHello',
        'plaintext against mTLS optional (PERMISSIVE)': null,
        'expired client certificate': 'Server verifies client',
        'client certificate from another CA': 'Server verifies client',
        'unauthorized SPIFFE ID': 'Identity authorization',
        'server name mismatch': 'Client verifies server',
        'server sends no intermediate': 'Client verifies server',
      });
      const expired = results.find((r) => r.name === 'expired client certificate')!.report.error!;
      assert.match(expired.reason, /^The client's certificate "spiffe:\/\/cluster\.local\/ns\/shop\/sa\/checkout" expired on \d{4}-\d\d-\d\dT/);
      assert.match(
        results.find((r) => r.name === 'server name mismatch')!.report.error!.reason,
        /connects to payments\.shop\.svc, but the server's certificate names DNS:web\.shop\.svc, DNS:web\.shop\.svc\.cluster\.local/,
      );
    });

    it('reads the TLS 1.3 handshake off the wire, sealed messages included, in the order they were sent', () => {
      const valid = results[0].report;
      const names = valid.wire.map((e) => `${e.from} ${e.what}`);
      const expectedOrder = [
        'client ClientHello',
        'server ServerHello',
        'server EncryptedExtensions',
        'server CertificateRequest',
        'server Certificate, 2 certificates',
        'server CertificateVerify',
        'server Finished',
        'client Certificate, 2 certificates',
        'client CertificateVerify',
        'client Finished',
      ];
      assert.deepEqual(names.slice(0, expectedOrder.length), expectedOrder);
      assert.ok(valid.wire.filter((e) => e.protection === 'decrypted').length >= 8);
      assert.equal(valid.protocol, 'TLSv1.3');
      assert.equal(valid.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/checkout');
      assert.deepEqual(
        valid.serverChain.map((c) => c.subjectCommonName),
        ['web.shop.svc', 'Scenario Root CA Intermediate'],
      );
      const times = valid.wire.map((e) => e.at);
      assert.deepEqual(
        times,
        [...times].sort((a, b) => a - b),
      );
    });

    it('writes a Markdown report with one row per scenario', () => {
      const markdown = scenariosMarkdown(results);
      assert.match(markdown, /^## mTLS scenarios: 9 of 9 as expected/);
      assert.equal(markdown.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| scenario')).length, 9);
    });
  });

  it('passes a valid mTLS run step by step', async () => {
    const report = await run(base);
    assert.equal(report.ok, true, JSON.stringify(report.error));
    assert.deepEqual(
      report.steps.map((s) => s.name),
      [...STEP_NAMES],
    );
    assert.deepEqual(Object.values(outcomes(report)), ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    assert.match(handshakeMarkdown(report), /## mTLS handshake test: passed/);
  });

  it('leaves no listening socket behind, whether the run passes or fails', async () => {
    const opened = await watchOpened(async () => {
      await run(base);
      await run({ ...base, client: { caPem: root } });
      await run({ ...base, client: { plaintext: true } });
    });
    assert.equal(opened.listeners.length, 6);
    for (const { port } of opened.listeners) assert.equal(await connectTo(port), 'ECONNREFUSED', `port ${port} still accepts connections`);
  });

  it('sees the certificate request and both chains in clear over TLS 1.2', async () => {
    const report = await run({ ...base, clientVersions: { max: 'TLSv1.2' } });
    assert.equal(report.ok, true);
    assert.equal(report.protocol, 'TLSv1.2');
    assert.ok(report.wire.some((e) => e.from === 'server' && e.what === 'CertificateRequest' && e.protection === 'clear'));
    assert.deepEqual(
      report.clientChain.map((c) => c.subjectAltNames.uri[0]),
      ['spiffe://cluster.local/ns/shop/sa/checkout', undefined],
    );
  });

  it('explains no common TLS version, a key that is not the certificate’s, and a leaf without the usage its role needs', async () => {
    const versions = await run({ ...base, clientVersions: { max: 'TLSv1.2' }, serverVersions: { min: 'TLSv1.3' } });
    assert.equal(versions.error?.code, 'no-common-version');
    assert.equal(versions.error?.reason, 'The client offers TLSv1.2 and the server accepts TLSv1.3 or later: no version in common.');
    const mismatch = await run({ ...base, server: { ...base.server, keyPem: privateKeyPem(client.key) } });
    assert.equal(mismatch.error?.code, 'key-mismatch');
    assert.equal(mismatch.error?.step, 'ServerHello and server certificate');
    const clientOnly = await issueCertificate(ca, { profile: 'client', commonName: 'not-a-server', dns: ['web.shop.svc'] });
    const noServerAuth = await run({ ...base, server: { ...files(clientOnly), caPem: root } });
    assert.equal(noServerAuth.error?.code, 'missing-server-auth');
    const serverOnly = await issueCertificate(ca, { profile: 'server', dns: ['checkout.shop.svc'] });
    const noClientAuth = await run({ ...base, client: { ...files(serverOnly), caPem: root }, allowClients: undefined });
    assert.equal(noClientAuth.error?.code, 'missing-client-auth');
    assert.equal(noClientAuth.error?.step, 'Server verifies client');
  });

  it('checks a SPIFFE ID as the server name, and lets PERMISSIVE and one-way TLS through without a client certificate', async () => {
    assert.equal((await run({ ...base, expectServerName: 'spiffe://cluster.local/ns/shop/sa/web' })).ok, true);
    const wrong = await run({ ...base, expectServerName: 'spiffe://cluster.local/ns/shop/sa/api' });
    assert.equal(wrong.error?.code, 'spiffe-id-mismatch');
    const permissive = await run({ ...base, mode: 'optional', client: { caPem: root }, allowClients: undefined });
    assert.equal(permissive.ok, true);
    assert.equal(outcomes(permissive)['Client certificate'], 'pass');
    const oneWay = await run({ ...base, mode: 'tls', client: { caPem: root }, allowClients: undefined });
    assert.equal(oneWay.ok, true);
    assert.deepEqual([outcomes(oneWay)['Certificate request'], outcomes(oneWay)['Server verifies client']], ['skip', 'skip']);
    assert.ok(!oneWay.wire.some((e) => e.what === 'CertificateRequest'));
  });

  it('stops when aborted, closing everything, and says it was stopped', async () => {
    const controller = new AbortController();
    controller.abort();
    const report = await run({ ...base, signal: controller.signal });
    assert.equal(report.ok, false);
    assert.match(report.error?.reason ?? '', /stopped before it finished/);
  });

  it('probes a running endpoint: what it presents, that it asks for a client certificate, and a remote host only when allowed', async () => {
    const endpoint = tls.createServer(serving(server, root), (socket) => socket.end());
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const port = (endpoint.address() as net.AddressInfo).port;
    try {
      const anonymous = await probeEndpoint({ host: '127.0.0.1', port, client: { caPem: root }, expectServerName: 'web.shop.svc' });
      assert.deepEqual(
        [anonymous.ok, anonymous.certificateRequested, anonymous.clientCertificateSent, anonymous.serverRefusal?.alert, anonymous.serverRefusal?.failure.code],
        [false, true, false, 'certificate_required', 'no-client-certificate'],
      );
      assert.deepEqual(
        anonymous.serverChain.map((c) => c.subjectCommonName),
        ['web.shop.svc', 'Test Mesh CA Intermediate'],
      );
      const authenticated = await probeEndpoint({ host: '127.0.0.1', port, client: { ...files(client), caPem: root }, expectServerName: 'web.shop.svc' });
      assert.equal(authenticated.ok, true, JSON.stringify(authenticated.serverRefusal ?? authenticated.verifyFailure));
      assert.match(endpointMarkdown(authenticated), /handshake completed/);
      await assert.rejects(probeEndpoint({ host: '192.0.2.1', port, client: {} }), RemoteHostRefused);
    } finally {
      await new Promise((resolve) => endpoint.close(resolve));
    }
  });
});
