import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';

const registry = createDefaultRegistry();

const certificate = (name: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: ${name}
spec:
  secretName: ${name}-tls
  dnsNames: [${name}.example.com]
  issuerRef: {name: ca, kind: Issuer}
`;
const otherIssuer = `apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: other
  namespace: default
spec:
  selfSigned: {}
`;
const issuer = `apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: ca
  namespace: prod
spec:
  selfSigned: {}
`;
// An overlay's patch: the fields it changes, nothing else.
const patch = `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: web
spec:
  dnsNames: [web.prod.example.com]
`;

describe('kustomize trees', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'mesh-mtls-kustomize-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  };
  const parsed = (file: string, text: string) => parseDocument(pathToFileURL(path.join(root, file)).href, 'yaml', 1, text);
  const codes = (file: string, text: string) => documentDiagnostics(parsed(file, text), registry).map((d) => String(d.code));
  const model = (files: Record<string, string>) => {
    for (const [file, text] of Object.entries(files)) write(file, text);
    return new WorkspaceModel(Object.entries(files).flatMap(([file, text]) => resourcesOf(parsed(file, text).uri, parsed(file, text).yaml!)));
  };

  it('reads a file listed under patches as a partial resource: no missing required fields', () => {
    write('overlay/kustomization.yaml', 'resources: [../base]\npatches:\n- path: certificate-patch.yaml\n');
    write('overlay/certificate-patch.yaml', patch);
    assert.deepEqual(codes('overlay/certificate-patch.yaml', patch), []);
    // The same text anywhere else is a resource missing its required fields (the webhook rule names them).
    assert.deepEqual(codes('elsewhere/certificate.yaml', patch), ['cert-manager-certificate', 'cert-manager-certificate']);
  });

  it('also for patchesStrategicMerge and patchesJson6902, and still checks the values a patch writes', () => {
    write('overlay/kustomization.yaml', 'patchesStrategicMerge: [a.yaml]\npatchesJson6902:\n- target: {kind: Certificate, name: web}\n  path: b.yaml\n');
    assert.deepEqual(codes('overlay/a.yaml', patch), []);
    const wrong = patch.replace('dnsNames: [web.prod.example.com]', 'privateKey: {algorithm: DSA}');
    assert.deepEqual(codes('overlay/b.yaml', wrong), ['enum-value']);
  });

  it('reads PATCH_ME in a base as a placeholder, not as a value', () => {
    const base = certificate('web').replace('secretName: web-tls', 'secretName: web-tls\n  privateKey: {algorithm: PATCH_ME}');
    assert.deepEqual(codes('base/certificate.yaml', base), ['placeholder']);
  });

  it('places the resources a kustomization includes in its namespace, with its name prefix and labels', () => {
    write('app/kustomization.yaml', 'namespace: prod\nnamePrefix: shop-\ncommonLabels: {team: web}\nresources: [certificate.yaml]\n');
    const m = model({ 'app/certificate.yaml': certificate('web'), 'issuers/issuer.yaml': issuer, 'issuers/other.yaml': otherIssuer });
    const [cert] = m.of('cert-manager.io', 'Certificate');
    assert.equal(cert.namespace, 'prod');
    assert.equal(cert.name, 'shop-web');
    assert.equal(cert.labels.team, 'web');
    assert.deepEqual(
      analyzeWorkspace(m).filter((f) => f.code === 'missing-issuer'),
      [],
    );
  });

  it('lets an outer kustomization that includes a base folder set the namespace and wrap the name', () => {
    write('app/base/kustomization.yaml', 'namePrefix: web-\nresources: [certificate.yaml]\n');
    write('app/kustomization.yaml', 'namespace: prod\nnamePrefix: shop-\nresources: [base]\n');
    const [cert] = model({ 'app/base/certificate.yaml': certificate('cert') }).resources;
    assert.equal(cert.namespace, 'prod');
    assert.equal(cert.name, 'shop-web-cert');
  });

  it('without the kustomization the same files leave the Certificate in default, where no Issuer ca is', () => {
    const m = model({ 'app/certificate.yaml': certificate('web'), 'issuers/issuer.yaml': issuer, 'issuers/other.yaml': otherIssuer });
    assert.equal(analyzeWorkspace(m).filter((f) => f.code === 'missing-issuer').length, 1);
  });

  it('keeps patches out of the workspace model: they are no objects of their own', () => {
    write('overlay/kustomization.yaml', 'patches: [{path: p.yaml}]\n');
    assert.deepEqual(model({ 'overlay/p.yaml': patch }).resources, []);
  });
  it('reads a base as the one overlay beside it builds it: its namespace, prefix and labels', () => {
    write('base/kustomization.yaml', 'resources: [certificate.yaml]\n');
    write('overlays/prod/Kustomization', 'namespace: prod\nnamePrefix: prod-\nlabels:\n- pairs: {env: prod}\nresources: [../../base]\n');
    const m = model({ 'base/certificate.yaml': certificate('web'), 'issuers/issuer.yaml': issuer });
    const [cert] = m.of('cert-manager.io', 'Certificate');
    assert.equal(cert.namespace, 'prod');
    assert.equal(cert.name, 'prod-web');
    assert.equal(cert.labels.env, 'prod');
    assert.deepEqual(
      analyzeWorkspace(m).filter((f) => f.code === 'missing-issuer'),
      [],
    );
  });

  it('reads a base two overlays build as one object per overlay: a missing Issuer is reported for the overlay that lacks it', () => {
    write('app/base/kustomization.yml', 'resources: [certificate.yaml]\n');
    write('app/prod/kustomization.yaml', 'namespace: prod\nresources: [../base]\n');
    write('app/staging/kustomization.yaml', 'namespace: staging\nresources: [../base]\n');
    const m = model({
      'app/base/certificate.yaml': certificate('web'),
      'issuers/issuer.yaml': issuer,
      'issuers/other.yaml': otherIssuer.replace('default', 'staging'),
    });
    assert.deepEqual(
      m
        .of('cert-manager.io', 'Certificate')
        .map((c) => c.namespace)
        .sort(),
      ['prod', 'staging'],
    );
    const missing = analyzeWorkspace(m).filter((f) => f.code === 'missing-issuer');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /staging/);
  });

  it('says once what is wrong alike in every build of a base', () => {
    write('base/kustomization.yaml', 'resources: [certificate.yaml]\n');
    write('overlays/a/kustomization.yaml', 'namespace: prod\ncommonLabels: {team: a}\nresources: [../../base]\n');
    write('overlays/b/kustomization.yaml', 'namespace: prod\ncommonLabels: {team: b}\nresources: [../../base]\n');
    const m = model({ 'base/certificate.yaml': certificate('web'), 'issuers/other.yaml': otherIssuer.replace('default', 'prod') });
    assert.deepEqual(
      m
        .of('cert-manager.io', 'Certificate')
        .map((c) => c.labels.team)
        .sort(),
      ['a', 'b'],
    );
    assert.equal(analyzeWorkspace(m).filter((f) => f.code === 'missing-issuer').length, 1);
  });

  it('reads a file an overlay lists as a patch by a path into the base as partial, and keeps it out of the model', () => {
    write('base/kustomization.yaml', 'resources: [certificate.yaml]\n');
    write('overlays/prod/kustomization.yaml', 'resources: [../../base]\npatches:\n- path: ../../base/certificate-patch.yaml\n');
    write('base/certificate-patch.yaml', patch);
    assert.deepEqual(codes('base/certificate-patch.yaml', patch), []);
    assert.deepEqual(model({ 'base/certificate-patch.yaml': patch }).resources, []);
  });

  it('follows a chain of kustomizations once round a cycle in it', () => {
    write('top/kustomization.yaml', 'namespace: top\nresources: [../loop]\n');
    write('loop/kustomization.yaml', 'resources: [sub]\n');
    write('loop/sub/kustomization.yaml', 'namePrefix: s-\nresources: [.., certificate.yaml]\n');
    const [cert, ...more] = model({ 'loop/sub/certificate.yaml': certificate('web') }).resources;
    assert.equal(cert.namespace, 'top');
    assert.equal(cert.name, 's-web');
    assert.deepEqual(more, []);
  });

  it('does not read an overlay that names a base in another tree', () => {
    write('base/kustomization.yaml', 'resources: [certificate.yaml]\n');
    write('overlays/prod/kustomization.yaml', 'namespace: prod\nresources: [../../elsewhere]\n');
    const [cert] = model({ 'base/certificate.yaml': certificate('web') }).resources;
    assert.equal(cert.namespace, undefined);
  });
});
