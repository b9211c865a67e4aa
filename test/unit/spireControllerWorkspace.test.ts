import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { resourcesOf } from '../../server/src/analysis/resources';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { controllerConfigFacts, ignoresNamespace, reconcilesClass } from '../../server/src/spire/controllerFacts';
import { ROOT } from '../rig/paths';

// spire-controller-manager's objects against the trust domain of the SPIRE server the workspace holds.

function findings(files: Record<string, string>): string[] {
  const model = new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
  return analyzeWorkspace(model)
    .filter((f) => f.code === 'spire-trust-domain-mismatch')
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1} ${f.severity}`)
    .sort();
}

const server = (td: string, name = 'spire-server') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: spire }\ndata:\n  server.conf: |\n    server {\n      trust_domain = "${td}"\n      data_dir = "/run/spire/data"\n    }\n    plugins {}\n`;
const head = (kind: string) => `apiVersion: spire.spiffe.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: x\n`;
const staticEntry = (id: string, parent: string) =>
  `${head('ClusterStaticEntry')}spec:\n  spiffeID: ${id}\n  parentID: ${parent}\n  selectors: ["unix:uid:0"]\n`;
const identity = (template: string) => `${head('ClusterSPIFFEID')}spec:\n  spiffeIDTemplate: "${template}"\n`;
const federation = (td: string) =>
  `${head('ClusterFederatedTrustDomain')}spec:\n  trustDomain: ${td}\n  bundleEndpointURL: https://x\n  bundleEndpointProfile: { type: https_web }\n`;

describe('spire-controller-manager objects against the SPIRE server trust domain', () => {
  it('says nothing when they agree, or when templates write the trust domain', () => {
    assert.deepEqual(
      findings({
        'server.yaml': server('example.org'),
        'entry.yaml': staticEntry('spiffe://example.org/db', 'spiffe://example.org/agent'),
        'id.yaml': identity('spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}'),
        'other.yaml': identity('spiffe://example.org/fixed'),
        'federation.yaml': federation('partner.org'),
      }),
      [],
    );
  });

  it('warns on entries outside it and on a federation with itself, at the field', () => {
    assert.deepEqual(
      findings({
        'server.yaml': server('example.org'),
        'entry.yaml': staticEntry('spiffe://other.org/db', 'spiffe://example.org/agent'),
        'id.yaml': identity('spiffe://other.org/fixed'),
        'federation.yaml': federation('example.org'),
      }),
      ['entry.yaml:6 warning', 'federation.yaml:6 warning', 'id.yaml:6 warning'],
    );
  });

  it('says nothing without a SPIRE server, or with servers of several trust domains', () => {
    const objects = { 'entry.yaml': staticEntry('spiffe://other.org/db', 'spiffe://other.org/agent'), 'federation.yaml': federation('example.org') };
    assert.deepEqual(findings(objects), []);
    assert.deepEqual(findings({ ...objects, 'a.yaml': server('example.org', 'a'), 'b.yaml': server('example.net', 'b') }), []);
  });
});

// The controller's own config (ControllerManagerConfig), as a file or inside a ConfigMap, against
// the objects it reconciles (spire-controller-manager v0.6.6).

function coded(files: Record<string, string>, ...codes: string[]): string[] {
  const model = new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
  return analyzeWorkspace(model)
    .filter((f) => codes.includes(f.code))
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1} ${f.severity} ${f.code}`)
    .sort();
}

/** A ControllerManagerConfig held in a ConfigMap, as Istio's sample and the Helm chart ship it. */
const controllerConfig = (body: string, name = 'spire-controller-manager-config') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: spire }\ndata:\n  config.yaml: |\n    apiVersion: spire.spiffe.io/v1alpha1\n    kind: ControllerManagerConfig\n    clusterName: demo\n${body.replace(/^(?=.)/gm, '    ')}`;
const withClass = (yaml: string, className: string) => yaml.replace('spec:\n', `spec:\n  className: ${className}\n`);
const fixture = (name: string) => readFileSync(path.join(ROOT, 'test', 'fixtures', 'spire', name), 'utf8');

