// Runs one connection between a server under test and a client, both in this process, through
// the wire tap, and records what each side saw and when. Everything listens on 127.0.0.1 and
// everything is closed before the promise settles, on success, failure or timeout.

import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import { Duplex } from 'node:stream';
import * as tls from 'node:tls';
import { identityAllowed, spiffeIdOf } from './peerIdentity';
import { looksLikeTls } from './tlsRecords';
import { startWireTap, type WireTap } from './wireTap';
import type { WireChunk } from './transcript';

export type ServerMode = 'required' | 'optional' | 'tls';
export type TlsVersion = 'TLSv1.2' | 'TLSv1.3';

export interface HandshakeInput {
  server: { certPem: string; keyPem: string; /** CAs the server trusts for client certificates. */ caPem?: string };
  client: {
    certPem?: string;
    keyPem?: string;
    /** CAs the client trusts for the server. */ caPem?: string;
    /** Speak plaintext instead of TLS. */ plaintext?: boolean;
  };
  /** required: mTLS only (Istio STRICT); optional: mTLS or plaintext (PERMISSIVE); tls: one-way TLS. */
  mode: ServerMode;
  serverVersions?: { min?: TlsVersion; max?: TlsVersion };
  clientVersions?: { min?: TlsVersion; max?: TlsVersion };
  /** The name the client expects of the server: a DNS name, an IP, or a SPIFFE ID. */
  expectServerName?: string;
  /** Client identities the server lets in (SPIFFE IDs or Istio principals); absent lets any verified client in. */
  allowClients?: string[];
  timeoutMs?: number;
  /** Ends the run early (the panel closed): everything is closed and the run reports it was cancelled. */
  signal?: AbortSignal;
}

export interface SideError {
  at: number;
  code?: string;
  message: string;
}

export interface RunObservations {
  setup: { server?: SideError; client?: SideError };
  client: {
    secureAt?: number;
    identityCheckedAt?: number;
    identityError?: SideError;
    error?: SideError;
    protocol?: string;
    cipher?: string;
    echoedAt?: number;
    closedAt?: number;
    keylog: string[];
  };
  server: {
    plaintext?: boolean;
    secureAt?: number;
    error?: SideError;
    /** What Node's verification of the client certificate said (mode optional keeps going to say it). */
    clientVerified?: boolean;
    clientVerifyError?: string;
    clientPresented?: boolean;
    clientIdentity?: string;
    authorizedAt?: number;
    denied?: string;
  };
  timedOut: boolean;
  cancelled: boolean;
  wire: WireChunk[];
  durationMs: number;
}

export const DEFAULT_TIMEOUT_MS = 5000;
const PROBE = 'mesh-mtls handshake probe';

