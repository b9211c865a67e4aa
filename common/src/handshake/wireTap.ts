// A loopback relay between our client and the server under test that records every byte each
// way with its time: the timeline is read from these bytes (transcript.ts), not guessed from
// socket events. It listens on 127.0.0.1 only and relays one connection.

import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import type { WireChunk } from './transcript';

export interface WireTap {
  port: number;
  chunks: WireChunk[];
  /** Resolves when the relayed connection has closed on both sides. */
  finished: Promise<void>;
  close(): Promise<void>;
}

export function startWireTap(target: { host: string; port: number }, startedAt: number): Promise<WireTap> {
  const chunks: WireChunk[] = [];
  const sockets = new Set<net.Socket>();
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let relayed = false;
  const server = net.createServer((inbound) => {
    sockets.add(inbound);
    if (relayed) {
      // One connection per run: anything else is not ours to relay.
      inbound.destroy();
      return;
    }
    relayed = true;
    const outbound = net.connect({ host: target.host, port: target.port });
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
    outbound.on('error', () => inbound.destroy());
    inbound.on('close', () => (outbound.destroySoon(), closed()));
    outbound.on('close', () => (inbound.destroySoon(), closed()));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        chunks,
        finished,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}
