import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess } from '../support/lspProcess';

/** A policy whose principal names an account no manifest defines: a finding the analysis always publishes. */
const POLICY =
  'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: web, namespace: billing}\nspec:\n  rules:\n  - from:\n    - source: {principals: ["cluster.local/ns/shop/sa/wbe"]}\n';
const TRUST =
  'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: trust, namespace: billing}\ndata:\n  ca.pem: |\n    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\n';
/** A new policy, its namespace's value still to write (line 4). */
const NEW_POLICY = 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: p\n  namespace: \n';
const ACCOUNT = 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n';

describe('workspace folders added and removed while the server runs', function () {
  this.timeout(60_000);
  let dir: string;
  let server: LspProcess;
  const folder = (name: string) => ({ uri: pathToFileURL(path.join(dir, name)).href, name });
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-folders-'));
    for (const name of ['first', 'second']) mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, 'first', 'account.yaml'), ACCOUNT);
    writeFileSync(path.join(dir, 'second', 'policy.yaml'), POLICY);
    writeFileSync(path.join(dir, 'second', 'trust.yaml'), TRUST);
    server = new LspProcess();
    const indexed = server.nextNotification<{ files: number }>('meshMtls/workspaceIndexed');
    const result = await server.initialize(null, { workspaceFolders: [folder('first')] });
    assert.deepEqual((result.capabilities as { workspace?: unknown }).workspace, { workspaceFolders: { supported: true, changeNotifications: true } });
    assert.equal((await indexed).files, 1);
  });
  after(async () => {
    await server.shutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads and analyses a folder added at runtime: its closed files get their findings', async () => {
    const published = server.diagnosticsMatching(uri('second/policy.yaml'), (p) => p.diagnostics.length > 0);
    await server.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder('second')], removed: [] } });
    const { diagnostics } = await published;
    // The account in the first folder is known: the finding names it as the likely meant one.
    const typo = diagnostics.find((d) => d.code === 'unknown-service-account');
    assert.match(typo?.message ?? '', /Known there: web/);
  });

  /** The namespaces completion offers in the open policy `name`: the workspace's, from the index the analysis reads. */
  async function namespacesOffered(name: string): Promise<string[]> {
    const items = await server.request<Array<{ label: string }>>('textDocument/completion', {
      textDocument: { uri: uri(name) },
      position: { line: 4, character: '  namespace: '.length },
    });
    return items.map((i) => i.label).sort();
  }

  it('completion and the Certificates view see what the added folder holds', async () => {
    await server.open(uri('second/new.yaml'), 'yaml', NEW_POLICY);
    assert.deepEqual(await namespacesOffered('second/new.yaml'), ['billing', 'shop']);
    const { uris } = await server.request<{ uris: string[] }>('meshMtls/certificateManifests', null);
    assert.deepEqual(uris, [uri('second/trust.yaml')]);
  });

  it('clears what it published for a removed folder and forgets its resources', async () => {
    const cleared = server.diagnosticsMatching(uri('second/policy.yaml'), (p) => p.diagnostics.length === 0);
    const changed = server.nextLog(/^Workspace folders changed: 0 added .* 1 removed/);
    await server.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder('second')] } });
    await cleared;
    await changed;
    const { uris } = await server.request<{ uris: string[] }>('meshMtls/certificateManifests', null);
    assert.deepEqual(uris, []);
    // The first folder's files stay; the removed folder's namespace is gone (the open file there is the editor's, and names none).
    await server.open(uri('first/other.yaml'), 'yaml', NEW_POLICY);
    assert.deepEqual(await namespacesOffered('first/other.yaml'), ['shop']);
  });

  it('a file of the removed folder counts while an editor has it open, and leaves when it closes', async () => {
    const open = uri('second/new.yaml');
    const republished = server.nextDiagnostics(open, 2);
    await server.change(open, 2, NEW_POLICY.replace('namespace: \n', 'namespace: legacy\n'));
    await republished;
    assert.deepEqual(await namespacesOffered('first/other.yaml'), ['legacy', 'shop']);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: open } });
    assert.deepEqual(await namespacesOffered('first/other.yaml'), ['shop']);
  });
});
