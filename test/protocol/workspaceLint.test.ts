import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../rig/paths';
import { LspProcess } from '../support/lspProcess';
import { MESH_STRICT as STRICT, PLAINTEXT_RULE, UNKNOWN_PRINCIPAL_POLICY as POLICY, WEB_WORKLOAD as WORKLOAD } from '../support/manifests';

const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd });

describe('mesh-mtls lint across files', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-workspace-lint-'));
    for (const folder of ['apps', 'mesh']) mkdirSync(path.join(dir, folder));
    writeFileSync(path.join(dir, 'apps', 'web.yaml'), WORKLOAD);
    writeFileSync(path.join(dir, 'mesh', 'strict.yaml'), STRICT);
    writeFileSync(path.join(dir, 'apps', 'rule.yaml'), PLAINTEXT_RULE);
    writeFileSync(path.join(dir, 'apps', 'policy.yaml'), POLICY);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads its arguments as one workspace: the rule conflicts with a policy in another folder', () => {
    // Both are warnings: the cluster takes each resource, the conflict shows at run time.
    const together = cli(dir, 'lint', '--fail-on', 'warning', 'apps', 'mesh');
    assert.equal(together.status, 1);
    assert.equal(cli(dir, 'lint', 'apps', 'mesh').status, 0);
    assert.deepEqual(
      together.stdout
        .trim()
        .split('\n')
        .map((l) => l.replace(/ .*?\[/, ' [').replace(/\] .*/, ']')),
      ['apps/policy.yaml:8:29: [unknown-service-account]', 'apps/rule.yaml:7:17: [mtls-destination-conflict]'],
    );
    // Without the mesh-wide STRICT policy there is nothing to conflict with.
    const alone = cli(dir, 'lint', 'apps');
    assert.equal(alone.status, 0, alone.stdout);
    assert.match(alone.stdout, /warning \[unknown-service-account\].*Known there: web/);
  });

  it('--fail-on sets the severity that fails the run', () => {
    assert.equal(cli(dir, 'lint', '--fail-on', 'warning', 'apps').status, 1);
    assert.equal(cli(dir, 'lint', '--fail-on', 'never', 'apps', 'mesh').status, 0);
    assert.equal(cli(dir, 'lint', '--fail-on', 'sometimes', 'apps').status, 2);
  });

  it('--format sarif: SARIF 2.1.0 with a rule per code and a located result per finding', () => {
    const result = cli(dir, 'lint', '--format', 'sarif', 'apps', 'mesh');
    const log = JSON.parse(result.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const [run] = log.runs;
    assert.equal(run.tool.driver.name, 'mesh-mtls');
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id),
      ['mtls-destination-conflict', 'unknown-service-account'],
    );
    for (const rule of run.tool.driver.rules) assert.match(rule.helpUri, /docs\/diagnostics\.md#/);
    assert.equal(run.results.length, 2);
    for (const r of run.results) {
      assert.equal(typeof r.message.text, 'string');
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.match(r.level, /^(error|warning|note)$/);
      const location = r.locations[0].physicalLocation;
      assert.match(location.artifactLocation.uri, /^apps\/(rule|policy)\.yaml$/);
      assert.ok(location.region.startLine >= 1 && location.region.startColumn >= 1);
    }
    assert.deepEqual(run.results.map((r: { ruleId: string; level: string }) => `${r.ruleId}:${r.level}`).sort(), [
      'mtls-destination-conflict:warning',
      'unknown-service-account:warning',
    ]);
  });

  it('checks a folder of plain workloads: a selector the API server refuses fails the run, a misplaced annotation warns', () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'mm-workloads-'));
    try {
      const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers: [{name: app, image: example/web}]
`;
      const service = `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
  annotations: {config.linkerd.io/skip-outbound-ports: "3306"}
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;
      writeFileSync(path.join(plain, 'deployment.yaml'), deployment);
      writeFileSync(path.join(plain, 'service.yaml'), service);
      const result = cli(plain, 'lint', '.');
      assert.equal(result.status, 1, result.stdout);
      assert.deepEqual(
        result.stdout
          .trim()
          .split('\n')
          .map((l) => l.replace(/: (error|warning) \[/, ' $1 [').replace(/\] .*/, ']')),
        ['deployment.yaml:7:16 error [workload-selector]', 'service.yaml:6:17 warning [mesh-annotation-placement]'],
      );
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('--explain prints the entry of a code, and refuses one that does not exist', () => {
    const explained = cli(dir, 'lint', '--explain', 'authz-without-mtls');
    assert.equal(explained.status, 0);
    assert.match(explained.stdout, /^## authz-without-mtls\n\n\*\*Warning\.\*\* An AuthorizationPolicy matches on peer identity/);
    assert.equal(cli(dir, 'lint', '--explain', 'no-such-code').status, 2);
  });
});

describe('cross-resource diagnostics over LSP', function () {
  this.timeout(60_000);
  let server: LspProcess;
  let dir: string;
  let closedPolicy: Promise<{ diagnostics: Array<{ code?: string; range: { start: { line: number } } }> }>;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-workspace-lsp-'));
    writeFileSync(path.join(dir, 'web.yaml'), WORKLOAD);
    writeFileSync(path.join(dir, 'policy.yaml'), POLICY);
    writeFileSync(
      path.join(dir, 'trust.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: trust, namespace: shop}\ndata:\n  ca.pem: |\n    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\n',
    );
    server = new LspProcess();
    closedPolicy = server.diagnosticsMatching(pathToFileURL(path.join(dir, 'policy.yaml')).href, (p) => p.diagnostics.length > 0);
    const indexed = server.nextLog(/^Indexed 3 YAML files/);
    await server.initialize(pathToFileURL(dir).href);
    await indexed;
  });
  after(async () => {
    await server.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers which of the YAML files it read may hold certificates, so the client need not read them again', async () => {
    const { uris } = await server.request<{ uris: string[] }>('meshMtls/certificateManifests', null);
    assert.deepEqual(uris, [pathToFileURL(path.join(dir, 'trust.yaml')).href]);
  });

  it('publishes the workspace findings of a file no editor has open', async () => {
    const published = await closedPolicy;
    // Its workload accepts plaintext (nothing makes it STRICT here), and its principal names no known account.
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.range.start.line]).sort(), [
      ['authz-without-mtls', 5],
      ['unknown-service-account', 7],
    ]);
  });

  it('publishes a conflict in one open document when another open document changes', async () => {
    const rule = pathToFileURL(path.join(dir, 'rule.yaml')).href;
    const mesh = pathToFileURL(path.join(dir, 'mesh.yaml')).href;
    const first = server.nextDiagnostics(rule);
    await server.open(rule, 'yaml', PLAINTEXT_RULE);
    assert.deepEqual(
      (await first).diagnostics.map((d) => d.code),
      [],
    );
    // Opening the mesh-wide STRICT policy makes the open rule wrong, though the rule did not change.
    const conflict = server.diagnosticsMatching(rule, (d) => d.diagnostics.some((x) => x.code === 'mtls-destination-conflict'));
    await server.open(mesh, 'yaml', STRICT.replace('STRICT', 'PERMISSIVE'));
    await server.change(mesh, 2, STRICT);
    const published = await conflict;
    assert.equal(published.diagnostics.find((d) => d.code === 'mtls-destination-conflict')?.range.start.line, 6);
  });
});
