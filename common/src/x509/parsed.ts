import { signatureScheme, signatureVerifies as schemeVerifies, type SignatureScheme } from './algorithms';
import { children, DerError, expectTag, hex, readBitString, readSingle, TAG, type Tlv } from './der';
import { readExtensions } from './extensions';
import { readName, type DistinguishedName } from './names';

/**
 * What chain building needs from one DER certificate, read once with our own DER reader: names,
 * validity, the CA-related extensions, and the signed bytes with their signature. (node:crypto's
 * X509Certificate costs a fifth of a millisecond per certificate through OpenSSL 3's decoders,
 * too slow for a 140-certificate bundle on every keystroke.)
 */
export interface ParsedCertificate {
  der: Uint8Array;
  /** RFC 4514, most significant RDN last (as `openssl -nameopt RFC2253` prints it). */
  subject: string;
  /** Subject and issuer folded the way OpenSSL compares names: ASCII case and runs of spaces ignored. */
  subjectKey: string;
  issuerKey: string;
  notBefore: Date;
  notAfter: Date;
  /** Absent when the certificate has no basicConstraints extension. */
  basicConstraints?: { ca: boolean; pathLength?: number };
  /** RFC 5280 names; absent when the certificate has no keyUsage extension. */
  keyUsage?: string[];
  /** Upper-case hex with colons. */
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** An X.509 v1 certificate (no version field), which OpenSSL accepts as a root without extensions. */
  version1: boolean;
  /** The DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
  signed: { tbs: Uint8Array; scheme: SignatureScheme; signature: Uint8Array };
}

/** Undefined when the bytes are not a certificate we can read. */
export function parseCertificate(der: Uint8Array): ParsedCertificate | undefined {
  try {
    return read(der);
  } catch {
    return undefined;
  }
}

function read(der: Uint8Array): ParsedCertificate {
  const [tbs, algorithm, signature] = children(expectTag(readSingle(der, 'the certificate'), TAG.SEQUENCE, 'the certificate'));
  const fields = children(expectTag(tbs, TAG.SEQUENCE, 'the signed part'));
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = readName(fields[at + 2], 'the issuer');
  const [notBefore, notAfter] = children(expectTag(fields[at + 3], TAG.SEQUENCE, 'the validity')).map(readTime);
  const subject = readName(fields[at + 4], 'the subject');
  const spki = expectTag(fields[at + 5], TAG.SEQUENCE, 'the public key');
  const extensionsField = fields.slice(at + 6).find((f) => f.tag === 0xa3);
  const extensions = readExtensions(extensionsField ? children(extensionsField)[0] : undefined);
  return {
    der,
    subject: subject.text,
    subjectKey: nameKey(subject),
    issuerKey: nameKey(issuer),
    notBefore,
    notAfter,
    basicConstraints: extensions.isCA === undefined ? undefined : { ca: extensions.isCA, pathLength: extensions.pathLength },
    keyUsage: extensions.hasKeyUsage ? extensions.keyUsage : undefined,
    subjectKeyId: extensions.subjectKeyIdentifier,
    authorityKeyId: extensions.authorityKeyIdentifier,
    version1: at === 0,
    spki: spki.bytes,
    signed: { tbs: tbs.bytes, scheme: signatureScheme(algorithm), signature: readBitString(expectTag(signature, TAG.BIT_STRING, 'the signature')).bits },
  };
}

/** OpenSSL's canonical name: each string value trimmed, ASCII-lower-cased and its spaces collapsed; RDN boundaries kept. */
function nameKey(name: DistinguishedName): string {
  return name.attributes.map((a) => `${a.rdn}|${a.oid}=${a.text === undefined ? `#${hex(a.der)}` : a.text.trim().replace(/\s+/g, ' ').replace(/[A-Z]/g, (c) => c.toLowerCase())}`).join('\n');
}

/** UTCTime (YYMMDDHHMMSSZ, years 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ), as RFC 5280 4.1.2.5 fixes them. */
const latin1 = new TextDecoder('latin1');

function readTime(tlv: Tlv): Date {
  const text = latin1.decode(tlv.content);
  const match = tlv.tag === TAG.UTC_TIME ? /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text) : tlv.tag === TAG.GENERALIZED_TIME ? /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text) : null;
  if (!match) throw new DerError(`the time at byte ${tlv.offset} is not a UTCTime or GeneralizedTime in UTC`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const fullYear = tlv.tag === TAG.UTC_TIME ? (year < 50 ? 2000 + year : 1900 + year) : year;
  return new Date(Date.UTC(fullYear, month - 1, day, hour, minute, second));
}

/** The key usage extension is present and lacks keyCertSign (absent means unrestricted). */
export function keyUsageForbidsCertSign(certificate: ParsedCertificate): boolean {
  return certificate.keyUsage !== undefined && !certificate.keyUsage.includes('keyCertSign');
}

/** `issuer`'s name is the one `subject` names as issuer, and their key identifiers do not contradict it (OpenSSL's "likely issued"). */
export function namesIssuer(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  return issuer.subjectKey === subject.issuerKey && keyIdentifiersAgree(issuer, subject);
}

export function keyIdentifiersAgree(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  return subject.authorityKeyId === undefined || issuer.subjectKeyId === undefined || subject.authorityKeyId === issuer.subjectKeyId;
}

/** `issuer`'s key verifies `subject`'s signature. */
export function signedBy(subject: ParsedCertificate, issuer: ParsedCertificate): boolean {
  return schemeVerifies(subject.signed.scheme, subject.signed.tbs, subject.signed.signature, issuer.spki);
}

export function sameDer(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
