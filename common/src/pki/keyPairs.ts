// Key pairs for minting, through node:crypto (OpenSSL underneath). Generation is asynchronous so
// an RSA 4096 key, which takes seconds, never blocks the extension host or the CLI's progress.

import { createPrivateKey, createPublicKey, generateKeyPair as generate, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { toPem } from '../pem/blocks';
import { nullValue, objectIdentifier, sequence } from './derWriter';

export const KEY_TYPES = ['ecdsa-p256', 'ecdsa-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ed25519'] as const;
export type KeyType = (typeof KEY_TYPES)[number];

export const KEY_TYPE_NAMES: Record<KeyType, string> = {
  'ecdsa-p256': 'ECDSA P-256',
  'ecdsa-p384': 'ECDSA P-384',
  'rsa-2048': 'RSA 2048',
  'rsa-3072': 'RSA 3072',
  'rsa-4096': 'RSA 4096',
  ed25519: 'Ed25519',
};

export function isKeyType(value: unknown): value is KeyType {
  return typeof value === 'string' && (KEY_TYPES as readonly string[]).includes(value);
}

/** A key pair ready to sign with: the private key stays a KeyObject; only `privateKeyPem()` exports it. */
export interface SigningKey {
  type: KeyType;
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo. */
  spki: Uint8Array;
}

const generateAsync = promisify(generate);

export async function generateKey(type: KeyType): Promise<SigningKey> {
  const { privateKey, publicKey } = await generatePair(type);
  return { type, privateKey, spki: new Uint8Array(publicKey.export({ type: 'spki', format: 'der' })) };
}

function generatePair(type: KeyType): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  switch (type) {
    case 'ecdsa-p256':
      return generateAsync('ec', { namedCurve: 'P-256' });
    case 'ecdsa-p384':
      return generateAsync('ec', { namedCurve: 'P-384' });
    case 'rsa-2048':
    case 'rsa-3072':
    case 'rsa-4096':
      return generateAsync('rsa', { modulusLength: Number(type.slice(4)), publicExponent: 0x10001 });
    case 'ed25519':
      return generateAsync('ed25519');
  }
}

/** Reads a private key (PKCS#8, PKCS#1 or SEC 1 PEM, unencrypted); undefined when it is none of the types we mint with. */
export function loadSigningKey(pem: string): SigningKey | undefined {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    return undefined;
  }
  const type = keyTypeOf(privateKey);
  if (!type) return undefined;
  return { type, privateKey, spki: new Uint8Array(createPublicKey(privateKey).export({ type: 'spki', format: 'der' })) };
}

function keyTypeOf(key: KeyObject): KeyType | undefined {
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'ec')
    return details?.namedCurve === 'prime256v1' ? 'ecdsa-p256' : details?.namedCurve === 'secp384r1' ? 'ecdsa-p384' : undefined;
  if (key.asymmetricKeyType === 'rsa') {
    const bits = details?.modulusLength;
    return bits === 2048 ? 'rsa-2048' : bits === 3072 ? 'rsa-3072' : bits === 4096 ? 'rsa-4096' : undefined;
  }
  return key.asymmetricKeyType === 'ed25519' ? 'ed25519' : undefined;
}

/** PKCS#8 PEM of the private key. Whoever writes it to disk must use mode 0600. */
export function privateKeyPem(key: SigningKey): string {
  return toPem('PRIVATE KEY', new Uint8Array(key.privateKey.export({ type: 'pkcs8', format: 'der' })));
}

const ECDSA_SHA256 = '1.2.840.10045.4.3.2';
const ECDSA_SHA384 = '1.2.840.10045.4.3.3';
const RSA_SHA256 = '1.2.840.113549.1.1.11';
const ED25519 = '1.3.101.112';

/**
 * The AlgorithmIdentifier a key signs under, and the signing itself: ECDSA with the hash that
 * matches its curve, RSA PKCS#1 v1.5 with SHA-256 (what every TLS stack accepts), Ed25519 pure.
 */
export function signer(key: SigningKey): { algorithm: Uint8Array; sign(data: Uint8Array): Uint8Array } {
  switch (key.type) {
    case 'ecdsa-p256':
      return {
        algorithm: sequence(objectIdentifier(ECDSA_SHA256)),
        sign: (data) => new Uint8Array(sign('sha256', data, { key: key.privateKey, dsaEncoding: 'der' })),
      };
    case 'ecdsa-p384':
      return {
        algorithm: sequence(objectIdentifier(ECDSA_SHA384)),
        sign: (data) => new Uint8Array(sign('sha384', data, { key: key.privateKey, dsaEncoding: 'der' })),
      };
    case 'ed25519':
      return { algorithm: sequence(objectIdentifier(ED25519)), sign: (data) => new Uint8Array(sign(null, data, key.privateKey)) };
    default:
      return { algorithm: sequence(objectIdentifier(RSA_SHA256), nullValue()), sign: (data) => new Uint8Array(sign('sha256', data, key.privateKey)) };
  }
}
