// What a SubjectPublicKeyInfo is, as a person compares keys: algorithm, size and curve as
// `openssl x509 -text` reports them (the fidelity test holds us to that).
import { createPublicKey, type KeyObject } from 'node:crypto';
import { children, DerError, expectTag, readBitString, readOid, readSingle, TAG, type Tlv } from './der';
import { fingerprint } from './fingerprint';
import type { PublicKeyInfo } from './model';

const NIST_CURVES: Record<string, string> = { prime192v1: 'P-192', secp224r1: 'P-224', prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521' };

const ALGORITHM_NAMES: Record<string, string> = {
  rsa: 'RSA',
  'rsa-pss': 'RSA-PSS',
  ec: 'ECDSA',
  ed25519: 'Ed25519',
  ed448: 'Ed448',
  x25519: 'X25519',
  x448: 'X448',
  dsa: 'DSA',
  dh: 'DH',
};

// What OpenSSL reports as the size of keys whose size is fixed by the algorithm.
const FIXED_SIZES: Record<string, number> = { ed25519: 256, ed448: 456, x25519: 253, x448: 448 };

const RSA = '1.2.840.113549.1.1.1';
const RSA_PSS = '1.2.840.113549.1.1.10';
const EC = '1.2.840.10045.2.1';
const DSA = '1.2.840.10040.4.1';

/** Algorithms whose key is a fixed-length string: our name, OpenSSL's size, the key's length in bytes. */
const FIXED_KEYS: Record<string, { algorithm: string; size: number; bytes: number }> = {
  '1.3.101.110': { algorithm: 'X25519', size: 253, bytes: 32 },
  '1.3.101.111': { algorithm: 'X448', size: 448, bytes: 56 },
  '1.3.101.112': { algorithm: 'Ed25519', size: 256, bytes: 32 },
  '1.3.101.113': { algorithm: 'Ed448', size: 456, bytes: 57 },
};

/** Named curves by OID: OpenSSL's name and the size it reports. */
const NAMED_CURVES: Record<string, { name: string; size: number }> = {
  '1.2.840.10045.3.1.1': { name: 'prime192v1', size: 192 },
  '1.3.132.0.33': { name: 'secp224r1', size: 224 },
  '1.2.840.10045.3.1.7': { name: 'prime256v1', size: 256 },
  '1.3.132.0.34': { name: 'secp384r1', size: 384 },
  '1.3.132.0.35': { name: 'secp521r1', size: 521 },
  '1.3.132.0.10': { name: 'secp256k1', size: 256 },
  '1.3.36.3.3.2.8.1.1.7': { name: 'brainpoolP256r1', size: 256 },
  '1.3.36.3.3.2.8.1.1.11': { name: 'brainpoolP384r1', size: 384 },
  '1.3.36.3.3.2.8.1.1.13': { name: 'brainpoolP512r1', size: 512 },
};

/**
 * Describes a DER SubjectPublicKeyInfo; throws DerError when it is malformed. The common
 * algorithms are read from the structure (loading a key through OpenSSL 3 costs far more than
 * the rest of a certificate); anything else goes through node:crypto, and what OpenSSL does not
 * know either is named by its OID.
 */
export function describeSpki(spki: Uint8Array): PublicKeyInfo {
  const parts = children(expectTag(readSingle(spki, 'the public key'), TAG.SEQUENCE, 'the public key'));
  const [oidTlv, parameters] = children(expectTag(parts[0], TAG.SEQUENCE, 'the public key algorithm'));
  const oid = readOid(oidTlv);
  const { bits, unused } = readBitString(expectTag(parts[1], TAG.BIT_STRING, 'the public key bits'));
  if (unused !== 0) throw new DerError('the public key bits do not fill whole bytes');
  const spkiSha256 = fingerprint(spki, 'sha256');
  const known = describeKnown(oid, parameters, bits);
  if (known) return { ...known, spkiSha256 };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    if (oid === EC) throw new DerError('the EC public key is damaged: OpenSSL cannot load it');
    // An algorithm OpenSSL does not know (GOST, SM2 under its own OID…): the OID is all we can say.
    return { algorithm: oid, description: oid, spkiSha256 };
  }
  return { ...describeKeyObject(key), spkiSha256 };
}

