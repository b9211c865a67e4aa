import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { bulkCertificates } from '../support/bulkCertificates';
import { LspProcess } from '../support/lspProcess';

// Large files against a server with a small heap: a burst of edits must cost one update of the
// latest version, not one per keystroke, and the server must keep answering. The heap limit is
// what makes the test bite: re-indexing and re-decoding every version overran it.

const HEAP = '--max-old-space-size=512';
const BURST = 50;

const policy = (i: number) => `---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: p${i}
  namespace: ns${i % 50}
spec:
  mtls:
    mode: STRICT
  selector:
    matchLabels:
      app: a${i}
`;

interface Position {
  line: number;
  character: number;
}

/** An insertion at `at`, as an editor sends a keystroke. */
const insert = (at: Position, text: string) => ({ range: { start: at, end: at }, text });

describe('large files over stdio with a 512 MB heap', function () {
  // A guard against hangs, not a speed check: the first parse of 20 MB takes a while on a busy machine.
  this.timeout(300_000);
  let server: LspProcess;
  let root: string;
  /** Settles when the server process ends, with its signal or exit code. */
  let exited: Promise<string>;

  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-lsp-large-'));
    server = new LspProcess([HEAP]);
    const child = server.child;
    exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(String(signal ?? code))));
    await server.initialize();
  });

  afterEach(() => {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  /** `answer`, or a failure saying how the server ended if it exits first (out of memory, say). */
  function alive<T>(answer: Promise<T>): Promise<T> {
    return Promise.race([answer, exited.then((how) => Promise.reject(new Error(`the server exited (${how}): ${server.stderr.slice(-400)}`)))]);
  }

  /** Sends versions 2 to `BURST + 1` without waiting in between. */
  function burst(uri: string, edit: (version: number) => { range: { start: Position; end: Position }; text: string }): void {
    for (let version = 2; version <= 1 + BURST; version++)
      void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [edit(version)] });
  }

  it('answers after a burst of edits to a 20 MB manifest, with one diagnostic saying what was left out', async () => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; size < 20_000_000; i++) size += parts[parts.push(policy(i)) - 1].length;
    const text = parts.join('');
    const uri = pathToFileURL(path.join(root, 'big.yaml')).toString();
    const last = 1 + BURST;
    const final = server.nextDiagnostics(uri, last);
    await server.open(uri, 'yaml', text);
    // Typing into the first policy's name, then a wrong mode in the last keystroke.
    burst(uri, (version) =>
      version < last
        ? insert({ line: 4, character: 9 }, 'x')
        : { range: { start: { line: 8, character: 10 }, end: { line: 8, character: 16 } }, text: 'STRIKT' },
    );
    const symbols = await alive(server.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } }));
    assert.equal(symbols[0].name, `PeerAuthentication p${'x'.repeat(BURST - 1)}0 · ns0`);
    const { diagnostics } = await alive(final);
    const skipped = diagnostics.filter((d) => d.code === 'analysis-skipped');
    assert.equal(skipped.length, 1);
    assert.match(skipped[0].message, /YAML documents \(\d+(\.\d)? MB\) past the first 4 MB read per file, from line \d+/);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'enum-value').map((d) => d.range.start.line),
      [8],
    );
    assert.equal(server.child.exitCode, null);
    assert.equal(await server.shutdown(), 0);
  });

  it('answers after a burst of edits to a bundle of 10,000 certificates, decoding only the first 1,000', async () => {
    const text = bulkCertificates(10_000);
    const linesPerBlock = text.slice(0, text.indexOf('-----END CERTIFICATE-----')).split('\n').length;
    const uri = pathToFileURL(path.join(root, 'bundle.pem')).toString();
    const last = 1 + BURST;
    const final = server.nextDiagnostics(uri, last);
    await server.open(uri, 'pem', text);
    // Each edit breaks the body of another block: an invalid character on its first body line.
    burst(uri, (version) => insert({ line: (version - 2) * linesPerBlock + 1, character: 0 }, '!'));
    const lenses = await alive(server.codeLens(uri));
    assert.equal(new Set(lenses.map((l) => l.range.start.line)).size, 1_000);
    assert.ok(lenses.every((l) => l.range.start.line < 1_000 * linesPerBlock));
    const { diagnostics } = await alive(final);
    const skipped = diagnostics.filter((d) => d.code === 'analysis-skipped');
    assert.equal(skipped.length, 1);
    assert.match(skipped[0].message, new RegExp(`9,000 PEM blocks past the first 1,000 decoded per file, from line ${1_000 * linesPerBlock + 1}`));
    assert.equal(skipped[0].range.start.line, 1_000 * linesPerBlock);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'pem-syntax').map((d) => d.range.start.line),
      Array.from({ length: BURST }, (_, i) => i * linesPerBlock + 1),
    );
    assert.equal(server.child.exitCode, null);
    assert.equal(await server.shutdown(), 0);
  });
});
