import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MintedCertificate } from '../../common/src/pki/selfSigned';
import { ROOT } from '../rig/paths';
import { certificateExpiringIn } from '../support/certificates';
import { mkfifo, releaseFifo } from '../support/fifos';
import { LspProcess } from '../support/lspProcess';

// A heap this small fails at once where a read of /dev/zero would grow without end.
const SMALL_HEAP = '--max-old-space-size=256';

/** `node dist/cli.js …`, resolving when it exits; `after` kills any left running by a regression. */
function runCli(cwd: string, children: Array<ReturnType<typeof spawn>>, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [SMALL_HEAP, path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

describe('files that are not what their names say', function () {
  this.timeout(60_000);
  let dir: string;
  const fifos: string[] = [];
  const children: Array<ReturnType<typeof spawn>> = [];
  const fifo = (file: string) => fifos.push(mkfifo(file));
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-bounded-protocol-'));
    // Were they read, their bad modes would be quoted in findings.
    writeFileSync(
      path.join(dir, 'outside.yaml'),
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: x, namespace: a}\nspec:\n  mtls: {mode: TOPSECRET123}\n',
    );
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(
      path.join(dir, 'elsewhere', 'more.yaml'),
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: y, namespace: b}\nspec:\n  mtls: {mode: ELSEWHERE456}\n',
    );
  });
  after(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const fifo of fifos) releaseFifo(fifo);
    rmSync(dir, { recursive: true, force: true });
  });

  it('lint skips /dev/zero, a FIFO and a link out of the folder, saying so for each, and never quotes the file outside', async () => {
    const tree = path.join(dir, 'tree');
    mkdirSync(path.join(tree, 'apps'), { recursive: true });
    writeFileSync(
      path.join(tree, 'apps', 'strict.yaml'),
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: default, namespace: shop}\nspec:\n  mtls: {mode: STRICT}\n',
    );
    symlinkSync('/dev/zero', path.join(tree, 'zero.yaml'));
    fifo(path.join(tree, 'apps', 'pipe.yaml'));
    symlinkSync(path.join(dir, 'outside.yaml'), path.join(tree, 'apps', 'outside.yaml'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(tree, 'elsewhere'));
    symlinkSync(path.join(dir, 'elsewhere'), path.join(tree, 'apps', 'elsewhere-again'));
    symlinkSync(tree, path.join(tree, 'apps', 'cycle'));

    const result = await runCli(dir, children, 'lint', 'tree');
    assert.equal(result.status, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.doesNotMatch(result.stdout + result.stderr, /TOPSECRET123|ELSEWHERE456/);
    assert.deepEqual(result.stderr.trim().split('\n').sort(), [
      `mesh-mtls: tree/apps/elsewhere-again was skipped: it is a symbolic link to ${path.join(dir, 'elsewhere')}, outside tree (--follow-symlinks reads it)`,
      `mesh-mtls: tree/apps/outside.yaml was skipped: it is a symbolic link to ${path.join(dir, 'outside.yaml')}, outside tree (--follow-symlinks reads it)`,
      `mesh-mtls: tree/apps/pipe.yaml was skipped: it is a named pipe (FIFO), not a regular file`,
      `mesh-mtls: tree/elsewhere was skipped: it is a symbolic link to ${path.join(dir, 'elsewhere')}, outside tree (--follow-symlinks reads it)`,
      `mesh-mtls: tree/zero.yaml was skipped: it is a symbolic link to /dev/zero, outside tree (--follow-symlinks reads it)`,
    ]);

    // Asked to follow links, it reads the files out of the tree, each folder once (two links lead to one), and still reads no device.
    const followed = await runCli(dir, children, 'lint', '--follow-symlinks', 'tree');
    assert.equal(followed.status, 2, followed.stderr);
    assert.match(followed.stdout, /tree\/apps\/outside\.yaml:5:.*"TOPSECRET123" is not a valid value/);
    assert.match(followed.stdout, /tree\/apps\/elsewhere-again\/more\.yaml:5:.*"ELSEWHERE456" is not a valid value/);
    assert.equal(followed.stdout.trim().split('\n').length, 2, followed.stdout);
    assert.deepEqual(followed.stderr.trim().split('\n').sort(), [
      'mesh-mtls: tree/apps/pipe.yaml was skipped: it is a named pipe (FIFO), not a regular file',
      'mesh-mtls: tree/zero.yaml was skipped: it is a character device, not a regular file',
    ]);
  });

  it('inspect refuses /dev/zero and a FIFO named on the command line', async () => {
    const folder = path.join(dir, 'inspect');
    mkdirSync(folder);
    symlinkSync('/dev/zero', path.join(folder, 'cert.pem'));
    fifo(path.join(folder, 'pipe.pem'));
    const zero = await runCli(folder, children, 'inspect', 'cert.pem');
    assert.deepEqual([zero.status, zero.stderr], [2, 'mesh-mtls: cert.pem was skipped: it is a character device, not a regular file\n']);
    const pipe = await runCli(folder, children, 'inspect', 'pipe.pem');
    assert.deepEqual([pipe.status, pipe.stderr], [2, 'mesh-mtls: pipe.pem was skipped: it is a named pipe (FIFO), not a regular file\n']);
  });

  describe('the language server', () => {
    let server: LspProcess;
    let leaf: MintedCertificate;
    let other: MintedCertificate;
    before(async () => {
      [leaf, other] = await Promise.all([certificateExpiringIn(30, 'web.shop.svc'), certificateExpiringIn(30, 'other.shop.svc')]);
    });
    afterEach(() => server.kill());

    it('checks a certificate whose key.pem is /dev/zero or a FIFO without reading either, and stays free to read the next key', async () => {
      server = new LspProcess([SMALL_HEAP]);
      await server.initialize();
      const folders = Array.from({ length: 8 }, (_, i) => path.join(dir, `pair-${i}`));
      for (const [i, folder] of folders.entries()) {
        mkdirSync(folder);
        if (i === 0) symlinkSync('/dev/zero', path.join(folder, 'key.pem'));
        else fifo(path.join(folder, 'key.pem'));
      }
      for (const folder of folders) {
        const uri = pathToFileURL(path.join(folder, 'cert.pem')).href;
        const published = server.nextDiagnostics(uri, 1);
        await server.open(uri, 'pem', leaf.certificatePem);
        assert.deepEqual((await published).diagnostics, []);
      }
      // Seven FIFO checks would have held every libuv thread: this key is read only if none is held.
      const pair = path.join(dir, 'pair-real');
      mkdirSync(pair);
      writeFileSync(path.join(pair, 'key.pem'), other.privateKeyPem, { mode: 0o600 });
      const uri = pathToFileURL(path.join(pair, 'cert.pem')).href;
      const published = server.nextDiagnostics(uri, 1);
      await server.open(uri, 'pem', leaf.certificatePem);
      assert.deepEqual(
        (await published).diagnostics.map((d) => d.code),
        ['key-mismatch'],
      );
      assert.equal(server.child.exitCode, null);
    });

    it('indexes a workspace without following a link out of it, into /dev/zero or a FIFO, or round a cycle', async () => {
      const workspace = path.join(dir, 'workspace');
      mkdirSync(path.join(workspace, 'apps'), { recursive: true });
      writeFileSync(path.join(workspace, 'apps', 'web.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: web, namespace: shop}\n');
      symlinkSync('/dev/zero', path.join(workspace, 'zero.yaml'));
      fifo(path.join(workspace, 'pipe.yaml'));
      symlinkSync(path.join(dir, 'elsewhere'), path.join(workspace, 'elsewhere'));
      symlinkSync(workspace, path.join(workspace, 'apps', 'cycle'));
      server = new LspProcess([SMALL_HEAP]);
      const indexed = server.nextLog(/^Indexed \d+ YAML files/);
      await server.initialize(pathToFileURL(workspace).href);
      assert.equal(await indexed, 'Indexed 1 YAML files for completion and the cross-resource analysis.');
    });
  });
});
