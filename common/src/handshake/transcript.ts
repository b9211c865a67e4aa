// What crossed the wire in one connection, read back from the bytes each side sent: the timeline
// of handshake messages, alerts and data, and the facts a verdict needs. Pure: the wire tap
// records chunks, this reads them, so it is tested on recorded bytes without sockets.

import {
  CIPHER_SUITE_NAMES,
  CONTENT_TYPE,
  HANDSHAKE_NAMES,
  HANDSHAKE_TYPE,
  looksLikeTls,
  readAlert,
  readCertificateList,
  readClientHello,
  readHandshakeMessages,
  readRecords,
  readServerHello,
  type Alert,
  type ClientHelloFacts,
  type HandshakeMessage,
  type ServerHelloFacts,
  type TlsRecord,
} from './tlsRecords';
import { RecordOpener, type TrafficSecrets } from './tls13Decrypt';

export type Side = 'client' | 'server';

export interface WireChunk {
  from: Side;
  /** Milliseconds since the connection was opened. */
  at: number;
  bytes: Uint8Array;
}

export interface WireEvent {
  at: number;
  from: Side;
  /** "ClientHello", "Certificate", "alert certificate_required (fatal)", "application data, 24 bytes". */
  what: string;
  /** Read from inside TLS encryption (with our own client's secrets), or left sealed. */
  protection: 'clear' | 'decrypted' | 'sealed';
}

export interface WireFacts {
  events: WireEvent[];
  /** Whether the client's first bytes were TLS at all. */
  clientSpokeTls: boolean;
  clientHello?: ClientHelloFacts;
  serverHello?: ServerHelloFacts;
  version?: string;
  cipher?: string;
  /** The chain the server sent, leaf first; undefined when not seen. */
  serverCertificates?: Uint8Array[];
  /** true or false once known; undefined when the handshake was sealed (TLS 1.3 without secrets) or stopped early. */
  certificateRequested?: boolean;
  /** The client's Certificate message: [] when it sent an empty one, undefined when it sent none (or it was sealed). */
  clientCertificates?: Uint8Array[];
  alerts: Array<{ from: Side; at: number; alert: Alert }>;
  /** Application bytes each side sent (decrypted, or plaintext outside TLS). */
  applicationBytes: Record<Side, number>;
}

interface TimedRecord {
  at: number;
  record: TlsRecord;
}

function timedRecords(chunks: WireChunk[]): { records: TimedRecord[]; rest: number } {
  let buffer = new Uint8Array(0);
  const records: TimedRecord[] = [];
  for (const chunk of chunks) {
    const joined = new Uint8Array(buffer.length + chunk.bytes.length);
    joined.set(buffer);
    joined.set(chunk.bytes, buffer.length);
    const read = readRecords(joined);
    for (const record of read.records) records.push({ at: chunk.at, record });
    buffer = new Uint8Array(read.rest);
  }
  return { records, rest: buffer.length };
}

class Direction {
  handshake = new Uint8Array(0);
  opener?: RecordOpener;
  phase: 'plain' | 'handshake-keys' | 'application-keys' | 'sealed-tls12' = 'plain';
  constructor(readonly side: Side) {}
}