function describeKnown(oid: string, parameters: Tlv | undefined, bits: Uint8Array): Omit<PublicKeyInfo, 'spkiSha256'> | undefined {
  if (oid === RSA || oid === RSA_PSS) {
    const [modulus, exponent] = children(expectTag(readSingle(bits, 'the RSA public key'), TAG.SEQUENCE, 'the RSA public key'));
    expectTag(exponent, TAG.INTEGER, 'the RSA public exponent');
    const size = integerBits(expectTag(modulus, TAG.INTEGER, 'the RSA modulus').content);
    const algorithm = oid === RSA ? 'RSA' : 'RSA-PSS';
    return { algorithm, size, description: `${algorithm} ${size}` };
  }
  if (oid === EC && parameters?.tag === TAG.OID) {
    const named = NAMED_CURVES[readOid(parameters)];
    if (!named) return undefined;
    const fieldBytes = Math.ceil(named.size / 8);
    const pointOk = (bits[0] === 0x04 && bits.length === 1 + 2 * fieldBytes) || ((bits[0] === 0x02 || bits[0] === 0x03) && bits.length === 1 + fieldBytes);
    if (!pointOk) throw new DerError(`the EC public key is damaged: not a point on ${named.name}`);
    const curve = NIST_CURVES[named.name] ?? named.name;
    return { algorithm: 'ECDSA', size: named.size, curve, description: `ECDSA ${curve}` };
  }
  const fixed = FIXED_KEYS[oid];
  if (fixed) {
    if (bits.length !== fixed.bytes) throw new DerError(`the ${fixed.algorithm} public key should be ${fixed.bytes} bytes, not ${bits.length}`);
    return { algorithm: fixed.algorithm, size: fixed.size, description: fixed.algorithm };
  }
  if (oid === DSA && parameters?.tag === TAG.SEQUENCE) {
    const size = integerBits(expectTag(children(parameters)[0], TAG.INTEGER, 'the DSA prime').content);
    return { algorithm: 'DSA', size, description: `DSA ${size}` };
  }
  return undefined;
}

/** The bit length of a non-negative INTEGER's content, as OpenSSL counts a key's size. */
function integerBits(content: Uint8Array): number {
  let start = 0;
  while (start < content.length - 1 && content[start] === 0) start++;
  const first = content[start] ?? 0;
  return first === 0 ? 0 : (content.length - start - 1) * 8 + (32 - Math.clz32(first));
}

/** A PKCS#1 RSAPublicKey (the "RSA PUBLIC KEY" label), described through its SPKI form. */
export function describePkcs1PublicKey(der: Uint8Array): PublicKeyInfo {
  const items = children(expectTag(readSingle(der, 'the key'), TAG.SEQUENCE, 'the key'));
  if (items.length !== 2) throw new DerError(`a PKCS#1 RSA public key has 2 numbers, this one has ${items.length} parts`);
  items.forEach((item, i) => expectTag(item, TAG.INTEGER, i === 0 ? 'the modulus' : 'the public exponent'));
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(der), format: 'der', type: 'pkcs1' });
  } catch {
    throw new DerError('the RSA public key is damaged: OpenSSL cannot load it');
  }
  return describeSpki(new Uint8Array(key.export({ type: 'spki', format: 'der' })));
}

function describeKeyObject(key: KeyObject): Omit<PublicKeyInfo, 'spkiSha256'> {
  const type = key.asymmetricKeyType ?? 'unknown';
  const details = key.asymmetricKeyDetails ?? {};
  const algorithm = ALGORITHM_NAMES[type] ?? type;
  if (type === 'ec') {
    const named = details.namedCurve;
    const curve = named ? (NIST_CURVES[named] ?? named) : undefined;
    const size = curveSize(named, key);
    return { algorithm, size, curve, description: `ECDSA ${curve ?? `${size ?? '?'}-bit curve`}` };
  }
  const size = FIXED_SIZES[type] ?? details.modulusLength;
  const description = FIXED_SIZES[type] !== undefined ? algorithm : `${algorithm} ${size ?? '?'}`;
  return { algorithm, size, description };
}

/** The curve's size in bits: named curves carry it in their name; otherwise the point length tells. */
function curveSize(named: string | undefined, key: KeyObject): number | undefined {
  const digits = named && /(\d{3})/.exec(named);
  if (digits) return Number(digits[1]);
  try {
    const jwk = key.export({ format: 'jwk' });
    return jwk.x ? Buffer.from(jwk.x, 'base64url').length * 8 : undefined;
  } catch {
    // Curves given by explicit parameters have no JWK form.
    return undefined;
  }
}
