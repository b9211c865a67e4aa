// From PEM blocks and DER bytes to the model: certificates, requests, private and public keys.
// `decodeDer` and `decodePemBlock` never throw: whatever is wrong with the input becomes an
// 'unreadable' object whose reason says, in plain words, where it stops making sense.
import type { PemBlock, PemProblem } from '../pem/blocks';
import { signatureFitsKey, signatureScheme, signatureVerifies } from './algorithms';
import {
  children,
  DerError,
  expectTag,
  integerContent,
  readBitString,
  readOid,
  readSingle,
  readSmallInteger,
  readTime,
  readTlv,
  TAG,
  tagName,
  type Tlv,
} from './der';
import { readExtensions } from './extensions';
import { fingerprint } from './fingerprint';
import type { CertificateDetails, CsrDetails, DecodedObject, PublicKeyDetails, UnreadableDetails } from './model';
import { readName } from './names';
import { sameDer } from './parsed';
import { openSshKeyDetails, privateKeyDetails } from './privateKeys';
import { describePkcs1PublicKey, describeSpki } from './publicKey';

export class CertificateDecodeError extends Error {}

/** Decodes a DER certificate; throws CertificateDecodeError saying what is malformed. */
export function certificateDetails(der: Uint8Array): CertificateDetails {
  try {
    return readCertificate(der);
  } catch (error) {
    throw new CertificateDecodeError(`not an X.509 certificate: ${messageOf(error)}`);
  }
}

function readCertificate(der: Uint8Array): CertificateDetails {
  const [tbs, signatureAlgorithm, signature, extra] = children(expectTag(readSingle(der, 'the certificate'), TAG.SEQUENCE, 'the certificate'));
  expectTag(tbs, TAG.SEQUENCE, 'the signed part of the certificate');
  expectTag(signatureAlgorithm, TAG.SEQUENCE, 'the signature algorithm');
  readBitString(expectTag(signature, TAG.BIT_STRING, 'the signature'));
  if (extra) throw new DerError(`a certificate has 3 parts, this one has more (a ${tagName(extra.tag)} at byte ${extra.offset})`);

  const fields = children(tbs);
  let at = 0;
  let version = 1;
  if (fields[0]?.tag === 0xa0) {
    version = readSmallInteger(children(fields[0])[0], 'the version') + 1;
    if (version > 3) throw new DerError(`X.509 has versions 1 to 3, this certificate says ${version}`);
    at = 1;
  }
  const serial = expectTag(fields[at], TAG.INTEGER, 'the serial number');
  const innerAlgorithm = expectTag(fields[at + 1], TAG.SEQUENCE, 'the inner signature algorithm');
  const issuer = readName(fields[at + 2], 'the issuer');
  const [notBefore, notAfter] = children(expectTag(fields[at + 3], TAG.SEQUENCE, 'the validity'));
  const subject = readName(fields[at + 4], 'the subject');
  const spki = expectTag(fields[at + 5], TAG.SEQUENCE, 'the public key');
  const extensionsField = fields.slice(at + 6).find((f) => f.tag === 0xa3);
  const extensions = readExtensions(extensionsField ? children(extensionsField)[0] : undefined);
  const scheme = signatureScheme(signatureAlgorithm);
  return {
    kind: 'certificate',
    version,
    serialNumber: serialHex(serial),
    subject: subject.text,
    issuer: issuer.text,
    ...(subject.commonName !== undefined ? { subjectCommonName: subject.commonName } : {}),
    ...(issuer.commonName !== undefined ? { issuerCommonName: issuer.commonName } : {}),
    notBefore: isoTime(readTime(notBefore, 'the start of validity').date),
    notAfter: isoTime(readTime(notAfter, 'the end of validity').date),
    subjectAltNames: extensions.subjectAltNames,
    publicKey: describeSpki(spki.bytes),
    signatureAlgorithm: scheme.name,
    ...(scheme.hash ? { signatureHash: scheme.hash } : {}),
    ...(sameDer(innerAlgorithm.bytes, signatureAlgorithm.bytes) ? {} : { innerSignatureAlgorithm: algorithmName(innerAlgorithm) }),
    isCA: extensions.isCA ?? false,
    ...(extensions.pathLength !== undefined ? { pathLength: extensions.pathLength } : {}),
    keyUsage: extensions.keyUsage,
    hasKeyUsage: extensions.hasKeyUsage,
    extendedKeyUsage: extensions.extendedKeyUsage,
    hasExtendedKeyUsage: extensions.hasExtendedKeyUsage,
    ...(extensions.subjectKeyIdentifier ? { subjectKeyIdentifier: extensions.subjectKeyIdentifier } : {}),
    ...(extensions.authorityKeyIdentifier ? { authorityKeyIdentifier: extensions.authorityKeyIdentifier } : {}),
    crlDistributionPoints: extensions.crlDistributionPoints,
    ocsp: extensions.ocsp,
    caIssuers: extensions.caIssuers,
    ...(extensions.nameConstraints ? { nameConstraints: extensions.nameConstraints } : {}),
    extensions: extensions.extensions,
    fingerprints: { sha1: fingerprint(der, 'sha1'), sha256: fingerprint(der, 'sha256') },
    selfSigned:
      subject.text === issuer.text &&
      signatureFitsKey(scheme, spki.bytes) &&
      (extensions.authorityKeyIdentifier === undefined ||
        extensions.subjectKeyIdentifier === undefined ||
        extensions.authorityKeyIdentifier === extensions.subjectKeyIdentifier),
  };
}

