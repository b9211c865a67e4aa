import { validitySummary } from '../../../../common/src/time/validityPhrase';
import { summarizeChain } from '../../../../common/src/webview/chainSummary';
import { objectName } from '../../../../common/src/x509/objectName';
import { escapeUnsafe } from '../../../../common/src/x509/printable';
import type { CertificateDetails, ChainReport, DecodedObject } from '../../../../common/src/x509/model';
import type { ObjectGroup } from './found';

// How lenses and hovers name objects: one line a person reads at a glance.

/** "issued by Shop CA", or "self-signed" for a certificate that names itself as its issuer. */
export function issuerPhrase(certificate: CertificateDetails): string {
  return certificate.selfSigned ? 'self-signed' : `issued by ${escapeUnsafe(certificate.issuerCommonName ?? (certificate.issuer || '(empty issuer)'))}`;
}

/** The one-line summary of any decoded object: what a lens says and a hover starts with. */
export function objectSummary(decoded: DecodedObject, now: Date): string {
  switch (decoded.kind) {
    case 'certificate':
      return [
        objectName(decoded),
        decoded.publicKey.description,
        validitySummary(new Date(decoded.notBefore), new Date(decoded.notAfter), now),
        issuerPhrase(decoded),
      ].join(' · ');
    case 'csr':
      return ['Certificate request', objectName(decoded), decoded.publicKey.description, ...(decoded.signatureValid ? [] : ['signature does not verify'])].join(
        ' · ',
      );
    case 'privateKey':
      return `Private key · ${decoded.encrypted ? `encrypted (${decoded.format})` : (decoded.publicKey?.description ?? decoded.format)}`;
    case 'publicKey':
      return `Public key · ${decoded.publicKey.description}`;
    case 'unreadable':
      return `Unreadable ${decoded.label || 'object'}: ${decoded.reason}`;
  }
}

/** "Certificate", "Private key", … for a PEM label; "Object" for DER without one. */
export function kindOfLabel(label: string): string {
  if (/CERTIFICATE REQUEST$/.test(label)) return 'Certificate request';
  if (/CERTIFICATE$/.test(label)) return 'Certificate';
  if (/PRIVATE KEY$/.test(label)) return 'Private key';
  if (/PUBLIC KEY$/.test(label)) return 'Public key';
  return label ? `${label.charAt(0)}${label.slice(1).toLowerCase()}` : 'Object';
}

/** The labels we decode: anything else (CRLs, parameters) is shown, never reported as unreadable. */
export function isDecodedLabel(label: string | undefined): boolean {
  return label === undefined || label === '' || /(^|\s)(CERTIFICATE|CERTIFICATE REQUEST|PRIVATE KEY|PUBLIC KEY)$/.test(label);
}

/** What a set of roots reads as: no links to follow, so no chain analysis is needed to say so. */
const NO_LINKS: ChainReport = { links: [], problems: [], endIndex: -1, verified: false };

/**
 * A group's chain in one line, in the decoded view's words ("Chain of 3, ends at root X,
 * verified", where it breaks, or a trust bundle), so lens and view agree; undefined for fewer
 * than two certificates. Trust anchors are a set: their order is not held against them.
 */
export function chainVerdict(group: ObjectGroup): string | undefined {
  const objects = group.objects.filter((o) => o.decoded.kind !== 'certificate' || o.der);
  const certificates = objects.flatMap((o) => (o.decoded.kind === 'certificate' ? [o.decoded] : []));
  if (certificates.length < 2) return undefined;
  // A trust store of a thousand roots is named without verifying a thousand self-signatures.
  if (certificates.every((c) => c.selfSigned)) return summarizeChain(objects, NO_LINKS).verdict;
  const chain = group.chain()!;
  const report = group.role === 'trust' ? { ...chain, problems: chain.problems.filter((p) => p.kind !== 'out-of-order') } : chain;
  return summarizeChain(objects, report).verdict;
}
