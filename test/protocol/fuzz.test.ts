import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ResponseError } from 'vscode-jsonrpc/node';
import { CertificateManifestsRequest, DocumentCertificatesRequest, ServerStatusRequest } from '../../common/src/protocol';
import { editText, MUTATIONS, readSources, type Random, type SourceDocument } from '../support/fuzzInputs';
import { LspProcess, type PublishedDiagnostics } from '../support/lspProcess';
import { peerAuthentication } from '../support/manifests';
import { pick, seededRandom } from '../support/random';
import { ServerHealth } from '../support/serverHealth';
import { EXAMPLES, ROOT } from '../rig/paths';

// The real server over stdio against seeded random input: mutated corpus documents, bursts of
// incremental edits, and requests with parameters no editor should send. After every case the
// server must answer a probe about a document it knows, correctly and within a bound, with its
// memory bounded and no error escaped. A failure names the seed; MESH_MTLS_FUZZ_SEED replays
// it, and MESH_MTLS_FUZZ_CASES runs longer.

const SEED = envInteger('MESH_MTLS_FUZZ_SEED', 17_004);
const CASES = envInteger('MESH_MTLS_FUZZ_CASES', 40);
const BOUNDS = { answerMs: 5_000, rssMb: 600 };

function envInteger(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value)) throw new Error(`${name} must be a non-negative integer, not ${JSON.stringify(value)}`);
  return Number(value);
}

const PROBE_URI = 'file:///fuzz-probe/probe.yaml';
/** Errors a well-formed request may get: a request dropped for a newer version or cancelled by the server. */
const CANCELLED = new Set([-32800, -32801, -32802]);

interface Position {
  line: number;
  character: number;
}

const int = (random: Random, below: number) => Math.floor(random() * below);

/** A position in the document, or just past it, or out of range: negative, huge, past a line's end. */
function randomPosition(random: Random, document: TextDocument): Position {
  const roll = random();
  if (roll < 0.6) return document.positionAt(int(random, document.getText().length + 1));
  if (roll < 0.7) return { line: document.lineCount + int(random, 1_000_000), character: int(random, 100) };
  if (roll < 0.8) return { line: -1 - int(random, 1_000_000), character: -int(random, 100) };
  if (roll < 0.9) return { line: int(random, document.lineCount), character: 10_000 + int(random, 2 ** 31 - 10_001) };
  return { line: 2 ** 31 - 1, character: 2 ** 31 - 1 };
}

/** A valid range of the document, as an editor sends one with a keystroke, a paste or a deletion. */
function randomRange(random: Random, document: TextDocument): { start: Position; end: Position } {
  const length = document.getText().length;
  const start = int(random, length + 1);
  const end = Math.min(length, start + (random() < 0.5 ? 0 : int(random, 400)));
  return { start: document.positionAt(start), end: document.positionAt(end) };
}

/** A file name that also reaches the key/certificate pairing and Helm template readers now and then. */
function randomUri(random: Random, index: number, source: SourceDocument): string {
  const base = path.basename(source.name);
  return pick(random, [
    `file:///fuzz/${index}/${base}`,
    `file:///fuzz/${index}/${base}`,
    `file:///fuzz/${index}/${source.languageId === 'pem' ? 'tls.crt' : 'secret.yaml'}`,
    `file:///fuzz/${index}/chart/templates/${base}`,
    `untitled:Untitled-${index}`,
  ]);
}

/** Diagnostics in a stable order, to compare two publications of one text. */
function sorted(diagnostics: PublishedDiagnostics['diagnostics']): string[] {
  return diagnostics.map((d) => JSON.stringify(d)).sort();
}

/** Diagnostics must point into the document they were published for. */
function assertInside(published: PublishedDiagnostics, document: TextDocument, what: string): void {
  for (const { range, message } of published.diagnostics) {
    for (const at of [range.start, range.end]) {
      assert.ok(
        at.line >= 0 && at.line < document.lineCount && at.character >= 0,
        `${what}: "${message}" at ${JSON.stringify(range)}, outside ${document.lineCount} lines`,
      );
    }
  }
}

