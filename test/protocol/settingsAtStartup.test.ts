import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess, type ConfigurationItem } from '../support/lspProcess';
import { MESH_STRICT as STRICT, WEB_WORKLOAD as WORKLOAD } from '../support/manifests';

/** Principals in the example.org trust domain; one names an account nobody defines, a finding that always shows. */
const policy = (account: string) =>
  `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: ${account}, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  rules:\n  - from:\n    - source: {principals: ["example.org/ns/shop/sa/${account}"]}\n`;

/** The editor's answer to workspace/configuration: the trust domain set, everything else left out. */
const answer = (trustDomain: string) => (item: ConfigurationItem) => (item.section === 'meshMtls' ? { analysis: { trustDomain } } : null);

describe('settings reach the workspace analysis before anything is published', function () {
  this.timeout(60_000);
  let dir: string;
  let server: LspProcess | undefined;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-settings-'));
    mkdirSync(path.join(dir, 'other'));
    writeFileSync(path.join(dir, 'web.yaml'), WORKLOAD);
    writeFileSync(path.join(dir, 'mesh.yaml'), STRICT);
    writeFileSync(path.join(dir, 'known.yaml'), policy('web'));
    writeFileSync(path.join(dir, 'typo.yaml'), policy('wbe'));
  });
  afterEach(async () => {
    await server?.shutdown();
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the server on the folder and waits until the closed files' analysis is out. */
  async function start(configuration?: (item: ConfigurationItem) => unknown, lsp = new LspProcess()): Promise<LspProcess> {
    server = lsp;
    const indexed = server.nextNotification('meshMtls/workspaceIndexed');
    // typo.yaml always has a finding: its publish is the analysis of the closed files arriving.
    const typo = server.diagnosticsMatching(uri('typo.yaml'), (p) => p.diagnostics.some((d) => d.code === 'unknown-service-account'));
    const workspaceFolders = [
      { uri: pathToFileURL(dir).href, name: 'main' },
      { uri: pathToFileURL(path.join(dir, 'other')).href, name: 'other' },
    ];
    await server.initialize(pathToFileURL(dir).href, { ...(configuration ? { configuration } : {}), workspaceFolders });
    await indexed;
    await typo;
    return server;
  }
  const codesOf = (lsp: LspProcess) => lsp.published.flatMap((p) => p.diagnostics.map((d) => `${path.basename(p.uri)}:${d.code}`)).sort();

  it('the trust domain the editor sets: no foreign-trust-domain warning is ever published for closed files', async () => {
    const lsp = await start(answer('example.org'));
    assert.deepEqual(codesOf(lsp), ['typo.yaml:unknown-service-account']);
    // An opened file is checked against the same settings.
    const opened = lsp.nextDiagnostics(uri('known.yaml'));
    await lsp.open(uri('known.yaml'), 'yaml', policy('web'));
    assert.deepEqual((await opened).diagnostics, []);
  });

  it('the trust domain of .mesh-mtls.yaml, for an editor that cannot be asked', async () => {
    writeFileSync(path.join(dir, '.mesh-mtls.yaml'), 'analysis: {trustDomain: example.org}\n');
    const lsp = await start();
    assert.deepEqual(codesOf(lsp), ['typo.yaml:unknown-service-account']);
  });

  it('with several folders the settings of the first hold, and a folder that sets others is named in the log', async () => {
    writeFileSync(path.join(dir, '.mesh-mtls.yaml'), 'analysis: {trustDomain: example.org}\n');
    writeFileSync(path.join(dir, 'other', '.mesh-mtls.yaml'), 'analysis: {trustDomain: other.org}\n');
    const lsp = new LspProcess();
    const named = lsp.nextLog(/^other set another trust domain or root namespace than main: .* with example\.org and istio-system\.$/);
    await start(undefined, lsp);
    await named;
    assert.deepEqual(codesOf(lsp), ['typo.yaml:unknown-service-account']);
  });

  it('without the setting the same workspace is warned about (the check above is not vacuous)', async () => {
    const lsp = await start(answer('cluster.local'));
    const typo = lsp.published.filter((p) => p.uri === uri('typo.yaml')).pop();
    assert.deepEqual(typo?.diagnostics.map((d) => d.code).sort(), ['foreign-trust-domain', 'unknown-service-account']);
  });

  it('a changed setting republishes the closed files against it', async () => {
    const lsp = await start(answer('cluster.local'));
    const cleared = lsp.diagnosticsMatching(uri('known.yaml'), (p) => p.diagnostics.length === 0);
    lsp.connection.onRequest('workspace/configuration', ({ items }: { items: ConfigurationItem[] }) => items.map(answer('example.org')));
    await lsp.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await cleared;
  });
});
