import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { probeEndpoint } from '../../common/src/handshake/endpointProbe';
import { scenariosMarkdown } from '../../common/src/handshake/reportMarkdown';
import { buildScenarios, runScenario, type Scenario, type ScenarioResult } from '../../common/src/handshake/scenarios';
import { endpointView, handshakeView, scenariosView } from '../../common/src/webview/handshakeView';

// Views of real runs: the scenario matrix (a minted CA, real sockets on 127.0.0.1) and a probe of
// a TLS server started here, so the rows are the ones the panel draws.
describe('handshake panel views of real runs', function () {
  this.timeout(30_000);
  let results: ScenarioResult[];
  let scenarios: Scenario[];
  const byName = (name: string) => results.find((r) => r.name === name)!;

  before(async () => {
    // The same scenarios the key check below reads the keys of.
    scenarios = await buildScenarios();
    results = [];
    for (const scenario of scenarios) results.push(await runScenario(scenario));
  });

  it('makes one row per scenario: expected against actual, with the failure code, and why', () => {
    const view = scenariosView(results);
    assert.equal(view.rows.length, 9);
    assert.equal(view.asExpected, 9);
    assert.equal(view.stopped, false);
    const expired = view.rows.find((r) => r.name === 'expired client certificate')!;
    assert.deepEqual([expired.expected, expired.actual, expired.asExpected], ['failure (expired)', 'failure (expired)', true]);
    assert.equal(expired.why, byName('expired client certificate').report.error?.reason);
    const valid = view.rows[0];
    assert.deepEqual([valid.name, valid.expected, valid.actual], ['valid mTLS', 'success', 'success']);
    assert.match(valid.why, /^TLSv1\.3, TLS_\w+; the data came back\.$/);
    assert.equal(view.markdown, scenariosMarkdown(results));
    assert.equal(scenariosView(results.slice(0, 2), true).stopped, true);
  });

  it('draws a passed mTLS run: eight steps, the negotiated protocol, both chains decoded', () => {
    const view = handshakeView(byName('valid mTLS').report);
    assert.equal(view.ok, true);
    assert.match(view.headline, /^Passed \(mTLS required\): TLSv1\.3, TLS_\w+, \d+\.\d ms\.$/);
    assert.deepEqual(
      view.steps.map((s) => s.outcome),
      ['pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass'],
    );
    assert.ok(view.steps.every((s) => typeof s.at === 'number'));
    assert.deepEqual(
      view.serverChain.map((c) => [c.name, c.issuer, c.ca]),
      [
        ['web.shop.svc', 'Scenario Root CA Intermediate', false],
        ['Scenario Root CA Intermediate', 'Scenario Root CA', true],
      ],
    );
    assert.equal(view.clientChain[0].name, 'spiffe://cluster.local/ns/shop/sa/checkout');
    assert.match(view.clientChain[0].key, /^ECDSA P-256$/);
    assert.equal(view.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/checkout');
    assert.equal(view.error, undefined);
    assert.ok(view.wire.some((w) => w.protection === 'decrypted'));
  });

  it('puts the failure, its step and its fix up front, and marks an expired certificate in the chain', () => {
    const view = handshakeView(byName('expired client certificate').report);
    assert.equal(view.ok, false);
    assert.equal(view.error?.code, 'expired');
    assert.equal(view.error?.step, 'Server verifies client');
    assert.match(view.headline, /^Failed at "Server verifies client" \(mTLS required\)/);
    assert.match(view.error?.fix ?? '', /Issue the client a new certificate/);
    assert.equal(view.clientChain[0].invalidNow, true);
    assert.match(view.clientChain[0].validity, /^expired \d+ (hours|days) ago$/);
    assert.equal(view.serverChain[0].invalidNow, false);
    const plaintext = handshakeView(byName('plaintext against mTLS optional (PERMISSIVE)').report);
    assert.match(plaintext.headline, /^Passed \(mTLS optional \(PERMISSIVE\), plaintext client\): no TLS session/);
  });

  it('never carries key material or certificate bytes to the page', () => {
    const shown = JSON.stringify([scenariosView(results), ...results.map((r) => handshakeView(r.report))]);
    assert.equal(shown.includes('PRIVATE KEY'), false);
    assert.equal(shown.includes('BEGIN CERTIFICATE'), false);
    for (const scenario of scenarios) {
      for (const key of [scenario.input.server.keyPem, scenario.input.client.keyPem ?? '']) {
        const body = key
          .split('\n')
          .filter((line) => line && !line.startsWith('-----'))
          .join('');
        for (let i = 0; i + 16 <= body.length; i += 16) assert.equal(shown.includes(body.slice(i, i + 16)), false);
      }
    }
  });

  it('describes a probed endpoint: what it presented, whether it asked for a client certificate', async () => {
    const { server } = scenarios[0].input;
    const listener = tls.createServer({ cert: server.certPem, key: server.keyPem, ca: server.caPem, requestCert: true, rejectUnauthorized: false }, (socket) =>
      socket.end(),
    );
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    try {
      const port = (listener.address() as net.AddressInfo).port;
      const report = await probeEndpoint({
        host: '127.0.0.1',
        port,
        client: { caPem: scenarios[0].input.client.caPem },
        expectServerName: 'web.shop.svc',
        settleMs: 50,
      });
      const view = endpointView(report);
      assert.equal(view.target, `127.0.0.1:${port}`);
      assert.equal(view.ok, true, JSON.stringify(view.failures));
      assert.equal(view.clientCertificate, 'The server asks for a client certificate; none was sent.');
      assert.deepEqual(
        view.serverChain.map((c) => c.name),
        ['web.shop.svc', 'Scenario Root CA Intermediate'],
      );
      assert.match(view.headline, new RegExp(`^127\\.0\\.0\\.1:${port}: handshake completed \\(TLSv1\\.3, TLS_\\w+, \\d+\\.\\d ms\\)\\.$`));
      assert.equal(endpointView({ ...report, host: '::1' }).target, `[::1]:${port}`);
    } finally {
      listener.close();
    }
  });
});
