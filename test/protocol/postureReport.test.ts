import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PostureReportRequest, WorkspaceChangedNotification, type PostureReport } from '../../common/src/protocol';
import { certificateExpiringIn } from '../support/certificates';
import { LspProcess } from '../support/lspProcess';
import { POSTURE_FIXTURE } from '../support/postureFixture';
import { ROOT } from '../rig/paths';

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

describe("posture report over stdio: the editor's lint counts are the CLI's", () => {
  let server: LspProcess;
  const rootUri = pathToFileURL(POSTURE_FIXTURE).toString();
  const lint = (): PostureReport['findings'] => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'report', '--format', 'json', POSTURE_FIXTURE], { encoding: 'utf8' });
    return (JSON.parse(result.stdout) as PostureReport).findings;
  };

  before(async function () {
    this.timeout(30_000);
    server = new LspProcess();
    await server.initializeIndexed(rootUri);
  });
  after(() => server.kill());

  it("counts each closed file's own findings beside the cross-resource ones, as mesh-mtls report does for the same folder", async () => {
    const report = await server.connection.sendRequest<PostureReport>(PostureReportRequest);
    const cli = lint();
    // Two cross-resource warnings and the Secret's own (its tls.key holds no PEM): see the fixture's README.
    assert.deepEqual(cli, { error: 0, warning: 3, information: 0 });
    assert.deepEqual(report.findings, cli);
    // The DER file and the PEM files are on both timelines alike.
    assert.equal(report.certificates.length, 5);
  });

  it('counts an open file as the editor holds it, unsaved errors included, and stops once it closes unsaved (it is not on disk)', async () => {
    const uri = `${rootUri}/shop/scratch.yaml`;
    const text = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: scratch, namespace: shop}\nspec:\n  mtls: {mode: STRICTER}\n';
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'yaml', text);
    await published;
    const open = await server.connection.sendRequest<PostureReport>(PostureReportRequest);
    // lint's one error for it: "STRICTER" is not a valid value for spec.mtls.mode.
    assert.deepEqual(open.findings, { error: 1, warning: 3, information: 0 });
    const changed = server.nextNotification(WorkspaceChangedNotification);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await changed;
    const closed = await server.connection.sendRequest<PostureReport>(PostureReportRequest);
    assert.deepEqual(closed.findings, { error: 0, warning: 3, information: 0 });
  });
});