/** As `openssl x509 -serial` prints it: upper-case hex, whole bytes, a minus sign for negative serials. */
function serialHex(serial: Tlv): string {
  const bytes = integerContent(serial, 'the serial number');
  let value = BigInt(`0x${Buffer.from(bytes).toString('hex')}`);
  if (bytes[0] & 0x80) value -= 1n << BigInt(bytes.length * 8);
  const magnitude = (value < 0n ? -value : value).toString(16).toUpperCase();
  return `${value < 0n ? '-' : ''}${magnitude.length % 2 ? '0' : ''}${magnitude}`;
}

/** The signed part's algorithm by name, or its hex when it cannot even be read (it differs from the outer one either way). */
function algorithmName(algorithm: Tlv): string {
  try {
    return signatureScheme(algorithm).name;
  } catch {
    return `#${Buffer.from(algorithm.bytes).toString('hex').toUpperCase()}`;
  }
}

function isoTime(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
// Microsoft's older attribute for the same thing; some Windows tools still write it.
const MS_EXTENSION_REQUEST = '1.3.6.1.4.1.311.2.1.14';

function readCsr(der: Uint8Array): CsrDetails {
  const [info, signatureAlgorithm, signature, extra] = children(expectTag(readSingle(der, 'the request'), TAG.SEQUENCE, 'the request'));
  expectTag(info, TAG.SEQUENCE, 'the signed part of the request');
  expectTag(signatureAlgorithm, TAG.SEQUENCE, 'the signature algorithm');
  const { bits, unused } = readBitString(expectTag(signature, TAG.BIT_STRING, 'the signature'));
  if (extra) throw new DerError(`a certificate request has 3 parts, this one has more (a ${tagName(extra.tag)} at byte ${extra.offset})`);
  const [version, subjectTlv, spki, attributes] = children(info);
  const versionNumber = readSmallInteger(version, 'the request version');
  if (versionNumber !== 0) throw new DerError(`PKCS#10 has only version 1 (0), this request says ${versionNumber}`);
  const subject = readName(subjectTlv, 'the subject');
  expectTag(spki, TAG.SEQUENCE, 'the public key');
  let extensionsTlv: Tlv | undefined;
  if (attributes) {
    expectTag(attributes, 0xa0, 'the attributes');
    for (const attribute of children(attributes)) {
      const [type, values] = children(expectTag(attribute, TAG.SEQUENCE, 'an attribute'));
      const oid = readOid(type);
      if (oid === EXTENSION_REQUEST || oid === MS_EXTENSION_REQUEST) extensionsTlv = children(expectTag(values, TAG.SET, 'the requested extensions'))[0];
    }
  }
  const extensions = readExtensions(extensionsTlv);
  const scheme = signatureScheme(signatureAlgorithm);
  return {
    kind: 'csr',
    subject: subject.text,
    ...(subject.commonName !== undefined ? { subjectCommonName: subject.commonName } : {}),
    subjectAltNames: extensions.subjectAltNames,
    publicKey: describeSpki(spki.bytes),
    signatureAlgorithm: scheme.name,
    signatureValid: unused === 0 && signatureVerifies(scheme, info.bytes, bits, spki.bytes),
    keyUsage: extensions.keyUsage,
    extendedKeyUsage: extensions.extendedKeyUsage,
    ...(extensions.isCA !== undefined ? { isCA: extensions.isCA } : {}),
    extensions: extensions.extensions,
  };
}

function readPublicKey(der: Uint8Array): PublicKeyDetails {
  return { kind: 'publicKey', publicKey: describeSpki(der) };
}

type Reader = (der: Uint8Array) => DecodedObject;

const READERS: Record<string, Reader> = {
  CERTIFICATE: readCertificate,
  'X509 CERTIFICATE': readCertificate,
  // OpenSSL's trusted form appends its trust settings after the certificate; we read the certificate.
  'TRUSTED CERTIFICATE': (der) => readCertificate(readTlv(der).bytes),
  'CERTIFICATE REQUEST': readCsr,
  'NEW CERTIFICATE REQUEST': readCsr,
  'PRIVATE KEY': (der) => privateKeyDetails(der, 'pkcs8'),
  'ENCRYPTED PRIVATE KEY': (der) => privateKeyDetails(der, 'encrypted-pkcs8'),
  'RSA PRIVATE KEY': (der) => privateKeyDetails(der, 'pkcs1'),
  'EC PRIVATE KEY': (der) => privateKeyDetails(der, 'sec1'),
  'PUBLIC KEY': readPublicKey,
  'RSA PUBLIC KEY': (der) => ({ kind: 'publicKey', publicKey: describePkcs1PublicKey(der) }),
  'OPENSSH PRIVATE KEY': openSshKeyDetails,
};

/** What each label should hold, for reasons ("…does not hold a readable certificate: …"). */
const WHAT: Record<string, string> = {
  CERTIFICATE: 'certificate',
  'X509 CERTIFICATE': 'certificate',
  'TRUSTED CERTIFICATE': 'certificate',
  'CERTIFICATE REQUEST': 'certificate request',
  'NEW CERTIFICATE REQUEST': 'certificate request',
  'PRIVATE KEY': 'PKCS#8 private key',
  'ENCRYPTED PRIVATE KEY': 'encrypted PKCS#8 private key',
  'RSA PRIVATE KEY': 'PKCS#1 RSA private key',
  'EC PRIVATE KEY': 'SEC1 EC private key',
  'PUBLIC KEY': 'public key',
  'RSA PUBLIC KEY': 'PKCS#1 RSA public key',
  'OPENSSH PRIVATE KEY': 'OpenSSH private key',
};

/**
 * Decodes DER bytes. With a PEM label, reads the kind the label names; without one (a bare DER
 * file), recognises certificates, requests, PKCS#8, PKCS#1 and SEC1 keys and SubjectPublicKeyInfo
 * by their outline. Never throws; unreadable input gives `{kind: 'unreadable'}` with label ''
 * when there was no label.
 */
export function decodeDer(der: Uint8Array, label?: string): DecodedObject {
  return rememberedDecoding(der, label).decoded;
}

/** A decoding with the bytes it was read from: the first array seen with those bytes, while it is remembered. */
export interface RememberedDecoding {
  decoded: DecodedObject;
  der: Uint8Array;
}

/**
 * Decodings by label and bytes, most recently used last. Every edit of a manifest reads its
 * certificates again (the editor's checks, the admission rules, the workspace model), but only
 * bytes never seen before are decoded; and since the same bytes come back as the same array, the
 * signature and key checks keyed on that array (parsed.ts, keys.ts) are not repeated either.
 * Decoded objects are plain data that no reader changes, so everyone shares them.
 */
const remembered = new Map<string, RememberedDecoding>();
/** Room for the certificates of a few files at the editor's bound of 1,000 per file. */
const MAX_REMEMBERED = 4_000;

export function rememberedDecoding(der: Uint8Array, label?: string): RememberedDecoding {
  const key = `${label ?? '?'}\n${Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('latin1')}`;
  const known = remembered.get(key);
  if (known) {
    remembered.delete(key);
    remembered.set(key, known);
    return known;
  }
  const fresh = { decoded: decodeUnremembered(der, label), der };
  remembered.set(key, fresh);
  if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value!);
  return fresh;
}

