// Signature algorithms: OpenSSL's names (people compare them with `openssl x509 -text`), the
// hash each uses, and checking a signature with node:crypto.
import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { children, DerError, readOid, readSmallInteger, TAG, type Tlv } from './der';

interface SignatureAlgorithm {
  name: string;
  /** The digest as our model names it; absent for Ed25519/Ed448, which hash internally. */
  hash?: string;
}

const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithm> = {
  '1.2.840.113549.1.1.2': { name: 'md2WithRSAEncryption', hash: 'MD2' },
  '1.2.840.113549.1.1.3': { name: 'md4WithRSAEncryption', hash: 'MD4' },
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'MD5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'SHA-1' },
  '1.2.840.113549.1.1.10': { name: 'rsassaPss' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'SHA-256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'SHA-384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'SHA-512' },
  '1.2.840.113549.1.1.14': { name: 'sha224WithRSAEncryption', hash: 'SHA-224' },
  '1.3.14.3.2.29': { name: 'sha1WithRSA', hash: 'SHA-1' },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'SHA-1' },
  '1.2.840.10045.4.3.1': { name: 'ecdsa-with-SHA224', hash: 'SHA-224' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'SHA-256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'SHA-384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'SHA-512' },
  '1.2.840.10040.4.3': { name: 'dsaWithSHA1', hash: 'SHA-1' },
  '2.16.840.1.101.3.4.3.1': { name: 'dsa_with_SHA224', hash: 'SHA-224' },
  '2.16.840.1.101.3.4.3.2': { name: 'dsa_with_SHA256', hash: 'SHA-256' },
  '1.3.101.112': { name: 'ED25519' },
  '1.3.101.113': { name: 'ED448' },
};

const HASH_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'SHA-1',
  '2.16.840.1.101.3.4.2.1': 'SHA-256',
  '2.16.840.1.101.3.4.2.2': 'SHA-384',
  '2.16.840.1.101.3.4.2.3': 'SHA-512',
  '2.16.840.1.101.3.4.2.4': 'SHA-224',
};

const NODE_DIGESTS: Record<string, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-224': 'sha224',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

const RSA_PSS = '1.2.840.113549.1.1.10';

export interface SignatureScheme {
  oid: string;
  /** OpenSSL's long name, or the OID when OpenSSL has none we know. */
  name: string;
  hash?: string;
  /** RSA-PSS salt length in bytes. */
  saltLength?: number;
}

/** Reads an AlgorithmIdentifier used for a signature. */
export function signatureScheme(algorithmIdentifier: Tlv): SignatureScheme {
  const [oidTlv, parameters] = children(algorithmIdentifier);
  const oid = readOid(oidTlv);
  const known = SIGNATURE_ALGORITHMS[oid];
  if (oid === RSA_PSS) return { oid, name: known.name, ...pssParameters(parameters) };
  return { oid, name: known?.name ?? oid, hash: known?.hash };
}

/** RSASSA-PSS-params (RFC 4055): every field has a default (SHA-1, salt 20). */
function pssParameters(parameters: Tlv | undefined): { hash: string; saltLength: number } {
  let hash = 'SHA-1';
  let saltLength = 20;
  if (parameters && parameters.tag === TAG.SEQUENCE) {
    for (const field of children(parameters)) {
      if (field.tag === 0xa0) {
        const oid = readOid(children(children(field)[0])[0]);
        hash = HASH_OIDS[oid] ?? oid;
      } else if (field.tag === 0xa2) {
        saltLength = readSmallInteger(children(field)[0], 'the RSA-PSS salt length');
      }
    }
  } else if (parameters && parameters.tag !== TAG.NULL) {
    throw new DerError(`the RSA-PSS parameters at byte ${parameters.offset} are not a SEQUENCE`);
  }
  return { hash, saltLength };
}

/** Whether `signature` over `data` verifies with the key in `spki`; false on anything unreadable. */
/**
 * Parsing a key costs more than checking a signature with it, and an issuer's key checks many
 * signatures: one KeyObject per SPKI buffer (a parsed certificate keeps the same one).
 */
const publicKeys = new WeakMap<Uint8Array, KeyObject>();

function publicKeyOf(spki: Uint8Array): KeyObject {
  let key = publicKeys.get(spki);
  if (!key) publicKeys.set(spki, (key = createPublicKey({ key: Buffer.from(spki), format: 'der', type: 'spki' })));
  return key;
}

/** The key type each family of signature algorithms needs, as node:crypto names key types. */
const KEY_TYPES_BY_FAMILY: Array<{ oids: RegExp; keyTypes: string[] }> = [
  { oids: /^1\.2\.840\.113549\.1\.1\.|^1\.3\.14\.3\.2\.29$/, keyTypes: ['rsa', 'rsa-pss'] },
  { oids: /^1\.2\.840\.10045\.4\./, keyTypes: ['ec'] },
  { oids: /^1\.2\.840\.10040\.4\.3$|^2\.16\.840\.1\.101\.3\.4\.3\./, keyTypes: ['dsa'] },
  { oids: /^1\.3\.101\.112$/, keyTypes: ['ed25519'] },
  { oids: /^1\.3\.101\.113$/, keyTypes: ['ed448'] },
];

/**
 * Whether a key of this type could have made the signature: OpenSSL 3 counts a certificate as
 * self-signed, and a certificate as a likely issuer, only when the signature algorithm fits the
 * key (check_sig_alg_match in crypto/x509/v3_purp.c). Unknown algorithms and keys are not ruled out.
 */
export function signatureFitsKey(scheme: SignatureScheme, spki: Uint8Array): boolean {
  const family = KEY_TYPES_BY_FAMILY.find((f) => f.oids.test(scheme.oid));
  if (!family) return true;
  try {
    const type = publicKeyOf(spki).asymmetricKeyType;
    return type === undefined || family.keyTypes.includes(type);
  } catch {
    return true;
  }
}

export function signatureVerifies(scheme: SignatureScheme, data: Uint8Array, signature: Uint8Array, spki: Uint8Array): boolean {
  try {
    const key = publicKeyOf(spki);
    if (scheme.name === 'ED25519' || scheme.name === 'ED448') return verify(null, data, key, signature);
    const digest = scheme.hash && NODE_DIGESTS[scheme.hash];
    if (!digest) return false;
    if (scheme.oid === RSA_PSS) {
      return verify(digest, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: scheme.saltLength }, signature);
    }
    return verify(digest, data, key, signature);
  } catch {
    return false;
  }
}
