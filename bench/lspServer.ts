import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { WorkspaceIndexedNotification } from '../common/src/protocol';
import { ROOT } from './peers';

// The language server as an editor runs it: `node dist/server.js --stdio`, spoken to over JSON-RPC.
// Every wait is on a message from the server; a bound on each turns a server that never answers
// into a failed bench run instead of a hung one.

export interface Published {
  uri: string;
  version?: number;
  diagnostics: Array<{ code?: string | number; message: string }>;
  /** When it arrived, on this process's performance clock. */
  at: number;
}

/** Longest wait for any one message: far beyond every target, so hitting it means the server is stuck. */
const STUCK_MS = 120_000;

interface Waiter {
  accept: (published: Published) => boolean;
  resolve: (published: Published) => void;
}

export class BenchServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly connection: MessageConnection;
  private readonly waiters = new Set<Waiter>();
  /** The last publish per URI, to say what the server sent instead when a wait is stuck. */
  private readonly last = new Map<string, Published>();
  private indexed: Promise<number> | undefined;
  private stderr = '';

  constructor() {
    // BENCH_SERVER_FLAGS: node flags for the server alone, such as --cpu-prof to see where a row's time goes.
    const flags = process.env.BENCH_SERVER_FLAGS?.split(' ').filter(Boolean) ?? [];
    this.child = spawn(process.execPath, [...flags, path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe' });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: Omit<Published, 'at'>) => {
      const published = { ...params, at: performance.now() };
      this.last.set(published.uri, published);
      for (const waiter of this.waiters) {
        if (!waiter.accept(published)) continue;
        this.waiters.delete(waiter);
        waiter.resolve(published);
      }
    });
    this.connection.listen();
  }

  get pid(): number {
    return this.child.pid!;
  }

  /**
   * initialize with the folder as workspace folder and rootUri, then initialized, as an editor
   * does; resolves when `initialized` is sent, with the time it was.
   */
  async start(folderUri: string): Promise<number> {
    this.indexed = new Promise((resolve) =>
      this.connection.onNotification(WorkspaceIndexedNotification, () => {
        resolve(performance.now());
      }),
    );
    await this.bounded(
      this.connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: folderUri,
        workspaceFolders: [{ uri: folderUri, name: path.basename(folderUri) }],
        capabilities: {
          workspace: { configuration: false, workspaceFolders: true },
          textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: { versionSupport: true } },
        },
      }),
      'the answer to initialize',
    );
    const sent = performance.now();
    await this.connection.sendNotification('initialized', {});
    return sent;
  }

  /** When the server said it had read the workspace folders (the custom notification of protocol.ts). */
  workspaceIndexed(): Promise<number> {
    if (!this.indexed) throw new Error('the server was not started');
    return this.bounded(this.indexed, 'the workspace-indexed notification');
  }

  /** The first diagnostics published for `uri` that `accept` takes. Register before causing them. */
  diagnostics(uri: string, accept: (published: Published) => boolean = () => true): Promise<Published> {
    let waiter!: Waiter;
    const published = new Promise<Published>((resolve) => {
      waiter = { accept: (p) => p.uri === uri && accept(p), resolve };
      this.waiters.add(waiter);
    });
    const what = () => {
      const last = this.last.get(uri);
      return `the awaited diagnostics of ${uri} (${last ? `the last publish for it: version ${last.version}, ${last.diagnostics.length} diagnostics` : 'none published for it'})`;
    };
    return this.bounded(published, what).finally(() => this.waiters.delete(waiter));
  }

  open(uri: string, text: string, version: number): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  /** One incremental change: `text` replaces the range, as an editor sends a keystroke. */
  change(uri: string, version: number, range: LspRange, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.bounded(this.connection.sendRequest<R>(method, params), `the answer to ${method}`);
  }

  /** The process's peak resident memory so far (VmHWM), in MB. */
  peakMemoryMb(): number {
    return peakMemoryMb(this.pid);
  }

  /** shutdown and exit as an editor ends a session, then the process is killed if still there. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => (this.child.exitCode === null ? this.child.once('exit', () => resolve()) : resolve()));
    try {
      await this.bounded(this.connection.sendRequest('shutdown'), 'the answer to shutdown');
      await this.connection.sendNotification('exit');
      await this.bounded(exited, 'the server to exit');
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
    }
  }

  private bounded<T>(promise: Promise<T>, what: string | (() => string)): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const stuck = new Promise<never>((_, reject) => {
      const describe = typeof what === 'string' ? () => what : what;
      timer = setTimeout(() => reject(new Error(`no ${describe()} after ${STUCK_MS} ms${this.stderr ? `; the server wrote: ${this.stderr}` : ''}`)), STUCK_MS);
    });
    return Promise.race([promise, stuck]).finally(() => clearTimeout(timer));
  }
}

export interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** A live process's peak resident memory (VmHWM of /proc/PID/status), in MB. */
export function peakMemoryMb(pid: number): number {
  const kb = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  if (kb === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kb) / 1024;
}
