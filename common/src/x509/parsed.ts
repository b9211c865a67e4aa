import { X509Certificate } from 'node:crypto';
import { contentStart } from './derHeader';
import { x509 } from './library';

/**
 * What chain building needs from one DER certificate, read once: node:crypto for signatures and
 * keys, @peculiar/x509 for the extensions node:crypto does not expose.
 */
export interface ParsedCertificate {
  der: Uint8Array;
  certificate: X509Certificate;
  /** RFC 4514, most significant RDN last (as `openssl -nameopt RFC2253` prints it). */
  subject: string;
  /** Subject and issuer folded the way OpenSSL compares names: case and runs of spaces ignored. */
  subjectKey: string;
  issuerKey: string;
  notBefore: Date;
  notAfter: Date;
  /** Absent when the certificate has no basicConstraints extension. */
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** KeyUsageFlags bits; absent when the certificate has no keyUsage extension. */
  keyUsage?: number;
  /** Lower-case hex. */
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** An X.509 v1 certificate (no version field), which OpenSSL accepts as a root without extensions. */
  version1: boolean;
}

/** Undefined when the bytes are not a certificate both libraries can read. */
export function parseCertificate(der: Uint8Array): ParsedCertificate | undefined {
  try {
    const certificate = new X509Certificate(der);
    const peculiar = new x509.X509Certificate(der);
    const basic = peculiar.getExtension(x509.BasicConstraintsExtension);
    const usage = peculiar.getExtension(x509.KeyUsagesExtension);
    const subjectName = certificate.subject ?? '';
    return {
      der,
      certificate,
      subject: rfc4514(subjectName),
      subjectKey: foldName(subjectName),
      issuerKey: foldName(certificate.issuer ?? ''),
      notBefore: peculiar.notBefore,
      notAfter: peculiar.notAfter,
      basicConstraints: basic ? { ca: basic.ca, pathLength: basic.pathLength } : undefined,
      keyUsage: usage?.usages,
      subjectKeyId: peculiar.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId.toLowerCase(),
      authorityKeyId: peculiar.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId?.toLowerCase(),
      version1: !hasVersionField(der),
    };
  } catch {
    return undefined;
  }
}

export const KEY_CERT_SIGN = x509.KeyUsageFlags.keyCertSign;

/** The key usage extension is present and lacks keyCertSign (absent means unrestricted). */
export function keyUsageForbidsCertSign(certificate: ParsedCertificate): boolean {
  return certificate.keyUsage !== undefined && (certificate.keyUsage & KEY_CERT_SIGN) === 0;
}

/** `issuer`'s name is the one `subject` names as issuer, and their key identifiers do not contradict it (OpenSSL's "likely issued"). */
export function namesIssuer(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  return issuer.subjectKey === subject.issuerKey && keyIdentifiersAgree(issuer, subject);
}

export function keyIdentifiersAgree(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  return subject.authorityKeyId === undefined || issuer.subjectKeyId === undefined || subject.authorityKeyId === issuer.subjectKeyId;
}

export function signatureVerifies(subject: ParsedCertificate, issuer: ParsedCertificate): boolean {
  try {
    return subject.certificate.verify(issuer.certificate.publicKey);
  } catch {
    return false;
  }
}

export function sameDer(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

// node:crypto prints names one RDN a line, most significant first, with RFC 2253 escaping.
function rfc4514(multiline: string): string {
  return multiline === '' ? '' : multiline.split('\n').reverse().join(',');
}

function foldName(multiline: string): string {
  return multiline.toLowerCase().replace(/\s+/g, ' ').trim();
}

// Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { [0] version OPTIONAL, ... } ... }: a v1
// certificate omits the [0] field.
function hasVersionField(der: Uint8Array): boolean {
  return der[contentStart(der, contentStart(der, 0))] === 0xa0;
}
