import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../support/lspProcess';

interface CompletionItem {
  label: string;
}

const deployment = (namespace: string, account: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${account}, namespace: ${namespace} }
spec:
  template:
    metadata: { labels: { app: ${account} } }
    spec: { serviceAccountName: ${account} }
`;

const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: p, namespace: shop }
spec:
  rules:
    - from:
        - source:
            principals:
              - 
`;

describe('workspace values over stdio', () => {
  let server: LspProcess;
  let root: string;
  const uri = () => pathToFileURL(path.join(root, 'policy.yaml')).toString();
  const principals = async () => (await server.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri() }, position: { line: 8, character: 16 } })).map((i) => i.label);

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-lsp-workspace-'));
    writeFileSync(path.join(root, 'web.yaml'), deployment('shop', 'web'));
    server = new LspProcess();
    const indexed = server.nextLog(/^Indexed \d+ YAML files/);
    await server.initialize(pathToFileURL(root).toString());
    assert.match(await indexed, /^Indexed 1 YAML files/);
    await server.open(uri(), 'yaml', policy);
  });
  after(() => {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('completes principals from the service accounts of the workspace folder', async () => {
    assert.deepEqual(await principals(), ['cluster.local/ns/shop/sa/web']);
  });

  it('follows files created and deleted while it runs', async () => {
    const file = path.join(root, 'ledger.yaml');
    writeFileSync(file, deployment('payments', 'ledger'));
    let indexed = server.nextLog(/^Indexed the change/);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 1 }] });
    await indexed;
    assert.deepEqual(await principals(), ['cluster.local/ns/payments/sa/ledger', 'cluster.local/ns/shop/sa/web']);
    rmSync(file);
    indexed = server.nextLog(/^Indexed the change/);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 3 }] });
    await indexed;
    assert.deepEqual(await principals(), ['cluster.local/ns/shop/sa/web']);
  });
});
