import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findPemBlocks, toPem } from '../../common/src/pem/blocks';
import { buildScenarios, runScenario, type Scenario } from '../../common/src/handshake/scenarios';

// Every scenario of the matrix is also run between `openssl s_server` and `openssl s_client` on
// the same files; both must agree on whether TLS succeeds. Two scenarios differ by design and
// are checked as such: authorization is a policy above TLS (openssl has none, so its TLS succeeds
// where our server then denies the identity), and PERMISSIVE's plaintext on the TLS port has no
// openssl counterpart (its TLS-only server refuses the plaintext client our server answers).

const PROBE = 'mesh-mtls fidelity probe';

function split(pem: string): { leaf: string; rest: string } {
  const blocks = findPemBlocks(pem).filter((b) => b.label === 'CERTIFICATE' && b.der);
  return { leaf: toPem('CERTIFICATE', blocks[0].der!), rest: blocks.slice(1).map((b) => toPem('CERTIFICATE', b.der!)).join('') };
}

/** Starts s_server as the scenario's server; resolves with its port once it prints ACCEPT. */
function startServer(dir: string, scenario: Scenario): Promise<{ port: number; done: Promise<void> }> {
  const write = (name: string, content: string) => (writeFileSync(path.join(dir, name), content), path.join(dir, name));
  const { leaf, rest } = split(scenario.input.server.certPem);
  const args = ['s_server', '-accept', '127.0.0.1:0', '-naccept', '1', '-rev', '-cert', write('server.pem', leaf), '-key', write('server.key', scenario.input.server.keyPem)];
  if (rest) args.push('-cert_chain', write('server-chain.pem', rest));
  if (scenario.input.server.caPem) args.push('-CAfile', write('server-ca.pem', scenario.input.server.caPem));
  if (scenario.input.mode === 'required') args.push('-Verify', '5', '-verify_return_error');
  else if (scenario.input.mode === 'optional') args.push('-verify', '5', '-verify_return_error');
  const child = spawn('openssl', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const done = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (data: Buffer) => {
      out += data.toString();
      const match = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(out);
      if (match) resolve({ port: Number(match[1]), done });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`s_server exited (${code}) before accepting: ${out}`)));
  });
}

/** Whether openssl's client got the probe back (reversed, as s_server -rev answers). */
function openSslClient(dir: string, scenario: Scenario, port: number): Promise<boolean> {
  const reversed = [...PROBE].reverse().join('');
  if (scenario.input.client.plaintext) {
    return new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(`${PROBE}\nCLOSE\n`));
      let received = '';
      socket.on('data', (d) => (received += d.toString()));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(received.includes(reversed)));
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
    child.stdin.end(`${PROBE}\nCLOSE\n`);
    child.on('close', () => resolve(out.includes(reversed)));
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
      try {
        const server = await startServer(dir, scenario);
        const opensslSucceeded = await openSslClient(dir, scenario, server.port);
        await server.done;
        const ours = (await runScenario(scenario)).report;
        const ourTls = ours.steps.filter((s) => s.name !== 'Identity authorization' && s.name !== 'Encrypted application data').every((s) => s.outcome !== 'fail');
        let agrees: boolean;
        if (scenario.expectedFailure === 'unauthorized-identity') agrees = opensslSucceeded && ourTls && !ours.ok;
        else if (scenario.input.mode === 'optional' && scenario.input.client.plaintext) agrees = !opensslSucceeded && ours.ok;
        else agrees = opensslSucceeded === ours.ok;
        rows.push(`${agrees ? 'agree' : 'DISAGREE'}: ${scenario.name}: openssl ${opensslSucceeded ? 'success' : 'failure'}, ours ${ours.ok ? 'success' : `failure (${ours.error?.code})`}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    console.log(rows.map((r) => `    ${r}`).join('\n'));
    assert.equal(rows.filter((r) => r.startsWith('agree')).length, scenarios.length, rows.join('\n'));
  });
});
