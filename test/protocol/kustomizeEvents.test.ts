import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../support/lspProcess';

const issuer = `apiVersion: cert-manager.io/v1
kind: Issuer
metadata: { name: ca, namespace: prod }
spec:
  ca: { secretName: ca }
`;

const otherIssuer = `apiVersion: cert-manager.io/v1
kind: Issuer
metadata: { name: other, namespace: default }
spec:
  ca: { secretName: other }
`;

const certificate = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web }
spec:
  secretName: web-tls
  dnsNames: [web.prod.svc]
  issuerRef: { name: ca }
`;

// The server reads kustomize trees once and keeps them: the editor's file events are what make it read them again.
describe('kustomizations created while the server runs', () => {
  let server: LspProcess;
  let root: string;
  const uriOf = (file: string) => pathToFileURL(path.join(root, file)).toString();

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-lsp-kustomize-'));
    writeFileSync(path.join(root, 'issuer.yaml'), issuer);
    writeFileSync(path.join(root, 'other-issuer.yaml'), otherIssuer);
    writeFileSync(path.join(root, 'certificate.yaml'), certificate);
    server = new LspProcess();
    await server.initializeIndexed(uriOf(''));
  });
  after(() => {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('places a file in the namespace of a kustomization created beside it, once told of the new file', async () => {
    const missing = server.diagnosticsMatching(uriOf('certificate.yaml'), (p) => p.diagnostics.some((d) => d.code === 'missing-issuer'));
    await server.open(uriOf('certificate.yaml'), 'yaml', readFileSync(path.join(root, 'certificate.yaml'), 'utf8'));
    // Without a kustomization the Certificate lands in default, where Issuers are but none named ca.
    await missing;
    writeFileSync(path.join(root, 'kustomization.yaml'), 'namespace: prod\nresources: [certificate.yaml]\n');
    const found = server.diagnosticsMatching(uriOf('certificate.yaml'), (p) => !p.diagnostics.some((d) => d.code === 'missing-issuer'));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('kustomization.yaml'), type: 1 }] });
    const published = await found;
    assert.deepEqual(
      published.diagnostics.filter((d) => d.severity === 1),
      [],
    );
  });
});
