// "Test a Running Endpoint", as `openssl s_client` would but in words: connect to host:port with
// an optional client certificate and a trust bundle, and say what the server presented, whether
// it asked for a client certificate, what was negotiated and whether the client accepts it.

import { performance } from 'node:perf_hooks';
import * as tls from 'node:tls';
import type { CertificateDetails } from '../x509/model';
import { closedFailure, nameFailure, timeoutFailure, type Failure } from './failures';
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

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

export async function probeEndpoint(input: EndpointInput): Promise<EndpointReport> {
  if (!isLoopback(input.host) && !input.allowRemote) throw new RemoteHostRefused(`${input.host} is not this machine: confirm before testing a remote endpoint`);
  const startedAt = performance.now();
  const now = () => performance.now() - startedAt;
  const tap = await startWireTap({ host: input.host, port: input.port }, startedAt);
  const keylog: string[] = [];
  let error: SideError | undefined;
  let identityError: SideError | undefined;
  let protocol: string | undefined;
  let cipher: string | undefined;
  let timedOut = false;
  const expected = input.expectServerName;
  await new Promise<void>((resolve) => {
    // SNI: the expected DNS name, else the host when it is a name.
    const sniName = expected && !expected.startsWith('spiffe://') ? expected : input.host;
    const socket = tls.connect(
      clientOptions(tap.port, input.client, expected, sniName, input.versions, (failure) => {
        if (failure) identityError = { at: now(), code: (failure as NodeJS.ErrnoException).code, message: failure.message };
      }),
    );
    const abort = () => socket.destroy();
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
  await tap.close();
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
  else if (code === 'ECONNREFUSED') report.serverRefusal = { failure: { code: 'connection-closed', reason: `Nothing listens on ${input.host}:${input.port}.`, fix: 'Check the host and port, and that the server is running.' } };
  else if (alert) report.serverRefusal = { alert: alert.alert.name, failure: alert.alert.name === 'certificate_required' ? { code: 'no-client-certificate', reason: 'The server requires a client certificate and the client sent none.', fix: 'Choose a client certificate and key issued by a CA the server trusts.' } : { code: 'connection-closed', reason: `The server ended the handshake with the alert ${alert.alert.name}.`, fix: 'The alert names what the server disliked; compare the client certificate with the CAs the server trusts.' } };
  else if (!wire.serverHello) report.serverRefusal = { failure: closedFailure('before the server answered the ClientHello (is it TLS?)') };
  report.ok = report.verifyFailure === undefined && report.serverRefusal === undefined && protocol !== undefined;
  return report;
}
