import * as assert from 'node:assert/strict';
import * as diagnostics from 'node:diagnostics_channel';
import * as net from 'node:net';
import * as tls from 'node:tls';
import {
  EndpointInputProblem,
  endpointProblem,
  isLoopbackAddress,
  loopbackTarget,
  probeEndpoint,
  RemoteHostRefused,
  type EndpointInput,
} from '../../common/src/handshake/endpointProbe';
import { handshakeReport } from '../../common/src/handshake/handshakeReport';
import { runHandshake, type HandshakeInput } from '../../common/src/handshake/runHandshake';
import { runScenarios } from '../../common/src/handshake/scenarios';
import { privateKeyPem } from '../../common/src/pki/keyPairs';
import { issueCertificate } from '../../common/src/pki/mint';
import { files, mintMesh, pem, serving, type Mesh } from '../support/handshakeMesh';
import { connectTo, watchOpened, type Opened } from '../support/openedSockets';

/** `server` listening on 127.0.0.1, counting the connections it is offered. */
async function target(server: net.Server): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const open = new Set<net.Socket>();
  server.on('connection', (socket: net.Socket) => {
    connections++;
    open.add(socket);
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    connections: () => connections,
    close: () => new Promise((resolve) => (open.forEach((s) => s.destroy()), server.close(() => resolve()))),
  };
}

/** Nothing a run opened may survive it: every listener refuses connections and every socket is destroyed. */
async function assertAllClosed(opened: Opened<unknown>): Promise<void> {
  for (const listener of opened.listeners) assert.equal(await connectTo(listener.port), 'ECONNREFUSED', `port ${listener.port} still accepts connections`);
  assert.deepEqual(
    opened.sockets.filter((s) => !s.destroyed).map((s) => `${s.localAddress}:${s.localPort} → ${s.remoteAddress}:${s.remotePort}`),
    [],
  );
}

/** The socket a plain server accepts next, once it has closed (it is read, so the peer's end is seen). */
function nextConnectionClosed(server: net.Server): Promise<void> {
  return new Promise((resolve) =>
    server.once('connection', (socket: net.Socket) => {
      socket.resume();
      socket.once('close', () => resolve());
    }),
  );
}

