import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PostureReportRequest, WorkspaceChangedNotification, type PostureReport } from '../../common/src/protocol';
import { certificateExpiringIn } from '../support/certificates';
import { LspProcess } from '../support/lspProcess';

const SHOP = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: { istio-injection: enabled }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  template:
    metadata: { labels: { app: web } }
    spec:
      serviceAccountName: web
      containers:
        - name: web
          image: web
          ports: [{ containerPort: 8080, name: http }]
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: { name: default, namespace: shop }
spec:
  mtls: { mode: STRICT }
`;

describe('posture report over stdio', () => {
  let server: LspProcess;
  let root: string;

  before(async function () {
    this.timeout(30_000);
    root = mkdtempSync(path.join(tmpdir(), 'mm-lsp-posture-'));
    mkdirSync(path.join(root, 'certs'));
    writeFileSync(path.join(root, 'shop.yaml'), SHOP);
    writeFileSync(path.join(root, 'certs', 'web.pem'), (await certificateExpiringIn(5, 'web.shop')).certificatePem);
    // A .cer file holding binary DER, as Windows exports them: read by its bytes.
    const partner = (await certificateExpiringIn(40, 'partner.example')).certificatePem;
    writeFileSync(path.join(root, 'certs', 'partner.cer'), Buffer.from(partner.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'));
    server = new LspProcess();
    await server.initializeIndexed(pathToFileURL(root).toString());
  });
  after(() => {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it("answers the workspace's mesh, each port's mode and where it comes from, and its certificate files", async () => {
    const report = await server.connection.sendRequest<PostureReport>(PostureReportRequest);
    assert.equal(report.format, 'mesh-mtls-posture');
    assert.deepEqual(report.roots, [root]);
    const [shop] = report.namespaces;
    assert.equal(shop.name, 'shop');
    assert.deepEqual(shop.at, { file: 'shop.yaml', line: 2 });
    const [web] = shop.workloads;
    assert.equal(web.mesh, 'istio-sidecar');
    assert.deepEqual(
      web.ports.map((p) => [p.port, p.mode, p.level, p.decidedBy?.file, p.decidedBy?.line]),
      [[8080, 'mtls', 'namespace', 'shop.yaml', 21]],
    );
    assert.deepEqual(
      report.certificates.map((c) => [c.at.file, c.identity, c.status, c.daysLeft]),
      [
        ['certs/web.pem', 'web.shop', 'expiring', 4],
        ['certs/partner.cer', 'partner.example', 'valid', 39],
      ],
    );
  });

  it('says the workspace changed when a certificate file changes, and reports it afresh', async () => {
    const file = path.join(root, 'certs', 'web.pem');
    writeFileSync(file, (await certificateExpiringIn(-1, 'old.shop')).certificatePem);
    const changed = server.nextNotification(WorkspaceChangedNotification);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 2 }] });
    await changed;
    const report = await server.connection.sendRequest<PostureReport>(PostureReportRequest);
    assert.deepEqual(
      report.certificates.map((c) => [c.identity, c.status]),
      [
        ['old.shop', 'expired'],
        ['partner.example', 'valid'],
      ],
    );
  });
});
