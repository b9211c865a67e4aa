import * as assert from 'node:assert/strict';
import { LspProcess, type PublishedDiagnostics } from '../support/lspProcess';

interface CompletionItem {
  label: string;
}
interface CodeAction {
  title: string;
  edit?: { changes?: Record<string, Array<{ newText: string }>> };
}

const uri = 'file:///work/policy.yaml';
const text = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: strict
`;

describe('LSP language features over stdio', () => {
  let server: LspProcess;
  let published: PublishedDiagnostics;

  before(async () => {
    server = new LspProcess();
    await server.initialize();
    const diagnostics = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'yaml', text);
    published = await diagnostics;
  });
  after(() => server.kill());

  it('offers enum values as completion for the mode', async () => {
    const items = await server.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 10 } });
    assert.deepEqual(
      items.map((i) => i.label),
      ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'],
    );
  });

  it('answers hover on a field with its documentation', async () => {
    const hover = await server.request<{ contents: { kind: string; value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: 3 },
    });
    assert.equal(hover.contents.kind, 'markdown');
    assert.match(hover.contents.value, /^\*\*mtls\*\* · `object`/);
  });

  it('returns a quick fix for the published case mistake', async () => {
    assert.equal(published.diagnostics.length, 1);
    const actions = await server.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: published.diagnostics[0].range,
      context: { diagnostics: published.diagnostics },
    });
    assert.equal(actions[0].title, 'Change to STRICT');
    assert.equal(actions[0].edit?.changes?.[uri][0].newText, 'STRICT');
  });

  it('lists the resource as a document symbol', async () => {
    const symbols = await server.request<Array<{ name: string }>>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['PeerAuthentication default · istio-system'],
    );
  });
});