describe('handshake safety', function () {
  this.timeout(60_000);
  // Filled in by the hook below, before any test reads them.
  let { ca, server, client, root, base } = {} as Mesh;
  before(async () => ({ ca, server, client, root, base } = await mintMesh('Safety Mesh CA', { allowClients: ['cluster.local/ns/shop/sa/checkout'] })));

  describe('the endpoint probe leaves no relay behind', () => {
    const tlsTarget = () => target(tls.createServer(serving(server, root), (socket) => socket.end()));

    it('closes its relay when the client files do not load, so the next local client reaches neither the relay nor the target', async () => {
      const endpoint = await tlsTarget();
      try {
        const unusable = [
          {
            name: 'a key that is not the certificate’s',
            client: { certPem: pem(client.chain), keyPem: privateKeyPem(server.key) },
            reason: /private key is not the key of its certificate/,
          },
          { name: 'text that is no PEM', client: { certPem: 'not a certificate\n', keyPem: 'not a key\n' }, reason: /could not be loaded/ },
        ];
        for (const { name, client: files, reason } of unusable) {
          const opened = await watchOpened(() => probeEndpoint({ host: '127.0.0.1', port: endpoint.port, client: { ...files, caPem: root } }));
          assert.equal(opened.outcome.status, 'rejected', name);
          const error = opened.outcome.reason as EndpointInputProblem;
          assert.ok(error instanceof EndpointInputProblem, `${name}: ${String(error)}`);
          assert.equal(error.about, 'client files');
          assert.match(error.message, reason);
          // The relay did open before the client failed: it is the one port a second client could try.
          assert.equal(opened.listeners.length, 1, name);
          assert.equal(await connectTo(opened.listeners[0].port), 'ECONNREFUSED', `${name}: the relay still accepts connections`);
          await assertAllClosed(opened);
        }
        assert.equal(endpoint.connections(), 0, 'the target was reached through a relay that should be closed');
      } finally {
        await endpoint.close();
      }
    });

    it('closes its relay and the connection to the target after a handshake, a timeout, a stop and a refused connection', async () => {
      const endpoint = await tlsTarget();
      // A TCP server that accepts and never answers: the probe can only time out or be stopped.
      const silent = new net.Server();
      const mute = await target(silent);
      const gone = await target(new net.Server());
      await gone.close();
      try {
        const probe = (input: Partial<EndpointInput> & { port: number }) =>
          watchOpened(() => probeEndpoint({ host: '127.0.0.1', client: { ...files(client), caPem: root }, expectServerName: 'web.shop.svc', ...input }));

        const passed = await probe({ port: endpoint.port });
        assert.equal(passed.outcome.status === 'fulfilled' && passed.outcome.value.ok, true);
        await assertAllClosed(passed);

        const held = nextConnectionClosed(silent);
        const timedOut = await probe({ port: mute.port, timeoutMs: 200 });
        assert.equal(timedOut.outcome.status === 'fulfilled' && timedOut.outcome.value.serverRefusal?.failure.code, 'timeout');
        await held;
        await assertAllClosed(timedOut);

        const controller = new AbortController();
        const stoppedHeld = nextConnectionClosed(silent);
        silent.once('connection', () => controller.abort());
        const stopped = await probe({ port: mute.port, signal: controller.signal });
        assert.equal(stopped.outcome.status === 'fulfilled' && stopped.outcome.value.ok, false);
        await stoppedHeld;
        await assertAllClosed(stopped);

        const refused = await probe({ port: gone.port });
        assert.equal(
          refused.outcome.status === 'fulfilled' && refused.outcome.value.serverRefusal?.failure.reason,
          `Nothing listens on 127.0.0.1:${gone.port}.`,
        );
        await assertAllClosed(refused);
      } finally {
        await endpoint.close();
        await mute.close();
      }
    });

    it('relays its own client only: a local process that reaches the relay first is dropped, not carried to the target', async () => {
      const endpoint = await tlsTarget();
      let intruder: Promise<{ received: number; closed: boolean }> | undefined;
      // The intruder connects the moment the relay listens, before the probe's own client can.
      const intrude = (message: unknown) => {
        const port = ((message as { server: net.Server }).server.address() as net.AddressInfo).port;
        intruder ??= new Promise((resolve) => {
          let received = 0;
          const socket = net.connect({ host: '127.0.0.1', port });
          socket.on('data', (data) => (received += data.length));
          socket.on('error', () => undefined);
          socket.on('close', () => resolve({ received, closed: true }));
        });
      };
      diagnostics.subscribe('tracing:net.server.listen:asyncEnd', intrude);
      try {
        const report = await probeEndpoint({
          host: '127.0.0.1',
          port: endpoint.port,
          client: { ...files(client), caPem: root },
          expectServerName: 'web.shop.svc',
        });
        assert.equal(report.ok, true, JSON.stringify(report.serverRefusal ?? report.verifyFailure));
        assert.deepEqual(await intruder, { received: 0, closed: true });
        assert.equal(endpoint.connections(), 1);
      } finally {
        diagnostics.unsubscribe('tracing:net.server.listen:asyncEnd', intrude);
        await endpoint.close();
      }
    });

    it('refuses a port that is none, before opening anything', async () => {
      for (const port of [0, 65536, 99999, 8443.5, -1]) {
        const opened = await watchOpened(() => probeEndpoint({ host: '127.0.0.1', port, client: {} }));
        assert.equal(opened.outcome.status, 'rejected');
        const error = opened.outcome.reason as EndpointInputProblem;
        assert.ok(error instanceof EndpointInputProblem);
        assert.equal(error.about, 'endpoint');
        assert.equal(error.message, `${port} is not a TCP port (1 to 65535).`);
        assert.deepEqual(opened.listeners, []);
      }
    });
  });

  describe('loopback is an exact address', () => {
    const cases: [host: string, loopback: boolean, problem: boolean][] = [
      ['127.0.0.1', true, false],
      ['127.255.255.254', true, false],
      ['127.0.0.1000', false, true],
      ['127.1', false, true],
      ['0x7f.0.0.1', false, true],
      ['0177.0.0.1', false, true],
      ['127.000.0.1', false, true],
      ['127.0.0.1.evil.com', false, false],
      ['127.0.0.1:8443', false, true],
      ['[::1]', false, true],
      ['::1', true, false],
      ['0:0:0:0:0:0:0:1', true, false],
      ['::ffff:127.0.0.1', true, false],
      ['::127.0.0.1', false, false],
      ['::2', false, false],
      ['128.0.0.1', false, false],
      ['0.0.0.0', false, false],
      ['10.127.0.1', false, false],
      ['localhost', false, false],
      ['', false, true],
    ];
    for (const [host, loopback, problem] of cases) {
      it(`${JSON.stringify(host)}: ${loopback ? 'loopback' : 'not a loopback address'}${problem ? ', and not an address or a name' : ''}`, () => {
        assert.equal(isLoopbackAddress(host), loopback);
        assert.equal(endpointProblem(host, 8443) !== undefined, problem);
      });
    }

    it('counts localhost only as the loopback address it resolves to, and connects to that address', async () => {
      for (const name of ['localhost', 'LocalHost']) {
        const address = await loopbackTarget(name);
        assert.ok(address !== undefined && isLoopbackAddress(address), `${name} gave ${address}`);
      }
      assert.equal(await loopbackTarget('localhost.evil.com'), undefined);
      assert.equal(await loopbackTarget('127.0.0.1.evil.com'), undefined);
      assert.equal(await loopbackTarget('::ffff:127.0.0.1'), '::ffff:127.0.0.1');
    });

    it('refuses a name that looks like a loopback address without asking to connect anywhere', async () => {
      await assert.rejects(probeEndpoint({ host: '127.0.0.1.evil.com', port: 8443, client: {} }), RemoteHostRefused);
      for (const host of ['127.0.0.1000', '127.1', '0x7f.0.0.1', '[::1]']) {
        const opened = await watchOpened(() => probeEndpoint({ host, port: 8443, client: {}, allowRemote: true }));
        assert.equal(opened.outcome.status, 'rejected', host);
        assert.match(String(opened.outcome.reason.message), /is neither an IP address nor a host name/, host);
        assert.deepEqual([opened.listeners, opened.sockets], [[], []], host);
      }
    });
  });

  describe('the local handshake binds 127.0.0.1 only and closes everything', () => {
    it('opens every listener on 127.0.0.1, in each mode, the scenarios and the endpoint probe, and leaves none open', async () => {
      const endpoint = await target(tls.createServer(serving(server, root), (socket) => socket.end()));
      let opened: Opened<unknown>;
      try {
        opened = await watchOpened(async () => {
          await runHandshake(base);
          await runHandshake({ ...base, mode: 'optional', client: { plaintext: true }, allowClients: undefined });
          await runHandshake({ ...base, mode: 'tls', client: { caPem: root }, allowClients: undefined });
          await runHandshake({ ...base, client: { caPem: root } });
          await runScenarios();
          assert.equal((await probeEndpoint({ host: '127.0.0.1', port: endpoint.port, client: { ...files(client), caPem: root } })).ok, true);
        });
      } finally {
        await endpoint.close();
      }
      assert.equal(opened.outcome.status, 'fulfilled');
      // Two listeners a run (the server under test and the relay), nine scenarios, one relay for the probe.
      assert.equal(opened.listeners.length, 2 * (4 + 9) + 1);
      assert.deepEqual([...new Set(opened.listeners.map((l) => l.address))], ['127.0.0.1']);
      await assertAllClosed(opened);
    });

    it('closes everything when stopped mid-handshake, and opens nothing when the files do not load', async () => {
      const controller = new AbortController();
      // Stop as soon as the first connection of the run is accepted: the relay has the client, the handshake has begun.
      const stop = () => controller.abort();
      diagnostics.subscribe('net.server.socket', stop);
      let stopped: Opened<Awaited<ReturnType<typeof runHandshake>>>;
      try {
        stopped = await watchOpened(() => runHandshake({ ...base, signal: controller.signal }));
      } finally {
        diagnostics.unsubscribe('net.server.socket', stop);
      }
      assert.equal(stopped.outcome.status === 'fulfilled' && stopped.outcome.value.cancelled, true);
      assert.equal(stopped.listeners.length, 2);
      await assertAllClosed(stopped);

      const mismatch = await watchOpened(() => runHandshake({ ...base, client: { ...base.client, keyPem: privateKeyPem(server.key) } }));
      assert.equal(mismatch.outcome.status === 'fulfilled' && mismatch.outcome.value.setup.client?.code, 'ERR_OSSL_X509_KEY_VALUES_MISMATCH');
      assert.deepEqual([mismatch.listeners, mismatch.sockets], [[], []]);
    });
  });

  describe('a client certificate without a SPIFFE ID', () => {
    it('is reported as a certificate that carries no SPIFFE ID, not as no certificate', async () => {
      const legacy = await issueCertificate(ca, { profile: 'client', commonName: 'legacy-checkout', dns: ['checkout.shop.svc'] });
      const input: HandshakeInput = { ...base, client: { ...files(legacy), caPem: root } };
      const report = handshakeReport(input, await runHandshake(input));
      assert.equal(report.ok, false);
      assert.deepEqual([report.error?.step, report.error?.code], ['Identity authorization', 'unauthorized-identity']);
      assert.equal(
        report.error?.reason,
        `The client's certificate "legacy-checkout" verified, but it carries no SPIFFE ID (it has no URI SAN), and the identities the server allows (cluster.local/ns/shop/sa/checkout) can only match a spiffe:// URI SAN.`,
      );
      assert.match(report.error?.fix ?? '', /--profile spiffe --spiffe-id/);
      assert.equal(report.steps.find((s) => s.name === 'Identity authorization')?.detail, 'Denied a certificate without a SPIFFE ID.');
      assert.equal(report.steps.find((s) => s.name === 'Server verifies client')?.outcome, 'pass');
    });

    it('names the URI SANs it does carry, and still says "no certificate" when there was none', async () => {
      const web = await issueCertificate(ca, { profile: 'client', commonName: 'checkout-web', uri: ['https://checkout.shop.example/id'] });
      const withUri: HandshakeInput = { ...base, client: { ...files(web), caPem: root } };
      const report = handshakeReport(withUri, await runHandshake(withUri));
      assert.match(report.error?.reason ?? '', /carries no SPIFFE ID \(its URI SANs are https:\/\/checkout\.shop\.example\/id\)/);
      const anonymous: HandshakeInput = { ...base, mode: 'optional', client: { caPem: root } };
      const none = handshakeReport(anonymous, await runHandshake(anonymous));
      assert.match(none.error?.reason ?? '', /^The client sent no certificate/);
      assert.equal(none.steps.find((s) => s.name === 'Identity authorization')?.detail, 'Denied a client without a certificate.');
    });

    it('refuses a certificate with two SPIFFE IDs though the first is allowed, as SPIFFE verifiers do', async () => {
      const twice = await issueCertificate(ca, {
        profile: 'client',
        commonName: 'checkout-twice',
        uri: ['spiffe://cluster.local/ns/shop/sa/checkout', 'spiffe://cluster.local/ns/shop/sa/admin'],
      });
      const input: HandshakeInput = { ...base, client: { ...files(twice), caPem: root } };
      const report = handshakeReport(input, await runHandshake(input));
      assert.equal(report.ok, false);
      assert.deepEqual([report.error?.step, report.error?.code], ['Identity authorization', 'unauthorized-identity']);
      assert.match(
        report.error?.reason ?? '',
        /carries several URI SANs \(spiffe:\/\/cluster\.local\/ns\/shop\/sa\/checkout, spiffe:\/\/cluster\.local\/ns\/shop\/sa\/admin\); an X\.509-SVID holds exactly one/,
      );
    });
  });
});
