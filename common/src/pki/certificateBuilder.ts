// Encodes and signs one X.509 v3 certificate from a template. What goes in (usages, names,
// constraints) is decided by the callers in mint.ts; this file only writes it as RFC 5280 says.

import { createHash, randomBytes } from 'node:crypto';
import { parseCidr } from '../net/cidr';
import { children, readBitString, readSingle } from '../x509/der';
import { parseCertificate } from '../x509/parsed';
import {
  bitString,
  boolean,
  explicit,
  implicit,
  implicitConstructed,
  namedBits,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './derWriter';
import { signer, type SigningKey } from './keyPairs';

export interface NameSpec {
  commonName?: string;
  organization?: string;
}

export type KeyUsageName = 'digitalSignature' | 'keyEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign';
export type ExtendedKeyUsageName = 'serverAuth' | 'clientAuth';

export interface SubjectAltNameSpec {
  dns?: string[];
  ip?: string[];
  uri?: string[];
  email?: string[];
}

export interface NameConstraintsSpec {
  /** DNS subtrees ("shop.svc.cluster.local" covers it and every name below it). */
  permittedDns?: string[];
  excludedDns?: string[];
  /** URI hosts or domains: "shop.local" permits spiffe://shop.local/... (SPIFFE trust domains). */
  permittedUri?: string[];
}

export interface CertificateTemplate {
  subject: NameSpec;
  notBefore: Date;
  notAfter: Date;
  basicConstraints: { ca: boolean; pathLength?: number };
  keyUsage: KeyUsageName[];
  extendedKeyUsage?: ExtendedKeyUsageName[];
  subjectAltNames?: SubjectAltNameSpec;
  nameConstraints?: NameConstraintsSpec;
  /** Magnitude bytes; random (127 bits) when absent. */
  serialNumber?: Uint8Array;
}

/** What signing under a CA needs: its subject exactly as encoded, its key and its key identifier. */
export interface IssuerIdentity {
  subjectDer: Uint8Array;
  key: SigningKey;
  keyIdentifier: Uint8Array;
}

const OID = {
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  nameConstraints: '2.5.29.30',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
};

const KEY_USAGE_BITS: Record<KeyUsageName, number> = { digitalSignature: 0, keyEncipherment: 2, keyAgreement: 4, keyCertSign: 5, cRLSign: 6 };

/** A Name: one attribute per RDN, most significant first (O, then CN), as UTF8String. */
export function encodeName(name: NameSpec): Uint8Array {
  const rdns: Uint8Array[] = [];
  if (name.organization) rdns.push(set(sequence(objectIdentifier(OID.organization), utf8String(name.organization))));
  if (name.commonName) rdns.push(set(sequence(objectIdentifier(OID.commonName), utf8String(name.commonName))));
  return sequence(...rdns);
}

/** RFC 5280's method 1: SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(spki: Uint8Array): Uint8Array {
  const [, key] = children(readSingle(spki, 'the public key'));
  return new Uint8Array(createHash('sha1').update(readBitString(key).bits).digest());
}

/** A CA certificate and its key as an issuer: its subject bytes and the key identifier its children name. */
export function issuerIdentity(certificateDer: Uint8Array, key: SigningKey): IssuerIdentity {
  const tbs = children(readSingle(certificateDer, 'the CA certificate'))[0];
  const fields = children(tbs);
  // [0] version, serial, signature, issuer, validity, subject.
  const subject = fields[(fields[0].tag === 0xa0 ? 1 : 0) + 4];
  const declared = parseCertificate(certificateDer)?.subjectKeyId;
  const id = declared ? Uint8Array.from(declared.split(':').map((b) => parseInt(b, 16))) : keyIdentifier(key.spki);
  return { subjectDer: subject.bytes, key, keyIdentifier: id };
}

export function randomSerial(): Uint8Array {
  const bytes = new Uint8Array(randomBytes(16));
  // Positive and 16 bytes long once encoded: top bit clear, and never a leading zero byte.
  bytes[0] = (bytes[0] & 0x7f) | 0x40;
  return bytes;
}

/** The signed certificate (DER). A root passes `selfIssuer(subject, its key)` as its issuer. */
export function buildCertificate(template: CertificateTemplate, subjectSpki: Uint8Array, issuer: IssuerIdentity): Uint8Array {
  const subjectKeyId = keyIdentifier(subjectSpki);
  const extensions: Uint8Array[] = [
    extension(
      OID.basicConstraints,
      true,
      sequence(
        ...(template.basicConstraints.ca ? [boolean(true)] : []),
        ...(template.basicConstraints.pathLength === undefined ? [] : [smallInteger(template.basicConstraints.pathLength)]),
      ),
    ),
    extension(OID.keyUsage, true, namedBits(template.keyUsage.map((usage) => KEY_USAGE_BITS[usage]))),
  ];
  if (template.extendedKeyUsage?.length)
    extensions.push(extension(OID.extendedKeyUsage, false, sequence(...template.extendedKeyUsage.map((usage) => objectIdentifier(OID[usage])))));
  const subject = encodeName(template.subject);
  const names = generalNames(template.subjectAltNames ?? {});
  // With an empty subject the SAN carries the identity, and RFC 5280 then wants it critical.
  if (names.length > 0) extensions.push(extension(OID.subjectAltName, !template.subject.commonName && !template.subject.organization, sequence(...names)));
  if (template.nameConstraints) extensions.push(extension(OID.nameConstraints, true, nameConstraints(template.nameConstraints)));
  extensions.push(extension(OID.subjectKeyIdentifier, false, octetString(subjectKeyId)));
  const selfSigned =
    issuer.subjectDer.length === subject.length && issuer.subjectDer.every((b, i) => b === subject[i]) && issuer.key.spki.every((b, i) => b === subjectSpki[i]);
  // A root names its own key too, as openssl's default for CA certificates does.
  extensions.push(extension(OID.authorityKeyIdentifier, false, sequence(implicit(0, selfSigned ? subjectKeyId : issuer.keyIdentifier))));
  const sign = signer(issuer.key);
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(template.serialNumber ?? randomSerial()),
    sign.algorithm,
    issuer.subjectDer,
    sequence(time(template.notBefore), time(template.notAfter)),
    subject,
    subjectSpki,
    explicit(3, sequence(...extensions)),
  );
  return sequence(tbs, sign.algorithm, bitString(sign.sign(tbs)));
}