export async function runHandshake(input: HandshakeInput): Promise<RunObservations> {
  const startedAt = performance.now();
  const now = () => performance.now() - startedAt;
  const observations: RunObservations = { setup: {}, client: { keylog: [] }, server: {}, timedOut: false, cancelled: false, wire: [], durationMs: 0 };
  const fail = (error: unknown): SideError => ({ at: now(), code: (error as NodeJS.ErrnoException).code, message: (error as Error).message });

  // The contexts are made first only to catch bad PEM and mismatched keys with their own error:
  // a server given a ready-made context loses the defaults that let it sign with ECDSA keys.
  let serverContext: tls.SecureContext | undefined;
  try {
    serverContext = tls.createSecureContext({
      cert: input.server.certPem,
      key: input.server.keyPem,
      ca: input.server.caPem || undefined,
      minVersion: input.serverVersions?.min,
      maxVersion: input.serverVersions?.max,
    });
  } catch (error) {
    observations.setup.server = fail(error);
  }
  let clientContext: tls.SecureContext | undefined;
  if (!input.client.plaintext) {
    try {
      clientContext = tls.createSecureContext({
        cert: input.client.certPem || undefined,
        key: input.client.keyPem || undefined,
        ca: input.client.caPem || undefined,
        minVersion: input.clientVersions?.min,
        maxVersion: input.clientVersions?.max,
      });
    } catch (error) {
      observations.setup.client = fail(error);
    }
  }
  if (!serverContext || (!input.client.plaintext && !clientContext)) {
    observations.durationMs = now();
    return observations;
  }

  const sockets = new Set<net.Socket>();
  let tlsServer: tls.Server | undefined;
  let plainServer: net.Server | undefined;
  let tap: WireTap | undefined;
  let stopCancel: () => void = () => undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    try {
      tlsServer = tls.createServer({
        cert: input.server.certPem,
        key: input.server.keyPem,
        ca: input.server.caPem || undefined,
        requestCert: input.mode !== 'tls',
        rejectUnauthorized: input.mode === 'required',
        minVersion: input.serverVersions?.min,
        maxVersion: input.serverVersions?.max,
      });
    } catch (error) {
      observations.setup.server = fail(error);
      return observations;
    }
    const secureServer = tlsServer;
    secureServer.on('tlsClientError', (error) => (observations.server.error ??= fail(error)));
    secureServer.on('secureConnection', (socket) => serve(socket, input, observations, sockets, now, fail));
    plainServer = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', (error) => (observations.server.error ??= fail(error)));
      if (input.mode !== 'optional') {
        secureServer.emit('connection', socket);
        return;
      }
      socket.once('data', (first) => {
        if (!looksLikeTls(first)) {
          // PERMISSIVE: a plaintext peer gets a plaintext answer on the same port.
          observations.server.plaintext = true;
          socket.write(first);
          socket.on('data', (data) => socket.write(data));
          socket.on('end', () => socket.end());
          return;
        }
        // The bytes already read must reach TLS first; a TLSSocket over the bare socket would read
        // past them from its handle, so it gets a stream that replays them.
        secureServer.emit('connection', replaying(socket, first));
      });
    });
    await listenOnLoopback(plainServer);
    tap = await startWireTap({ host: '127.0.0.1', port: (plainServer.address() as net.AddressInfo).port }, startedAt);
    const tapPort = tap.port;

    const clientDone = new Promise<void>((resolve) => {
      const probe = `${PROBE} ${randomBytes(6).toString('hex')}\n`;
      let received = '';
      const onData = (data: Buffer) => {
        received += data.toString('utf8');
        if (received === probe) {
          observations.client.echoedAt = now();
          socket.end();
        }
      };
      let socket: net.Socket;
      if (input.client.plaintext) {
        socket = net.connect({ host: '127.0.0.1', port: tapPort }, () => socket.write(probe));
      } else {
        let secure: tls.TLSSocket;
        try {
          secure = tls.connect(
            clientOptions(tapPort, input.client, input.expectServerName, input.expectServerName, input.clientVersions, (error) => {
              observations.client.identityCheckedAt = now();
              if (error) observations.client.identityError = { at: now(), code: (error as NodeJS.ErrnoException).code, message: error.message };
            }),
          );
        } catch (error) {
          // The files loaded into a context above, so this is rare; the run reports it as the client's setup.
          observations.setup.client = fail(error);
          resolve();
          return;
        }
        secure.on('keylog', (line) => observations.client.keylog.push(line.toString('utf8')));
        secure.on('secureConnect', () => {
          observations.client.secureAt = now();
          observations.client.protocol = secure.getProtocol() ?? undefined;
          observations.client.cipher = secure.getCipher()?.standardName;
          secure.write(probe);
        });
        socket = secure;
      }
      sockets.add(socket);
      // The relay carries this connection only, known by its port once it is connected.
      socket.once('connect', () => tap?.admit(socket.localPort ?? 0));
      socket.on('data', onData);
      socket.on('error', (error) => (observations.client.error ??= fail(error)));
      socket.on('close', () => {
        observations.client.closedAt = now();
        resolve();
      });
    });
    // A client that never started leaves nothing for the relay to finish.
    const relayDone = clientDone.then(() => (observations.setup.client ? undefined : tap?.finished));

    const timedOut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        observations.timedOut = true;
        resolve();
      }, input.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    });
    const cancelled = new Promise<void>((resolve) => {
      if (input.signal?.aborted) resolve();
      const onAbort = () => resolve();
      input.signal?.addEventListener('abort', onAbort, { once: true });
      stopCancel = () => input.signal?.removeEventListener('abort', onAbort);
    }).then(() => {
      observations.cancelled = true;
    });
    // The relay closes once both sides have; then the server's last events are in as well.
    await Promise.race([relayDone, timedOut, cancelled]);
  } finally {
    // On every path, a throw included: nothing this run opened may outlive it.
    clearTimeout(timer);
    stopCancel();
    for (const socket of sockets) socket.destroy();
    await tap?.close();
    await closeServer(plainServer);
    tlsServer?.close();
    observations.wire = tap?.chunks ?? [];
    observations.durationMs = now();
  }
  return observations;
}

