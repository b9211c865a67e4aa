// What the handshake panel draws, made from the engine's reports in the extension host. The page
// gets plain rows and words only (no certificate bytes, never a key), so it stays a dumb view and
// what it receives is small enough to check field by field on arrival.

import type { EndpointReport } from '../handshake/endpointProbe';
import type { Failure } from '../handshake/failures';
import type { HandshakeReport } from '../handshake/handshakeReport';
import { endpointMarkdown, handshakeMarkdown, scenariosMarkdown } from '../handshake/reportMarkdown';
import type { ScenarioResult } from '../handshake/scenarios';
import type { WireEvent } from '../handshake/transcript';
import { describeValidity } from '../time/validityPhrase';
import type { CertificateDetails } from '../x509/model';
import { objectName } from '../x509/objectName';

export type Outcome = 'pass' | 'fail' | 'skip';

export interface FailureView {
  code: string;
  reason: string;
  fix: string;
  /** The step it stopped at, when a handshake ran. */
  step?: string;
}

export interface StepView {
  name: string;
  outcome: Outcome;
  /** Milliseconds since the test started. */
  at?: number;
  detail: string;
}

export interface ChainCertificateView {
  name: string;
  issuer: string;
  /** "expires in 60 days", "expired 3 days ago". */
  validity: string;
  notAfter: string;
  key: string;
  ca: boolean;
  /** Outside its validity window now. */
  invalidNow: boolean;
}

export interface WireRowView {
  at: number;
  from: 'client' | 'server';
  what: string;
  protection: 'clear' | 'decrypted' | 'sealed';
}

export interface HandshakeResultView {
  kind: 'handshake';
  ok: boolean;
  /** One sentence: "mTLS handshake passed: TLSv1.3, TLS_AES_256_GCM_SHA384, 12.3 ms." */
  headline: string;
  protocol?: string;
  cipher?: string;
  durationMs: number;
  error?: FailureView;
  steps: StepView[];
  serverChain: ChainCertificateView[];
  clientChain: ChainCertificateView[];
  clientIdentity?: string;
  wire: WireRowView[];
  /** What "Copy Report as Markdown" copies; kept with the result so it survives a reload. */
  markdown: string;
}

export interface ScenarioRowView {
  name: string;
  /** "success", or "failure (expired)". */
  expected: string;
  actual: string;
  asExpected: boolean;
  why: string;
  durationMs: number;
}

export interface ScenariosResultView {
  kind: 'scenarios';
  asExpected: number;
  rows: ScenarioRowView[];
  /** Stopped before every scenario ran (the panel was told to stop). */
  stopped: boolean;
  markdown: string;
}

export interface EndpointResultView {
  kind: 'endpoint';
  ok: boolean;
  /** "127.0.0.1:8443". */
  target: string;
  headline: string;
  protocol?: string;
  cipher?: string;
  /** Whether the server asked for a client certificate, and whether one was sent, in words. */
  clientCertificate: string;
  failures: FailureView[];
  serverChain: ChainCertificateView[];
  wire: WireRowView[];
  durationMs: number;
  markdown: string;
}

/** The inputs could not be used (a file missing or unreadable, a field malformed): nothing ran. */
export interface ProblemView {
  kind: 'problem';
  message: string;
}

export type ResultView = HandshakeResultView | ScenariosResultView | EndpointResultView | ProblemView;

const MODE_NAMES: Record<HandshakeReport['mode'], string> = { required: 'mTLS required', optional: 'mTLS optional (PERMISSIVE)', tls: 'one-way TLS' };

const ms = (value: number) => `${value.toFixed(1)} ms`;

function failureView(failure: Failure, step?: string): FailureView {
  return { code: failure.code, reason: failure.reason, fix: failure.fix, ...(step === undefined ? {} : { step }) };
}

