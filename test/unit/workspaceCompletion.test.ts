import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { TextEdit } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { completeAt } from '../../server/src/service/completion';
import { scanYamlFiles } from '../../server/src/workspace/scan';
import { resourcesOf } from '../../server/src/analysis/resources';
import { WorkspaceAnalysis } from '../../server/src/analysis/workspaceAnalysis';
import { withCursor } from '../support/cursor';

const registry = createDefaultRegistry();

const WORKLOADS = `apiVersion: v1
kind: Namespace
metadata: { name: payments }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: ledger, namespace: payments }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata:
      labels: { app: web, version: v2 }
    spec:
      serviceAccountName: web
---
apiVersion: batch/v1
kind: CronJob
metadata: { name: report, namespace: shop }
spec:
  jobTemplate:
    spec:
      template:
        metadata:
          labels: { app: report }
        spec:
          serviceAccountName: reporter
`;

/** The server's one workspace index: completion reads the resources the cross-resource rules read. */
function index(): WorkspaceAnalysis {
  const workspace = new WorkspaceAnalysis();
  workspace.setFile('file:///workloads.yaml', resourcesOf('file:///workloads.yaml', parseYaml(WORKLOADS)));
  return workspace;
}

function complete(source: string, workspace = index()) {
  const { text, offset } = withCursor(source);
  return completeAt(text, parseYaml(text), offset, registry, workspace);
}

const policy = (body: string) => `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: p, namespace: shop }\nspec:\n${body}`;

describe('completion of workspace values', () => {
  it('reads namespaces, service accounts and pod labels from any manifest', () => {
    const workspace = index();
    assert.deepEqual(workspace.namespaces(), ['payments', 'shop']);
    assert.deepEqual(workspace.serviceAccounts(), [
      { namespace: 'payments', name: 'ledger' },
      { namespace: 'shop', name: 'reporter' },
      { namespace: 'shop', name: 'web' },
    ]);
    assert.deepEqual(workspace.labelKeys(), ['app', 'version']);
    assert.deepEqual(workspace.labelValues('app'), ['report', 'web']);
  });

  it('offers service accounts as Istio principals on a new list item', () => {
    const items = complete(policy('  rules:\n    - from:\n        - source:\n            principals:\n              - |\n'));
    assert.deepEqual(
      items.map((i) => i.label),
      ['cluster.local/ns/payments/sa/ledger', 'cluster.local/ns/shop/sa/reporter', 'cluster.local/ns/shop/sa/web'],
    );
    assert.equal((items[0].textEdit as TextEdit).newText, 'cluster.local/ns/payments/sa/ledger');
    assert.equal(items[0].detail, 'service account ledger in payments');
  });

  it('offers namespaces and ns/sa service accounts where Istio wants them', () => {
    assert.deepEqual(
      complete(policy('  rules:\n    - from:\n        - source:\n            namespaces:\n              - |\n')).map((i) => i.label),
      ['payments', 'shop'],
    );
    assert.deepEqual(
      complete(policy('  rules:\n    - from:\n        - source:\n            serviceAccounts:\n              - |\n')).map((i) => i.label),
      ['payments/ledger', 'shop/reporter', 'shop/web'],
    );
    assert.deepEqual(
      complete(policy('  rules:\n    - from:\n        - source:\n            namespaces: [|]\n')).map((i) => i.label),
      ['payments', 'shop'],
    );
    assert.deepEqual(
      complete('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  namespace: |\n').map((i) => i.label),
      ['payments', 'shop'],
    );
  });

  it('offers Linkerd identities of the service accounts', () => {
    const items = complete(
      'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata: { name: m, namespace: shop }\nspec:\n  identities:\n    - |\n',
    );
    assert.ok(items.some((i) => i.label === 'web.shop.serviceaccount.identity.linkerd.cluster.local'));
  });

  it('offers pod label keys and their values in selectors', () => {
    const keys = complete(policy('  selector:\n    matchLabels:\n      version: v2\n      |\n'));
    assert.deepEqual(
      keys.map((i) => i.label),
      ['app'],
    );
    assert.equal((keys[0].textEdit as TextEdit).newText, 'app: ');
    assert.deepEqual(
      complete(policy('  selector:\n    matchLabels:\n      app: |\n')).map((i) => i.label),
      ['report', 'web'],
    );
  });

  it('follows the files as they change: values of a deleted file are gone, of a changed one replaced', () => {
    const workspace = index();
    const accounts = () => workspace.serviceAccounts().map((a) => `${a.namespace}/${a.name}`);
    assert.deepEqual(accounts(), ['payments/ledger', 'shop/reporter', 'shop/web']);
    const other = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: { name: billing, namespace: payments }\n';
    workspace.setFile('file:///workloads.yaml', resourcesOf('file:///workloads.yaml', parseYaml(other)));
    assert.deepEqual(accounts(), ['payments/billing']);
    workspace.deleteFile('file:///workloads.yaml');
    assert.deepEqual(workspace.namespaces(), []);
  });

  it('offers nothing from an empty workspace, and still offers schema keys', () => {
    assert.deepEqual(complete(policy('  rules:\n    - from:\n        - source:\n            principals:\n              - |\n'), new WorkspaceAnalysis()), []);
    assert.ok(complete(policy('  |\n')).some((i) => i.label === 'rules'));
  });

  it('scans the YAML files of a folder, skipping dependencies and files over the limit', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mm-scan-'));
    try {
      mkdirSync(path.join(root, 'deploy'));
      mkdirSync(path.join(root, 'node_modules', 'x'), { recursive: true });
      writeFileSync(path.join(root, 'deploy', 'app.yaml'), WORKLOADS);
      writeFileSync(path.join(root, 'node_modules', 'x', 'skip.yaml'), 'kind: Namespace\nmetadata: { name: hidden }\n');
      writeFileSync(path.join(root, 'big.yml'), `# ${'x'.repeat(600_000)}\n`);
      writeFileSync(path.join(root, 'notes.txt'), 'kind: Namespace\n');
      const workspace = new WorkspaceAnalysis();
      const count = await scanYamlFiles([root], (uri, text) => workspace.setFile(uri, resourcesOf(uri, parseYaml(text))));
      assert.equal(count, 1);
      assert.deepEqual(workspace.namespaces(), ['payments', 'shop']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
