// What a SubjectPublicKeyInfo is, as a person compares keys. node:crypto reads the key (OpenSSL
// underneath, so sizes and curves agree with `openssl x509 -text`); the DER reader names the
// algorithm when node does not know it.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { children, DerError, expectTag, readOid, readSingle, TAG } from './der';
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

// Algorithms node:crypto loads; a key of one of these that does not load is damaged, not exotic.
const LOADABLE_ALGORITHMS: Record<string, string> = {
  '1.2.840.113549.1.1.1': 'RSA',
  '1.2.840.113549.1.1.10': 'RSA-PSS',
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.110': 'X25519',
  '1.3.101.111': 'X448',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.2.840.10040.4.1': 'DSA',
};

/** Describes a DER SubjectPublicKeyInfo; throws DerError when it is malformed. */
export function describeSpki(spki: Uint8Array): PublicKeyInfo {
  const parts = children(expectTag(readSingle(spki, 'the public key'), TAG.SEQUENCE, 'the public key'));
  const oid = readOid(children(expectTag(parts[0], TAG.SEQUENCE, 'the public key algorithm'))[0]);
  expectTag(parts[1], TAG.BIT_STRING, 'the public key bits');
  let key: KeyObject;
  try {
    key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' });
  } catch {
    const known = LOADABLE_ALGORITHMS[oid];
    if (known) throw new DerError(`the ${known} public key is damaged: OpenSSL cannot load it`);
    // An algorithm OpenSSL does not know (GOST, SM2 under its own OID…): the OID is all we can say.
    return { algorithm: oid, description: oid, spkiSha256: fingerprint(spki, 'sha256') };
  }
  return { ...describeKeyObject(key), spkiSha256: fingerprint(spki, 'sha256') };
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