describe('fuzz over stdio: node dist/server.js --stdio', function () {
  // A guard against hangs: every wait inside has its own bound of BOUNDS.answerMs.
  this.timeout(180_000);
  const random = seededRandom(SEED);
  const counts = { cases: 0, edits: 0, badRequests: 0, badNotifications: 0 };
  let server: LspProcess;
  let health: ServerHealth;

  const probe = (what: string, logged: 'forbid' | 'allow' = 'forbid') =>
    health.check(
      `${what} (seed ${SEED})`,
      () => server.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri: PROBE_URI } }),
      (symbols) =>
        assert.deepEqual(
          symbols.map((s) => s.name),
          ['PeerAuthentication default'],
        ),
      logged,
    );

  /** A well-formed request: answered with a result of the right shape, or dropped as cancelled. */
  async function wellFormed(what: string, method: string, params: unknown, expect: (result: unknown) => void): Promise<void> {
    counts.badRequests++;
    try {
      expect(await health.within(`${what} (seed ${SEED})`, server.request<unknown>(method, params)));
    } catch (error) {
      if (!(error instanceof ResponseError && CANCELLED.has(error.code))) throw error;
    }
  }

  /** A malformed request: any answer will do, a result or an error, as long as the server answers and keeps serving. */
  async function malformed(method: string, params: unknown): Promise<void> {
    counts.badRequests++;
    const what = `${method} with ${JSON.stringify(params)?.slice(0, 120)} (seed ${SEED})`;
    await health.within(
      what,
      server.request<unknown>(method, params).then(
        () => undefined,
        (error: unknown) => assert.ok(error instanceof ResponseError, `${what}: ${String(error)}`),
      ),
    );
  }

  /** Requests at random places of an open document, each answered in the shape its method promises. */
  async function requestsOn(what: string, uri: string, document: TextDocument, published?: PublishedDiagnostics): Promise<void> {
    const textDocument = { uri };
    const isArray = (result: unknown) => assert.ok(Array.isArray(result), `${what}: ${JSON.stringify(result)?.slice(0, 200)}`);
    for (let n = 2 + int(random, 5); n > 0; n--) {
      const position = randomPosition(random, document);
      const label = `${what}, at ${JSON.stringify(position)}`;
      switch (int(random, 6)) {
        case 0:
          await wellFormed(`hover ${label}`, 'textDocument/hover', { textDocument, position }, (r) =>
            assert.ok(r === null || typeof (r as { contents?: unknown }).contents === 'object' || typeof (r as { contents?: unknown }).contents === 'string'),
          );
          break;
        case 1:
          await wellFormed(`completion ${label}`, 'textDocument/completion', { textDocument, position }, (r) =>
            assert.ok(Array.isArray(r) || Array.isArray((r as { items?: unknown }).items)),
          );
          break;
        case 2:
          await wellFormed(`codeLens ${what}`, 'textDocument/codeLens', { textDocument }, isArray);
          break;
        case 3:
          await wellFormed(`documentSymbol ${what}`, 'textDocument/documentSymbol', { textDocument }, isArray);
          break;
        case 4: {
          const diagnostics = published && random() < 0.7 ? published.diagnostics : [];
          await wellFormed(
            `codeAction ${label}`,
            'textDocument/codeAction',
            { textDocument, range: { start: position, end: randomPosition(random, document) }, context: { diagnostics } },
            isArray,
          );
          break;
        }
        default:
          await wellFormed(`documentCertificates ${what}`, DocumentCertificatesRequest, { textDocument, includeDer: random() < 0.5 }, (r) => {
            const answer = r as { groups: unknown; objects: unknown };
            assert.ok(Array.isArray(answer.groups) && Array.isArray(answer.objects));
          });
      }
    }
  }

  before(async () => {
    console.log(`    fuzz seed ${SEED}, ${CASES} cases (MESH_MTLS_FUZZ_SEED and MESH_MTLS_FUZZ_CASES change them)`);
    server = new LspProcess();
    health = new ServerHealth(server, BOUNDS);
    await server.initialize();
    await server.open(PROBE_URI, 'yaml', peerAuthentication('STRICT'));
    await probe('start-up');
  });

  after(async () => {
    console.log(
      `    fuzz: ${counts.cases} cases, ${counts.edits} edits, ${counts.badRequests} bad requests, seed ${SEED}; ${counts.badNotifications} bad notifications`,
    );
    try {
      // A server that came through every case also shuts down cleanly.
      if (server.child.exitCode === null) assert.equal(await health.within('shutdown', server.shutdown()), 0);
    } finally {
      server.kill();
    }
  });

  it('keeps answering through mutated corpus documents, bursts of edits and bad positions', async () => {
    const sources = readSources([path.join(ROOT, '..', 'shared', 'corpus'), EXAMPLES]);
    assert.ok(sources.length > 5, `documents to mutate under ${EXAMPLES}`);
    const stillOpen: string[] = [];
    for (let index = 0; index < CASES; index++) {
      const source = pick(random, sources);
      // Every mutation runs in every run; the cases after that pick theirs, sometimes two at once.
      const mutations = index < MUTATIONS.length ? [MUTATIONS[index]] : [pick(random, MUTATIONS), ...(random() < 0.3 ? [pick(random, MUTATIONS)] : [])];
      const text = mutations.reduce((t, m) => m.apply(random, t), source.text);
      const uri = randomUri(random, index, source);
      const languageId = random() < 0.1 ? 'plaintext' : source.languageId;
      const what = `case ${index}: ${mutations.map((m) => m.name).join(' + ')} of ${path.relative(path.dirname(ROOT), source.name)} as ${uri}`;
      counts.cases++;

      let document = TextDocument.create(uri, languageId, 1, text);
      let published: PublishedDiagnostics;
      if (random() < 0.6) {
        await server.open(uri, languageId, text);
        // A burst: every change sent before any answer, as fast typing does; only the last version must be published.
        const edits = 3 + int(random, 28);
        for (let i = 0; i < edits; i++) {
          const change = { range: randomRange(random, document), text: editText(random, text) };
          document = TextDocument.update(document, [change], document.version + 1);
          void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: document.version }, contentChanges: [change] });
        }
        counts.edits += edits;
        published = await health.within(
          `diagnostics of version ${document.version} after ${what} (seed ${SEED})`,
          server.nextDiagnostics(uri, document.version),
        );
        // The edited text read afresh must come to say the same: nothing the parse and the checks
        // kept from earlier versions may show in what is published. A reopened file's first
        // publication may precede its own cross-resource findings; a later one brings them.
        await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        const expected = JSON.stringify(sorted(published.diagnostics));
        let last: PublishedDiagnostics | undefined;
        const same = server.diagnosticsMatching(uri, (p) => p.version === 1 && JSON.stringify(sorted((last = p).diagnostics)) === expected);
        await server.open(uri, languageId, document.getText());
        await health.within(`diagnostics of the edited text reopened, ${what} (seed ${SEED})`, same).catch((error: unknown) => {
          assert.deepEqual(sorted(last?.diagnostics ?? []), sorted(published.diagnostics), `${what}: after ${edits} edits, then reopened (seed ${SEED})`);
          throw error;
        });
      } else {
        const opened = server.nextDiagnostics(uri, 1);
        await server.open(uri, languageId, text);
        published = await health.within(`diagnostics after ${what} (seed ${SEED})`, opened);
      }
      assertInside(published, document, what);
      await requestsOn(what, uri, document, published);

      // Some documents stay open a while, so the later cases run beside them.
      stillOpen.push(uri);
      if (random() < 0.8 || stillOpen.length > 3)
        await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: stillOpen.shift() } });
      await probe(what);
    }
  });

  it('answers well-formed requests about documents it does not hold with nothing', async () => {
    const unknown = [
      'file:///fuzz/nowhere/missing.yaml',
      'file:///fuzz/nowhere/missing.pem',
      'untitled:Untitled-404',
      'file:///',
      'http://localhost:1/x.yaml',
      '',
    ];
    for (const uri of unknown) {
      const textDocument = { uri };
      const position = randomPosition(random, TextDocument.create(uri, 'yaml', 0, ''));
      const what = `about ${JSON.stringify(uri)}`;
      await wellFormed(`hover ${what}`, 'textDocument/hover', { textDocument, position }, (r) => assert.equal(r, null));
      await wellFormed(`completion ${what}`, 'textDocument/completion', { textDocument, position }, (r) => assert.deepEqual(r, []));
      await wellFormed(`codeLens ${what}`, 'textDocument/codeLens', { textDocument }, (r) => assert.deepEqual(r, []));
      await wellFormed(`documentSymbol ${what}`, 'textDocument/documentSymbol', { textDocument }, (r) => assert.deepEqual(r, []));
      await wellFormed(
        `codeAction ${what}`,
        'textDocument/codeAction',
        { textDocument, range: { start: position, end: position }, context: { diagnostics: [] } },
        (r) => assert.deepEqual(r, []),
      );
      await wellFormed(`documentCertificates ${what}`, DocumentCertificatesRequest, { textDocument }, (r) => assert.deepEqual(r, { groups: [], objects: [] }));
      await probe(`requests ${what}`);
    }
  });

  it('answers requests with malformed parameters, result or error, and keeps serving', async () => {
    const probeDocument = { uri: PROBE_URI };
    const shapes: unknown[] = [
      undefined,
      null,
      [],
      [probeDocument],
      42,
      'text',
      {},
      { textDocument: null },
      { textDocument: { uri: 42 } },
      { textDocument: { uri: null } },
      { textDocument: { uri: { nested: true } } },
      { textDocument: { uri: 'file:///%E0%A4%A' } },
      { textDocument: { uri: `file:///${'x'.repeat(100_000)}.yaml` } },
      { textDocument: probeDocument, position: null },
      { textDocument: probeDocument, position: { line: 'one', character: {} } },
      { textDocument: probeDocument, position: { line: 1.5, character: -0.5 } },
      { textDocument: probeDocument, position: { line: 1 } },
      { textDocument: probeDocument, range: 'all', context: { diagnostics: 'none' } },
      { textDocument: probeDocument, range: null, context: null },
      { textDocument: probeDocument, context: { diagnostics: [null, 5, { range: null, code: {} }, { data: [1], message: 7 }] } },
      { textDocument: probeDocument, includeDer: 'yes' },
    ];
    const methods = [
      'textDocument/hover',
      'textDocument/completion',
      'textDocument/codeLens',
      'textDocument/documentSymbol',
      'textDocument/codeAction',
      DocumentCertificatesRequest,
      ServerStatusRequest,
      CertificateManifestsRequest,
      'textDocument/definition',
      'meshMtls/noSuchRequest',
    ];
    for (const method of methods) {
      // Each method gets every shape, in a seeded order, so a run's sequence is its own.
      const order = shapes.map((shape) => ({ shape, key: random() })).sort((a, b) => a.key - b.key);
      for (const { shape } of order) await malformed(method, shape);
      await probe(`malformed ${method} requests`);
    }
  });
  /** Sends a notification no editor should send, then probes. */
  async function notify(method: string, params: unknown, logged: 'forbid' | 'allow'): Promise<void> {
    counts.badNotifications++;
    await server.connection.sendNotification(method, params);
    await probe(`${method} with ${JSON.stringify(params)?.slice(0, 120)}`, logged);
  }

  it('takes notifications about unknown documents and out-of-range edits without a word in its log', async () => {
    const uri = 'file:///fuzz/notified.yaml';
    await server.open(uri, 'yaml', peerAuthentication('STRICT'));
    const far = { line: 1_000_000_000, character: 1_000_000_000 };
    const variants: Array<[string, unknown]> = [
      ['textDocument/didChange', { textDocument: { uri: 'file:///fuzz/never-opened.yaml', version: 2 }, contentChanges: [{ text: 'x' }] }],
      ['textDocument/didClose', { textDocument: { uri: 'file:///fuzz/never-opened.yaml' } }],
      [
        'textDocument/didChange',
        { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: -5, character: -1 }, end: far }, text: 'a: [' }] },
      ],
      [
        'textDocument/didChange',
        { textDocument: { uri, version: 3 }, contentChanges: [{ range: { start: far, end: { line: 0, character: 0 } }, text: '\r\n' }] },
      ],
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'an older version' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [] }],
      [
        'workspace/didChangeWatchedFiles',
        {
          changes: [
            { uri: 'file:///fuzz/nowhere/gone.yaml', type: 3 },
            { uri: 'file:///fuzz/nowhere/new.yaml', type: 1 },
          ],
        },
      ],
      ['$/cancelRequest', { id: 'no-such-request' }],
      ['$/cancelRequest', { id: 123_456_789 }],
      ['meshMtls/noSuchNotification', { anything: true }],
    ];
    for (const [method, params] of variants) await notify(method, params, 'forbid');
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });

  it('keeps serving after notifications that break the protocol (it may log them)', async () => {
    const variants: Array<[string, unknown]> = [
      ['textDocument/didOpen', null],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///fuzz/null-text.yaml', languageId: 'yaml', version: 1, text: null } }],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///fuzz/number-text.yaml', languageId: 7, version: 'one', text: 42 } }],
      ['textDocument/didOpen', { textDocument: { uri: 42, languageId: 'yaml', version: 1, text: 'a: 1' } }],
      ['textDocument/didChange', { textDocument: { uri: PROBE_URI, version: 2 }, contentChanges: null }],
      ['textDocument/didChange', { textDocument: { uri: PROBE_URI, version: 2 }, contentChanges: [{ text: null }] }],
      ['workspace/didChangeConfiguration', null],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///%', type: 1 }, null, { uri: 5, type: 9 }] }],
      ['workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: 'file:///fuzz/nowhere', name: 'gone' }], removed: [null] } }],
    ];
    for (const [method, params] of variants) await notify(method, params, 'allow');
  });
});
