// A loopback relay between our client and the server under test that records every byte each
// way with its time: the timeline is read from these bytes (transcript.ts), not guessed from
// socket events. It listens on 127.0.0.1 only and relays one connection: our client's, known by
// its port, so another local process that connects first is not carried to the target.

import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { WireChunk } from './transcript';

export interface WireTap {
  port: number;
  chunks: WireChunk[];
  /** Resolves when the relayed connection has closed on both sides. */
  finished: Promise<void>;
  /** Relays the connection that comes from this local port (our client's, once it connected) and no other. */
  admit(clientPort: number): void;
  /** Why the connection to the target failed (ECONNREFUSED: nothing listens there), when it did. */
  targetError(): NodeJS.ErrnoException | undefined;
  /** Stops listening and ends every connection; safe to call more than once. */
  close(): Promise<void>;
}

export function startWireTap(target: { host: string; port: number }, startedAt: number): Promise<WireTap> {
  const chunks: WireChunk[] = [];
  const sockets = new Set<net.Socket>();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let relayed = false;
  let closing = false;
  let targetError: NodeJS.ErrnoException | undefined;
  let admit: (clientPort: number) => void = () => undefined;
  const admitted = new Promise<number>((resolve) => (admit = resolve));
  const relay = (inbound: net.Socket) => {
    relayed = true;
    let outbound: net.Socket;
    try {
      outbound = net.connect({ host: target.host, port: target.port });
    } catch (error) {
      // A target Node refuses outright (a bad port) ends the relay as a refused connection would.
      targetError = error as NodeJS.ErrnoException;
      inbound.destroy();
      finish();
      return;
    }
    sockets.add(outbound);
    const record = (from: WireChunk['from']) => (data: Buffer) => chunks.push({ from, at: performance.now() - startedAt, bytes: new Uint8Array(data) });
    inbound.on('data', record('client'));
    outbound.on('data', record('server'));
    inbound.pipe(outbound);
    outbound.pipe(inbound);
    let open = 2;
    const closed = () => {
      if (--open === 0) finish();
    };
    // Either side failing ends the relay; the other side sees the connection close, as it would directly.
    inbound.on('error', () => outbound.destroy());
    outbound.on('error', (error) => {
      targetError ??= error;
      inbound.destroy();
    });
    inbound.on('close', () => (outbound.destroySoon(), closed()));
    outbound.on('close', () => (inbound.destroySoon(), closed()));
  };
  const server = net.createServer((inbound) => {
    sockets.add(inbound);
    inbound.on('error', () => undefined);
    // The bytes it sends wait in the socket (nothing reads it yet) until it is known to be ours.
    void admitted.then((clientPort) => {
      // One connection per run, ours, and none once the run is over: anything else is not ours to relay.
      if (relayed || closing || inbound.remotePort !== clientPort) inbound.destroy();
      else relay(inbound);
    });
  });
  const stopped = new Promise<void>((resolve) => server.once('close', () => resolve()));
  const close = (): Promise<void> => {
    if (!closing) {
      closing = true;
      // Stop accepting first, so nothing arrives between the sockets ending and the port closing.
      server.close();
      for (const socket of sockets) socket.destroy();
    }
    return stopped;
  };
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      closing = true;
      reject(error);
    });
    server.listen(0, '127.0.0.1', () => {
      // Later errors belong to connections, each handled above; the listener itself stays quiet.
      server.on('error', () => undefined);
      resolve({ port: (server.address() as net.AddressInfo).port, chunks, finished, admit, targetError: () => targetError, close });
    });
  });
}
