import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { children, readSingle } from './der';
import { parseCertificate } from './parsed';

/**
 * Whether a private key (PEM text, or DER PKCS#8, PKCS#1 RSA or SEC1 EC) is the key of a DER
 * certificate, by comparing the public halves. Undefined when either cannot be read, which
 * includes every encrypted key: we never ask for passphrases. Nothing of the key leaves here.
 */
export function privateKeyMatchesCertificate(key: { der?: Uint8Array; pem?: string }, certificateDer: Uint8Array): boolean | undefined {
  if (key.pem !== undefined || key.der === undefined) return compare(key, certificateDer);
  // Reading a private key costs a millisecond: a manifest's unchanged Secrets must not pay it on every keystroke.
  let byCertificate = answers.get(key.der);
  if (!byCertificate) answers.set(key.der, (byCertificate = new WeakMap()));
  const known = byCertificate.get(certificateDer);
  if (known !== undefined) return known ?? undefined;
  const answer = compare(key, certificateDer);
  byCertificate.set(certificateDer, answer ?? null);
  return answer;
}

/** Answers by the identity of the key's and the certificate's bytes, which the document services keep across edits. */
const answers = new WeakMap<Uint8Array, WeakMap<Uint8Array, boolean | null>>();

function compare(key: { der?: Uint8Array; pem?: string }, certificateDer: Uint8Array): boolean | undefined {
  const privateKey = readPrivateKey(key);
  if (!privateKey) return undefined;
  // The certificate is read by our own DER reader; node's crypto only turns its key into a key object.
  const certificateSpki = parseCertificate(certificateDer)?.spki;
  if (!certificateSpki) return undefined;
  let certificateKey: KeyObject;
  try {
    certificateKey = createPublicKey({ key: Buffer.from(certificateSpki), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
  const fromPrivate = spki(createPublicKey(privateKey));
  const fromCertificate = spki(certificateKey);
  if (fromPrivate.equals(fromCertificate)) return true;
  // An RSA key may sit in a certificate whose SPKI restricts it to RSA-PSS: the algorithm
  // identifiers differ, the modulus and exponent do not.
  const rsa = (k: KeyObject) => k.asymmetricKeyType === 'rsa' || k.asymmetricKeyType === 'rsa-pss';
  return rsa(privateKey) && rsa(certificateKey) && Buffer.from(subjectPublicKeyBits(fromPrivate)).equals(subjectPublicKeyBits(fromCertificate));
}

function readPrivateKey(key: { der?: Uint8Array; pem?: string }): KeyObject | undefined {
  const attempts: Array<() => KeyObject> = [];
  if (key.pem !== undefined) attempts.push(() => createPrivateKey({ key: key.pem!, format: 'pem' }));
  if (key.der !== undefined) {
    const der = Buffer.from(key.der);
    for (const type of ['pkcs8', 'pkcs1', 'sec1'] as const) attempts.push(() => createPrivateKey({ key: der, format: 'der', type }));
  }
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {
      // Encrypted, unsupported (OpenSSH) or another encoding: try the next reading.
    }
  }
  return undefined;
}

function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

// SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }.
function subjectPublicKeyBits(info: Buffer): Uint8Array {
  return children(readSingle(info, 'the public key'))[1].bytes;
}