describe('spire-controller-manager objects against the className of its config', () => {
  const objects = {
    'id.yaml': identity('spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}'),
    'entry.yaml': staticEntry('spiffe://example.org/db', 'spiffe://example.org/agent'),
    'federation.yaml': federation('partner.org'),
  };

  it('warns on objects of another class, and on class-less ones the controller does not watch', () => {
    const classed = Object.fromEntries(Object.entries(objects).map(([name, yaml]) => [name, withClass(yaml, 'other')]));
    // At spec.className (line 6) when written, at metadata.name (line 4) when not.
    assert.deepEqual(coded({ ...classed, 'config.yaml': controllerConfig('trustDomain: example.org\nclassName: mine\n') }, 'spire-controller-class'), [
      'entry.yaml:6 warning spire-controller-class',
      'federation.yaml:6 warning spire-controller-class',
      'id.yaml:6 warning spire-controller-class',
    ]);
    assert.deepEqual(coded({ ...objects, 'config.yaml': controllerConfig('trustDomain: example.org\nclassName: mine\n') }, 'spire-controller-class'), [
      'entry.yaml:4 warning spire-controller-class',
      'federation.yaml:4 warning spire-controller-class',
      'id.yaml:4 warning spire-controller-class',
    ]);
    // A config without className takes up only class-less objects.
    assert.deepEqual(
      coded({ 'id.yaml': withClass(objects['id.yaml'], 'other'), 'config.yaml': controllerConfig('trustDomain: example.org\n') }, 'spire-controller-class'),
      ['id.yaml:6 warning spire-controller-class'],
    );
    // The config as a file of its own.
    const file = 'apiVersion: spire.spiffe.io/v1alpha1\nkind: ControllerManagerConfig\nclusterName: demo\ntrustDomain: example.org\nclassName: mine\n';
    assert.deepEqual(coded({ 'id.yaml': withClass(objects['id.yaml'], 'other'), 'ctrl.yaml': file }, 'spire-controller-class'), [
      'id.yaml:6 warning spire-controller-class',
    ]);
  });

  it('says nothing on objects the controller takes up, or where the workspace does not tell which controller', () => {
    const mine = Object.fromEntries(Object.entries(objects).map(([name, yaml]) => [name, withClass(yaml, 'mine')]));
    assert.deepEqual(coded({ ...mine, 'config.yaml': controllerConfig('trustDomain: example.org\nclassName: mine\n') }, 'spire-controller-class'), []);
    assert.deepEqual(
      coded({ ...objects, 'config.yaml': controllerConfig('trustDomain: example.org\nclassName: mine\nwatchClassless: true\n') }, 'spire-controller-class'),
      [],
    );
    assert.deepEqual(coded({ ...objects, 'config.yaml': controllerConfig('trustDomain: example.org\n') }, 'spire-controller-class'), []);
    // No config, two configs, a className the environment fills in, a kind the config does not reconcile.
    assert.deepEqual(coded({ ...mine }, 'spire-controller-class'), []);
    const two = { 'a.yaml': controllerConfig('trustDomain: example.org\n', 'a'), 'b.yaml': controllerConfig('trustDomain: example.org\nclassName: b\n', 'b') };
    assert.deepEqual(coded({ ...mine, ...two }, 'spire-controller-class'), []);
    assert.deepEqual(coded({ ...mine, 'config.yaml': controllerConfig('trustDomain: example.org\nclassName: $CLASS\n') }, 'spire-controller-class'), []);
    assert.deepEqual(
      coded(
        {
          'id.yaml': objects['id.yaml'],
          'config.yaml': controllerConfig('trustDomain: example.org\nclassName: x\nreconcile: { clusterStaticEntries: true }\n'),
        },
        'spire-controller-class',
      ),
      [],
    );
  });

  it("gives Istio 1.30.3's SPIRE sample (its controller config and ClusterSPIFFEID) no warning", () => {
    const sample = {
      'config.yaml': fixture('istio-1.30.3-quickstart-controller-manager-config.yaml'),
      'id.yaml': fixture('istio-1.30.3-clusterspiffeid.yaml'),
      'server.yaml': server('example.org'),
    };
    assert.deepEqual(coded(sample, 'spire-controller-class', 'spire-trust-domain-mismatch', 'spire-istio-identity'), []);
  });
});

