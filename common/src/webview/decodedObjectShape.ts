// Shape checks for the decoded-object model (common/src/x509/model.ts) as it comes back from a
// webview's saved state or arrives in one: only what the views read is checked, so a model that
// grows new fields still passes.

import type { ChainReport, DecodedObject } from '../x509/model';
import { arrayOf, isBoolean, isFiniteNumber, isIndex, isString, literal, oneOf, record, type Check } from './shape';

const strings = arrayOf(isString);

const publicKey = record({ algorithm: isString, description: isString, spkiSha256: isString }, { size: isFiniteNumber, curve: isString });
const altNames = record({ dns: strings, ip: strings, uri: strings, email: strings, other: strings });
const extension = record({ oid: isString, critical: isBoolean, value: isString }, { name: isString });
const nameConstraints = record({ permitted: strings, excluded: strings });

const certificate = record(
  {
    kind: literal('certificate'),
    version: isFiniteNumber,
    serialNumber: isString,
    subject: isString,
    issuer: isString,
    notBefore: isString,
    notAfter: isString,
    subjectAltNames: altNames,
    publicKey,
    signatureAlgorithm: isString,
    isCA: isBoolean,
    keyUsage: strings,
    hasKeyUsage: isBoolean,
    extendedKeyUsage: strings,
    hasExtendedKeyUsage: isBoolean,
    crlDistributionPoints: strings,
    ocsp: strings,
    caIssuers: strings,
    extensions: arrayOf(extension),
    fingerprints: record({ sha1: isString, sha256: isString }),
    selfSigned: isBoolean,
  },
  {
    subjectCommonName: isString,
    issuerCommonName: isString,
    signatureHash: isString,
    pathLength: isFiniteNumber,
    subjectKeyIdentifier: isString,
    authorityKeyIdentifier: isString,
    nameConstraints,
  },
);

const csr = record(
  {
    kind: literal('csr'),
    subject: isString,
    subjectAltNames: altNames,
    publicKey,
    signatureAlgorithm: isString,
    signatureValid: isBoolean,
    keyUsage: strings,
    extendedKeyUsage: strings,
    extensions: arrayOf(extension),
  },
  { subjectCommonName: isString, isCA: isBoolean },
);

const privateKey = record({ kind: literal('privateKey'), format: isString, encrypted: isBoolean }, { publicKey });
const publicKeyObject = record({ kind: literal('publicKey'), publicKey });
const unreadable = record({ kind: literal('unreadable'), label: isString, reason: isString });

export const isDecodedObject: Check<DecodedObject> = oneOf(certificate, csr, privateKey, publicKeyObject, unreadable);

const link = record({ index: isIndex }, { issuerIndex: isIndex, signatureValid: isBoolean });
const problem = record(
  { kind: literal('out-of-order', 'bad-signature', 'missing-issuer', 'duplicate', 'path-length', 'issuer-not-ca'), index: isIndex },
  { issuerIndex: isIndex, firstIndex: isIndex, caIndex: isIndex, pathLength: isFiniteNumber },
);

export const isChainReport: Check<ChainReport> = record({
  links: arrayOf(link),
  problems: arrayOf(problem),
  endIndex: isIndex,
  verified: isBoolean,
}) as Check<ChainReport>;
