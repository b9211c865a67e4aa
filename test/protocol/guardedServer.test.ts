import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../support/lspProcess';
import { MESH_STRICT as STRICT, PLAINTEXT_RULE as SHARED_RULE, UNKNOWN_PRINCIPAL_POLICY as POLICY, WEB_WORKLOAD as WORKLOAD } from '../support/manifests';

/** LSP's RequestCancelled error code. */
const REQUEST_CANCELLED = -32800;
/** JSON-RPC's InvalidParams error code. */
const INVALID_PARAMS = -32602;

/** The rule with a misspelt field of its own besides the mTLS conflict. */
const PLAINTEXT_RULE = SHARED_RULE.replace('{mode: DISABLE}', '{mode: DISABLE, sni2: x}');

describe('requests the client cancels', function () {
  this.timeout(60_000);
  let server: LspProcess;
  const uri = 'untitled:rule.yaml';
  before(async () => {
    server = new LspProcess();
    await server.initialize();
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'yaml', PLAINTEXT_RULE);
    await published;
  });
  after(async () => {
    await server.shutdown();
  });

  const at = { textDocument: { uri }, position: { line: 6, character: 6 } };
  for (const [method, params] of [
    ['textDocument/hover', at],
    ['textDocument/completion', at],
    ['textDocument/codeLens', { textDocument: { uri } }],
  ] as const) {
    it(`${method}: cancelled before it starts, it is answered RequestCancelled`, async () => {
      const answer = await server.requestCancelledAtOnce(method, params);
      assert.equal(answer.error?.code, REQUEST_CANCELLED, JSON.stringify(answer));
      assert.equal(answer.result, undefined);
    });
  }

  it('the same requests, not cancelled, are answered (the cancellation above made the difference)', async () => {
    const hover = await server.request<{ contents: { value: string } } | null>('textDocument/hover', at);
    assert.match(hover?.contents.value ?? '', /tls/);
  });

  it('requests sent with no parameters at all (as VS Code sends the custom ones) are answered', async () => {
    // vscode-jsonrpc hands such a request's handler the cancellation token alone.
    const status = await server.connection.sendRequest<{ openDocuments: number }>('meshMtls/serverStatus');
    assert.equal(status.openDocuments, 1);
    const manifests = await server.connection.sendRequest<{ uris: string[] }>('meshMtls/certificateManifests');
    assert.deepEqual(manifests.uris, []);
  });

  it('a request with parameters it cannot read is answered InvalidParams, unlogged, and the server goes on', async () => {
    const invalid = (error: { code?: number }) => error.code === INVALID_PARAMS;
    await assert.rejects(server.request('textDocument/hover', { textDocument: null, position: 'here' }), invalid);
    await assert.rejects(server.request('textDocument/completion', { textDocument: { uri }, position: null }), invalid);
    await assert.rejects(server.request('textDocument/codeAction', { textDocument: { uri }, range: at.position, context: {} }), invalid);
    const status = await server.request<{ openDocuments: number }>('meshMtls/serverStatus', null);
    assert.equal(status.openDocuments, 1);
    // The client's mistake is answered, not logged as a failure of ours.
    assert.deepEqual(
      server.logs.filter((line) => /failed/i.test(line)),
      [],
    );
  });
});

describe('a failure costs only what failed', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-guarded-'));
    writeFileSync(path.join(dir, 'mesh.yaml'), STRICT);
    writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
    writeFileSync(path.join(dir, 'web.yaml'), WORKLOAD);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a cross-resource rule that throws: the other rules and the file checks still publish, the server still answers', async () => {
    const server = new LspProcess([], { MESH_MTLS_TEST_INTERNAL_ERROR: 'rule:authorizationPolicy' });
    try {
      const failed = server.nextLog(/^authorizationPolicy failed: Error: forced by MESH_MTLS_TEST_INTERNAL_ERROR=rule:authorizationPolicy/);
      const indexed = server.nextNotification('meshMtls/workspaceIndexed');
      await server.initialize(pathToFileURL(dir).href);
      await indexed;
      const rule = pathToFileURL(path.join(dir, 'rule.yaml')).href;
      // The opened file joins the analysis a moment after its first check: wait for the publish that has it.
      const published = server.diagnosticsMatching(rule, (p) => p.diagnostics.some((d) => d.code === 'mtls-destination-conflict'));
      await server.open(rule, 'yaml', PLAINTEXT_RULE);
      const codes = (await published).diagnostics.map((d) => d.code).sort();
      assert.deepEqual(codes, ['mtls-destination-conflict', 'unknown-field']);
      await failed;
      // The policy's own finding came from the failed rule: opened, it is checked on its own and has none.
      const policy = pathToFileURL(path.join(dir, 'policy.yaml')).href;
      const policyPublished = server.nextDiagnostics(policy);
      await server.open(policy, 'yaml', POLICY);
      assert.deepEqual((await policyPublished).diagnostics, []);
      const hover = await server.request<{ contents: { value: string } } | null>('textDocument/hover', {
        textDocument: { uri: rule },
        position: { line: 6, character: 6 },
      });
      assert.match(hover?.contents.value ?? '', /tls/);
    } finally {
      await server.shutdown();
    }
  });

  for (const forced of ['uncaught', 'rejection'] as const) {
    it(`an ${forced === 'uncaught' ? 'uncaught error' : 'unhandled rejection'} outside any handler is logged, and the server keeps serving`, async () => {
      const server = new LspProcess([], { MESH_MTLS_TEST_INTERNAL_ERROR: forced });
      try {
        const logged = server.nextLog(forced === 'uncaught' ? /^Uncaught error: Error: forced/ : /^Unhandled rejection: Error: forced/);
        await server.initialize();
        await logged;
        const status = await server.request<{ openDocuments: number }>('meshMtls/serverStatus', null);
        assert.equal(status.openDocuments, 0);
        assert.equal(await server.shutdown(), 0);
      } catch (error) {
        server.kill();
        throw error;
      }
    });
  }
});

describe('a request whose document changes before it is answered', function () {
  this.timeout(60_000);
  let server: LspProcess;
  after(async () => {
    await server.shutdown();
  });

  it('is answered ContentModified, not with lenses of the old text', async () => {
    server = new LspProcess();
    await server.initialize(null, { configuration: () => ({}) });
    const uri = 'untitled:rule.yaml';
    const first = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'yaml', PLAINTEXT_RULE);
    await first;
    // From now on the editor holds its answers to workspace/configuration until told to go on, so
    // the code lens request below waits on the settings while the document changes.
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    server.connection.onRequest('workspace/configuration', async ({ items }: { items: unknown[] }) => {
      await held;
      return items.map(() => ({}));
    });
    await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const lenses = server.codeLens(uri).then(
      () => undefined,
      (error: { code?: number }) => error.code,
    );
    await server.change(uri, 2, `${PLAINTEXT_RULE}# edited\n`);
    // Requests are handled in order: once the status is answered, the change has been applied.
    await server.request('meshMtls/serverStatus', null);
    answer();
    assert.equal(await lenses, -32801);
  });
});
