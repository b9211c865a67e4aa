// Opening TLS 1.3 records with the traffic secrets our own client logs (Node's 'keylog' event,
// the SSLKEYLOGFILE format): after ServerHello everything is encrypted, and without this a
// timeline could not say whether the server asked for a client certificate or which chain it
// sent. RFC 8446 §7.1 (HKDF-Expand-Label) and §5.2–5.3 (record protection, per-record nonce).

import { createDecipheriv, createHmac, type CipherGCMTypes } from 'node:crypto';

interface SuiteParameters {
  hash: 'sha256' | 'sha384';
  cipher: 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';
  keyLength: number;
}

const SUITES: Record<number, SuiteParameters> = {
  0x1301: { hash: 'sha256', cipher: 'aes-128-gcm', keyLength: 16 },
  0x1302: { hash: 'sha384', cipher: 'aes-256-gcm', keyLength: 32 },
  0x1303: { hash: 'sha256', cipher: 'chacha20-poly1305', keyLength: 32 },
};

const TAG_LENGTH = 16;

function hkdfExpandLabel(hash: SuiteParameters['hash'], secret: Uint8Array, label: string, length: number): Buffer {
  const full = Buffer.from(`tls13 ${label}`, 'ascii');
  const info = Buffer.concat([Buffer.from([length >> 8, length & 0xff, full.length]), full, Buffer.from([0])]);
  // HKDF-Expand for lengths up to one hash output: T(1) = HMAC(secret, info || 0x01).
  return createHmac(hash, secret)
    .update(Buffer.concat([info, Buffer.from([1])]))
    .digest()
    .subarray(0, length);
}

/** Decrypts one direction's records in order under one traffic secret. */
export class RecordOpener {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private sequence = 0n;

  static for(cipherSuite: number, secret: Uint8Array): RecordOpener | undefined {
    const suite = SUITES[cipherSuite];
    return suite ? new RecordOpener(suite, secret) : undefined;
  }

  private constructor(
    private readonly suite: SuiteParameters,
    secret: Uint8Array,
  ) {
    this.key = hkdfExpandLabel(suite.hash, secret, 'key', suite.keyLength);
    this.iv = hkdfExpandLabel(suite.hash, secret, 'iv', 12);
  }

  /** The inner content type and content, or undefined when the record does not open with this key. */
  open(header: Uint8Array, fragment: Uint8Array): { type: number; content: Uint8Array } | undefined {
    if (fragment.length < TAG_LENGTH + 1) return undefined;
    const nonce = Buffer.from(this.iv);
    let sequence = this.sequence;
    for (let i = 11; i >= 4; i--) {
      nonce[i] ^= Number(sequence & 0xffn);
      sequence >>= 8n;
    }
    try {
      // chacha20-poly1305 takes the same options as GCM; the cast only picks the typed overload.
      const decipher = createDecipheriv(this.suite.cipher as CipherGCMTypes, this.key, nonce, { authTagLength: TAG_LENGTH });
      decipher.setAAD(header, { plaintextLength: fragment.length - TAG_LENGTH });
      decipher.setAuthTag(fragment.subarray(fragment.length - TAG_LENGTH));
      const plain = Buffer.concat([decipher.update(fragment.subarray(0, fragment.length - TAG_LENGTH)), decipher.final()]);
      this.sequence++;
      let end = plain.length - 1;
      while (end >= 0 && plain[end] === 0) end--;
      if (end < 0) return undefined;
      return { type: plain[end], content: plain.subarray(0, end) };
    } catch {
      return undefined;
    }
  }
}

export interface TrafficSecrets {
  clientHandshake?: Uint8Array;
  serverHandshake?: Uint8Array;
  clientApplication?: Uint8Array;
  serverApplication?: Uint8Array;
}

/** The traffic secrets in NSS key log lines (as Node's 'keylog' event hands them over). */
export function readKeyLog(lines: string[]): TrafficSecrets {
  const secrets: TrafficSecrets = {};
  const names: Record<string, keyof TrafficSecrets> = {
    CLIENT_HANDSHAKE_TRAFFIC_SECRET: 'clientHandshake',
    SERVER_HANDSHAKE_TRAFFIC_SECRET: 'serverHandshake',
    CLIENT_TRAFFIC_SECRET_0: 'clientApplication',
    SERVER_TRAFFIC_SECRET_0: 'serverApplication',
  };
  for (const line of lines) {
    const [label, , secret] = line.trim().split(/\s+/);
    const name = names[label];
    if (name && secret && /^[0-9a-f]+$/i.test(secret)) secrets[name] = Buffer.from(secret, 'hex');
  }
  return secrets;
}
