// From what one run saw to the timeline a person reads: eight steps, each passed, failed or not
// applicable, with its time and what happened, and the first failure in plain words with its fix.

import type { CertificateDetails } from '../x509/model';
import { objectName } from '../x509/objectName';
import {
  closedFailure,
  NO_CLIENT_CERTIFICATE,
  NO_COMMON_ALGORITHM,
  nameFailure,
  PLAINTEXT_REJECTED,
  setupFailure,
  timeoutFailure,
  unauthorizedFailure,
  versionFailure,
  type Failure,
} from './failures';
import { certificatesIn, isVerifierVerdict, peerChain, refusedChain, type PeerChain } from './peerChains';
import { DEFAULT_TIMEOUT_MS, type HandshakeInput, type RunObservations } from './runHandshake';
import { readKeyLog } from './tls13Decrypt';
import { analyzeTranscript, type WireEvent, type WireFacts } from './transcript';

export const STEP_NAMES = [
  'ClientHello',
  'ServerHello and server certificate',
  'Certificate request',
  'Client certificate',
  'Client verifies server',
  'Server verifies client',
  'Identity authorization',
  'Encrypted application data',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export interface HandshakeStep {
  name: StepName;
  outcome: 'pass' | 'fail' | 'skip';
  /** Milliseconds since the test started, when the step happened. */
  at?: number;
  detail: string;
  failure?: Failure;
}

export interface HandshakeReport {
  ok: boolean;
  mode: HandshakeInput['mode'];
  plaintextClient: boolean;
  steps: HandshakeStep[];
  protocol?: string;
  cipher?: string;
  /** The first failure, in plain words with its fix. */
  error?: Failure & { step: StepName };
  serverChain: CertificateDetails[];
  clientChain: CertificateDetails[];
  clientIdentity?: string;
  wire: WireEvent[];
  durationMs: number;
}

export function handshakeReport(input: HandshakeInput, run: RunObservations, now = new Date()): HandshakeReport {
  const wire = analyzeTranscript(run.wire, readKeyLog(run.client.keylog));
  // The chains as sent on the wire; the server's file when TLS 1.2 sealed nothing yet but the run stopped early.
  const server = peerChain(wire.serverCertificates ?? (run.setup.server ? [] : certificatesIn(input.server.certPem)));
  const client = peerChain(wire.clientCertificates ?? []);
  const serverChain = server.details;
  const clientChain = client.details;
  const steps = new Map<StepName, HandshakeStep>();
  const set = (name: StepName, outcome: HandshakeStep['outcome'], detail: string, at?: number, failure?: Failure) =>
    steps.set(name, { name, outcome, detail, ...(at === undefined ? {} : { at }), ...(failure ? { failure } : {}) });
  const eventAt = (from: 'client' | 'server', what: RegExp) => wire.events.find((e) => e.from === from && what.test(e.what))?.at;
  const plaintext = input.client.plaintext === true;

  if (run.setup.server || run.setup.client) {
    const peer = run.setup.server ? 'server' : 'client';
    const error = (run.setup.server ?? run.setup.client)!;
    set(
      peer === 'server' ? 'ServerHello and server certificate' : 'Client certificate',
      'fail',
      `The ${peer}'s certificate and key could not be loaded.`,
      error.at,
      setupFailure(peer, error.code, error.message),
    );
  } else if (plaintext) {
    plaintextSteps(input, run, wire, set);
  } else {
    tlsSteps(input, run, wire, server, client, now, set, eventAt);
  }
  if ((run.timedOut || run.cancelled) && ![...steps.values()].some((s) => s.outcome === 'fail')) {
    const pending = STEP_NAMES.find((name) => !steps.has(name)) ?? 'Encrypted application data';
    if (run.cancelled) set(pending, 'fail', 'Stopped.', run.durationMs, closedFailure('because the test was stopped before it finished'));
    else set(pending, 'fail', 'Timed out.', run.durationMs, timeoutFailure(input.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  }
  if (run.cancelled) {
    // Whatever broke off, it broke off because the user stopped the run.
    const broken = [...steps.values()].find((s) => s.outcome === 'fail');
    if (broken) set(broken.name, 'fail', 'Stopped.', broken.at, closedFailure('because the test was stopped before it finished'));
  }
  const ordered = STEP_NAMES.map((name) => steps.get(name) ?? { name, outcome: 'skip' as const, detail: 'Not reached.' });
  const firstFailure = ordered.find((s) => s.outcome === 'fail');
  const report: HandshakeReport = {
    ok: firstFailure === undefined && run.client.echoedAt !== undefined,
    mode: input.mode,
    plaintextClient: plaintext,
    steps: ordered,
    serverChain,
    clientChain,
    wire: wire.events,
    durationMs: run.durationMs,
  };
  if (wire.version ?? run.client.protocol) report.protocol = wire.version ?? run.client.protocol;
  if (run.client.cipher ?? wire.cipher) report.cipher = run.client.cipher ?? wire.cipher;
  if (run.server.clientIdentity) report.clientIdentity = run.server.clientIdentity;
  if (firstFailure?.failure) report.error = { ...firstFailure.failure, step: firstFailure.name };
  return report;
}

type Setter = (name: StepName, outcome: HandshakeStep['outcome'], detail: string, at?: number, failure?: Failure) => void;

function plaintextSteps(input: HandshakeInput, run: RunObservations, wire: WireFacts, set: Setter): void {
  const sentAt = wire.events.find((e) => e.from === 'client')?.at;
  if (input.mode === 'optional' && run.server.plaintext) {
    set('ClientHello', 'skip', `The client speaks plaintext; a PERMISSIVE server accepts that on the same port.`, sentAt);
    for (const name of [
      'ServerHello and server certificate',
      'Certificate request',
      'Client certificate',
      'Client verifies server',
      'Server verifies client',
    ] as const)
      set(name, 'skip', 'No TLS: plaintext connection.');
    if (input.allowClients?.length)
      set('Identity authorization', 'fail', 'A plaintext client has no identity.', sentAt, unauthorizedFailure(undefined, input.allowClients));
    else set('Identity authorization', 'skip', 'No identities to check (and a plaintext client has none).');
    if (run.client.echoedAt !== undefined)
      set(
        'Encrypted application data',
        'pass',
        `Echoed back in plaintext (${wire.applicationBytes.server} bytes), unencrypted: PERMISSIVE lets it through.`,
        run.client.echoedAt,
      );
    else set('Encrypted application data', 'fail', 'No answer.', run.client.closedAt, closedFailure('before the server answered'));
    return;
  }
  set('ClientHello', 'fail', `The client sent ${wire.applicationBytes.client} bytes of plaintext instead of a ClientHello.`, sentAt, PLAINTEXT_REJECTED);
}

function tlsSteps(
  input: HandshakeInput,
  run: RunObservations,
  wire: WireFacts,
  server: PeerChain,
  client: PeerChain,
  now: Date,
  set: Setter,
  eventAt: (from: 'client' | 'server', what: RegExp) => number | undefined,
): void {
  const serverChain = server.details;
  const clientChain = client.details;
  const hello = wire.clientHello;
  const helloAt = eventAt('client', /^ClientHello/);
  if (!hello) {
    set('ClientHello', 'fail', 'The client sent no ClientHello.', run.client.error?.at, closedFailure('before the client could start TLS'));
    return;
  }
  set(
    'ClientHello',
    'pass',
    `Offers ${hello.versions.join(', ')}${hello.serverName ? `, server name ${hello.serverName}` : ', no server name (SNI)'}, ${hello.cipherSuites.length} cipher suites.`,
    helloAt,
  );

  const serverHelloAt = eventAt('server', /^ServerHello/);
  const serverAlert = wire.alerts.find((a) => a.from === 'server');
  if (!wire.serverHello) {
    const versionProblem =
      serverAlert?.alert.name === 'protocol_version' || /PROTOCOL|UNSUPPORTED_PROTOCOL/.test(`${run.server.error?.code}${run.client.error?.code}`);
    const failure = versionProblem
      ? versionFailure(hello.versions, input.serverVersions)
      : serverAlert?.alert.name === 'handshake_failure'
        ? NO_COMMON_ALGORITHM
        : closedFailure('before the server answered the ClientHello');
    set(
      'ServerHello and server certificate',
      'fail',
      serverAlert ? `The server answered with the alert ${serverAlert.alert.name}.` : 'The server sent no ServerHello.',
      serverAlert?.at ?? run.server.error?.at,
      failure,
    );
    return;
  }
  const leaf = serverChain[0];
  set(
    'ServerHello and server certificate',
    'pass',
    `${wire.version}, ${wire.cipher}; the server sent ${serverChain.length === 1 ? '1 certificate' : `${serverChain.length} certificates`}${leaf ? `, ${objectName(leaf)}` : ''}${wire.serverCertificates ? '' : ' (read from its file: the handshake was sealed)'}.`,
    serverHelloAt,
  );

  const requestAt = eventAt('server', /^CertificateRequest/);
  if (input.mode === 'tls') set('Certificate request', 'skip', 'One-way TLS: the server does not ask for a client certificate.', serverHelloAt);
  else if (wire.certificateRequested === false)
    set(
      'Certificate request',
      'fail',
      'The server did not ask for a client certificate.',
      serverHelloAt,
      closedFailure('after a server that was to require mTLS did not ask for a certificate'),
    );
  else
    set(
      'Certificate request',
      'pass',
      `The server asks for a client certificate (${input.mode === 'required' ? 'required' : 'optional'}).`,
      requestAt ?? serverHelloAt,
    );

  // The client checks the server when the server's flight arrives, before it answers.
  const clientError = run.client.identityError ?? run.client.error;
  const verifyFailure = serverVerificationFailure(input, run, server, now);
  const verifiedAt = run.client.identityCheckedAt ?? run.client.secureAt ?? clientError?.at;
  const clientCertificateAt = eventAt('client', /^Certificate,/);
  if (verifyFailure) {
    if (input.mode !== 'tls')
      set(
        'Client certificate',
        clientChain.length ? 'pass' : 'skip',
        clientChain.length
          ? `Sent ${clientChain.length} certificate${clientChain.length === 1 ? '' : 's'}, ${objectName(clientChain[0])}.`
          : 'Not sent: the client stopped first.',
        clientCertificateAt,
      );
    set(
      'Client verifies server',
      'fail',
      `The client refused the server's certificate${run.client.error?.code ? ` (${run.client.error.code})` : ''}.`,
      verifiedAt,
      verifyFailure,
    );
    return;
  }
  if (input.mode !== 'tls') {
    if (clientChain.length > 0)
      set(
        'Client certificate',
        'pass',
        `Sent ${clientChain.length} certificate${clientChain.length === 1 ? '' : 's'}: ${objectName(clientChain[0])}.`,
        clientCertificateAt,
      );
    else if (input.mode === 'required') {
      set(
        'Client certificate',
        'fail',
        'The client answered with an empty Certificate message.',
        clientCertificateAt ?? run.server.error?.at,
        NO_CLIENT_CERTIFICATE,
      );
      set('Client verifies server', 'pass', serverVerifiedDetail(input, leaf), verifiedAt);
      return;
    } else set('Client certificate', 'pass', 'None sent; PERMISSIVE accepts a client without one.', clientCertificateAt);
  } else set('Client certificate', 'skip', 'Not asked for (one-way TLS).');
  set('Client verifies server', 'pass', serverVerifiedDetail(input, leaf), verifiedAt);

  if (input.mode === 'tls' || clientChain.length === 0)
    set('Server verifies client', 'skip', input.mode === 'tls' ? 'One-way TLS: the server does not check clients.' : 'No client certificate to check.');
  else {
    const failure = clientVerificationFailure(input, client, now);
    if (failure || (run.server.secureAt === undefined && run.client.echoedAt === undefined)) {
      set(
        'Server verifies client',
        'fail',
        `The server refused the client's certificate${wire.alerts.find((a) => a.from === 'server') ? ` with the alert ${wire.alerts.find((a) => a.from === 'server')!.alert.name}` : ' and closed the connection'}.`,
        run.server.error?.at ?? run.client.closedAt,
        failure ?? closedFailure('while the server checked the client certificate'),
      );
      return;
    }
    set(
      'Server verifies client',
      'pass',
      `Verified ${objectName(clientChain[0])} up to a CA the server trusts; it may act as a TLS client.`,
      run.server.secureAt,
    );
  }

  if (!input.allowClients?.length)
    set(
      'Identity authorization',
      'skip',
      run.server.clientIdentity
        ? `No identities given: any verified client is let in (this one is ${run.server.clientIdentity}).`
        : 'No identities given: any client the handshake accepts is let in.',
    );
  else if (run.server.denied)
    set(
      'Identity authorization',
      'fail',
      `Denied ${run.server.denied}.`,
      run.server.authorizedAt,
      unauthorizedFailure(run.server.clientIdentity, input.allowClients, presentedLeaf(input, run, clientChain)),
    );
  else if (run.server.authorizedAt !== undefined)
    set('Identity authorization', 'pass', `${run.server.clientIdentity} matches ${input.allowClients.join(', ')}.`, run.server.authorizedAt);

  if (run.client.echoedAt !== undefined)
    set(
      'Encrypted application data',
      'pass',
      `Sent ${wire.applicationBytes.client} bytes and got them back, encrypted with ${run.client.cipher ?? wire.cipher}.`,
      run.client.echoedAt,
    );
  else if (!run.server.denied)
    set('Encrypted application data', 'fail', 'No answer came back.', run.client.closedAt, closedFailure('before the echo came back'));
}

/** The leaf the client presented: as sent on the wire, else from its file when the wire stayed sealed. */
function presentedLeaf(input: HandshakeInput, run: RunObservations, sent: CertificateDetails[]): CertificateDetails | undefined {
  if (!run.server.clientPresented) return undefined;
  return sent[0] ?? peerChain(certificatesIn(input.client.certPem)).details[0];
}

function serverVerifiedDetail(input: HandshakeInput, leaf: CertificateDetails | undefined): string {
  const name = input.expectServerName ? `; it is ${input.expectServerName}` : '; no server name to check was given';
  return `Verified ${leaf ? objectName(leaf) : 'the server'} up to a CA the client trusts${name}.`;
}

/** Why the client refused the server, when it did: our own check names the certificate; Node's code confirms it. */
function serverVerificationFailure(input: HandshakeInput, run: RunObservations, chain: PeerChain, now: Date): Failure | undefined {
  if (run.client.identityError) return nameFailure(input.expectServerName ?? '', chain.details[0]);
  const code = run.client.error?.code;
  if (!isVerifierVerdict(code)) return undefined;
  return refusedChain('server', chain, input.client.caPem, now, run.client.error?.message ?? code);
}

function clientVerificationFailure(input: HandshakeInput, chain: PeerChain, now: Date): Failure | undefined {
  return refusedChain('client', chain, input.server.caPem, now);
}
