// The Certificates view's content: which certificates, in which order, and how each is shown.
// Pure (no vscode), so ordering and badges are unit-tested directly.

import { CERTIFICATE_FILE_EXTENSIONS } from '../../../common/src/files/certificateFiles';
import { expiryStatus, type ExpiryStatus } from '../../../common/src/time/expiryStatus';
import { describeValidity } from '../../../common/src/time/validityPhrase';
import type { CertificateDetails } from '../../../common/src/x509/model';
import { objectName } from '../../../common/src/x509/objectName';

/** The file extensions whose files may hold certificates: the pem language's, and binary DER. */
export const CERTIFICATE_FILE_GLOB = `**/*.{${CERTIFICATE_FILE_EXTENSIONS.join(',')}}`;

/** Manifests, whose Secrets, ConfigMaps and Helm values may hold certificates the server finds. */
export const MANIFEST_FILE_GLOB = '**/*.{yaml,yml}';

export interface ListedCertificate {
  /** The file, as a URI string. */
  uri: string;
  /** The file as the workspace names it, for descriptions and tooltips. */
  fileName: string;
  /** Zero-based line of its PEM block or YAML value; absent in binary DER files. */
  line?: number;
  /** Its place among the file's objects, telling apart certificates that share a YAML value. */
  index?: number;
  /** In a manifest, the value holding it: "tls.crt of Secret shop/cart-tls". */
  source?: string;
  certificate: CertificateDetails;
}

export interface ListedFacts {
  label: string;
  description: string;
  status: ExpiryStatus;
  tooltip: string[];
}

/** Soonest expiry first (expired ones lead), then by name and place, so the order is stable. */
export function sortByExpiry(entries: ListedCertificate[]): ListedCertificate[] {
  return [...entries].sort(
    (a, b) =>
      Date.parse(a.certificate.notAfter) - Date.parse(b.certificate.notAfter) ||
      objectName(a.certificate).localeCompare(objectName(b.certificate)) ||
      a.fileName.localeCompare(b.fileName) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.index ?? 0) - (b.index ?? 0),
  );
}

export function listedFacts(entry: ListedCertificate, now: Date, expiringSoonDays: number): ListedFacts {
  const { certificate } = entry;
  const notBefore = new Date(certificate.notBefore);
  const notAfter = new Date(certificate.notAfter);
  const validity = describeValidity(notBefore, notAfter, now);
  const place = entry.line === undefined ? entry.fileName : `${entry.fileName}:${entry.line + 1}`;
  return {
    label: objectName(certificate),
    // A certificate inside a manifest says where, since a file name alone cannot.
    description: entry.source ? `${validity} · ${entry.source}` : validity,
    status: expiryStatus(notBefore, notAfter, now, expiringSoonDays),
    tooltip: [
      `Subject: ${certificate.subject || '(empty)'}`,
      `Issuer: ${certificate.issuer || '(empty)'}`,
      `Key: ${certificate.publicKey.description}${certificate.isCA ? ' · CA' : ''}`,
      `Not after: ${certificate.notAfter} (${validity})`,
      `File: ${place}`,
      ...(entry.source ? [`In: ${entry.source}`] : []),
    ],
  };
}

/** What the view's badge counts: the certificates that need attention. */
export function attentionCount(entries: ListedCertificate[], now: Date, expiringSoonDays: number): { expired: number; soon: number } {
  let expired = 0;
  let soon = 0;
  for (const entry of entries) {
    const status = expiryStatus(new Date(entry.certificate.notBefore), new Date(entry.certificate.notAfter), now, expiringSoonDays);
    if (status === 'expired') expired++;
    else if (status === 'expiring-soon') soon++;
  }
  return { expired, soon };
}
