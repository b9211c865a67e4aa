import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { excludesFileOf, GitWorkTrees } from '../../server/src/workspace/gitWorkTree';

// Git itself is the oracle here, run by the test with every way of running a command turned off.
const SAFE_GIT = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.excludesFile=/dev/null'];

/** Git's verdict on each path, from one `check-ignore` process: a match whose pattern is not negated ignores. */
function gitIgnores(root: string, files: string[]): boolean[] {
  const result = spawnSync('git', [...SAFE_GIT, '-C', root, 'check-ignore', '--no-index', '--stdin', '-z', '-v', '-n'], { input: files.join('\0') });
  if (result.status !== 0 && result.status !== 1) throw new Error(`git check-ignore: ${String(result.stderr)}`);
  // -z -v -n: source, line number, pattern and path, each ended by NUL, for every path asked.
  const fields = String(result.stdout).split('\0');
  return files.map((_, i) => {
    const pattern = fields[i * 4 + 2];
    return pattern !== '' && !pattern.startsWith('!');
  });
}

function write(root: string, relative: string, text: string): void {
  mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
  writeFileSync(path.join(root, relative), text);
}

describe('which files git would commit, matched without running git', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'mm-gitignore-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("never runs the repository's fsmonitor command or hooks", async () => {
    const repo = path.join(dir, 'repo');
    const marker = path.join(dir, 'pwned');
    execFileSync('git', ['init', '-q', repo]);
    // What an attacker's repository would carry: git runs this on any status-like command.
    execFileSync('git', ['-C', repo, 'config', 'core.fsmonitor', `sh -c "touch ${marker}" #`]);
    write(repo, '.gitignore', 'secret/\n');
    write(repo, 'tls.key', 'key');
    const git = new GitWorkTrees(async () => undefined);
    assert.equal(await git.wouldCommit(path.join(repo, 'tls.key')), true);
    assert.equal(await git.wouldCommit(path.join(repo, 'secret', 'tls.key')), false);
    assert.equal(existsSync(marker), false, 'the fsmonitor command ran');
    // The hook is real: git without our precautions does run it.
    spawnSync('git', ['-C', repo, 'status', '--porcelain']);
    assert.equal(existsSync(marker), true, 'the fsmonitor hook in this test never fires, so the first check proves nothing');
  });

  it('agrees with git check-ignore on nested .gitignore files, negations, anchors and info/exclude', async () => {
    const repo = path.join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    write(
      repo,
      '.gitignore',
      [
        '*.key',
        '!public.key',
        '/build/',
        'tmp*',
        'docs/**/private.pem',
        '# a comment',
        '\\#hash.pem',
        'spaced.pem   ',
        'logs/',
        '!logs/keep.pem',
        'keys/*',
        '!keys/shared/',
      ].join('\n'),
    );
    write(repo, 'apps/.gitignore', ['!*.key', 'local.pem', '/rooted.pem'].join('\n'));
    write(repo, 'apps/web/.gitignore', 'tls.*\n!tls.crt\n');
    write(repo, '.git/info/exclude', 'excluded-here.pem\n');
    const files = [
      'tls.key',
      'public.key',
      'apps/tls.key',
      'apps/web/tls.key',
      'apps/web/tls.crt',
      'apps/web/tls.pem',
      'build/key.pem',
      'apps/build/key.pem',
      'tmp-key.pem',
      'apps/tmpdir/key.pem',
      'docs/a/b/private.pem',
      'docs/private.pem',
      '#hash.pem',
      'spaced.pem',
      'logs/keep.pem',
      'logs/other.pem',
      'keys/a.pem',
      'keys/shared/a.pem',
      'apps/local.pem',
      'apps/web/local.pem',
      'apps/rooted.pem',
      'apps/web/rooted.pem',
      'excluded-here.pem',
      'apps/excluded-here.pem',
      'plain.pem',
    ];
    const git = new GitWorkTrees(async () => undefined);
    const ours = await Promise.all(files.map(async (file) => [file, !(await git.wouldCommit(path.join(repo, file)))] as const));
    const verdicts = gitIgnores(repo, files);
    const theirs = files.map((file, i) => [file, verdicts[i]] as const);
    assert.deepEqual(ours, theirs);
    // The table is not trivial: both verdicts occur.
    assert.ok(theirs.some(([, ignored]) => ignored) && theirs.some(([, ignored]) => !ignored));
  });

  it("reads the user's global excludes file, and a changed .gitignore once forgotten", async () => {
    const repo = path.join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    write(dir, 'global-ignore', '*.p12\n');
    const git = new GitWorkTrees(async () => path.join(dir, 'global-ignore'));
    assert.equal(await git.wouldCommit(path.join(repo, 'store.p12')), false);
    assert.equal(await git.wouldCommit(path.join(repo, 'tls.key')), true);
    write(repo, '.gitignore', '*.key\n');
    assert.equal(await git.wouldCommit(path.join(repo, 'tls.key')), true, 'answers are cached until forgotten');
    git.forget();
    assert.equal(await git.wouldCommit(path.join(repo, 'tls.key')), false);
    assert.equal(await git.wouldCommit(path.join(dir, 'outside', 'tls.key')), false, 'outside any work tree');
  });

  it('finds core.excludesFile in a git config file', () => {
    assert.equal(excludesFileOf('[user]\n\tname = x\n[core]\n\texcludesFile = ~/.gitignore_global\n'), '~/.gitignore_global');
    assert.equal(excludesFileOf('[core]\n  excludesfile = "/etc/ignore"\n'), '/etc/ignore');
    assert.equal(excludesFileOf('[alias]\n  excludesfile = nope\n'), undefined);
  });
});
