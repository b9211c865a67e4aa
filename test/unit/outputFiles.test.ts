import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
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
    assert.throws(
      () => writeOutput(root, files),
      (error: unknown) =>
        error instanceof OverwriteRefused &&
        error.files.join() === 'web-key.pem' &&
        /^web-key\.pem already exists with other content; nothing was written$/.test(error.message),
    );
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

  describe('links in the folder', () => {
    it('refuses to write through a .gitignore that links out of the folder, and writes nothing', () => {
      const outside = path.join(root, 'outside-gitignore');
      writeFileSync(outside, 'theirs\n', { mode: 0o644 });
      const dir = path.join(root, 'out');
      mkdirSync(dir, { mode: 0o700 });
      symlinkSync(outside, path.join(dir, '.gitignore'));
      assert.throws(() => writeOutput(dir, files), /\.gitignore is a link or not a plain file; nothing was written/);
      assert.equal(readFileSync(outside, 'utf8'), 'theirs\n');
      assert.deepEqual(readdirSync(dir), ['.gitignore']);
    });

    it('neither chmods nor writes through a key file that is a link, and with overwrite replaces the link itself', () => {
      const outside = path.join(root, 'elsewhere-key.pem');
      // The same content as the key: a follower of links would take it as already written and chmod it.
      writeFileSync(outside, 'key\n');
      chmodSync(outside, 0o644);
      const dir = path.join(root, 'out');
      mkdirSync(dir, { mode: 0o700 });
      symlinkSync(outside, path.join(dir, 'web-key.pem'));
      assert.throws(
        () => writeOutput(dir, files),
        (error: unknown) => error instanceof OverwriteRefused && error.files.join() === 'web-key.pem',
      );
      assert.equal(mode(outside), 0o644);
      assert.equal(readlinkSync(path.join(dir, 'web-key.pem')), outside);
      writeOutput(dir, files, { overwrite: true });
      assert.equal(lstatSync(path.join(dir, 'web-key.pem')).isFile(), true);
      assert.equal(mode(path.join(dir, 'web-key.pem')), 0o600);
      assert.equal(readFileSync(outside, 'utf8'), 'key\n');
      assert.equal(mode(outside), 0o644);
    });

    it('leaves the mode of a folder it did not create, and warns when others can list the keys in it', () => {
      const shared = path.join(root, 'shared');
      mkdirSync(shared);
      chmodSync(shared, 0o755);
      const result = writeOutput(shared, files);
      assert.equal(mode(shared), 0o755);
      assert.deepEqual(result.warnings, [
        `${shared} has mode 0755: others can list the key files in it (the keys themselves are 0600); chmod 700 it to keep even their names to yourself`,
      ]);
      assert.equal(mode(path.join(shared, 'web-key.pem')), 0o600);
      const own = path.join(root, 'own');
      assert.deepEqual(writeOutput(own, files).warnings, []);
      assert.equal(mode(own), 0o700);
      // Certificates alone are no secret: no warning for them.
      assert.deepEqual(writeOutput(path.join(root, 'shared'), [{ name: 'other.pem', content: 'certificate\n', secret: false }]).warnings, []);
    });
  });
});
