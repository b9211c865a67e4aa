import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findPemBlocks, toPem } from '../../common/src/pem/blocks';
import type { FailureCode } from '../../common/src/handshake/failures';
import { buildScenarios, runScenario, type Scenario } from '../../common/src/handshake/scenarios';

// Every scenario of the matrix is also run between `openssl s_server` and `openssl s_client` on
// the same files; both must agree on whether TLS succeeds, on which side refuses, and on why
// (our failure code against the reason openssl prints, through OPENSSL_REASONS). Two scenarios
// differ by design and are checked as such: authorization is a policy above TLS (openssl has
// none, so its TLS succeeds where our server then denies the identity), and PERMISSIVE's
// plaintext on the TLS port has no openssl counterpart (its TLS-only server refuses the plaintext
// client our server answers).

const PROBE = 'mesh-mtls fidelity probe';

type Side = 'server' | 'client';

/**
 * Our failure codes as openssl words them: the side that refuses and the text its s_server or
 * s_client prints (X509_V_ERR_* as `verify error:num=N:…`, or the TLS library's error). Several
 * of ours share one openssl code: openssl says "unable to get local issuer certificate" both for
 * a chain from another CA and for a left-out intermediate, where we tell the two apart.
 */
const OPENSSL_REASONS: Partial<Record<FailureCode, { side: Side; openssl: RegExp }>> = {
  expired: { side: 'server', openssl: /num=10:certificate has expired/ },
  'unknown-ca': { side: 'server', openssl: /num=20:unable to get local issuer certificate/ },
  'missing-intermediate': { side: 'client', openssl: /num=20:unable to get local issuer certificate/ },
  'name-mismatch': { side: 'client', openssl: /num=62:hostname mismatch/ },
  'no-client-certificate': { side: 'server', openssl: /peer did not return a certificate/ },
  'plaintext-rejected': { side: 'server', openssl: /wrong version number/ },
  // unauthorized-identity: no openssl counterpart, it has no authorization policy (see above).
};

/** The side that refused in our report, from the step that failed first. */
function ourSide(step: string | undefined): Side | undefined {
  if (!step) return undefined;
  return step === 'Client verifies server' ? 'client' : 'server';
}

function split(pem: string): { leaf: string; rest: string } {
  const blocks = findPemBlocks(pem).filter((b) => b.label === 'CERTIFICATE' && b.der);
  return {
    leaf: toPem('CERTIFICATE', blocks[0].der!),
    rest: blocks
      .slice(1)
      .map((b) => toPem('CERTIFICATE', b.der!))
      .join(''),
  };
}

/** Starts s_server as the scenario's server; resolves with its port once it prints ACCEPT. */
function startServer(dir: string, scenario: Scenario): Promise<{ port: number; done: Promise<string>; stop: () => void }> {
  const write = (name: string, content: string) => (writeFileSync(path.join(dir, name), content), path.join(dir, name));
  const { leaf, rest } = split(scenario.input.server.certPem);
  const args = [
    's_server',
    '-accept',
    '127.0.0.1:0',
    '-naccept',
    '1',
    '-rev',
    '-cert',
    write('server.pem', leaf),
    '-key',
    write('server.key', scenario.input.server.keyPem),
  ];
  if (rest) args.push('-cert_chain', write('server-chain.pem', rest));
  if (scenario.input.server.caPem) args.push('-CAfile', write('server-ca.pem', scenario.input.server.caPem));
  if (scenario.input.mode === 'required') args.push('-Verify', '5', '-verify_return_error');
  else if (scenario.input.mode === 'optional') args.push('-verify', '5', '-verify_return_error');
  const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr.on('data', (data: Buffer) => (out += data.toString()));
  const done = new Promise<string>((resolve) => child.on('close', () => resolve(out)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve({ port: Number(match[1]), done, stop: () => child.exitCode === null && child.kill() });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`s_server exited (${code}) before accepting: ${out}`)));
  });
}

