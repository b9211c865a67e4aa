import * as diagnostics from 'node:diagnostics_channel';
import * as net from 'node:net';

// What a piece of code opened on the network, seen through Node's own diagnostics channels (the
// public hook every net.Server.listen, net.connect and accepted connection reports to), so tests
// can check every listener's address and that nothing is left open, without hooks in shipped code.

/** Published once a listen has succeeded, with the server. */
const LISTENING = 'tracing:net.server.listen:asyncEnd';

export interface Opened<T> {
  outcome: PromiseSettledResult<T>;
  /** The address of every listener opened, as it was once listening. */
  listeners: net.AddressInfo[];
  /** Sockets from net.connect and those servers accepted (tls.connect reports none of its own). */
  sockets: net.Socket[];
}

export async function watchOpened<T>(run: () => Promise<T>): Promise<Opened<T>> {
  const listeners: net.AddressInfo[] = [];
  const sockets: net.Socket[] = [];
  const onListen = (message: unknown) => listeners.push((message as { server: net.Server }).server.address() as net.AddressInfo);
  const onSocket = (message: unknown) => sockets.push((message as { socket: net.Socket }).socket);
  diagnostics.subscribe(LISTENING, onListen);
  diagnostics.subscribe('net.client.socket', onSocket);
  diagnostics.subscribe('net.server.socket', onSocket);
  try {
    const [outcome] = await Promise.allSettled([run()]);
    return { outcome, listeners, sockets };
  } finally {
    diagnostics.unsubscribe(LISTENING, onListen);
    diagnostics.unsubscribe('net.client.socket', onSocket);
    diagnostics.unsubscribe('net.server.socket', onSocket);
  }
}

/** How a plain TCP connection to 127.0.0.1:`port` ends: "connected" or the error code (ECONNREFUSED when nothing listens). */
export function connectTo(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.on('connect', () => (socket.destroy(), resolve('connected')));
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}