export function analyzeTranscript(chunks: WireChunk[], secrets: TrafficSecrets = {}): WireFacts {
  const facts: WireFacts = { events: [], clientSpokeTls: false, alerts: [], applicationBytes: { client: 0, server: 0 } };
  const bySide = (side: Side) => chunks.filter((c) => c.from === side && c.bytes.length > 0);
  const clientChunks = bySide('client');
  const serverChunks = bySide('server');
  facts.clientSpokeTls = clientChunks.length > 0 && looksLikeTls(clientChunks[0].bytes);
  if (clientChunks.length > 0 && !facts.clientSpokeTls) {
    // A plaintext client: its bytes are data, and what came back is either data (a PERMISSIVE
    // server answering) or TLS (a server that only speaks TLS, sending an alert or nothing).
    for (const chunk of clientChunks) {
      facts.events.push({ at: chunk.at, from: 'client', what: `plaintext data, ${chunk.bytes.length} bytes`, protection: 'clear' });
      facts.applicationBytes.client += chunk.bytes.length;
    }
    const tls = serverChunks.length > 0 && serverChunks[0].bytes[0] === CONTENT_TYPE.alert;
    if (!tls) {
      for (const chunk of serverChunks) {
        facts.events.push({ at: chunk.at, from: 'server', what: `plaintext data, ${chunk.bytes.length} bytes`, protection: 'clear' });
        facts.applicationBytes.server += chunk.bytes.length;
      }
      return sortEvents(facts);
    }
  }
  const client = timedRecords(facts.clientSpokeTls ? clientChunks : []);
  const server = timedRecords(serverChunks);
  // The cipher suite (and so the record keys) comes from the server's first ServerHello.
  for (const { record } of server.records) {
    if (record.type !== CONTENT_TYPE.handshake) continue;
    const hello = readHandshakeMessages(record.fragment).messages.find((m) => m.type === HANDSHAKE_TYPE.serverHello);
    const read = hello && readServerHello(hello.body);
    if (read && !read.helloRetry) {
      facts.serverHello = { version: read.version, cipherSuite: read.cipherSuite };
      facts.version = read.version;
      facts.cipher = CIPHER_SUITE_NAMES[read.cipherSuite] ?? `0x${read.cipherSuite.toString(16).padStart(4, '0')}`;
      break;
    }
  }
  const tls13 = facts.version === 'TLSv1.3';
  const sides: Record<Side, Direction> = { client: new Direction('client'), server: new Direction('server') };
  const secretFor = (side: Side, phase: 'handshake-keys' | 'application-keys') =>
    side === 'client'
      ? phase === 'handshake-keys'
        ? secrets.clientHandshake
        : secrets.clientApplication
      : phase === 'handshake-keys'
        ? secrets.serverHandshake
        : secrets.serverApplication;
  const switchKeys = (direction: Direction, phase: 'handshake-keys' | 'application-keys') => {
    direction.phase = phase;
    const secret = secretFor(direction.side, phase);
    direction.opener = secret && facts.serverHello ? RecordOpener.for(facts.serverHello.cipherSuite, secret) : undefined;
  };

  const onMessage = (direction: Direction, at: number, message: HandshakeMessage, protection: WireEvent['protection']) => {
    const side = direction.side;
    let what = HANDSHAKE_NAMES[message.type] ?? `handshake message ${message.type}`;
    switch (message.type) {
      case HANDSHAKE_TYPE.clientHello:
        facts.clientHello = readClientHello(message.body);
        break;
      case HANDSHAKE_TYPE.serverHello: {
        const hello = readServerHello(message.body);
        if (hello?.helloRetry) what = 'HelloRetryRequest';
        else if (tls13 && side === 'server') {
          switchKeys(sides.server, 'handshake-keys');
          switchKeys(sides.client, 'handshake-keys');
        }
        break;
      }
      case HANDSHAKE_TYPE.certificate: {
        const list = readCertificateList(message.body, tls13);
        if (side === 'server') facts.serverCertificates = list;
        else facts.clientCertificates = list ?? [];
        what = `Certificate, ${list === undefined ? 'unreadable' : list.length === 0 ? 'empty' : `${list.length} certificate${list.length === 1 ? '' : 's'}`}`;
        break;
      }
      case HANDSHAKE_TYPE.certificateRequest:
        if (side === 'server') facts.certificateRequested = true;
        break;
      case HANDSHAKE_TYPE.serverHelloDone:
        facts.certificateRequested ??= false;
        break;
      case HANDSHAKE_TYPE.finished:
        if (tls13) {
          if (side === 'server') facts.certificateRequested ??= false;
          switchKeys(direction, 'application-keys');
        }
        break;
    }
    facts.events.push({ at, from: side, what, protection });
  };

  const onRecord = (direction: Direction, at: number, type: number, content: Uint8Array, protection: WireEvent['protection']) => {
    const side = direction.side;
    switch (type) {
      case CONTENT_TYPE.handshake: {
        const joined = new Uint8Array(direction.handshake.length + content.length);
        joined.set(direction.handshake);
        joined.set(content, direction.handshake.length);
        const read = readHandshakeMessages(joined);
        direction.handshake = new Uint8Array(read.rest);
        for (const message of read.messages) onMessage(direction, at, message, protection);
        break;
      }
      case CONTENT_TYPE.alert: {
        const alert = readAlert(content);
        if (alert) {
          facts.alerts.push({ from: side, at, alert });
          facts.events.push({ at, from: side, what: `alert ${alert.name} (${alert.level})`, protection });
        }
        break;
      }
      case CONTENT_TYPE.changeCipherSpec:
        if (!tls13) direction.phase = 'sealed-tls12';
        // TLS 1.3 sends one for middleboxes only; it changes nothing.
        if (!tls13) facts.events.push({ at, from: side, what: 'ChangeCipherSpec', protection });
        break;
      case CONTENT_TYPE.applicationData:
        facts.applicationBytes[side] += content.length;
        facts.events.push({ at, from: side, what: `application data, ${content.length} bytes`, protection });
        break;
    }
  };

  const process = (direction: Direction, { at, record }: TimedRecord) => {
    if (direction.phase === 'sealed-tls12') {
      // TLS 1.2 after ChangeCipherSpec: the keys come from the master secret, which we do not derive.
      const what =
        record.type === CONTENT_TYPE.handshake
          ? 'Finished'
          : record.type === CONTENT_TYPE.alert
            ? 'alert'
            : `application data, ${record.fragment.length} bytes`;
      facts.events.push({ at, from: direction.side, what: `${what} (sealed)`, protection: 'sealed' });
      if (record.type === CONTENT_TYPE.applicationData) facts.applicationBytes[direction.side] += record.fragment.length;
      return;
    }
    // TLS 1.3 seals everything after ServerHello inside application-data records; the rest is clear.
    if (record.type !== CONTENT_TYPE.applicationData || direction.phase === 'plain') return onRecord(direction, at, record.type, record.fragment, 'clear');
    const opened = direction.opener?.open(record.header, record.fragment);
    if (opened) return onRecord(direction, at, opened.type, opened.content, 'decrypted');
    facts.events.push({ at, from: direction.side, what: `encrypted record, ${record.fragment.length} bytes`, protection: 'sealed' });
  };

  // Records are read in the order they were sent, both sides merged by time, so the key
  // changes that ServerHello and each Finished cause apply to the records after them.
  const merged = [
    ...client.records.map((r): typeof r & { side: Side } => ({ ...r, side: 'client' })),
    ...server.records.map((r): typeof r & { side: Side } => ({ ...r, side: 'server' })),
  ].sort((a, b) => a.at - b.at || (a.side === b.side ? 0 : a.side === 'client' ? -1 : 1));
  for (const entry of merged) process(sides[entry.side], entry);
  if (client.rest > 0)
    facts.events.push({
      at: clientChunks[clientChunks.length - 1].at,
      from: 'client',
      what: `${client.rest} bytes that do not complete a TLS record`,
      protection: 'clear',
    });
  return sortEvents(facts);
}

function sortEvents(facts: WireFacts): WireFacts {
  facts.events.sort((a, b) => a.at - b.at);
  return facts;
}
