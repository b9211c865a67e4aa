import { createHash, createPublicKey } from 'node:crypto';
import { x509 } from './library';

/** What a person needs to recognise a certificate at a glance. */
export interface CertificateSummary {
  subject: string;
  subjectCommonName?: string;
  issuer: string;
  issuerCommonName?: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  selfIssued: boolean;
  /** For example "ECDSA P-256", "RSA 2048", "Ed25519". */
  publicKey: string;
  dnsNames: string[];
  uris: string[];
  ipAddresses: string[];
  /** Upper-case hex bytes joined by colons, as `openssl x509 -fingerprint -sha256` prints them. */
  sha256Fingerprint: string;
}

export class CertificateDecodeError extends Error {}

export function decodeCertificate(der: Uint8Array): CertificateSummary {
  try {
    return summarize(der);
  } catch (error) {
    // Any malformed part (the outer structure or one extension) makes the whole certificate unreadable.
    throw new CertificateDecodeError(`not an X.509 certificate (${(error as Error).message})`);
  }
}

function summarize(der: Uint8Array): CertificateSummary {
  const cert = new x509.X509Certificate(der);
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const names = san?.names.items ?? [];
  const ofType = (type: string) => names.filter((n) => n.type === type).map((n) => n.value);
  return {
    subject: cert.subject,
    subjectCommonName: cert.subjectName.getField('CN')[0],
    issuer: cert.issuer,
    issuerCommonName: cert.issuerName.getField('CN')[0],
    serialNumber: cert.serialNumber.toUpperCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    selfIssued: cert.subject === cert.issuer,
    publicKey: describePublicKey(cert.publicKey.rawData),
    dnsNames: ofType('dns'),
    uris: ofType('url'),
    ipAddresses: ofType('ip'),
    sha256Fingerprint: fingerprint(der, 'sha256'),
  };
}

/** The name a lens or a list shows first: the SPIFFE ID when there is one, else the CN, else the whole subject. */
export function displayName(summary: CertificateSummary): string {
  return summary.uris.find((u) => u.startsWith('spiffe://')) ?? summary.subjectCommonName ?? (summary.subject || '(empty subject)');
}

export function fingerprint(der: Uint8Array, algorithm: 'sha1' | 'sha256'): string {
  return createHash(algorithm).update(der).digest('hex').toUpperCase().replace(/(..)(?!$)/g, '$1:');
}

const CURVE_NAMES: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

function describePublicKey(spki: ArrayBuffer): string {
  try {
    const key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
    const details = key.asymmetricKeyDetails ?? {};
    switch (key.asymmetricKeyType) {
      case 'rsa':
      case 'rsa-pss':
        return `RSA ${details.modulusLength ?? '?'}`;
      case 'ec':
        return `ECDSA ${CURVE_NAMES[details.namedCurve ?? ''] ?? details.namedCurve ?? '?'}`;
      case 'ed25519':
        return 'Ed25519';
      case 'ed448':
        return 'Ed448';
      default:
        return key.asymmetricKeyType ?? 'unknown key';
    }
  } catch {
    return 'unreadable key';
  }
}
