import { createHash } from 'node:crypto';
import { hex } from './der';

/** A digest of DER bytes (a certificate, a SubjectPublicKeyInfo) as `openssl x509 -fingerprint` prints it: upper-case hex with colons. */
export function fingerprint(der: Uint8Array, algorithm: 'sha1' | 'sha256'): string {
  return hex(createHash(algorithm).update(der).digest(), ':');
}