/** What the server under test does with a client that completed the handshake: check who it is, then echo. */
function serve(
  socket: tls.TLSSocket,
  input: HandshakeInput,
  observations: RunObservations,
  sockets: Set<net.Socket>,
  now: () => number,
  fail: (error: unknown) => SideError,
): void {
  sockets.add(socket);
  observations.server.secureAt = now();
  const peer = socket.getPeerCertificate();
  const presented = peer !== null && Object.keys(peer).length > 0;
  observations.server.clientPresented = presented;
  observations.server.clientVerified = socket.authorized;
  if (!socket.authorized && socket.authorizationError) observations.server.clientVerifyError = String(socket.authorizationError);
  socket.on('error', (error) => (observations.server.error ??= fail(error)));
  // PERMISSIVE still refuses a certificate it cannot verify; it only tolerates none.
  if (presented && !socket.authorized) {
    socket.destroy();
    return;
  }
  const identity = presented ? spiffeIdOf(peer) : undefined;
  observations.server.clientIdentity = identity;
  if (input.allowClients?.length) {
    const allowed = identity !== undefined && input.allowClients.some((rule) => identityAllowed(identity, rule));
    observations.server.authorizedAt = now();
    if (!allowed) {
      observations.server.denied = identity ?? (presented ? 'a certificate without a SPIFFE ID' : 'a client without a certificate');
      // As a sidecar's RBAC filter does: the connection closes without an answer.
      socket.end();
      return;
    }
  }
  socket.on('data', (data) => socket.write(data));
  socket.on('end', () => socket.end());
}

/** Listens on 127.0.0.1 on a free port; a failure to bind rejects instead of going unheard. */
function listenOnLoopback(server: net.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: net.Server | undefined): Promise<void> {
  return new Promise((resolve) => (server?.listening ? server.close(() => resolve()) : resolve()));
}

/**
 * How our client connects through the wire tap: the files it was given, SNI for a DNS name, and
 * the name check (DNS, IP or SPIFFE ID) reported to `onIdentity` as it happens.
 */
export function clientOptions(
  port: number,
  files: { certPem?: string; keyPem?: string; caPem?: string },
  expected: string | undefined,
  sniName: string | undefined,
  versions: { min?: TlsVersion; max?: TlsVersion } | undefined,
  onIdentity: (error: Error | undefined) => void,
): tls.ConnectionOptions {
  return {
    host: '127.0.0.1',
    port,
    servername: sniName && !sniName.startsWith('spiffe://') && net.isIP(sniName) === 0 ? sniName : undefined,
    cert: files.certPem || undefined,
    key: files.keyPem || undefined,
    ca: files.caPem || undefined,
    rejectUnauthorized: true,
    minVersion: versions?.min,
    maxVersion: versions?.max,
    checkServerIdentity: (_host, certificate) => {
      const error = serverIdentityError(expected, certificate);
      onIdentity(error);
      return error;
    },
  };
}

/** A duplex over `socket` whose readable side starts with `first`, the bytes a peek consumed. */
function replaying(socket: net.Socket, first: Buffer): Duplex {
  const stream = new Duplex({
    read: () => socket.resume(),
    write: (chunk: Buffer, _encoding, done) => socket.write(chunk, done),
    final: (done) => socket.end(done),
    destroy: (error, done) => {
      socket.destroy(error ?? undefined);
      done(error);
    },
  });
  stream.push(first);
  socket.on('data', (data) => {
    if (!stream.push(data)) socket.pause();
  });
  socket.on('end', () => stream.push(null));
  socket.on('close', () => stream.destroy());
  return stream;
}

/** The client's name check: DNS or IP as Node checks it, a SPIFFE ID against the URI SANs. */
export function serverIdentityError(expected: string | undefined, certificate: tls.PeerCertificate): Error | undefined {
  if (!expected) return undefined;
  if (expected.startsWith('spiffe://')) {
    const presented = spiffeIdOf(certificate);
    if (presented === expected) return undefined;
    const error = new Error(`the server's SPIFFE ID is ${presented ?? 'missing'}, not ${expected}`) as NodeJS.ErrnoException;
    error.code = 'ERR_SPIFFE_ID_MISMATCH';
    return error;
  }
  return tls.checkServerIdentity(expected, certificate);
}
