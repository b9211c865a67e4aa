import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { handshakeReport } from '../common/src/handshake/handshakeReport';
import { runHandshake, type HandshakeInput } from '../common/src/handshake/runHandshake';
import { runScenarios } from '../common/src/handshake/scenarios';
import { privateKeyPem } from '../common/src/pki/keyPairs';
import { createDevCa, issueCertificate } from '../common/src/pki/mint';
import { certificatePem } from '../common/src/pki/pkiFiles';

// The handshake rows of `npm run bench`: one local mTLS test (server up, handshake, echo, all
// closed, report built) and the whole scenario matrix (its CA minted too), against openssl
// s_server and s_client doing one mutual handshake and echo per pair of processes.

export interface HandshakeBench {
  input: HandshakeInput;
  /** One openssl s_server + s_client mutual handshake with an echo. */
  opensslPair: () => Promise<void>;
}

export async function prepareHandshakeBench(): Promise<HandshakeBench> {
  const ca = await createDevCa({ name: 'Bench Mesh CA', intermediate: true });
  const server = await issueCertificate(ca, { profile: 'mtls', dns: ['web.bench.svc'] });
  const client = await issueCertificate(ca, { profile: 'spiffe', spiffeId: 'spiffe://cluster.local/ns/bench/sa/client' });
  const root = certificatePem(ca.root.certificate);
  const input: HandshakeInput = {
    server: { certPem: server.chain.map(certificatePem).join(''), keyPem: privateKeyPem(server.key), caPem: root },
    client: { certPem: client.chain.map(certificatePem).join(''), keyPem: privateKeyPem(client.key), caPem: root },
    mode: 'required',
    expectServerName: 'web.bench.svc',
    allowClients: ['cluster.local/ns/bench/sa/client'],
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'mm-bench-tls-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, content: string) => (writeFileSync(path.join(dir, name), content), path.join(dir, name));
  const serverArgs = [
    's_server',
    '-accept',
    '127.0.0.1:0',
    '-naccept',
    '1',
    '-rev',
    '-cert',
    file('s.pem', certificatePem(server.certificate)),
    '-cert_chain',
    file('s-chain.pem', certificatePem(server.chain[1])),
    '-key',
    file('s.key', privateKeyPem(server.key)),
    '-CAfile',
    file('ca.pem', root),
    '-Verify',
    '5',
    '-verify_return_error',
  ];
  const clientArgs = [
    '-cert',
    file('c.pem', certificatePem(client.certificate)),
    '-cert_chain',
    file('c-chain.pem', certificatePem(client.chain[1])),
    '-key',
    file('c.key', privateKeyPem(client.key)),
    '-CAfile',
    path.join(dir, 'ca.pem'),
    '-verify_return_error',
    '-verify_hostname',
    'web.bench.svc',
    '-ign_eof',
    '-quiet',
  ];
  const opensslPair = () =>
    new Promise<void>((resolve, reject) => {
      const s = spawn('openssl', serverArgs, { stdio: ['ignore', 'pipe', 'ignore'] });
      let out = '';
      // Done when both processes are gone: a client still exiting would take a core from the next timed run.
      let open = 2;
      const closed = () => --open === 0 && resolve();
      s.stdout.on('data', (data: Buffer) => {
        out += data.toString();
        const port = /ACCEPT 127\.0\.0\.1:(\d+)/.exec(out)?.[1];
        if (!port || out.includes('#started')) return;
        out += '#started';
        const c = spawn('openssl', ['s_client', '-connect', `127.0.0.1:${port}`, ...clientArgs], { stdio: ['pipe', 'ignore', 'ignore'] });
        c.stdin.end('bench\nCLOSE\n');
        c.on('error', reject);
        c.on('close', closed);
      });
      s.on('close', closed);
      s.on('error', reject);
    });
  return { input, opensslPair };
}

export async function oneLocalTest(input: HandshakeInput): Promise<boolean> {
  return handshakeReport(input, await runHandshake(input)).ok;
}

export async function scenarioMatrix(): Promise<number> {
  return (await runScenarios()).filter((r) => r.asExpected).length;
}
