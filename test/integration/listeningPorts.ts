import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The TCP ports this process (the extension host, where the tests and the extension both run)
 * listens on, read from /proc: the sockets among its file descriptors that /proc/net/tcp lists
 * in state LISTEN. What a test compares before and after a handshake run, without asking the
 * code under test.
 */
export function listeningPorts(): Set<number> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // Closed between the listing and the read.
    }
  }
  const ports = new Set<number>();
  for (const table of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; st 0A is LISTEN; the inode is the tenth field.
      if (fields.length > 9 && fields[3] === '0A' && inodes.has(fields[9])) ports.add(parseInt(fields[1].split(':')[1], 16));
    }
  }
  return ports;
}

/** Ports in `after` that were not in `before`. */
export function added(before: Set<number>, after: Set<number>): number[] {
  return [...after].filter((port) => !before.has(port)).sort((a, b) => a - b);
}
