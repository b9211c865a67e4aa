import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { readBounded, readBoundedSync, readTextBounded, readTextBoundedSync, skipMessage, type BoundedText } from '../../common/src/files/boundedRead';
import { readSiblings } from '../../server/src/workspace/readSiblings';
import { scanYamlFiles } from '../../server/src/workspace/scan';
import { mkfifo, releaseFifo } from '../support/fifos';

const skipOf = (read: BoundedText) => ('skipped' in read ? read.skipped : 'read');

describe('bounded reads of workspace files', () => {
  let dir: string;
  let root: string;
  let fifo: string;
  let scanFifo: string | undefined;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-bounded-'));
    root = path.join(dir, 'workspace');
    mkdirSync(path.join(root, 'keys'), { recursive: true });
    writeFileSync(path.join(root, 'keys', 'key.pem'), 'inside');
    writeFileSync(path.join(dir, 'outside.pem'), 'outside');
    symlinkSync('/dev/zero', path.join(root, 'zero.pem'));
    symlinkSync(path.join(dir, 'outside.pem'), path.join(root, 'out.pem'));
    symlinkSync(path.join('keys', 'key.pem'), path.join(root, 'in.pem'));
    symlinkSync('loop-b.pem', path.join(root, 'loop-a.pem'));
    symlinkSync('loop-a.pem', path.join(root, 'loop-b.pem'));
    fifo = mkfifo(path.join(root, 'fifo.pem'));
  });
  after(() => {
    for (const pipe of [fifo, scanFifo]) if (pipe) releaseFifo(pipe);
    rmSync(dir, { recursive: true, force: true });
  });

  it('does not read /dev/zero through a link, with or without a root', async () => {
    const named = await readTextBounded(path.join(root, 'zero.pem'), { maxBytes: 1000 });
    assert.deepEqual(named, { skipped: 'not-a-regular-file', file: path.join(root, 'zero.pem'), detail: 'a character device' });
    assert.equal(skipOf(await readTextBounded(path.join(root, 'zero.pem'), { maxBytes: 1000, root })), 'outside-root');
    assert.equal(skipOf(readTextBoundedSync(path.join(root, 'zero.pem'), { maxBytes: 1000, followOutside: true, root })), 'not-a-regular-file');
  });

  it('returns at once from a FIFO without a writer, and no worker thread stays blocked', async () => {
    // More FIFO reads than libuv has threads (4): were any open(2) left waiting, the last read would never complete.
    const reads = await Promise.all(Array.from({ length: 8 }, () => readTextBounded(fifo, { maxBytes: 1000 })));
    for (const read of reads) assert.deepEqual(read, { skipped: 'not-a-regular-file', file: fifo, detail: 'a named pipe (FIFO)' });
    assert.deepEqual(await readTextBounded(path.join(root, 'keys', 'key.pem'), { maxBytes: 1000 }), { text: 'inside' });
    assert.equal(skipOf(readTextBoundedSync(fifo, { maxBytes: 1000 })), 'not-a-regular-file');
    releaseFifo(fifo);
  });

  it('reads up to the cap and no further, whatever stat says', async () => {
    const file = path.join(dir, 'big.pem');
    writeFileSync(file, 'x'.repeat(1001));
    assert.equal(skipOf(await readTextBounded(file, { maxBytes: 1000 })), 'too-large');
    assert.equal(skipOf(readTextBoundedSync(file, { maxBytes: 1000 })), 'too-large');
    assert.equal((await readBounded(file, { maxBytes: 1001 })).hasOwnProperty('bytes'), true);
    // /proc files say they are empty; their text is read all the same.
    const status = readTextBoundedSync('/proc/self/status', { maxBytes: 100_000 });
    assert.match('text' in status ? status.text : '', /^Name:/);
    assert.equal(skipOf(await readTextBounded('/proc/self/status', { maxBytes: 10 })), 'too-large');
  });

  it('reads every byte of files around the read size, and of /proc files past one read', async () => {
    for (const size of [0, 1, 65_535, 65_536, 65_537, 200_000]) {
      const file = path.join(dir, `sized-${size}.yaml`);
      const content = Buffer.alloc(size, 'abcdefgh');
      writeFileSync(file, content);
      const read = await readBounded(file, { maxBytes: 500_000 });
      assert.ok('bytes' in read, `${size} bytes`);
      assert.ok(read.bytes.equals(content), `${size} bytes`);
    }
    // /proc/self/maps is larger than one page here and says 0: read to its end all the same.
    const maps = await readTextBounded('/proc/self/maps', { maxBytes: 4_000_000 });
    assert.ok('text' in maps && maps.text.endsWith('\n') && maps.text.split('\n').length > 20);
  });

  it('follows a link that stays inside the root, and one out of it only when asked', async () => {
    assert.deepEqual(await readTextBounded(path.join(root, 'in.pem'), { maxBytes: 1000, root }), { text: 'inside' });
    const out = await readTextBounded(path.join(root, 'out.pem'), { maxBytes: 1000, root });
    assert.deepEqual(out, { skipped: 'outside-root', file: path.join(root, 'out.pem'), detail: path.join(dir, 'outside.pem') });
    assert.match(skipMessage(out), /out\.pem was skipped: it is a symbolic link to .*outside\.pem, outside the folder being read/);
    assert.deepEqual(readTextBoundedSync(path.join(root, 'out.pem'), { maxBytes: 1000, root }), out);
    assert.deepEqual(await readTextBounded(path.join(root, 'out.pem'), { maxBytes: 1000, root, followOutside: true }), { text: 'outside' });
    assert.equal(skipOf(await readTextBounded(path.join(root, 'in.pem'), { maxBytes: 1000, noSymlinks: true })), 'unreadable');
  });

  it('says a link cycle cannot be read, and a missing file is missing', async () => {
    assert.deepEqual(await readTextBounded(path.join(root, 'loop-a.pem'), { maxBytes: 1000, root }), {
      skipped: 'unreadable',
      file: path.join(root, 'loop-a.pem'),
      detail: 'ELOOP',
    });
    assert.equal(skipOf(readBoundedSync(path.join(root, 'loop-a.pem'), { maxBytes: 1000 }) as BoundedText), 'unreadable');
    assert.equal(skipOf(await readTextBounded(path.join(root, 'none.pem'), { maxBytes: 1000, root })), 'missing');
  });

  it('trusts a real path the caller found only while it is still no link', () => {
    const file = path.join(root, 'walked.yaml');
    writeFileSync(file, 'kind: Service\n'.repeat(10_000));
    const policy = { maxBytes: 1_000_000, root, realRoot: root, realPath: file };
    assert.deepEqual(readTextBoundedSync(file, policy), { text: 'kind: Service\n'.repeat(10_000) });
    // Swapped for a link out of the folder after the walk saw a regular file: not followed.
    rmSync(file);
    symlinkSync(path.join(dir, 'outside.pem'), file);
    assert.deepEqual(readTextBoundedSync(file, policy), { skipped: 'unreadable', file, detail: 'ELOOP' });
  });

  it('reads no key sibling that is /dev/zero, a FIFO or a file outside the folder', async () => {
    const cert = path.join(root, 'cert.pem');
    assert.deepEqual(await readSiblings(cert, ['zero.pem', 'fifo.pem', 'out.pem', 'in.pem'], () => undefined), [{ name: 'in.pem', text: 'inside' }]);
    releaseFifo(fifo);
  });

  it('scans a workspace without following links out of it, into /dev/zero or a FIFO, or round a cycle', async () => {
    const workspace = path.join(dir, 'scan');
    mkdirSync(path.join(workspace, 'apps'), { recursive: true });
    mkdirSync(path.join(dir, 'elsewhere'));
    writeFileSync(path.join(workspace, 'apps', 'web.yaml'), 'kind: Service\n');
    writeFileSync(path.join(dir, 'elsewhere', 'secret.yaml'), 'kind: Secret\n');
    symlinkSync(path.join(dir, 'elsewhere'), path.join(workspace, 'elsewhere'));
    symlinkSync(path.join(dir, 'elsewhere', 'secret.yaml'), path.join(workspace, 'secret.yaml'));
    symlinkSync(workspace, path.join(workspace, 'apps', 'cycle'));
    symlinkSync('/dev/zero', path.join(workspace, 'zero.yaml'));
    scanFifo = mkfifo(path.join(workspace, 'fifo.yaml'));
    const seen: string[] = [];
    assert.equal(await scanYamlFiles([workspace], (uri, text) => seen.push(`${path.basename(uri)}: ${text.trim()}`)), 1);
    assert.deepEqual(seen, ['web.yaml: kind: Service']);
  });
});
