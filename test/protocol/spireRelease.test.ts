import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../rig/paths';
import { LspProcess } from '../support/lspProcess';

// The SPIRE release a workspace deploys judges its configs when the user names none: spire-tutorials'
// k8s/oidc-aws runs ghcr.io/spiffe/spire-server:1.5.1 with k8s_sat, built in until SPIRE 1.12.

/** The SPIRE server StatefulSet, running `image`. */
const statefulSet = (image: string) =>
  `apiVersion: apps/v1
kind: StatefulSet
metadata: { name: spire-server, namespace: spire }
spec:
  selector: { matchLabels: { app: spire-server } }
  template:
    metadata: { labels: { app: spire-server } }
    spec:
      containers:
        - name: spire-server
          image: ${image}
`;

const CONFIG_MAP = `apiVersion: v1
kind: ConfigMap
metadata: { name: spire-server, namespace: spire }
data:
  server.conf: |
    server {
      trust_domain = "example.org"
      data_dir = "/run/spire/data"
    }
    plugins {
      DataStore "sql" { plugin_data {} }
      KeyManager "memory" {}
      NodeAttestor "k8s_sat" {}
    }
`;

/** A folder with the StatefulSet (running `image`) and the ConfigMap. */
function deployment(image: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'mm-spire-release-'));
  writeFileSync(path.join(root, 'server-statefulset.yaml'), statefulSet(image));
  writeFileSync(path.join(root, 'server-configmap.yaml'), CONFIG_MAP);
  return root;
}

describe('mesh-mtls lint and the SPIRE release the images name', () => {
  const cli = path.join(ROOT, 'dist', 'cli.js');
  let root: string;
  before(() => (root = deployment('ghcr.io/spiffe/spire-server:1.5.1')));
  after(() => rmSync(root, { recursive: true, force: true }));
  const codes = (...args: string[]) => {
    const run = spawnSync(process.execPath, [cli, 'lint', '--format', 'json', '--fail-on', 'never', ...args, '.'], { cwd: root, encoding: 'utf8' });
    return (JSON.parse(run.stdout) as Array<{ code: string }>).map((f) => f.code);
  };

  it('judges the ConfigMap at the StatefulSet’s SPIRE 1.5, unless a flag or .mesh-mtls.yaml names a release', () => {
    assert.ok(!codes().includes('spire-plugin-name'));
    assert.ok(codes('--spire-version', '1.15').includes('spire-plugin-name'));
    writeFileSync(path.join(root, '.mesh-mtls.yaml'), 'spire: { version: "1.12" }\n');
    assert.ok(codes().includes('spire-plugin-name'));
    rmSync(path.join(root, '.mesh-mtls.yaml'));
  });

  it('judges at the newest release when the image names none', () => {
    writeFileSync(path.join(root, 'server-statefulset.yaml'), statefulSet('ghcr.io/spiffe/spire-server:latest'));
    try {
      assert.ok(codes().includes('spire-plugin-name'));
    } finally {
      writeFileSync(path.join(root, 'server-statefulset.yaml'), statefulSet('ghcr.io/spiffe/spire-server:1.5.1'));
    }
  });
});

describe('the editor and the SPIRE release the images name, over stdio', () => {
  let server: LspProcess;
  let root: string;
  before(async () => {
    root = deployment('ghcr.io/spiffe/spire-server:1.5.1');
    server = new LspProcess();
    await server.initializeIndexed(pathToFileURL(root).toString());
  });
  after(() => {
    server.kill();
    rmSync(root, { recursive: true, force: true });
  });

  it('judges the ConfigMap at the StatefulSet’s SPIRE 1.5, and again when the image changes', async () => {
    const uri = pathToFileURL(path.join(root, 'server-configmap.yaml')).toString();
    const first = server.nextDiagnostics(uri);
    await server.open(uri, 'yaml', CONFIG_MAP);
    assert.deepEqual(
      (await first).diagnostics.filter((d) => d.code === 'spire-plugin-name'),
      [],
    );
    const file = path.join(root, 'server-statefulset.yaml');
    writeFileSync(file, statefulSet('ghcr.io/spiffe/spire-server:1.12.0'));
    const again = server.diagnosticsMatching(uri, (p) => p.diagnostics.some((d) => d.code === 'spire-plugin-name'));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 2 }] });
    assert.match(
      (await again).diagnostics.find((d) => d.code === 'spire-plugin-name')!.message,
      /at SPIRE 1\.12, the release the image of StatefulSet spire\/spire-server names\./,
    );
  });
});
