// "Test a Running Endpoint", as `openssl s_client` would but in words: connect to host:port with
// an optional client certificate and a trust bundle, and say what the server presented, whether
// it asked for a client certificate, what was negotiated and whether the client accepts it.

import * as dns from 'node:dns/promises';
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import * as tls from 'node:tls';
import type { CertificateDetails } from '../x509/model';
import { closedFailure, nameFailure, setupFailure, timeoutFailure, type Failure } from './failures';
import { isVerifierVerdict, peerChain, refusedChain } from './peerChains';
import { clientOptions, DEFAULT_TIMEOUT_MS, type SideError, type TlsVersion } from './runHandshake';
import { readKeyLog } from './tls13Decrypt';
import { analyzeTranscript, type WireEvent } from './transcript';
import { startWireTap } from './wireTap';

export interface EndpointInput {
  host: string;
  port: number;
  client: { certPem?: string; keyPem?: string; caPem?: string };
  expectServerName?: string;
  versions?: { min?: TlsVersion; max?: TlsVersion };
  timeoutMs?: number;
  /** Hosts other than loopback are refused unless the user confirmed them. */
  allowRemote?: boolean;
  signal?: AbortSignal;
  /** How long to wait after the handshake for a server's late alert (TLS 1.3 sends certificate_required then). */
  settleMs?: number;
}

export interface EndpointReport {
  ok: boolean;
  host: string;
  port: number;
  protocol?: string;
  cipher?: string;
  serverChain: CertificateDetails[];
  /** true, false, or undefined when the handshake did not get that far. */
  certificateRequested?: boolean;
  clientCertificateSent: boolean;
  /** The client's verdict on the server: undefined when it verified. */
  verifyFailure?: Failure;
  /** A fatal alert from the server, or the connection closing early. */
  serverRefusal?: { alert?: string; failure: Failure };
  wire: WireEvent[];
  durationMs: number;
}

export class RemoteHostRefused extends Error {}

