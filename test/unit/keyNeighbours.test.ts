import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { certificateFileNames, keyFileNames, siblingFilesWanted } from '../../server/src/service/certificates/siblingFiles';
import { GitWorkTrees } from '../../server/src/workspace/gitWorkTree';
import { readSiblings } from '../../server/src/workspace/readSiblings';
import { objectsOf } from '../support/certificateDocuments';
import { certificateExpiringIn } from '../support/certificates';

describe('where a key and its certificate live', () => {
  it('pairs file names by the usual conventions, both ways', () => {
    assert.deepEqual(keyFileNames('cert.pem'), ['key.pem', 'privkey.pem']);
    assert.deepEqual(keyFileNames('fullchain.pem'), ['key.pem', 'privkey.pem']);
    assert.deepEqual(keyFileNames('tls.crt'), ['tls.key']);
    assert.deepEqual(keyFileNames('web.crt'), ['web.key', 'web-key.pem', 'web.key.pem']);
    assert.deepEqual(keyFileNames('web-cert.pem'), ['web-key.pem']);
    assert.deepEqual(keyFileNames('ca.pem'), ['ca-key.pem', 'ca.key', 'ca.key.pem']);
    assert.deepEqual(keyFileNames('web.key.pem'), []);
    assert.deepEqual(keyFileNames('values.yaml'), []);
    assert.deepEqual(certificateFileNames('key.pem'), ['cert.pem']);
    assert.deepEqual(certificateFileNames('tls.key'), ['tls.crt', 'tls.pem']);
    assert.deepEqual(certificateFileNames('ca-key.pem'), ['ca-cert.pem', 'ca.pem']);
    assert.deepEqual(certificateFileNames('web.key.pem'), ['web.pem', 'web.crt']);
  });

  it('asks for key files beside a certificate file, certificate files beside a key, none beside a pair', async () => {
    const minted = await certificateExpiringIn(30);
    assert.deepEqual(siblingFilesWanted('tls.crt', objectsOf(minted.certificatePem).found), ['tls.key']);
    assert.deepEqual(siblingFilesWanted('tls.key', objectsOf(minted.privateKeyPem).found), ['tls.crt', 'tls.pem']);
    assert.deepEqual(siblingFilesWanted('tls.pem', objectsOf(minted.certificatePem + minted.privateKeyPem).found), []);
  });

  describe('on disk', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'mm-neighbours-'));
      execFileSync('git', ['init', '-q', path.join(dir, 'repo')]);
      mkdirSync(path.join(dir, 'repo', 'certs'));
      mkdirSync(path.join(dir, 'repo', 'secret'));
      writeFileSync(path.join(dir, 'repo', '.gitignore'), 'secret/\n');
      mkdirSync(path.join(dir, 'loose'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('knows which files git would commit: inside a work tree and not ignored', async () => {
      const git = new GitWorkTrees();
      assert.equal(await git.wouldCommit(path.join(dir, 'repo', 'certs', 'key.pem')), true);
      assert.equal(await git.wouldCommit(path.join(dir, 'repo', 'secret', 'key.pem')), false);
      assert.equal(await git.wouldCommit(path.join(dir, 'loose', 'key.pem')), false);
    });

    it('reads the sibling files that exist, preferring the text of an open editor', async () => {
      writeFileSync(path.join(dir, 'loose', 'tls.key'), 'on disk');
      const open = pathToFileURL(path.join(dir, 'loose', 'privkey.pem')).href;
      const found = await readSiblings(path.join(dir, 'loose', 'cert.pem'), ['key.pem', 'privkey.pem', 'tls.key'], (uri) =>
        uri === open ? 'in the editor' : undefined,
      );
      assert.deepEqual(found, [
        { name: 'privkey.pem', text: 'in the editor' },
        { name: 'tls.key', text: 'on disk' },
      ]);
    });
  });
});
