// Reading TLS as it crosses the wire: records, handshake messages and alerts, with the few fields
// a handshake explanation needs (versions offered and chosen, cipher, server name, certificates,
// whether a client certificate was requested). RFC 8446 and RFC 5246 framing; nothing here
// trusts its input: a short or odd record ends the reading, it never throws.

export const CONTENT_TYPE = { changeCipherSpec: 20, alert: 21, handshake: 22, applicationData: 23 } as const;

export interface TlsRecord {
  type: number;
  /** The record header's version field (0x0303 for TLS 1.2 and 1.3 alike). */
  legacyVersion: number;
  /** The 5-byte header, which TLS 1.3 uses as additional data when decrypting. */
  header: Uint8Array;
  fragment: Uint8Array;
}

/** Splits a byte stream into whole records; `rest` is what is left of an unfinished one. */
export function readRecords(stream: Uint8Array): { records: TlsRecord[]; rest: Uint8Array } {
  const records: TlsRecord[] = [];
  let at = 0;
  while (at + 5 <= stream.length) {
    const length = (stream[at + 3] << 8) | stream[at + 4];
    if (at + 5 + length > stream.length) break;
    records.push({
      type: stream[at],
      legacyVersion: (stream[at + 1] << 8) | stream[at + 2],
      header: stream.subarray(at, at + 5),
      fragment: stream.subarray(at + 5, at + 5 + length),
    });
    at += 5 + length;
  }
  return { records, rest: stream.subarray(at) };
}

/** Whether a stream starts like TLS: a handshake record with a plausible version. */
export function looksLikeTls(stream: Uint8Array): boolean {
  return stream.length >= 3 && stream[0] === CONTENT_TYPE.handshake && stream[1] === 3 && stream[2] <= 4;
}

export const HANDSHAKE_TYPE = {
  clientHello: 1,
  serverHello: 2,
  newSessionTicket: 4,
  encryptedExtensions: 8,
  certificate: 11,
  serverKeyExchange: 12,
  certificateRequest: 13,
  serverHelloDone: 14,
  certificateVerify: 15,
  clientKeyExchange: 16,
  finished: 20,
} as const;

export const HANDSHAKE_NAMES: Record<number, string> = {
  1: 'ClientHello',
  2: 'ServerHello',
  4: 'NewSessionTicket',
  8: 'EncryptedExtensions',
  11: 'Certificate',
  12: 'ServerKeyExchange',
  13: 'CertificateRequest',
  14: 'ServerHelloDone',
  15: 'CertificateVerify',
  16: 'ClientKeyExchange',
  20: 'Finished',
};

export interface HandshakeMessage {
  type: number;
  body: Uint8Array;
}

/** Handshake messages of concatenated handshake fragments (messages may span records); `rest` is an unfinished tail. */
export function readHandshakeMessages(data: Uint8Array): { messages: HandshakeMessage[]; rest: Uint8Array } {
  const messages: HandshakeMessage[] = [];
  let at = 0;
  while (at + 4 <= data.length) {
    const length = (data[at + 1] << 16) | (data[at + 2] << 8) | data[at + 3];
    if (at + 4 + length > data.length) break;
    messages.push({ type: data[at], body: data.subarray(at + 4, at + 4 + length) });
    at += 4 + length;
  }
  return { messages, rest: data.subarray(at) };
}

/** A cursor over a message body that answers undefined instead of reading past the end. */
class Reader {
  constructor(
    private readonly bytes: Uint8Array,
    private at = 0,
  ) {}
  get left(): number {
    return this.bytes.length - this.at;
  }
  number(size: number): number | undefined {
    if (this.left < size) return undefined;
    let value = 0;
    for (let i = 0; i < size; i++) value = value * 256 + this.bytes[this.at++];
    return value;
  }
  take(size: number): Uint8Array | undefined {
    if (this.left < size) return undefined;
    const out = this.bytes.subarray(this.at, this.at + size);
    this.at += size;
    return out;
  }
  vector(lengthSize: number): Uint8Array | undefined {
    const length = this.number(lengthSize);
    return length === undefined ? undefined : this.take(length);
  }
}

const EXTENSION = { serverName: 0, supportedVersions: 43 } as const;

export interface ClientHelloFacts {
  /** Versions offered, highest first, as "TLSv1.3", "TLSv1.2". */
  versions: string[];
  serverName?: string;
  cipherSuites: number[];
}

export interface ServerHelloFacts {
  version: string;
  cipherSuite: number;
}

export function versionName(code: number): string {
  return { 0x0304: 'TLSv1.3', 0x0303: 'TLSv1.2', 0x0302: 'TLSv1.1', 0x0301: 'TLSv1' }[code] ?? `0x${code.toString(16)}`;
}

function extensions(reader: Reader): Map<number, Uint8Array> {
  const found = new Map<number, Uint8Array>();
  const block = reader.vector(2);
  if (!block) return found;
  const inner = new Reader(block);
  while (inner.left >= 4) {
    const type = inner.number(2)!;
    const data = inner.vector(2);
    if (!data) break;
    found.set(type, data);
  }
  return found;
}