/** The endpoint or the client's files cannot be used as given: nothing was connected. */
export class EndpointInputProblem extends Error {
  constructor(
    message: string,
    readonly about: 'endpoint' | 'client files',
  ) {
    super(message);
  }
}

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether `host` is a loopback IP written as Node connects to it: a dotted quad in 127.0.0.0/8, ::1, or those in IPv6 form (::ffff:127.0.0.1). */
export function isLoopbackAddress(host: string): boolean {
  const family = net.isIP(host);
  return family !== 0 && LOOPBACK.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * The loopback address to connect to for `host`, or undefined when it is not this machine. A
 * name is only ever "localhost", and only when every address it resolves to is loopback (the
 * hosts file may send it elsewhere); the probe then connects to that address, not the name again.
 */
export async function loopbackTarget(host: string): Promise<string | undefined> {
  if (isLoopbackAddress(host)) return host;
  if (host.toLowerCase() !== 'localhost') return undefined;
  try {
    const addresses = await dns.lookup(host, { all: true });
    return addresses.length > 0 && addresses.every((a) => isLoopbackAddress(a.address)) ? addresses[0].address : undefined;
  } catch {
    return undefined;
  }
}

const HOST_NAME = /^(?=.{1,253}$)[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?$/;

/** Why host and port cannot be connected to as given, or undefined when they can. */
export function endpointProblem(host: string, port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) return `${port} is not a TCP port (1 to 65535).`;
  if (net.isIP(host)) return undefined;
  // A last label of digits (127.0.0.1000, 127.1) or hex (0x7f.0.0.1) is an address spelled oddly, never a name.
  if (!HOST_NAME.test(host) || /(^|\.)(\d+|0x[0-9a-f]*)\.?$/i.test(host)) return `"${host}" is neither an IP address nor a host name.`;
  return undefined;
}

export async function probeEndpoint(input: EndpointInput): Promise<EndpointReport> {
  const problem = endpointProblem(input.host, input.port);
  if (problem) throw new EndpointInputProblem(problem, 'endpoint');
  const local = await loopbackTarget(input.host);
  if (!local && !input.allowRemote) throw new RemoteHostRefused(`${input.host} is not this machine: confirm before testing a remote endpoint`);
  const startedAt = performance.now();
  const now = () => performance.now() - startedAt;
  const tap = await startWireTap({ host: local ?? input.host, port: input.port }, startedAt);
  const keylog: string[] = [];
  let error: SideError | undefined;
  let identityError: SideError | undefined;
  let protocol: string | undefined;
  let cipher: string | undefined;
  let timedOut = false;
  const expected = input.expectServerName;
  try {
    await new Promise<void>((resolve, reject) => {
      // SNI: the expected DNS name, else the host when it is a name.
      const sniName = expected && !expected.startsWith('spiffe://') ? expected : input.host;
      let socket: tls.TLSSocket;
      try {
        socket = tls.connect(
          clientOptions(tap.port, input.client, expected, sniName, input.versions, (failure) => {
            if (failure) identityError = { at: now(), code: (failure as NodeJS.ErrnoException).code, message: failure.message };
          }),
        );
      } catch (thrown) {
        // Node loads the client's certificate and key as it connects, and throws when they do not load.
        const failure = setupFailure('client', (thrown as NodeJS.ErrnoException).code, (thrown as Error).message);
        reject(new EndpointInputProblem(`${failure.reason} ${failure.fix}`, 'client files'));
        return;
      }
      // The relay carries this connection only, known by its port once it is connected.
      socket.once('connect', () => tap.admit(socket.localPort ?? 0));
      const abort = () => socket.destroy();
      if (input.signal?.aborted) abort();
      input.signal?.addEventListener('abort', abort, { once: true });
      const timer = setTimeout(() => {
        timedOut = true;
        socket.destroy();
      }, input.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      socket.on('keylog', (line) => keylog.push(line.toString('utf8')));
      socket.on('secureConnect', () => {
        protocol = socket.getProtocol() ?? undefined;
        cipher = socket.getCipher()?.standardName;
        // A server that rejects our certificate says so after the handshake in TLS 1.3; give it a moment.
        setTimeout(() => socket.end(), input.settleMs ?? 250).unref();
      });
      socket.on('error', (e) => (error ??= { at: now(), code: (e as NodeJS.ErrnoException).code, message: e.message }));
      socket.on('close', () => {
        clearTimeout(timer);
        input.signal?.removeEventListener('abort', abort);
        resolve();
      });
    });
  } finally {
    // Whatever happened above, the relay must not outlive the probe: left open it would carry the next local client to the target.
    await tap.close();
  }
  const wire = analyzeTranscript(tap.chunks, readKeyLog(keylog));
  const chain = peerChain(wire.serverCertificates ?? []);
  const serverChain = chain.details;
  const report: EndpointReport = {
    ok: false,
    host: input.host,
    port: input.port,
    serverChain,
    clientCertificateSent: (wire.clientCertificates?.length ?? 0) > 0,
    wire: wire.events,
    durationMs: now(),
  };
  if (protocol ?? wire.version) report.protocol = protocol ?? wire.version;
  if (cipher ?? wire.cipher) report.cipher = cipher ?? wire.cipher;
  if (wire.certificateRequested !== undefined) report.certificateRequested = wire.certificateRequested;
  const code = error?.code;
  if (identityError) report.verifyFailure = nameFailure(expected ?? '', serverChain[0]);
  else if (isVerifierVerdict(code)) report.verifyFailure = refusedChain('server', chain, input.client.caPem, new Date(), error?.message);
  const alert = wire.alerts.find((a) => a.from === 'server' && a.alert.level === 'fatal');
  if (timedOut) report.serverRefusal = { failure: timeoutFailure(input.timeoutMs ?? DEFAULT_TIMEOUT_MS) };
  // Our client only ever reaches the relay: whether the target refused is the relay's to say.
  else if (tap.targetError()?.code === 'ECONNREFUSED')
    report.serverRefusal = {
      failure: {
        code: 'connection-closed',
        reason: `Nothing listens on ${input.host}:${input.port}.`,
        fix: 'Check the host and port, and that the server is running.',
      },
    };
  else if (alert)
    report.serverRefusal = {
      alert: alert.alert.name,
      failure:
        alert.alert.name === 'certificate_required'
          ? {
              code: 'no-client-certificate',
              reason: 'The server requires a client certificate and the client sent none.',
              fix: 'Choose a client certificate and key issued by a CA the server trusts.',
            }
          : {
              code: 'connection-closed',
              reason: `The server ended the handshake with the alert ${alert.alert.name}.`,
              fix: 'The alert names what the server disliked; compare the client certificate with the CAs the server trusts.',
            },
    };
  else if (!wire.serverHello) report.serverRefusal = { failure: closedFailure('before the server answered the ClientHello (is it TLS?)') };
  report.ok = report.verifyFailure === undefined && report.serverRefusal === undefined && protocol !== undefined;
  return report;
}