/** Whether openssl's client got the probe back (reversed, as s_server -rev answers), and all it printed. */
function openSslClient(dir: string, scenario: Scenario, port: number): Promise<{ ok: boolean; out: string }> {
  const reversed = [...PROBE].reverse().join('');
  if (scenario.input.client.plaintext) {
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(`${PROBE}\nCLOSE\n`));
      let received = '';
      socket.on('data', (d) => (received += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve({ ok: received.includes(reversed), out: '' }));
    });
  }
  const write = (name: string, content: string) => (writeFileSync(path.join(dir, name), content), path.join(dir, name));
  const args = ['s_client', '-connect', `127.0.0.1:${port}`, '-ign_eof', '-verify_return_error'];
  if (scenario.input.expectServerName) args.push('-servername', scenario.input.expectServerName, '-verify_hostname', scenario.input.expectServerName);
  if (scenario.input.client.caPem) args.push('-CAfile', write('client-ca.pem', scenario.input.client.caPem));
  if (scenario.input.client.certPem && scenario.input.client.keyPem) {
    const { leaf, rest } = split(scenario.input.client.certPem);
    args.push('-cert', write('client.pem', leaf), '-key', write('client.key', scenario.input.client.keyPem));
    if (rest) args.push('-cert_chain', write('client-chain.pem', rest));
  }
  return new Promise((resolve) => {
    const child = spawn('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.stdin.end(`${PROBE}\nCLOSE\n`);
    child.on('close', () => resolve({ ok: out.includes(reversed), out }));
  });
}

describe('the scenario matrix agrees with openssl s_server and s_client', function () {
  this.timeout(60_000);
  let scenarios: Scenario[];
  before(async () => (scenarios = await buildScenarios()));

  it('on every scenario', async () => {
    const rows: string[] = [];
    for (const scenario of scenarios) {
      const dir = mkdtempSync(path.join(tmpdir(), 'mm-fidelity-'));
      let stop = () => undefined as unknown;
      try {
        const server = await startServer(dir, scenario);
        stop = server.stop;
        const client = await openSslClient(dir, scenario, server.port);
        const serverOut = await server.done;
        const opensslSucceeded = client.ok;
        const ours = (await runScenario(scenario)).report;
        const ourTls = ours.steps
          .filter((s) => s.name !== 'Identity authorization' && s.name !== 'Encrypted application data')
          .every((s) => s.outcome !== 'fail');
        let agrees: boolean;
        if (scenario.expectedFailure === 'unauthorized-identity') agrees = opensslSucceeded && ourTls && !ours.ok;
        else if (scenario.input.mode === 'optional' && scenario.input.client.plaintext) agrees = !opensslSucceeded && ours.ok;
        else agrees = opensslSucceeded === ours.ok;
        let why = '';
        const expected = ours.error ? OPENSSL_REASONS[ours.error.code] : undefined;
        if (agrees && !ours.ok && scenario.expectedFailure !== 'unauthorized-identity') {
          // The refusing side names the reason; the other side sees only an alert or a closed socket.
          const side = ourSide(ours.error?.step);
          const said = { server: serverOut, client: client.out };
          agrees = expected !== undefined && side === expected.side && expected.openssl.test(said[expected.side]);
          const heard = expected
            ? (expected.openssl.exec(said[expected.side])?.[0] ??
              said[expected.side]
                .split('\n')
                .filter((l) => /error/i.test(l))
                .join(' | '))
            : '';
          why = `; ours: the ${side} refuses (${ours.error?.code}), openssl's ${expected?.side ?? 'side: none mapped'} says "${heard}"`;
        }
        rows.push(
          `${agrees ? 'agree' : 'DISAGREE'}: ${scenario.name}: openssl ${opensslSucceeded ? 'success' : 'failure'}, ours ${ours.ok ? 'success' : `failure (${ours.error?.code})`}${why}`,
        );
      } finally {
        // s_server exits after its one connection; this ends it when a failed assertion came first.
        stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(rows.map((r) => `    ${r}`).join('\n'));
    assert.equal(rows.filter((r) => r.startsWith('agree')).length, scenarios.length, rows.join('\n'));
  });
});