/** A self-signed issuer: the subject and key of the certificate about to be made. */
export function selfIssuer(subject: NameSpec, key: SigningKey): IssuerIdentity {
  return { subjectDer: encodeName(subject), key, keyIdentifier: keyIdentifier(key.spki) };
}

function extension(oid: string, critical: boolean, value: Uint8Array): Uint8Array {
  return sequence(objectIdentifier(oid), ...(critical ? [boolean(true)] : []), octetString(value));
}

function generalNames(names: SubjectAltNameSpec): Uint8Array[] {
  return [
    ...(names.email ?? []).map((email) => implicit(1, new TextEncoder().encode(email))),
    ...(names.dns ?? []).map((dns) => implicit(2, new TextEncoder().encode(dns))),
    ...(names.uri ?? []).map((uri) => implicit(6, new TextEncoder().encode(uri))),
    ...(names.ip ?? []).map((ip) => implicit(7, ipBytes(ip))),
  ];
}

export function ipBytes(text: string): Uint8Array {
  const cidr = parseCidr(text);
  if (!cidr || cidr.prefix !== (cidr.family === 4 ? 32 : 128)) throw new RangeError(`not an IP address: ${text}`);
  const length = cidr.family === 4 ? 4 : 16;
  const bytes = new Uint8Array(length);
  let rest = cidr.bits;
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return bytes;
}

function nameConstraints(spec: NameConstraintsSpec): Uint8Array {
  const subtree = (name: Uint8Array) => sequence(name);
  const permitted = [
    ...(spec.permittedDns ?? []).map((d) => subtree(implicit(2, new TextEncoder().encode(d)))),
    ...(spec.permittedUri ?? []).map((d) => subtree(implicit(6, new TextEncoder().encode(d)))),
  ];
  const excluded = (spec.excludedDns ?? []).map((d) => subtree(implicit(2, new TextEncoder().encode(d))));
  return sequence(...(permitted.length ? [implicitConstructed(0, ...permitted)] : []), ...(excluded.length ? [implicitConstructed(1, ...excluded)] : []));
}