function decodeUnremembered(der: Uint8Array, label?: string): DecodedObject {
  try {
    if (label === undefined) return sniff(der);
    const reader = READERS[label];
    if (!reader) return unreadable(label, `we do not decode "${label}" blocks, only certificates, certificate requests and keys`);
    try {
      return reader(der);
    } catch (error) {
      return unreadable(label, `the block does not hold a readable ${WHAT[label]}: ${messageOf(error)}`);
    }
  } catch (error) {
    // Nothing above should throw; if something does, the caller still gets an object.
    return unreadable(label ?? '', `it could not be read (${messageOf(error)})`);
  }
}

function sniff(der: Uint8Array): DecodedObject {
  if (der.length === 0) return unreadable('', 'the data is empty');
  if (der[0] !== TAG.SEQUENCE) return unreadable('', `it is not DER: it should start with a SEQUENCE (byte 0x30), not ${tagName(der[0])}`);
  let items: Tlv[];
  try {
    items = children(readSingle(der, 'the data'));
  } catch (error) {
    return unreadable('', `it is not DER: ${messageOf(error)}`);
  }
  const guess = guessLabel(items);
  if (!guess) {
    const outline = items
      .slice(0, 6)
      .map((i) => tagName(i.tag))
      .join(', ');
    return unreadable(
      '',
      `the DER is none of the objects we decode (certificate, certificate request, private or public key): a SEQUENCE of ${items.length} element${items.length === 1 ? '' : 's'} (${outline}${items.length > 6 ? ', …' : ''})`,
    );
  }
  const decoded = decodeUnremembered(der, guess);
  // The label was our guess, not the file's: report an unreadable result without it.
  return decoded.kind === 'unreadable' ? { ...decoded, label: '' } : decoded;
}