export function readClientHello(body: Uint8Array): ClientHelloFacts | undefined {
  const reader = new Reader(body);
  const legacy = reader.number(2);
  if (legacy === undefined || !reader.take(32) || !reader.vector(1)) return undefined;
  const suites = reader.vector(2);
  if (!suites || !reader.vector(1)) return undefined;
  const cipherSuites: number[] = [];
  for (let i = 0; i + 1 < suites.length; i += 2) cipherSuites.push((suites[i] << 8) | suites[i + 1]);
  const found = extensions(reader);
  let versions = [versionName(legacy)];
  const supported = found.get(EXTENSION.supportedVersions);
  if (supported) {
    const list = new Reader(supported).vector(1);
    if (list) {
      versions = [];
      // GREASE values (0x?a?a) are noise by design.
      for (let i = 0; i + 1 < list.length; i += 2) if ((list[i] & 0x0f) !== 0x0a) versions.push(versionName((list[i] << 8) | list[i + 1]));
    }
  }
  let serverName: string | undefined;
  const sni = found.get(EXTENSION.serverName);
  if (sni) {
    const names = new Reader(sni).vector(2);
    const entry = names && new Reader(names);
    if (entry && entry.number(1) === 0) {
      const name = entry.vector(2);
      if (name) serverName = new TextDecoder().decode(name);
    }
  }
  return { versions, serverName, cipherSuites };
}

/** TLS 1.3's HelloRetryRequest is a ServerHello with this random. */
const HELLO_RETRY_RANDOM = 'cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c';

export function readServerHello(body: Uint8Array): (ServerHelloFacts & { helloRetry: boolean }) | undefined {
  const reader = new Reader(body);
  const legacy = reader.number(2);
  const random = reader.take(32);
  if (legacy === undefined || !random || !reader.vector(1)) return undefined;
  const cipherSuite = reader.number(2);
  if (cipherSuite === undefined || reader.number(1) === undefined) return undefined;
  const found = extensions(reader);
  const supported = found.get(EXTENSION.supportedVersions);
  const version = supported && supported.length === 2 ? versionName((supported[0] << 8) | supported[1]) : versionName(legacy);
  return { version, cipherSuite, helloRetry: Buffer.from(random).toString('hex') === HELLO_RETRY_RANDOM };
}

/** The DER certificates of a Certificate message, leaf first; TLS 1.3 adds a request context and per-entry extensions. */
export function readCertificateList(body: Uint8Array, tls13: boolean): Uint8Array[] | undefined {
  const reader = new Reader(body);
  if (tls13 && !reader.vector(1)) return undefined;
  const list = reader.vector(3);
  if (!list) return undefined;
  const entries = new Reader(list);
  const certificates: Uint8Array[] = [];
  while (entries.left > 0) {
    const der = entries.vector(3);
    if (!der) return undefined;
    certificates.push(der);
    if (tls13 && !entries.vector(2)) return undefined;
  }
  return certificates;
}

export const ALERT_NAMES: Record<number, string> = {
  0: 'close_notify',
  10: 'unexpected_message',
  20: 'bad_record_mac',
  40: 'handshake_failure',
  42: 'bad_certificate',
  43: 'unsupported_certificate',
  44: 'certificate_revoked',
  45: 'certificate_expired',
  46: 'certificate_unknown',
  47: 'illegal_parameter',
  48: 'unknown_ca',
  49: 'access_denied',
  50: 'decode_error',
  51: 'decrypt_error',
  70: 'protocol_version',
  71: 'insufficient_security',
  80: 'internal_error',
  86: 'inappropriate_fallback',
  90: 'user_canceled',
  109: 'missing_extension',
  110: 'unsupported_extension',
  112: 'unrecognized_name',
  116: 'certificate_required',
  120: 'no_application_protocol',
};

export interface Alert {
  level: 'warning' | 'fatal';
  description: number;
  name: string;
}

export function readAlert(fragment: Uint8Array): Alert | undefined {
  if (fragment.length < 2) return undefined;
  return { level: fragment[0] === 2 ? 'fatal' : 'warning', description: fragment[1], name: ALERT_NAMES[fragment[1]] ?? `alert ${fragment[1]}` };
}

export const CIPHER_SUITE_NAMES: Record<number, string> = {
  0x1301: 'TLS_AES_128_GCM_SHA256',
  0x1302: 'TLS_AES_256_GCM_SHA384',
  0x1303: 'TLS_CHACHA20_POLY1305_SHA256',
  0xc02b: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  0xc02c: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  0xc02f: 'ECDHE-RSA-AES128-GCM-SHA256',
  0xc030: 'ECDHE-RSA-AES256-GCM-SHA384',
  0xcca8: 'ECDHE-RSA-CHACHA20-POLY1305',
  0xcca9: 'ECDHE-ECDSA-CHACHA20-POLY1305',
};
