import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../rig/paths';

// Certificates, requests and keys have one reader, common/src/x509's DER reader: @peculiar/x509 is
// only for minting (common/src/pki), and node's X509Certificate reads nothing.

const SOURCES = ['common/src', 'server/src', 'client/src', 'cli/src', 'webview/src'];
const MINTING = [path.join('common', 'src', 'pki') + path.sep, path.join('common', 'src', 'x509', 'library.ts')];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('one reader of certificates, requests and keys', () => {
  it('no source outside minting reaches @peculiar/x509, and none reads with X509Certificate', () => {
    const files = SOURCES.flatMap((dir) => sourceFiles(path.join(ROOT, dir)));
    assert.ok(files.length > 100, `only ${files.length} source files found`);
    const offenders = files.flatMap((file) => {
      const relative = path.relative(ROOT, file);
      const text = readFileSync(file, 'utf8');
      const found: string[] = [];
      if (!MINTING.some((m) => relative.startsWith(m)) && /from '(@peculiar\/x509|[^']*\/x509\/library|\.\/library)'/.test(text))
        found.push(`${relative} imports @peculiar/x509`);
      if (/\bX509Certificate\b/.test(text.replace(/x509\.X509Certificate\w*/g, '').replace(/^\s*(\/\/|\*).*$/gm, '')))
        found.push(`${relative} uses node's X509Certificate`);
      return found;
    });
    assert.deepEqual(offenders, []);
  });
});
