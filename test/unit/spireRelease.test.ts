import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { defaultSettings } from '../../common/src/protocol';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { resourcesOf } from '../../server/src/analysis/resources';
import { inferSpireRelease, spireImageRelease } from '../../common/src/spireRelease';
import { spireImagesOf } from '../../server/src/analysis/spireImages';
import { versionsOf, withProjectConfig } from '../../server/src/settings';
import { checkSpireConfig } from '../../server/src/spire/index';

// The SPIRE release read from the workspace's SPIRE server and agent images, when the user names none.

/** A workload of `kind` whose containers (and init containers) run `images`. */
function workload(kind: string, name: string, images: string[], initImages: string[] = []): string {
  const list = (field: string, xs: string[]) =>
    xs.length ? `      ${field}:\n${xs.map((image, i) => `        - { name: c${i}, image: ${JSON.stringify(image)} }\n`).join('')}` : '';
  return `apiVersion: apps/v1\nkind: ${kind}\nmetadata: { name: ${name}, namespace: spire }\nspec:\n  template:\n    spec:\n${list('containers', images)}${list('initContainers', initImages)}`;
}

/** The images of the workloads in `files` (file name → text), read as the index reads them. */
function imagesOf(files: Record<string, string>) {
  return spireImagesOf(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
}

describe('SPIRE release from the images', () => {
  it('reads the minor release of a spire-server or spire-agent tag, whatever the registry', () => {
    assert.equal(spireImageRelease('ghcr.io/spiffe/spire-server:1.5.1'), '1.5');
    assert.equal(spireImageRelease('gcr.io/spiffe-io/spire-agent:1.9.0'), '1.9');
    assert.equal(spireImageRelease('spire-server:v1.11.2'), '1.11');
    assert.equal(spireImageRelease('registry.local:5000/mirror/spire-agent:1.13.0-rc.1'), '1.13');
    // The digest is ignored: the tag before it names the release.
    assert.equal(spireImageRelease('ghcr.io/spiffe/spire-server:1.8.0@sha256:0123abcd'), '1.8');
  });

  it('has no release for a SPIRE image without a readable tag, and nothing to say of other images', () => {
    assert.equal(spireImageRelease('ghcr.io/spiffe/spire-server@sha256:0123abcd'), null);
    assert.equal(spireImageRelease('ghcr.io/spiffe/spire-server:latest'), null);
    assert.equal(spireImageRelease('ghcr.io/spiffe/spire-agent'), null);
    assert.equal(spireImageRelease('ghcr.io/spiffe/spire-agent:{{ .Values.tag }}'), null);
    assert.equal(spireImageRelease('ghcr.io/spiffe/spire-controller-manager:0.6.6'), undefined);
    assert.equal(spireImageRelease('registry.local:5000/spire-server-tools:1.5.1'), undefined);
    assert.equal(spireImageRelease('nginx:1.25'), undefined);
  });

  it('takes the release agreeing server and agent images name, saying which workload it read', () => {
    const images = imagesOf({
      'server.yaml': workload('StatefulSet', 'spire-server', ['ghcr.io/spiffe/spire-server:1.5.1', 'nginx:1.25']),
      'agent.yaml': workload('DaemonSet', 'spire-agent', ['ghcr.io/spiffe/spire-agent:v1.5.0'], ['ghcr.io/spiffe/spire-agent:1.5.1']),
    });
    assert.equal(images.length, 3);
    assert.deepEqual(inferSpireRelease(images), { version: '1.5', origin: 'the image of StatefulSet spire/spire-server' });
  });

  it('reads the image of an init container and of a Pod', () => {
    const images = imagesOf({
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  initContainers:\n    - { name: i, image: spire-agent:1.9.0 }\n',
    });
    assert.deepEqual(inferSpireRelease(images), { version: '1.9', origin: 'the image of Pod default/p' });
  });

  it('infers nothing when the images disagree, or one has no release of its own (digest only, latest, a template)', () => {
    const server = workload('StatefulSet', 'spire-server', ['ghcr.io/spiffe/spire-server:1.5.1']);
    const agent = (image: string) => workload('DaemonSet', 'spire-agent', [image]);
    for (const other of [
      'ghcr.io/spiffe/spire-agent:1.11.2',
      'ghcr.io/spiffe/spire-agent@sha256:0123abcd',
      'ghcr.io/spiffe/spire-agent:latest',
      'spire-agent:{{ .Values.tag }}',
    ])
      assert.equal(inferSpireRelease(imagesOf({ 'server.yaml': server, 'agent.yaml': agent(other) })), undefined, other);
    assert.equal(inferSpireRelease(imagesOf({ 'app.yaml': workload('Deployment', 'web', ['nginx:1.25']) })), undefined);
  });

  it('judges a file by the images of the nearest folder that has any, so separate deployments keep their own release', () => {
    const images = spireImagesOf([
      ...resourcesOf('file:///r/old/server.yaml', parseYaml(workload('StatefulSet', 'spire-server', ['ghcr.io/spiffe/spire-server:1.5.1']))),
      ...resourcesOf('file:///r/new/deploy/server.yaml', parseYaml(workload('StatefulSet', 'spire-server', ['ghcr.io/spiffe/spire-server:1.11.2']))),
    ]);
    assert.equal(inferSpireRelease(images, 'file:///r/old/configmap.yaml')?.version, '1.5');
    assert.equal(inferSpireRelease(images, 'file:///r/new/config/server.conf')?.version, '1.11');
    // Above both, they disagree.
    assert.equal(inferSpireRelease(images, 'file:///r/server.conf'), undefined);
    assert.equal(inferSpireRelease(images), undefined);
  });

  it('gives the editor the inferred release only where its setting is left at the default', () => {
    const inferred = { version: '1.5', origin: 'the image of StatefulSet spire/spire-server' };
    assert.equal(withProjectConfig('untitled:Untitled-1', defaultSettings, inferred).spire.version, '1.5');
    assert.equal(withProjectConfig('untitled:Untitled-1', { ...defaultSettings, spire: { version: '1.12' } }, inferred).spire.version, '1.12');
    assert.equal(withProjectConfig('untitled:Untitled-1', defaultSettings).spire.version, defaultSettings.spire.version);
  });

  it('yields to spire.version of .mesh-mtls.yaml, and applies beside one that names only other releases', () => {
    const inferred = { version: '1.5', origin: 'the image of StatefulSet spire/spire-server' };
    const root = mkdtempSync(path.join(tmpdir(), 'mm-spire-release-'));
    try {
      const uri = pathToFileURL(path.join(root, 'server.conf')).href;
      writeFileSync(path.join(root, '.mesh-mtls.yaml'), 'spire: { version: "1.11" }\n');
      assert.equal(withProjectConfig(uri, defaultSettings, inferred).spire.version, '1.11');
      writeFileSync(path.join(root, '.mesh-mtls.yaml'), 'istio: { version: "1.26" }\n');
      const applied = withProjectConfig(uri, defaultSettings, inferred);
      assert.equal(applied.spire.version, '1.5');
      assert.equal(applied.istio.version, '1.26');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names where an inferred release came from in the messages that name it', () => {
    const origin = 'the image of StatefulSet spire/spire-server';
    const settings = withProjectConfig('untitled:Untitled-1', defaultSettings, { version: '1.12', origin });
    const versions = versionsOf(settings);
    assert.equal(versions.spireOrigin, origin);
    const conf =
      'server {\n  trust_domain = "example.org"\n  data_dir = "/d"\n}\nplugins {\n  DataStore "sql" { plugin_data {} }\n  KeyManager "memory" {}\n  NodeAttestor "k8s_sat" {}\n}\n';
    const [inferred] = checkSpireConfig(conf, 'server', { version: versions.spire, versionOrigin: versions.spireOrigin });
    assert.match(String(inferred.message), /does not load at SPIRE 1\.12, the release the image of StatefulSet spire\/spire-server names\./);
    const [chosen] = checkSpireConfig(conf, 'server', { version: '1.12' });
    assert.match(String(chosen.message), /does not load at SPIRE 1\.12, the release you target\./);
  });
});
