import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { readFileSync } from 'node:fs';
import { ROOT } from '../rig/paths';

const CLI = path.join(ROOT, 'dist', 'cli.js');
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
/** The CLI without blocking this process, for runs against a server in it. */
function cliAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('mesh-mtls handshake', function () {
  this.timeout(60_000);
  let dir: string;
  const file = (...parts: string[]) => path.join(dir, ...parts);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-handshake-cli-'));
    assert.equal(cli('ca', 'create', '--out', file('ca'), '--intermediate').status, 0);
    assert.equal(cli('cert', 'issue', '--ca', file('ca'), '--out', file('server'), '--dns', 'web.shop.svc').status, 0);
    assert.equal(
      cli('cert', 'issue', '--ca', file('ca'), '--out', file('client'), '--profile', 'spiffe', '--spiffe-id', 'spiffe://cluster.local/ns/shop/sa/checkout')
        .status,
      0,
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const serverArgs = () => [
    '--server-cert',
    file('server', 'web.shop.svc-chain.pem'),
    '--server-key',
    file('server', 'web.shop.svc-key.pem'),
    '--server-ca',
    file('ca', 'root-ca.pem'),
  ];
  const clientArgs = () => [
    '--client-cert',
    file('client', 'checkout-chain.pem'),
    '--client-key',
    file('client', 'checkout-key.pem'),
    '--client-ca',
    file('ca', 'root-ca.pem'),
  ];

  it('--json: ok, eight steps with explanations, protocol and cipher, and exit 0 for an allowed client', () => {
    const result = cli(
      'handshake',
      ...serverArgs(),
      ...clientArgs(),
      '--expect-server-name',
      'web.shop.svc',
      '--allow-client',
      'cluster.local/ns/shop/sa/checkout',
      '--json',
    );
    assert.equal(result.status, 0, result.stdout + result.stderr);
    const report = JSON.parse(result.stdout);
    assert.equal(report.ok, true);
    assert.equal(report.protocol, 'TLSv1.3');
    assert.match(report.cipher, /^TLS_/);
    assert.equal(report.steps.length, 8);
    for (const step of report.steps) {
      assert.equal(typeof step.name, 'string');
      assert.match(step.outcome, /^(pass|fail|skip)$/);
      assert.ok(step.explanation.length > 10, step.name);
    }
    assert.equal(report.clientIdentity, 'spiffe://cluster.local/ns/shop/sa/checkout');
    assert.equal(report.error, undefined);
  });

  it('exit 1 with the reason and fix: an identity the server does not allow, a missing client certificate, plaintext against mTLS', () => {
    const denied = cli('handshake', ...serverArgs(), ...clientArgs(), '--allow-client', 'cluster.local/ns/shop/sa/frontend', '--json');
    assert.equal(denied.status, 1);
    const report = JSON.parse(denied.stdout);
    assert.deepEqual([report.ok, report.error.code, report.error.step], [false, 'unauthorized-identity', 'Identity authorization']);
    assert.match(report.error.fix, /cluster\.local\/ns\/shop\/sa\/checkout/);
    const anonymous = cli('handshake', ...serverArgs(), '--client-ca', file('ca', 'root-ca.pem'));
    assert.equal(anonymous.status, 1);
    assert.match(anonymous.stdout, /^mTLS handshake: FAILED at "Client certificate"/);
    assert.match(anonymous.stdout, /Fix: Give the client a certificate/);
    const plaintext = JSON.parse(cli('handshake', ...serverArgs(), '--mode', 'plaintext', '--json').stdout);
    assert.equal(plaintext.error.code, 'plaintext-rejected');
  });

  it('exit 1 for a client certificate without a SPIFFE ID, said as such and not as no certificate', () => {
    assert.equal(cli('cert', 'issue', '--ca', file('ca'), '--out', file('legacy'), '--profile', 'client', '--dns', 'checkout.shop.svc').status, 0);
    const result = cli(
      'handshake',
      ...serverArgs(),
      '--client-cert',
      file('legacy', 'checkout.shop.svc-chain.pem'),
      '--client-key',
      file('legacy', 'checkout.shop.svc-key.pem'),
      '--client-ca',
      file('ca', 'root-ca.pem'),
      '--allow-client',
      'cluster.local/ns/shop/sa/checkout',
    );
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /^mTLS handshake: FAILED at "Identity authorization"/);
    assert.match(result.stdout, /Why: The client's certificate "checkout\.shop\.svc" verified, but it carries no SPIFFE ID \(it has no URI SAN\)/);
    assert.doesNotMatch(result.stdout, /sent no certificate/);
  });

  it('--scenarios --json: every scenario with expected and actual, exit 0', () => {
    const result = cli('handshake', '--scenarios', '--json');
    assert.equal(result.status, 0, result.stdout);
    const { scenarios } = JSON.parse(result.stdout);
    assert.equal(scenarios.length, 9);
    for (const s of scenarios) {
      assert.match(s.expected, /^(success|failure)$/);
      assert.equal(s.actual, s.expected, s.name);
    }
  });

  it('--connect: what a running server presents and asks for; other hosts only with --allow-remote', async () => {
    const server = tls.createServer(
      {
        cert: readFileSync(file('server', 'web.shop.svc-chain.pem')),
        key: readFileSync(file('server', 'web.shop.svc-key.pem')),
        ca: readFileSync(file('ca', 'root-ca.pem')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (socket) => socket.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as net.AddressInfo).port;
      const result = await cliAsync(
        'handshake',
        '--connect',
        `127.0.0.1:${port}`,
        '--client-ca',
        file('ca', 'root-ca.pem'),
        '--expect-server-name',
        'web.shop.svc',
      );
      assert.equal(result.status, 1);
      assert.match(result.stdout, /presented: web\.shop\.svc → Mesh mTLS Development CA Intermediate/);
      assert.match(result.stdout, /client certificate: requested, none sent/);
      const remote = cli('handshake', '--connect', '192.0.2.1:443');
      assert.equal(remote.status, 2);
      assert.match(remote.stderr, /not this machine.*--allow-remote/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('--connect: exit 2 with one line for an endpoint that is none, never a stack', () => {
    const cases: [string, string][] = [
      ['127.0.0.1:99999', '99999 is not a TCP port (1 to 65535).'],
      ['[::1]:0', '0 is not a TCP port (1 to 65535).'],
      ['127.0.0.1000:8443', '"127.0.0.1000" is neither an IP address nor a host name.'],
      ['127.1:8443', '"127.1" is neither an IP address nor a host name.'],
      ['::1:8443', '"::1:8443" is not host:port (for example 127.0.0.1:8443). An IPv6 address goes in brackets: [::1]:8443.'],
    ];
    for (const [endpoint, problem] of cases) {
      const result = cli('handshake', '--connect', endpoint);
      assert.equal(result.status, 2, endpoint);
      assert.equal(result.stderr.split('\n')[0], `mesh-mtls: handshake: --connect: ${problem}`);
      assert.doesNotMatch(result.stderr, /^\s+at /m, endpoint);
    }
  });

  it('--connect: client files that do not load exit 2 with one line, and the target sees no connection', async () => {
    let connections = 0;
    const server = net.createServer((socket) => (connections++, socket.destroy()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    writeFileSync(file('junk.pem'), 'not a certificate\n');
    try {
      const port = (server.address() as net.AddressInfo).port;
      const mismatch = await cliAsync(
        'handshake',
        '--connect',
        `127.0.0.1:${port}`,
        '--client-cert',
        file('client', 'checkout.pem'),
        '--client-key',
        file('server', 'web.shop.svc-key.pem'),
      );
      assert.equal(mismatch.status, 2);
      assert.equal(mismatch.stdout, '');
      assert.equal(
        mismatch.stderr,
        "mesh-mtls: handshake: The client's private key is not the key of its certificate, so it cannot prove it holds the certificate. Give the client the key that was generated with its certificate (the -key.pem beside it), or issue a new certificate for this key.\n",
      );
      const junk = await cliAsync('handshake', '--connect', `127.0.0.1:${port}`, '--client-cert', file('junk.pem'), '--client-key', file('junk.pem'));
      assert.equal(junk.status, 2);
      assert.match(
        junk.stderr,
        /^mesh-mtls: handshake: The client's certificate or key could not be loaded \(.*no start line\)\. Check that the client's files are PEM.*\n$/,
      );
      assert.equal(connections, 0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('exit 2 on a wrong command line', () => {
    assert.equal(cli('handshake', '--mode', 'strict', ...serverArgs()).status, 2);
    assert.equal(cli('handshake').status, 2);
    assert.equal(cli('handshake', ...serverArgs(), '--client-cert', file('client', 'checkout.pem')).status, 2);
  });
});