export function chainView(chain: CertificateDetails[], now: Date): ChainCertificateView[] {
  return chain.map((certificate) => {
    const notBefore = new Date(certificate.notBefore);
    const notAfter = new Date(certificate.notAfter);
    return {
      name: objectName(certificate),
      issuer: certificate.selfSigned ? 'itself (self-signed)' : (certificate.issuerCommonName ?? certificate.issuer),
      validity: describeValidity(notBefore, notAfter, now),
      notAfter: certificate.notAfter,
      key: certificate.publicKey.description,
      ca: certificate.isCA,
      invalidNow: now < notBefore || now > notAfter,
    };
  });
}

function wireView(events: WireEvent[]): WireRowView[] {
  return events.map((e) => ({ at: e.at, from: e.from, what: e.what, protection: e.protection }));
}

function negotiated(protocol: string | undefined, cipher: string | undefined): string {
  return protocol ? `${protocol}, ${cipher ?? 'unknown cipher'}` : 'no TLS session';
}

export function handshakeView(report: HandshakeReport, now = new Date()): HandshakeResultView {
  const how = `${MODE_NAMES[report.mode]}${report.plaintextClient ? ', plaintext client' : ''}`;
  const view: HandshakeResultView = {
    kind: 'handshake',
    ok: report.ok,
    headline: `${report.ok ? 'Passed' : `Failed at "${report.error?.step ?? 'the end'}"`} (${how}): ${negotiated(report.protocol, report.cipher)}, ${ms(report.durationMs)}.`,
    durationMs: report.durationMs,
    steps: report.steps.map((s) => ({ name: s.name, outcome: s.outcome, detail: s.detail, ...(s.at === undefined ? {} : { at: s.at }) })),
    serverChain: chainView(report.serverChain, now),
    clientChain: chainView(report.clientChain, now),
    wire: wireView(report.wire),
    markdown: handshakeMarkdown(report),
  };
  if (report.protocol) view.protocol = report.protocol;
  if (report.cipher) view.cipher = report.cipher;
  if (report.error) view.error = failureView(report.error, report.error.step);
  if (report.clientIdentity) view.clientIdentity = report.clientIdentity;
  return view;
}

function outcomeText(outcome: 'success' | 'failure', code: string | undefined): string {
  return code ? `${outcome} (${code})` : outcome;
}

export function scenariosView(results: ScenarioResult[], stopped = false): ScenariosResultView {
  return {
    kind: 'scenarios',
    asExpected: results.filter((r) => r.asExpected).length,
    rows: results.map((r) => ({
      name: r.name,
      expected: outcomeText(r.expected, r.expectedFailure),
      actual: outcomeText(r.actual, r.actualFailure),
      asExpected: r.asExpected,
      why:
        r.report.error?.reason ??
        (r.report.protocol ? `${negotiated(r.report.protocol, r.report.cipher)}; the data came back.` : 'No TLS: the data came back in plaintext.'),
      durationMs: r.report.durationMs,
    })),
    stopped,
    markdown: scenariosMarkdown(results),
  };
}

export function endpointView(report: EndpointReport, now = new Date()): EndpointResultView {
  const target = `${report.host.includes(':') ? `[${report.host}]` : report.host}:${report.port}`;
  const requested =
    report.certificateRequested === undefined
      ? 'It was not seen whether the server asks for a client certificate'
      : report.certificateRequested
        ? 'The server asks for a client certificate'
        : 'The server does not ask for a client certificate';
  const view: EndpointResultView = {
    kind: 'endpoint',
    ok: report.ok,
    target,
    headline: `${target}: ${report.ok ? 'handshake completed' : 'handshake failed'} (${negotiated(report.protocol, report.cipher)}, ${ms(report.durationMs)}).`,
    clientCertificate: `${requested}; ${report.clientCertificateSent ? 'ours was sent' : 'none was sent'}.`,
    failures: [report.verifyFailure, report.serverRefusal?.failure].flatMap((f) => (f ? [failureView(f)] : [])),
    serverChain: chainView(report.serverChain, now),
    wire: wireView(report.wire),
    durationMs: report.durationMs,
    markdown: endpointMarkdown(report),
  };
  if (report.protocol) view.protocol = report.protocol;
  if (report.cipher) view.cipher = report.cipher;
  return view;
}