/** The PEM label an outline of top-level elements belongs to. */
function guessLabel(items: Tlv[]): string | undefined {
  const tags = items.map((i) => i.tag);
  const [a, b, c] = tags;
  if (items.length === 3 && a === TAG.SEQUENCE && b === TAG.SEQUENCE && c === TAG.BIT_STRING) {
    // A certificate's signed part starts with its [0] version (or, in version 1, has at least
    // six fields); a request's has four: version, subject, key and [0] attributes.
    const inner = children(items[0]);
    return inner[0]?.tag === 0xa0 || inner.length >= 6 ? 'CERTIFICATE' : 'CERTIFICATE REQUEST';
  }
  if (items.length === 2 && a === TAG.SEQUENCE && b === TAG.BIT_STRING) return 'PUBLIC KEY';
  if (items.length === 2 && a === TAG.SEQUENCE && b === TAG.OCTET_STRING) return 'ENCRYPTED PRIVATE KEY';
  if (items.length === 2 && a === TAG.INTEGER && b === TAG.INTEGER) return 'RSA PUBLIC KEY';
  if (items.length >= 3 && a === TAG.INTEGER && b === TAG.SEQUENCE && c === TAG.OCTET_STRING) return 'PRIVATE KEY';
  if (items.length >= 9 && tags.every((t) => t === TAG.INTEGER)) return 'RSA PRIVATE KEY';
  if (items.length >= 2 && a === TAG.INTEGER && b === TAG.OCTET_STRING) return 'EC PRIVATE KEY';
  return undefined;
}

const PRIVATE_KEY_LABEL = /(^|\s)PRIVATE KEY$/;

/** Decodes one PEM block, honouring its RFC 1421 headers and reporting its syntax problems. */
export function decodePemBlock(block: PemBlock): DecodedObject {
  if (block.problem) return unreadable(block.label, problemReason(block.problem));
  if (block.headers.some((h) => /^Proc-Type:\s*4\s*,\s*ENCRYPTED\s*$/i.test(h))) {
    if (PRIVATE_KEY_LABEL.test(block.label)) return { kind: 'privateKey', format: 'legacy encrypted PEM', encrypted: true };
    return unreadable(block.label, 'the block is encrypted with a passphrase (Proc-Type: 4,ENCRYPTED); we never ask for passphrases');
  }
  if (!block.der) return unreadable(block.label, 'the block has no body');
  return decodeDer(block.der, block.label);
}

function problemReason(problem: PemProblem): string {
  switch (problem.kind) {
    case 'unterminated':
      return 'the block has no END line';
    case 'label-mismatch':
      return `the END line says "${problem.endLabel}", not the label of the BEGIN line`;
    case 'bad-base64':
      return `line ${problem.line + 1} of the text is not base64`;
    case 'empty':
      return 'the block has no base64 body';
  }
}

function unreadable(label: string, reason: string): UnreadableDetails {
  return { kind: 'unreadable', label, reason };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
