import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ROOT } from '../rig/paths';

export interface ConfigurationItem {
  scopeUri?: string;
  section?: string;
}

export interface RawResponse {
  result?: unknown;
  error?: { code: number; message: string };
}

export interface WorkspaceFolder {
  uri: string;
  name: string;
}

export interface PublishedDiagnostics {
  uri: string;
  version?: number;
  diagnostics: Array<{
    range: { start: { line: number; character: number }; end: { line: number; character: number } };
    code?: string;
    severity?: number;
    message: string;
  }>;
}

/** `node dist/server.js --stdio` with a JSON-RPC connection to it, as any LSP editor would start it. */
export class LspProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly connection: MessageConnection;
  private readonly waiters: Array<{ accept: (p: PublishedDiagnostics) => boolean; resolve: (p: PublishedDiagnostics) => void }> = [];
  private readonly logWaiters: Array<{ pattern: RegExp; resolve: (message: string) => void }> = [];
  readonly logs: string[] = [];
  private readonly raw: StreamMessageReader;
  private readonly rawWaiters = new Map<string, (response: RawResponse) => void>();
  private rawCount = 0;
  /** Every diagnostics notification, in the order the server sent them. */
  readonly published: PublishedDiagnostics[] = [];
  stderr = '';

  /**
   * `nodeOptions`: flags for node itself, such as a heap limit that turns a runaway read into a failure.
   * `env`: extra environment variables for the server (test hooks).
   */
  constructor(nodeOptions: string[] = [], env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [...nodeOptions, path.join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe', env: { ...process.env, ...env } });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.raw = new StreamMessageReader(this.child.stdout);
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => {
      this.published.push(params);
      const index = this.waiters.findIndex((w) => w.accept(params));
      if (index >= 0) this.waiters.splice(index, 1)[0].resolve(params);
    });
    this.connection.onNotification('window/logMessage', ({ message }: { message: string }) => {
      this.logs.push(message);
      const index = this.logWaiters.findIndex((w) => w.pattern.test(message));
      if (index >= 0) this.logWaiters.splice(index, 1)[0].resolve(message);
    });
    this.connection.listen();
    // A second reader of the same output, from its first byte, for answers to requests written by hand.
    this.raw.listen((message) => {
      const id = (message as { id?: unknown }).id;
      const waiter = typeof id === 'string' ? this.rawWaiters.get(id) : undefined;
      if (waiter && typeof id === 'string') {
        this.rawWaiters.delete(id);
        waiter(message as RawResponse);
      }
    });
  }

  /**
   * Sends `method` and its $/cancelRequest in one write, so the server reads the cancellation
   * before it can start on the request; resolves with the server's answer.
   */
  requestCancelledAtOnce(method: string, params: unknown): Promise<RawResponse> {
    const id = `cancelled-${++this.rawCount}`;
    const frame = (message: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    return new Promise((resolve) => {
      this.rawWaiters.set(id, resolve);
      this.child.stdin.write(frame({ id, method, params }) + frame({ method: '$/cancelRequest', params: { id } }));
    });
  }

  /** The next log message matching `pattern` (or one already logged). Register before causing it. */
  nextLog(pattern: RegExp): Promise<string> {
    return new Promise((resolve) => this.logWaiters.push({ pattern, resolve }));
  }

  /**
   * `options.configuration` answers workspace/configuration (and tells the server the client can be
   * asked); `options.workspaceFolders` are the folders opened, with runtime folder changes supported.
   */
  initialize(
    rootUri: string | null = null,
    options: { configuration?: (item: ConfigurationItem) => unknown; workspaceFolders?: WorkspaceFolder[] } = {},
  ): Promise<{ capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } }> {
    const { configuration, workspaceFolders } = options;
    if (configuration) this.connection.onRequest('workspace/configuration', ({ items }: { items: ConfigurationItem[] }) => items.map(configuration));
    const capabilities = {
      workspace: { ...(configuration ? { configuration: true } : {}), ...(workspaceFolders ? { workspaceFolders: true } : {}) },
    };
    return this.connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities, workspaceFolders }).then(async (result) => {
      await this.connection.sendNotification('initialized', {});
      return result as { capabilities: Record<string, unknown>; serverInfo?: { name: string; version?: string } };
    });
  }

  /** The next notification of `method`. Register before causing it. */
  nextNotification<P>(method: string): Promise<P> {
    return new Promise((resolve) => {
      const registration = this.connection.onNotification(method, (params: P) => {
        registration.dispose();
        resolve(params);
      });
    });
  }

  /** Initializes with one workspace folder and resolves with the server's "Indexed N YAML files" log, once it has read the folder. */
  async initializeIndexed(rootUri: string): Promise<string> {
    const indexed = this.nextLog(/^Indexed \d+ YAML files/);
    await this.initialize(rootUri);
    return indexed;
  }

  /** The next diagnostics published for `uri` (at `version`, when given). Register before sending the change. */
  nextDiagnostics(uri: string, version?: number): Promise<PublishedDiagnostics> {
    return new Promise((resolve) => this.waiters.push({ accept: (p) => p.uri === uri && (version === undefined || p.version === version), resolve }));
  }

  /** The first diagnostics published for `uri` that satisfy `accept`. Register before causing them. */
  diagnosticsMatching(uri: string, accept: (published: PublishedDiagnostics) => boolean): Promise<PublishedDiagnostics> {
    return new Promise((resolve) => this.waiters.push({ accept: (p) => p.uri === uri && accept(p), resolve }));
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (a full-document change, which incremental servers also accept). */
  change(uri: string, version: number, text: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  codeLens(uri: string): Promise<Array<{ range: { start: { line: number } }; command?: { title: string; command: string } }>> {
    return this.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** LSP shutdown then exit; resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    this.raw.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.raw.dispose();
    if (this.child.exitCode === null) this.child.kill();
  }
}
