import { describeValidity } from '../../../common/src/time/validityPhrase';
import { certificateDetails } from '../../../common/src/x509/decode';
import type { CertificateDetails } from '../../../common/src/x509/model';
import { objectName } from '../../../common/src/x509/objectName';

/** A certificate as a pick shows it, decoded once. */
export interface CertificateSummary {
  details: CertificateDetails;
  name: string;
}

export function summarize(der: Uint8Array): CertificateSummary {
  const details = certificateDetails(der);
  return { details, name: objectName(details) };
}

/** "ECDSA P-256 · expires in 12 months": the key and the expiry, what tells CAs and leaves apart at a glance. */
export function keyAndExpiry(summary: CertificateSummary, now = new Date()): string {
  return `${summary.details.publicKey.description} · ${describeValidity(new Date(summary.details.notBefore), new Date(summary.details.notAfter), now)}`;
}
