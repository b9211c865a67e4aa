import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../rig/paths';
import { LspProcess } from '../support/lspProcess';

// An incomplete plug-in CA: what istiod does with it changed in Istio 1.27 (pilot/pkg/bootstrap/istio_ca.go).
const cacerts = `apiVersion: v1
kind: Secret
metadata: { name: cacerts, namespace: istio-system }
stringData:
  ca-cert.pem: ""
  ca-key.pem: ""
`;

// k8s_sat, built in until SPIRE 1.12 (spire-tutorials' k8s/oidc-aws runs it on SPIRE 1.5).
const SAT_SERVER =
  'server {\n  trust_domain = "example.org"\n  data_dir = "/d"\n}\nplugins {\n  DataStore "sql" { plugin_data {} }\n  KeyManager "memory" {}\n  NodeAttestor "k8s_sat" {}\n}\n';

describe("the repository's target releases over stdio", () => {
  let server: LspProcess;
  let root: string;
  const uri = () => pathToFileURL(path.join(root, 'cacerts.yaml')).toString();
  const config = () => path.join(root, '.mesh-mtls.yaml');

  before(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-lsp-versions-'));
    writeFileSync(config(), 'istio:\n  version: "1.26"\n');
    server = new LspProcess();
    await server.initialize(pathToFileURL(root).toString());
  });
  after(() => {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('checks against the release .mesh-mtls.yaml names, and again when the file changes', async () => {
    const first = server.nextDiagnostics(uri());
    await server.open(uri(), 'yaml', cacerts);
    const [older] = (await first).diagnostics;
    assert.equal(older.code, 'istio-cacerts');
    assert.match(older.message, /Istio 1\.26 ignores an incomplete plug-in CA/);

    writeFileSync(config(), 'istio:\n  version: "1.27"\n');
    const again = server.diagnosticsMatching(uri(), (p) => p.diagnostics.some((d) => /refuses to start/.test(d.message)));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config()).toString(), type: 2 }] });
    const [newer] = (await again).diagnostics;
    assert.equal(newer.severity, 2);
  });

  it('judges a SPIRE config at the release .mesh-mtls.yaml names, and again when the file changes', async () => {
    const changed = () =>
      server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config()).toString(), type: 2 }] });
    writeFileSync(config(), 'spire: { version: "1.11" }\n');
    await changed();
    const conf = pathToFileURL(path.join(root, 'server.conf')).toString();
    const first = server.nextDiagnostics(conf);
    await server.open(conf, 'plaintext', SAT_SERVER);
    assert.deepEqual((await first).diagnostics, []);
    writeFileSync(config(), 'spire: { version: "1.12" }\n');
    const again = server.diagnosticsMatching(conf, (p) => p.diagnostics.some((d) => d.code === 'spire-plugin-name'));
    await changed();
    assert.match((await again).diagnostics[0].message, /at SPIRE 1\.12, the release you target/);
  });
});

describe('mesh-mtls lint and the target releases', () => {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-cli-versions-'));
    writeFileSync(path.join(root, 'cacerts.yaml'), cacerts);
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const lint = (...args: string[]) => spawnSync(process.execPath, [cli, 'lint', '--format', 'json', ...args, 'cacerts.yaml'], { cwd: root, encoding: 'utf8' });
  const messages = (run: ReturnType<typeof lint>) => (JSON.parse(run.stdout) as Array<{ message: string }>).map((f) => f.message).join('\n');

  it('takes the flag over .mesh-mtls.yaml, and the file over the newest release', () => {
    assert.match(messages(lint()), /refuses to start/);
    writeFileSync(path.join(root, '.mesh-mtls.yaml'), 'istio: { version: "1.25" }\n');
    assert.match(messages(lint()), /Istio 1\.25 ignores/);
    assert.match(messages(lint('--istio-version', '1.27')), /refuses to start/);
    rmSync(path.join(root, '.mesh-mtls.yaml'));
  });

  it('refuses a version it cannot read, and says what a .mesh-mtls.yaml holds that it does not understand', () => {
    const bad = lint('--istio-version', 'latest');
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--istio-version must be a release such as 1\.31, not "latest"/);
    writeFileSync(path.join(root, 'other.yaml'), 'linkerd: { version: edge }\n');
    const odd = lint('--config', 'other.yaml');
    assert.equal(odd.status, 0);
    assert.match(odd.stderr, /other\.yaml: linkerd\.version must be a release such as "2\.17"/);
    assert.equal(lint('--config', 'missing.yaml').status, 2);
  });
});

describe('mesh-mtls lint and the SPIRE release', () => {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-cli-spire-'));
    writeFileSync(path.join(root, 'server.conf'), SAT_SERVER);
  });
  after(() => rmSync(root, { recursive: true, force: true }));
  const codes = (...args: string[]) => {
    const run = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', ...args, 'server.conf'], { cwd: root, encoding: 'utf8' });
    return (JSON.parse(run.stdout) as Array<{ code: string }>).map((f) => f.code);
  };

  it('judges a SPIRE config at --spire-version, else at spire.version of .mesh-mtls.yaml, else at the newest', () => {
    assert.deepEqual(codes(), ['spire-plugin-name']);
    assert.deepEqual(codes('--spire-version', '1.5'), []);
    writeFileSync(path.join(root, '.mesh-mtls.yaml'), 'spire: { version: "1.11" }\n');
    assert.deepEqual(codes(), []);
    assert.deepEqual(codes('--spire-version', '1.12'), ['spire-plugin-name']);
    rmSync(path.join(root, '.mesh-mtls.yaml'));
  });
});
