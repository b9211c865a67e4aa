import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { enabledPatterns, globMatcher } from '../../server/src/workspace/globs';
import { scanYamlFiles } from '../../server/src/workspace/scan';

describe('exclude globs', () => {
  it('match as VS Code matches files.exclude: **, *, ?, {a,b}, [..], and a folder excludes its files', () => {
    const matches = globMatcher(['**/node_modules', 'charts/**/templates/**', '*.generated.yaml', 'fixtures/{old,broken}', 'v?/x.yaml', 'tmp[0-9]']);
    assert.equal(matches('node_modules/a.yaml'), true);
    assert.equal(matches('apps/web/node_modules/x/y.yaml'), true);
    assert.equal(matches('charts/shop/templates/deploy.yaml'), true);
    assert.equal(matches('charts/shop/values.yaml'), false);
    assert.equal(matches('crds.generated.yaml'), true);
    assert.equal(matches('apps/crds.generated.yaml'), false);
    assert.equal(matches('fixtures/broken/a.yaml'), true);
    assert.equal(matches('fixtures/good/a.yaml'), false);
    assert.equal(matches('v1/x.yaml'), true);
    assert.equal(matches('v10/x.yaml'), false);
    assert.equal(matches('tmp3/a.yaml'), true);
    assert.equal(globMatcher([])('anything.yaml'), false);
  });

  it('match hostile patterns from workspace settings without backtracking, and never throw', () => {
    // A regular expression compiled from the first pattern backtracks for hours on this path.
    const matches = globMatcher(['**/*a*a*a*a*a*a*a*a*b', '{a,b}'.repeat(20), '[z-a]', `${'*'.repeat(5000)}x`, 'keep/**']);
    assert.equal(matches(`${'a'.repeat(60)}.yaml`), false);
    assert.equal(matches(`deep/${'a/'.repeat(200)}${'a'.repeat(60)}b`), true);
    assert.equal(matches(`${'a'.repeat(12)}${'b'.repeat(8)}`), true, 'brace sets still match within their cap');
    assert.equal(matches('x'), false, 'an invalid class matches nothing');
    assert.equal(matches('keep/a.yaml'), true, 'the other patterns still apply');
  });

  it('take only the patterns files.exclude turns on', () => {
    assert.deepEqual(enabledPatterns({ '**/.git': true, '**/out': false, '**/*.js': { when: '$(basename).ts' } }), ['**/.git']);
    assert.deepEqual(enabledPatterns(undefined), []);
  });

  it('keep excluded files out of the workspace scan', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'mm-globs-'));
    try {
      mkdirSync(path.join(root, 'apps'));
      mkdirSync(path.join(root, 'fixtures'));
      writeFileSync(path.join(root, 'apps', 'web.yaml'), 'kind: ServiceAccount\n');
      writeFileSync(path.join(root, 'fixtures', 'broken.yaml'), 'kind: ServiceAccount\n');
      const seen: string[] = [];
      await scanYamlFiles([root], (uri) => seen.push(path.basename(uri)), undefined, globMatcher(['fixtures']));
      assert.deepEqual(seen, ['web.yaml']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
