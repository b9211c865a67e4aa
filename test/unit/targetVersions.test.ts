import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectConfigFor, projectConfigOf } from '../../common/src/files/projectConfig';
import { defaultSettings } from '../../common/src/protocol';
import { atLeast, NEWEST_VERSIONS, parseVersion, targetVersions } from '../../common/src/versions';
import { withProjectConfig } from '../../server/src/settings';

describe('target releases', () => {
  it('reads release numbers as users write them, and compares by minor', () => {
    assert.deepEqual(parseVersion('1.22'), [1, 22]);
    assert.deepEqual(parseVersion('v1.22.3'), [1, 22]);
    assert.deepEqual(parseVersion('1.27.0-rc.1'), [1, 27]);
    for (const bad of ['', '1', '1.x', 'latest', '1.2.3.4', ' v']) assert.equal(parseVersion(bad), undefined, bad);
    assert.equal(atLeast('1.21', '1.21'), true);
    assert.equal(atLeast('1.20.9', '1.21'), false);
    assert.equal(atLeast('2.0', '1.31'), true);
    assert.equal(atLeast('1.9', '1.10'), false);
    // An unreadable target is read as the newest release, never as an old one.
    assert.equal(atLeast('garbage', '1.31'), true);
  });

  it('fills what is missing or unreadable with the newest releases', () => {
    assert.deepEqual(targetVersions(undefined), NEWEST_VERSIONS);
    assert.deepEqual(targetVersions({ istio: 'v1.22', linkerd: 2.16, certManager: 'soon' }), {
      istio: '1.22',
      linkerd: '2.16',
      certManager: NEWEST_VERSIONS.certManager,
      spire: NEWEST_VERSIONS.spire,
    });
  });
});

describe('.mesh-mtls.yaml', () => {
  let root: string;
  before(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mm-project-'));
    mkdirSync(path.join(root, 'deploy', 'mesh'), { recursive: true });
    writeFileSync(path.join(root, '.mesh-mtls.yaml'), 'istio:\n  version: "1.20"\ncertManager: { version: v1.13 }\nanalysis: { rootNamespace: mesh-root }\n');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('is found from a folder below it, and says what it did not understand', () => {
    const config = projectConfigFor(path.join(root, 'deploy', 'mesh'));
    assert.equal(config?.file, path.join(root, '.mesh-mtls.yaml'));
    assert.deepEqual(config?.versions, { istio: '1.20', certManager: '1.13' });
    assert.deepEqual(config?.analysis, { rootNamespace: 'mesh-root' });
    assert.deepEqual(projectConfigOf('x', 'istio: { version: latest }\nlinkerd: 2.17\nextra: 1\n').problems, [
      'istio.version must be a release such as "1.22"',
      'linkerd.version must be a release such as "2.17"',
      'unknown key extra',
    ]);
    assert.deepEqual(projectConfigOf('x', '- a\n').problems, ['expected a mapping at the top']);
    assert.match(projectConfigOf('x', 'a: [\n').problems[0], /^not YAML/);
    assert.equal(projectConfigFor(tmpdir(), tmpdir()), undefined);
  });

  it('gives the editor what its settings leave at their defaults, and yields to what the user chose', () => {
    const uri = pathToFileURL(path.join(root, 'deploy', 'mesh', 'pa.yaml')).href;
    const applied = withProjectConfig(uri, defaultSettings);
    assert.equal(applied.istio.version, '1.20');
    assert.equal(applied.certManager.version, '1.13');
    assert.equal(applied.linkerd.version, NEWEST_VERSIONS.linkerd);
    assert.equal(applied.analysis.rootNamespace, 'mesh-root');
    const chosen = withProjectConfig(uri, { ...defaultSettings, istio: { version: '1.24' } });
    assert.equal(chosen.istio.version, '1.24');
    assert.equal(withProjectConfig('untitled:Untitled-1', defaultSettings), defaultSettings);
  });
});
