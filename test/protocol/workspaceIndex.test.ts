import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  const principals = async () =>
    (await server.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri() }, position: { line: 8, character: 16 } })).map(
      (i) => i.label,
    );

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

describe("a chart's defaults over stdio", () => {
  let server: LspProcess;
  let root: string;
  const template = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls:
    mode: {{ .Values.mtls.mode }}
`;
  const policy = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow
spec:
  selector:
    matchLabels:
      app: {{ .Values.app }}
  rules:
  - {}
`;
  const workload = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers: [{ name: web, image: example/web }]
`;
  const at = (...parts: string[]) => path.join(root, 'chart', ...parts);
  const uriOf = (...parts: string[]) => pathToFileURL(at(...parts)).toString();

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-lsp-chart-'));
    mkdirSync(at('templates'), { recursive: true });
    writeFileSync(at('Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\n');
    writeFileSync(at('values.yaml'), 'mtls:\n  mode: STRICT\napp: web\n');
    writeFileSync(at('templates', 'pa.yaml'), template);
    writeFileSync(at('templates', 'deployment.yaml'), workload);
    server = new LspProcess();
    await server.initializeIndexed(pathToFileURL(root).toString());
  });
  after(() => {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it("re-checks an open template, and re-reads the chart's other files, when values.yaml changes on disk", async () => {
    const clean = server.nextDiagnostics(uriOf('templates', 'pa.yaml'));
    await server.open(uriOf('templates', 'pa.yaml'), 'yaml', template);
    assert.deepEqual((await clean).diagnostics, []);
    const opened = server.nextDiagnostics(uriOf('templates', 'policy.yaml'));
    await server.open(uriOf('templates', 'policy.yaml'), 'yaml', policy);
    assert.deepEqual(
      (await opened).diagnostics.map((d) => d.code),
      [],
    );

    writeFileSync(at('values.yaml'), 'mtls:\n  mode: STRICTER\napp: api\n');
    const invalid = server.diagnosticsMatching(uriOf('templates', 'pa.yaml'), (p) => p.diagnostics.length > 0);
    const unselected = server.diagnosticsMatching(uriOf('templates', 'policy.yaml'), (p) => p.diagnostics.length > 0);
    const indexed = server.nextLog(/^Indexed the change/);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('values.yaml'), type: 2 }] });
    await indexed;
    const [mode] = (await invalid).diagnostics;
    assert.equal(mode.code, 'enum-value');
    assert.match(mode.message, /"STRICTER".*\.Values\.mtls\.mode in values\.yaml/);
    // The Deployment, read from disk, is in the release namespace with the policy: its pods are app=web, not app=api.
    const [selector] = (await unselected).diagnostics;
    assert.equal(selector.code, 'selector-no-workload');
    assert.match(selector.message, /app=api/);
  });
});
