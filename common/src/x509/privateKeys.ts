// Private keys in every format a workspace holds them: we learn the format, whether it is
// encrypted, and the public half, and keep nothing else. Messages name offsets and tags only,
// never bytes, so no key material can leak through a reason.
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { children, DerError, expectTag, readOid, readSingle, readSmallInteger, TAG } from './der';
import type { PrivateKeyDetails } from './model';
import { describeSpki } from './publicKey';

export type PrivateKeyFormat = 'pkcs8' | 'encrypted-pkcs8' | 'pkcs1' | 'sec1';

const FORMAT_NAMES: Record<PrivateKeyFormat, string> = {
  pkcs8: 'PKCS#8',
  'encrypted-pkcs8': 'encrypted PKCS#8',
  pkcs1: 'PKCS#1 RSA',
  sec1: 'SEC1 EC',
};

/** Reads a DER private key of a known format; throws DerError with a plain reason. */
export function privateKeyDetails(der: Uint8Array, format: PrivateKeyFormat): PrivateKeyDetails {
  const items = children(expectTag(readSingle(der, 'the key'), TAG.SEQUENCE, 'the key'));
  const name = FORMAT_NAMES[format];
  if (format === 'encrypted-pkcs8') {
    expectTag(items[0], TAG.SEQUENCE, 'the encryption algorithm of the key');
    readOid(children(items[0])[0]);
    expectTag(items[1], TAG.OCTET_STRING, 'the encrypted key');
    if (items.length !== 2) throw new DerError(`an encrypted PKCS#8 key has 2 parts, this one has ${items.length}`);
    return { kind: 'privateKey', format: name, encrypted: true };
  }
  checkShape(items, format);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: Buffer.from(der), format: 'der', type: format });
  } catch {
    throw new DerError(`its ${name} structure is complete but OpenSSL cannot load the key: an unsupported algorithm or curve, or damaged numbers`);
  }
  const spki = createPublicKey(key).export({ type: 'spki', format: 'der' });
  return { kind: 'privateKey', format: name, encrypted: false, publicKey: describeSpki(new Uint8Array(spki)) };
}

/** The outline each format must have, checked first so the reason can say what is wrong. */
function checkShape(items: ReturnType<typeof children>, format: 'pkcs8' | 'pkcs1' | 'sec1'): void {
  switch (format) {
    case 'pkcs8': {
      const version = readSmallInteger(items[0], 'the PKCS#8 version');
      if (version > 1) throw new DerError(`PKCS#8 version ${version} does not exist`);
      expectTag(items[1], TAG.SEQUENCE, 'the key algorithm');
      expectTag(items[2], TAG.OCTET_STRING, 'the private key');
      return;
    }
    case 'pkcs1':
      if (items.length < 9) throw new DerError(`a PKCS#1 RSA private key has 9 numbers, this one has ${items.length} parts`);
      items.forEach((item, i) => expectTag(item, TAG.INTEGER, `number ${i + 1} of the RSA key`));
      return;
    case 'sec1':
      if (readSmallInteger(items[0], 'the SEC1 version') !== 1) throw new DerError('a SEC1 EC private key has version 1');
      expectTag(items[1], TAG.OCTET_STRING, 'the private value');
      return;
  }
}

const OPENSSH_MAGIC = 'openssh-key-v1\0';

/** An OpenSSH private key body: we read only the cipher, which says whether it is encrypted. */
export function openSshKeyDetails(body: Uint8Array): PrivateKeyDetails {
  const magic = Buffer.from(body.subarray(0, OPENSSH_MAGIC.length)).toString('latin1');
  if (magic !== OPENSSH_MAGIC) throw new DerError('the block does not start with the "openssh-key-v1" marker');
  const at = OPENSSH_MAGIC.length;
  if (body.length < at + 4) throw new DerError('the key ends before its cipher name');
  const length = new DataView(body.buffer, body.byteOffset + at, 4).getUint32(0);
  if (length > 64 || body.length < at + 4 + length) throw new DerError('the cipher name of the key is cut off or implausibly long');
  const cipher = Buffer.from(body.subarray(at + 4, at + 4 + length)).toString('latin1');
  return { kind: 'privateKey', format: 'OpenSSH', encrypted: cipher !== 'none' };
}