describe("spire-controller-manager objects against the trust domain of the controller's config", () => {
  const config = controllerConfig('trustDomain: example.org\n');

  it('warns on a template or static entry written in another trust domain, and a federation with its own', () => {
    assert.deepEqual(
      coded(
        {
          'config.yaml': config,
          'id.yaml': identity('spiffe://other.org/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}'),
          'entry.yaml': staticEntry('spiffe://other.org/db', 'spiffe://example.org/agent'),
          'federation.yaml': federation('example.org'),
        },
        'spire-trust-domain-mismatch',
      ),
      [
        'entry.yaml:6 warning spire-trust-domain-mismatch',
        'federation.yaml:6 warning spire-trust-domain-mismatch',
        'id.yaml:6 warning spire-trust-domain-mismatch',
      ],
    );
    const model = new WorkspaceModel([
      ...resourcesOf('file:///w/config.yaml', parseYaml(config)),
      ...resourcesOf('file:///w/id.yaml', parseYaml(identity('spiffe://other.org/ns/{{ .PodMeta.Namespace }}'))),
    ]);
    const [message] = analyzeWorkspace(model).filter((f) => f.code === 'spire-trust-domain-mismatch');
    assert.match(message.message, /configured for example\.org .*podEntryRenderFailures/);
  });

  it("warns on a config whose trustDomain is not the SPIRE server's, at its trustDomain value", () => {
    // Line 9 of the ConfigMap: the config's trustDomain line.
    assert.deepEqual(
      coded({ 'config.yaml': controllerConfig('trustDomain: example.net\n'), 'server.yaml': server('example.org') }, 'spire-trust-domain-mismatch'),
      ['config.yaml:9 warning spire-trust-domain-mismatch'],
    );
    assert.deepEqual(
      coded({ 'config.yaml': controllerConfig('trustDomain: example.org\n'), 'server.yaml': server('example.org') }, 'spire-trust-domain-mismatch'),
      [],
    );
  });

  it('says nothing on its own trust domain, on templates that write none, and on objects of another class', () => {
    assert.deepEqual(
      coded(
        {
          'config.yaml': config,
          'id.yaml': identity('spiffe://example.org/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}'),
          'td.yaml': identity('spiffe://{{ .TrustDomain }}/x'),
          'entry.yaml': staticEntry('spiffe://example.org/db', 'spiffe://example.org/agent'),
          'federation.yaml': federation('partner.org'),
        },
        'spire-trust-domain-mismatch',
      ),
      [],
    );
    // Another controller may take up an object of another class: only the class is said.
    assert.deepEqual(
      coded(
        { 'config.yaml': config, 'id.yaml': withClass(identity('spiffe://other.org/ns/{{ .PodMeta.Namespace }}'), 'other') },
        'spire-trust-domain-mismatch',
        'spire-controller-class',
      ),
      ['id.yaml:6 warning spire-controller-class'],
    );
  });
});

describe('ClusterSPIFFEID namespace selection in the identity-shape check', () => {
  const other = 'spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/{{ .PodSpec.ServiceAccountName }}';
  const selecting = (namespaceSelector: string) => `${identity(other)}  namespaceSelector: ${namespaceSelector}\n`;
  const pod = (namespace: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: ${namespace} }\nspec:\n  selector: { matchLabels: { app: web } }\n  template:\n    metadata: { labels: { app: web } }\n    spec: { containers: [{ name: web, image: web }] }\n`;
  const istio = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: { name: istio, namespace: istio-system }\n';
  const check = (files: Record<string, string>) => coded({ ...files, 'istio.yaml': istio }, 'spire-istio-identity');
  const namespace = (name: string, labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata: { name: ${name}, labels: { ${labels} } }\n`;

  it('selects a namespace the workspace does not define by its kubernetes.io/metadata.name label', () => {
    assert.deepEqual(check({ 'id.yaml': selecting('{ matchLabels: { kubernetes.io/metadata.name: shop } }'), 'web.yaml': pod('shop') }), [
      'id.yaml:6 warning spire-istio-identity',
    ]);
    assert.deepEqual(
      check({ 'id.yaml': selecting('{ matchExpressions: [{ key: kubernetes.io/metadata.name, operator: In, values: [shop] }] }'), 'web.yaml': pod('shop') }),
      ['id.yaml:6 warning spire-istio-identity'],
    );
    // The name label of a defined namespace is its name, whatever the manifest writes.
    assert.deepEqual(
      check({
        'id.yaml': selecting('{ matchLabels: { kubernetes.io/metadata.name: shop, team: a } }'),
        'web.yaml': pod('shop'),
        'ns.yaml': namespace('shop', 'team: a'),
      }),
      ['id.yaml:6 warning spire-istio-identity'],
    );
  });

  it('claims nothing where the selection depends on labels of a namespace the workspace does not define', () => {
    assert.deepEqual(check({ 'id.yaml': selecting('{ matchLabels: { kubernetes.io/metadata.name: shop, team: a } }'), 'web.yaml': pod('shop') }), []);
    assert.deepEqual(check({ 'id.yaml': selecting('{ matchExpressions: [{ key: team, operator: DoesNotExist }] }'), 'web.yaml': pod('shop') }), []);
    assert.deepEqual(check({ 'id.yaml': selecting('{ matchLabels: { kubernetes.io/metadata.name: web } }'), 'web.yaml': pod('shop') }), []);
  });

  it("leaves out pods in namespaces the controller ignores: its defaults, or its config's list", () => {
    assert.deepEqual(check({ 'id.yaml': identity(other), 'web.yaml': pod('kube-system') }), []);
    assert.deepEqual(check({ 'id.yaml': identity(other), 'web.yaml': pod('shop') }), ['id.yaml:6 warning spire-istio-identity']);
    // A config's list replaces the defaults; its entries are unanchored regular expressions.
    assert.deepEqual(
      check({
        'id.yaml': identity(other),
        'web.yaml': pod('kube-system'),
        'config.yaml': controllerConfig('trustDomain: example.org\nignoreNamespaces: []\n'),
      }),
      ['id.yaml:6 warning spire-istio-identity'],
    );
    assert.deepEqual(
      check({
        'id.yaml': identity(other),
        'web.yaml': pod('team-shop'),
        'config.yaml': controllerConfig('trustDomain: example.org\nignoreNamespaces: [shop]\n'),
      }),
      [],
    );
    // An object the only controller does not take up issues nothing.
    assert.deepEqual(
      check({ 'id.yaml': withClass(identity(other), 'other'), 'web.yaml': pod('shop'), 'config.yaml': controllerConfig('trustDomain: example.org\n') }),
      [],
    );
  });

  it('gives every namespace its name label in the shared namespace-label lookup', () => {
    const model = new WorkspaceModel(resourcesOf('file:///w/ns.yaml', parseYaml(namespace('shop', 'team: a'))));
    assert.equal(model.namespaceLabel('elsewhere', 'kubernetes.io/metadata.name'), 'elsewhere');
    assert.equal(model.namespaceLabel('elsewhere', 'team'), null);
    assert.deepEqual(model.namespaceLabels('shop'), { labels: { team: 'a', 'kubernetes.io/metadata.name': 'shop' }, complete: true });
    assert.deepEqual(model.namespaceLabels('elsewhere'), { labels: { 'kubernetes.io/metadata.name': 'elsewhere' }, complete: false });
  });
});

