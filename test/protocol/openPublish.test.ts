import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../support/lspProcess';

// A policy naming a service account the same file does not define: a finding of the workspace
// analysis, about this file alone.
const manifest = `apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop }
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: allow-web, namespace: shop }
spec:
  action: ALLOW
  rules:
    - from:
        - source:
            principals: ["cluster.local/ns/shop/sa/webb"]
`;

describe('the first diagnostics of an opened file', () => {
  let server: LspProcess;
  let root: string;

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-lsp-open-'));
    server = new LspProcess();
    await server.initializeIndexed(pathToFileURL(root).toString());
  });
  after(() => {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('already hold what the workspace analysis finds in it, not only in a second publish after the edit waits', async () => {
    const uri = pathToFileURL(path.join(root, 'policy.yaml')).toString();
    const first = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'yaml', manifest);
    const published = await first;
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.range.start.line]),
      [['unknown-service-account', 12]],
    );
  });
});
