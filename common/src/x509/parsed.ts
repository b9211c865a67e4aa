import { signatureFitsKey, signatureScheme, signatureVerifies as schemeVerifies, type SignatureScheme } from './algorithms';
import { children, expectTag, hex, readBitString, readSingle, readTime, TAG } from './der';
import { invalidatingDuplicates, readExtensions, unhandledCriticalExtensions, type NameSubtrees } from './extensions';
import { readName, type DistinguishedName, type GeneralNameValue } from './names';

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
  /** Each validity time is in RFC 5280's strict form, the only one `openssl verify` accepts. */
  strictTimes: { notBefore: boolean; notAfter: boolean };
  /** Subject equals issuer, as OpenSSL compares names. */
  selfIssued: boolean;
  /** The signed part names the same signature algorithm as the outer one (else no verifier accepts the signature). */
  algorithmsAgree: boolean;
  /** Critical extensions OpenSSL does not handle: it refuses the certificate. */
  unhandledCritical: string[];
  /** Extensions present twice that make OpenSSL treat the certificate as invalid. */
  invalidDuplicates: string[];
  /** For name constraint checks: the subject as read, the SANs, and the constraints this CA sets. */
  subjectName: DistinguishedName;
  altNames: GeneralNameValue[];
  nameSubtrees?: NameSubtrees;
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

/**
 * Readings by the bytes' identity: the document services keep one decoded byte array per
 * certificate across edits (see readBlocks.ts), so a keystroke elsewhere in a manifest reads none
 * again, and the key objects and signature checks keyed on these readings stay warm too.
 */
const readings = new WeakMap<Uint8Array, ParsedCertificate | null>();

/** Undefined when the bytes are not a certificate we can read. */
export function parseCertificate(der: Uint8Array): ParsedCertificate | undefined {
  let parsed = readings.get(der);
  if (parsed === undefined) {
    try {
      parsed = read(der);
    } catch {
      parsed = null;
    }
    readings.set(der, parsed);
  }
  return parsed ?? undefined;
}

function read(der: Uint8Array): ParsedCertificate {
  const [tbs, algorithm, signature] = children(expectTag(readSingle(der, 'the certificate'), TAG.SEQUENCE, 'the certificate'));
  const fields = children(expectTag(tbs, TAG.SEQUENCE, 'the signed part'));
  const at = fields[0]?.tag === 0xa0 ? 1 : 0;
  const issuer = readName(fields[at + 2], 'the issuer');
  const [notBefore, notAfter] = children(expectTag(fields[at + 3], TAG.SEQUENCE, 'the validity'));
  const start = readTime(notBefore, 'the start of validity');
  const end = readTime(notAfter, 'the end of validity');
  const subject = readName(fields[at + 4], 'the subject');
  const spki = expectTag(fields[at + 5], TAG.SEQUENCE, 'the public key');
  const extensionsField = fields.slice(at + 6).find((f) => f.tag === 0xa3);
  const extensions = readExtensions(extensionsField ? children(extensionsField)[0] : undefined);
  const subjectKey = nameKey(subject);
  const issuerKey = nameKey(issuer);
  return {
    der,
    subject: subject.text,
    subjectKey,
    issuerKey,
    notBefore: start.date,
    notAfter: end.date,
    strictTimes: { notBefore: start.strict, notAfter: end.strict },
    selfIssued: subjectKey === issuerKey,
    algorithmsAgree: sameDer(
      expectTag(fields[at + 1], TAG.SEQUENCE, 'the inner signature algorithm').bytes,
      expectTag(algorithm, TAG.SEQUENCE, 'the signature algorithm').bytes,
    ),
    unhandledCritical: unhandledCriticalExtensions(extensions.extensions),
    invalidDuplicates: invalidatingDuplicates(extensions.extensions),
    subjectName: subject,
    altNames: extensions.subjectAltNameList,
    ...(extensions.nameSubtrees ? { nameSubtrees: extensions.nameSubtrees } : {}),
    basicConstraints: extensions.isCA === undefined ? undefined : { ca: extensions.isCA, pathLength: extensions.pathLength },
    keyUsage: extensions.hasKeyUsage ? extensions.keyUsage : undefined,
    subjectKeyId: extensions.subjectKeyIdentifier,
    authorityKeyId: extensions.authorityKeyIdentifier,
    version1: at === 0,
    spki: spki.bytes,
    signed: { tbs: tbs.bytes, scheme: signatureScheme(algorithm), signature: readBitString(expectTag(signature, TAG.BIT_STRING, 'the signature')).bits },
  };
}

/** OpenSSL's canonical name: one line per RDN (see rdnKeys). */
function nameKey(name: DistinguishedName): string {
  return rdnKeys(name).join('\n');
}

/**
 * Each RDN as OpenSSL compares it: string values trimmed, ASCII-lower-cased and their spaces
 * collapsed, other values as hex; the attributes of a multi-valued RDN sorted, as DER sorts a SET.
 */
export function rdnKeys(name: DistinguishedName): string[] {
  const rdns: string[][] = [];
  for (const a of name.attributes)
    (rdns[a.rdn] ??= []).push(
      `${a.oid}=${
        a.text === undefined
          ? `#${hex(a.der)}`
          : a.text
              .trim()
              .replace(/\s+/g, ' ')
              .replace(/[A-Z]/g, (c) => c.toLowerCase())
      }`,
    );
  return rdns.map((attributes) => attributes.sort().join('+'));
}

/** The key usage extension is present and lacks keyCertSign (absent means unrestricted). */
export function keyUsageForbidsCertSign(certificate: ParsedCertificate): boolean {
  return certificate.keyUsage !== undefined && !certificate.keyUsage.includes('keyCertSign');
}

/** `issuer`'s name is the one `subject` names as issuer, and their key identifiers do not contradict it (OpenSSL's "likely issued"). */
export function namesIssuer(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  return issuer.subjectKey === subject.issuerKey && keyIdentifiersAgree(issuer, subject);
}

/** OpenSSL's self-signed: self-issued, its key identifiers agree, and its own key is of the kind that made the signature (not verified). */
export function maySignItself(certificate: ParsedCertificate): boolean {
  return certificate.selfIssued && keyIdentifiersAgree(certificate, certificate) && signatureFitsKey(certificate.signed.scheme, certificate.spki);
}

export function keyIdentifiersAgree(issuer: ParsedCertificate, subject: ParsedCertificate): boolean {
  return subject.authorityKeyId === undefined || issuer.subjectKeyId === undefined || subject.authorityKeyId === issuer.subjectKeyId;
}

/** Signature checks already made, by subject then issuer: a verification costs more than the rest of a certificate's lint. */
const verdicts = new WeakMap<ParsedCertificate, WeakMap<ParsedCertificate, boolean>>();

/** `issuer`'s key verifies `subject`'s signature. */
export function signedBy(subject: ParsedCertificate, issuer: ParsedCertificate): boolean {
  // OpenSSL compares the two algorithm fields before it looks at the signature ("certificate signature failure").
  if (!subject.algorithmsAgree) return false;
  let byIssuer = verdicts.get(subject);
  if (!byIssuer) verdicts.set(subject, (byIssuer = new WeakMap()));
  let verdict = byIssuer.get(issuer);
  if (verdict === undefined) byIssuer.set(issuer, (verdict = schemeVerifies(subject.signed.scheme, subject.signed.tbs, subject.signed.signature, issuer.spki)));
  return verdict;
}

export function sameDer(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
