import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { OverwriteRefused, writeOutput, type OutputFile } from '../../common/src/pki/outputFiles';

const mode = (file: string) => statSync(file).mode & 0o777;

describe('writing minted files', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(tmpdir(), 'mm-out-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const files: OutputFile[] = [
    { name: 'web.pem', content: 'certificate\n', secret: false },
    { name: 'web-key.pem', content: 'key\n', secret: true },
  ];

  it('creates the folder 0700, keys 0600, certificates 0644, and a .gitignore that git honours for the keys only', () => {
    const dir = path.join(root, 'repo', '.mesh-mtls', 'shop');
    execFileSync('git', ['init', '-q', path.join(root, 'repo')]);
    const result = writeOutput(dir, files);
    assert.deepEqual(result.written, [path.join(dir, 'web.pem'), path.join(dir, 'web-key.pem')]);
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(path.join(dir, 'web-key.pem')), 0o600);
    assert.equal(mode(path.join(dir, 'web.pem')), 0o644);
    assert.equal(result.gitignore, path.join(dir, '.gitignore'));
    const ignored = (name: string) => spawnSync('git', ['-C', path.join(root, 'repo'), 'check-ignore', '-q', path.join(dir, name)]).status === 0;
    assert.equal(ignored('web-key.pem'), true);
    assert.equal(ignored('web.pem'), false);
    // No temporary file is left behind.
    assert.deepEqual(readdirSync(dir).sort(), ['.gitignore', 'web-key.pem', 'web.pem']);
  });

  it('writes nothing when one file would be overwritten, and overwrites all when told', () => {
    writeFileSync(path.join(root, 'web-key.pem'), 'someone else’s key\n');
    assert.throws(() => writeOutput(root, files), (error: unknown) => error instanceof OverwriteRefused && error.files.join() === 'web-key.pem' && /^web-key\.pem already exists with other content; nothing was written$/.test(error.message));
    assert.equal(existsSync(path.join(root, 'web.pem')), false);
    assert.equal(readFileSync(path.join(root, 'web-key.pem'), 'utf8'), 'someone else’s key\n');
    writeOutput(root, files, { overwrite: true });
    assert.equal(readFileSync(path.join(root, 'web-key.pem'), 'utf8'), 'key\n');
    assert.equal(mode(path.join(root, 'web-key.pem')), 0o600);
  });

  it('keeps a file that already holds the same content, tightening a key’s mode, and extends an existing .gitignore without repeating lines', () => {
    writeFileSync(path.join(root, 'web-key.pem'), 'key\n', { mode: 0o644 });
    writeFileSync(path.join(root, '.gitignore'), 'node_modules');
    const result = writeOutput(root, files);
    assert.deepEqual(result.unchanged, [path.join(root, 'web-key.pem')]);
    assert.equal(mode(path.join(root, 'web-key.pem')), 0o600);
    assert.equal(readFileSync(path.join(root, '.gitignore'), 'utf8'), 'node_modules\nweb-key.pem\n');
    assert.equal(writeOutput(root, files).gitignore, undefined);
    assert.equal(readFileSync(path.join(root, '.gitignore'), 'utf8'), 'node_modules\nweb-key.pem\n');
  });

  it('refuses names that would leave the folder', () => {
    assert.throws(() => writeOutput(root, [{ name: '../escape.pem', content: '', secret: false }]), /not a plain file name/);
    assert.throws(() => writeOutput(root, [{ name: '.hidden', content: '', secret: false }]), /not a plain file name/);
  });
});
