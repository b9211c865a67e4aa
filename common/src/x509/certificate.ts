// The short summary the CodeLens and the first decoded view were built on, now read from the
// full model so both agree with `mesh-mtls inspect`.
import { CertificateDecodeError, certificateDetails } from './decode';
import { identityName } from './objectName';

export { CertificateDecodeError };
export { fingerprint } from './fingerprint';

/** What a person needs to recognise a certificate at a glance. */
export interface CertificateSummary {
  subject: string;
  subjectCommonName?: string;
  issuer: string;
  issuerCommonName?: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  selfSigned: boolean;
  /** For example "ECDSA P-256", "RSA 2048", "Ed25519". */
  publicKey: string;
  dnsNames: string[];
  uris: string[];
  ipAddresses: string[];
  /** Upper-case hex bytes joined by colons, as `openssl x509 -fingerprint -sha256` prints them. */
  sha256Fingerprint: string;
}

/** Throws CertificateDecodeError when `der` is not a readable certificate. */
export function decodeCertificate(der: Uint8Array): CertificateSummary {
  const details = certificateDetails(der);
  return {
    subject: details.subject,
    subjectCommonName: details.subjectCommonName,
    issuer: details.issuer,
    issuerCommonName: details.issuerCommonName,
    serialNumber: details.serialNumber,
    notBefore: new Date(details.notBefore),
    notAfter: new Date(details.notAfter),
    selfSigned: details.selfSigned,
    publicKey: details.publicKey.description,
    dnsNames: details.subjectAltNames.dns,
    uris: details.subjectAltNames.uri,
    ipAddresses: details.subjectAltNames.ip,
    sha256Fingerprint: details.fingerprints.sha256,
  };
}

/** The name a lens or a list shows first: the SPIFFE ID when there is one, else the CN, else the whole subject. */
export function displayName(summary: Pick<CertificateSummary, 'uris' | 'subjectCommonName' | 'subject'>): string {
  return identityName(summary.uris, summary.subjectCommonName, summary.subject);
}
