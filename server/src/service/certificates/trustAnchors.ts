import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { verifyChain, type ChainFailureReason } from '../../../../common/src/x509/chain';
import { verdictText } from '../../../../common/src/x509/verdictText';
import { diagnostic } from '../../documents/diagnostic';
import { certificateDers, certificatesOf } from './chains';
import type { ObjectGroup } from './found';
import { MinuteMemo } from './minuteMemo';

// A chain verified against the trust anchors the document pairs it with (a proxy's workload
// certificate and its ROOTCA), as `openssl verify` would: what a peer holding those roots decides.

/** Failures the certificate checks report on their own (certificate-expired, certificate-not-yet-valid, the time format). */
const REPORTED_ELSEWHERE = new Set<ChainFailureReason>(['expired', 'not yet valid', 'invalid time format']);

/** Verdicts by chain group (see minuteMemo.ts): a verification checks a signature per link. */
const verdicts = new MinuteMemo<Diagnostic | undefined>();

export function trustAnchorDiagnostics(groups: ObjectGroup[], now: Date): Diagnostic[] {
  return groups.flatMap((group) => {
    const trust = group.trustedBy;
    const found = trust && verdicts.get(group, now, 0, () => untrusted(group, trust, now));
    return found ? [found] : [];
  });
}

function untrusted(group: ObjectGroup, trust: ObjectGroup[], now: Date): Diagnostic | undefined {
  const certificates = certificatesOf(group.objects);
  const anchors = trust.flatMap((g) => certificateDers(g.objects));
  if (certificates.length === 0 || anchors.length === 0) return undefined;
  const verdict = verifyChain(
    certificates.map((c) => c.object.der!),
    anchors,
    now,
  );
  if (verdict.ok || !verdict.failure || REPORTED_ELSEWHERE.has(verdict.failure.reason)) return undefined;
  const known = [...certificates, ...trust.flatMap((g) => certificatesOf(g.objects))].map((c) => c.details);
  const roots = trust.map((g) => g.name).join(' and ');
  return diagnostic(
    certificates[0].object.mark,
    DiagnosticSeverity.Warning,
    'chain-untrusted',
    `${verdictText(verdict, known, roots)} The proxy still presents this certificate, but a peer that verifies it with these roots refuses the handshake.`,
  );
}