describe('ControllerManagerConfig facts as the controller takes them (v0.6.6 defaults)', () => {
  it('reads reconcile, static manifests, className and watchClassless over the defaults', () => {
    const none = controllerConfigFacts({});
    assert.deepEqual(none.reconciles, { ClusterSPIFFEID: true, ClusterStaticEntry: true, ClusterFederatedTrustDomain: true });
    assert.deepEqual(none.ignoreNamespaces, ['kube-system', 'kube-public', 'spire-system']);
    // Static manifests turn ClusterSPIFFEIDs off; a reconcile block replaces all three.
    assert.equal(controllerConfigFacts({ staticManifestPath: '/m' }).reconciles.ClusterSPIFFEID, false);
    assert.deepEqual(controllerConfigFacts({ reconcile: { clusterSPIFFEIDs: true } }).reconciles, {
      ClusterSPIFFEID: true,
      ClusterStaticEntry: false,
      ClusterFederatedTrustDomain: false,
    });
    assert.equal(reconcilesClass(none, ''), true);
    assert.equal(reconcilesClass(none, 'a'), false);
    assert.equal(reconcilesClass(controllerConfigFacts({ className: 'a' }), ''), false);
    assert.equal(reconcilesClass(controllerConfigFacts({ className: 'a', watchClassless: true }), ''), true);
    assert.equal(reconcilesClass(controllerConfigFacts({ className: '${CLASS}' }), 'a'), undefined);
  });

  it('matches ignoreNamespaces anywhere in the name, and leaves RE2-only syntax undecided', () => {
    assert.equal(ignoresNamespace(controllerConfigFacts({}), 'kube-system'), true);
    assert.equal(ignoresNamespace(controllerConfigFacts({}), 'my-kube-system-copy'), true);
    assert.equal(ignoresNamespace(controllerConfigFacts({}), 'shop'), false);
    assert.equal(ignoresNamespace(controllerConfigFacts({ ignoreNamespaces: ['^team-'] }), 'team-a'), true);
    assert.equal(ignoresNamespace(controllerConfigFacts({ ignoreNamespaces: ['(?i)SHOP'] }), 'shop'), undefined);
    assert.equal(ignoresNamespace(controllerConfigFacts({ ignoreNamespaces: null }), 'kube-system'), false);
  });

  it('counts a config a Helm range writes as several controllers: no class warning', () => {
    const ranged = `{{- range .Values.clusters }}\n${controllerConfig('trustDomain: example.org\nclassName: mine\n')}{{- end }}\n`;
    const model = new WorkspaceModel([
      ...resourcesOf('file:///w/templates/config.yaml', parseYaml(ranged)),
      ...resourcesOf('file:///w/id.yaml', parseYaml(withClass(identity('spiffe://{{ .TrustDomain }}/x'), 'other'))),
    ]);
    assert.ok(model.of('', 'ConfigMap').some((r) => r.repeated && r.controllerConfigs?.length));
    assert.deepEqual(
      analyzeWorkspace(model).filter((f) => f.code === 'spire-controller-class'),
      [],
    );
  });
});
