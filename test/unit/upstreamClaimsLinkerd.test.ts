import * as assert from 'node:assert/strict';
import type { MarkupContent } from 'vscode-languageserver-types';
import { parseAllDocuments } from 'yaml';
import { NEWEST_VERSIONS, type TargetVersions } from '../../common/src/versions';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { DEFAULT_ANALYSIS_SETTINGS, WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { hoverAt } from '../../server/src/service/hover';
import { validateYaml } from '../../server/src/service/validation/index';
import { withCursor } from '../support/cursor';

// Linkerd claims checked against linkerd/linkerd2 at b24cd405 (edge-26.8.3), each test naming the
// upstream place it follows. Where behaviour changed between releases, the same manifest is
// checked against the releases on both sides of the change.

const registry = createDefaultRegistry();
const linkerd = (version: string): TargetVersions => ({ ...NEWEST_VERSIONS, linkerd: version });

/** "code severity: message" for each per-document diagnostic, at a Linkerd release. */
function check(text: string, version = NEWEST_VERSIONS.linkerd): string[] {
  const severities = ['', 'error', 'warning', 'information', 'hint'];
  return validateYaml(parseYaml(text), registry, { versions: linkerd(version) }).map((d) => `${String(d.code)} ${severities[d.severity ?? 0]}: ${d.message}`);
}

function analyze(files: Record<string, string>, version = NEWEST_VERSIONS.linkerd) {
  const resources = Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text)));
  return analyzeWorkspace(new WorkspaceModel(resources, { ...DEFAULT_ANALYSIS_SETTINGS, versions: linkerd(version) }));
}

/** "file:line code severity" for each finding of a code, sorted. */
function findings(files: Record<string, string>, code: string, version?: string): string[] {
  return analyze(files, version)
    .filter((f) => f.code === code)
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1} ${f.severity}`)
    .sort();
}

function messages(files: Record<string, string>, code: string, version?: string): string[] {
  return analyze(files, version)
    .filter((f) => f.code === code)
    .map((f) => f.message);
}

function hover(source: string, version: string): string {
  const { text, offset } = withCursor(source);
  return (hoverAt(parseYaml(text), offset, registry, linkerd(version))?.contents as MarkupContent | undefined)?.value ?? '';
}

const deployment = (name: string, labels: Record<string, string>) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  selector: {matchLabels: ${JSON.stringify(labels)}}\n  template:\n    metadata: {labels: ${JSON.stringify(labels)}}\n    spec:\n      containers:\n      - name: app\n        image: example/${name}\n        ports: [{containerPort: 8080}]\n`;
const SHOP = { 'web.yaml': deployment('web', { app: 'web', tier: 'front' }), 'ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' };
const server = (name: string, selector: string, extra = '', port = '8080') =>
  `apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  podSelector: ${selector}\n  port: ${port}\n${extra}`;

describe('Linkerd claims follow upstream', () => {
  describe('ServerAuthorization -> AuthorizationPolicy migration (audit item 6)', () => {
    const legacy = (client: string) =>
      `apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: web-clients\n  namespace: shop\nspec:\n  server:\n    name: web-http\n  client:\n${client}`;
    const migrate = (client: string, version?: string) =>
      analyze({ 'l.yaml': legacy(client) }, version).find((f) => f.code === 'linkerd-server-authorization-deprecated')?.fix;
    const documents = (replacement: string) => parseAllDocuments(replacement).map((d) => d.toJS() as { kind: string; spec: Record<string, unknown> });
    const cidrs = (spec: Record<string, unknown>) =>
      (spec.networks as Array<{ cidr: string; except?: string[] }>).map((n) => [n.cidr, ...(n.except ?? [])].join(' except '));

    // follows policy-controller/grpc/src/inbound.rs to_authz (no networks: the cluster networks) and
    // k8s/index/src/inbound/index.rs policy_client_authz (no NetworkAuthentication: every address).
    it('keeps an unauthenticated ServerAuthorization without networks to the cluster networks, never 0.0.0.0/0', () => {
      const fix = migrate('    unauthenticated: true\n')!;
      assert.equal(fix.title, 'Rewrite as an AuthorizationPolicy with a NetworkAuthentication');
      assert.doesNotMatch(fix.replacement, /0\.0\.0\.0\/0|::\/0/);
      const [policy, network] = documents(fix.replacement);
      assert.deepEqual([policy.kind, network.kind], ['AuthorizationPolicy', 'NetworkAuthentication']);
      assert.deepEqual(
        (policy.spec.requiredAuthenticationRefs as Array<{ kind: string }>).map((r) => r.kind),
        ['NetworkAuthentication'],
      );
      // charts/linkerd-control-plane/values.yaml clusterNetworks; fd00::/8 since edge-24.3.4 (Linkerd 2.16).
      assert.deepEqual(cidrs(network.spec), ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16', 'fd00::/8']);
      assert.deepEqual(cidrs(documents(migrate('    unauthenticated: true\n', '2.15')!.replacement)[1].spec), [
        '10.0.0.0/8',
        '100.64.0.0/10',
        '172.16.0.0/12',
        '192.168.0.0/16',
      ]);
      assert.deepEqual(check(fix.replacement), []);
      // An empty list is no list: the cluster networks again.
      assert.deepEqual(cidrs(documents(migrate('    networks: []\n    unauthenticated: true\n')!.replacement)[1].spec).length, 5);
    });

    // policy-controller/runtime/src/args.rs --cluster-networks, which charts/linkerd-control-plane/templates/destination.yaml writes from clusterNetworks (edge-26.8.3).
    it("takes the cluster networks of the install in the workspace, its policy controller's --cluster-networks, over the release's default", () => {
      const destination = (networks: string) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: linkerd-destination, namespace: linkerd}\nspec:\n  template:\n    spec:\n      containers:\n      - name: policy\n        command: ["/linkerd-policy-controller"]\n        args: ["--cluster-networks=${networks}"]\n`;
      const fixWith = (networks: string) =>
        analyze({ 'l.yaml': legacy('    unauthenticated: true\n'), 'linkerd.yaml': destination(networks) }).find(
          (f) => f.code === 'linkerd-server-authorization-deprecated',
        )!.fix!;
      const installed = fixWith('10.40.0.0/14, fd00:10::/56');
      assert.deepEqual(cidrs(documents(installed.replacement)[1].spec), ['10.40.0.0/14', 'fd00:10::/56']);
      assert.match(
        installed.replacement,
        /# These are the cluster networks of your installation \(--cluster-networks of Deployment linkerd\/linkerd-destination\)\./,
      );
      assert.deepEqual(check(installed.replacement), []);
      // A template's value, or one entry that is no CIDR, says nothing: the release's default again.
      assert.equal(cidrs(documents(fixWith('{{.Values.clusterNetworks}}').replacement)[1].spec).length, 5);
      assert.equal(cidrs(documents(fixWith('10.0.0.0/8,10.0.0.0').replacement)[1].spec).length, 5);
    });

    it('requires both the identities and the networks of a meshTLS ServerAuthorization, its own networks copied', () => {
      const fix = migrate('    networks:\n      - cidr: 10.1.0.0/16\n        except: [10.1.2.0/24]\n    meshTLS:\n      serviceAccounts: [{name: cart}]\n')!;
      assert.equal(fix.title, 'Rewrite as an AuthorizationPolicy with a MeshTLSAuthentication and a NetworkAuthentication');
      const [policy, mesh, network] = documents(fix.replacement);
      assert.deepEqual(
        (policy.spec.requiredAuthenticationRefs as Array<{ kind: string }>).map((r) => r.kind),
        ['MeshTLSAuthentication', 'NetworkAuthentication'],
      );
      assert.deepEqual(mesh.spec.identityRefs, [{ kind: 'ServiceAccount', name: 'cart' }]);
      assert.deepEqual(cidrs(network.spec), ['10.1.0.0/16 except 10.1.2.0/24']);
      assert.deepEqual(check(fix.replacement), []);
      // Without networks, the meshTLS clients too are held to the cluster networks.
      assert.match(migrate('    meshTLS:\n      identities: ["*"]\n')!.replacement, /kind: NetworkAuthentication\n[^]*cidr: "10\.0\.0\.0\/8"/);
    });

    it('offers nothing for unauthenticated TLS, which an AuthorizationPolicy cannot express', () => {
      assert.equal(migrate('    meshTLS:\n      unauthenticatedTLS: true\n'), undefined);
    });

    // follows charts/linkerd-crds/templates/policy/server-authorization.yaml: v1alpha1 deprecated, v1beta1 stored (audit item 7).
    it('says only v1alpha1 is deprecated', () => {
      const [message] = messages({ 'l.yaml': legacy('    unauthenticated: true\n') }, 'linkerd-server-authorization-deprecated');
      assert.match(message, /still works \(only its v1alpha1 version is deprecated\)/);
      assert.doesNotMatch(hover(`${legacy('    unauthenticated: true\n')}`.replace('spec:', 'sp|ec:'), '2.19'), /\*\*Deprecated\*\*/);
    });
  });

  describe('a Server no policy authorizes (audit item 8)', () => {
    const policy =
      'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: other, namespace: shop}\nspec:\n  targetRef: {group: policy.linkerd.io, kind: Server, name: other}\n  requiredAuthenticationRefs: []\n';

    // follows policy-controller/k8s/index/src/inbound/index.rs client_authzs (accessPolicy's default
    // authorizations) and k8s/index/src/defaults.rs (audit allows everything); accessPolicy since edge-24.7.4 (2.16).
    it('is not said to refuse everything when its accessPolicy lets traffic through (2.16+), and is before 2.16', () => {
      const files = { ...SHOP, 'p.yaml': policy, 's.yaml': server('web-http', '{matchLabels: {app: web}}', '  accessPolicy: audit\n') };
      assert.deepEqual(findings(files, 'linkerd-server-unauthorized', '2.16'), []);
      assert.deepEqual(findings(files, 'linkerd-server-unauthorized', '2.15'), ['s.yaml:3 warning']);
      assert.deepEqual(
        findings({ ...files, 's.yaml': server('web-http', '{matchLabels: {app: web}}', '  accessPolicy: deny\n') }, 'linkerd-server-unauthorized', '2.16'),
        ['s.yaml:3 warning'],
      );
    });

    // follows k8s/index/src/inbound/index.rs default_inbound_http_routes and http_routes (probe routes only without HTTPRoutes)
    // and grpc/src/inbound.rs to_server.
    it('says the kubelet probes still get through on an HTTP port, unless an HTTPRoute is attached', () => {
      const files = { ...SHOP, 'p.yaml': policy, 's.yaml': server('web-http', '{matchLabels: {app: web}}') };
      const [plain] = messages(files, 'linkerd-server-unauthorized');
      assert.match(plain, /accessPolicy is deny \(unset\): Linkerd refuses every other request to port 8080, except the kubelet's HTTP probes/);
      const route =
        'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata: {name: r, namespace: shop}\nspec:\n  parentRefs: [{group: policy.linkerd.io, kind: Server, name: web-http}]\n';
      assert.match(messages({ ...files, 'r.yaml': route }, 'linkerd-server-unauthorized')[0], /the kubelet's probes included, since an HTTPRoute is attached/);
      assert.doesNotMatch(messages(files, 'linkerd-server-unauthorized', '2.15')[0], /accessPolicy/);
      // grpc/src/inbound.rs to_server: only unknown, HTTP/1 and HTTP/2 ports meet the HTTP routes, probe route included.
      const opaque = { ...files, 's.yaml': server('web-http', '{matchLabels: {app: web}}', '  proxyProtocol: opaque\n') };
      assert.match(messages(opaque, 'linkerd-server-unauthorized')[0], /the kubelet's probes included, since its proxyProtocol is opaque/);
    });
  });

  describe('overlapping Servers (audit item 29)', () => {
    // follows policy-controller/runtime/src/admission.rs before linkerd2#13676 (edge-25.2.2, Linkerd 2.18): a
    // Server with another's port and the same selector (or one selecting all) was refused; since then
    // k8s/index/src/inbound/index.rs reindex_servers keeps the oldest Server for the port.
    it('are refused before 2.18 and admitted, the oldest winning, from 2.18', () => {
      const files = { ...SHOP, 's.yaml': `${server('a', '{matchLabels: {app: web}}')}---\n${server('b', '{matchLabels: {app: web}}')}` };
      assert.deepEqual(findings(files, 'linkerd-server-overlap', '2.17'), ['s.yaml:13 error', 's.yaml:6 error']);
      assert.deepEqual(findings(files, 'linkerd-server-overlap', '2.18'), ['s.yaml:13 warning', 's.yaml:6 warning']);
      assert.match(messages(files, 'linkerd-server-overlap', '2.17')[0], /Linkerd 2\.17's admission webhook refuses whichever of the two is applied second/);
      assert.match(messages(files, 'linkerd-server-overlap', '2.18')[0], /only the older of the two \(by creation time, then name\)/);
      const all = { ...SHOP, 's.yaml': `${server('a', '{}')}---\n${server('b', '{matchLabels: {app: cart}}')}` };
      assert.deepEqual(findings(all, 'linkerd-server-overlap', '2.17'), ['s.yaml:13 error', 's.yaml:6 error']);
    });

    it('that the old webhook did not see (different selectors, one pod) were settled in no defined order', () => {
      const files = { ...SHOP, 's.yaml': `${server('a', '{matchLabels: {app: web}}')}---\n${server('b', '{matchLabels: {tier: front}}')}` };
      assert.deepEqual(findings(files, 'linkerd-server-overlap', '2.17'), ['s.yaml:13 warning', 's.yaml:6 warning']);
      assert.match(
        messages(files, 'linkerd-server-overlap', '2.17')[0],
        /Deployment shop\/web: Linkerd 2\.17 applies one of the two to that port, and which one is not defined/,
      );
      assert.deepEqual(
        findings(
          { ...files, 's.yaml': `${server('a', '{matchLabels: {app: web}}')}---\n${server('b', '{matchLabels: {app: web}}', '', '9090')}` },
          'linkerd-server-overlap',
          '2.17',
        ),
        [],
      );
    });

    it('have a hover saying so for the release targeted', () => {
      const text = server('a', '{matchLabels: {app: web}}').replace('spec:', 'sp|ec:');
      assert.match(hover(text, '2.19'), /only the older one \(by creation time, then name\) applies/);
      assert.doesNotMatch(hover(text, '2.19'), /Before Linkerd 2\.18/);
      assert.match(hover(text, '2.17'), /Before Linkerd 2\.18\*\* \(you target 2\.17\): The admission webhook refuses a Server/);
    });
  });

  describe('release-dependent resources', () => {
    // accessPolicy (and Server v1beta3) since edge-24.7.4 (2.16): linkerd2#12845.
    it('accessPolicy exists from Linkerd 2.16', () => {
      const text = server('a', '{matchLabels: {app: web}}', '  accessPolicy: audit\n');
      assert.deepEqual(check(text, '2.16'), []);
      assert.deepEqual(check(text, '2.15'), [
        'linkerd-server error: accessPolicy arrived with Server v1beta3 in Linkerd 2.16; Linkerd 2.15 does not have it, and refuses whatever no policy on the Server admits.',
      ]);
      assert.match(hover(text.replace('accessPolicy:', 'accessPol|icy:'), '2.15'), /Before Linkerd 2\.16\*\* \(you target 2\.15\)/);
    });

    // EgressNetwork CRD since edge-24.10.4 (2.17): charts/linkerd-crds/templates/policy/egress-network.yaml.
    it('EgressNetwork exists from Linkerd 2.17', () => {
      const text = 'apiVersion: policy.linkerd.io/v1alpha1\nkind: EgressNetwork\nmetadata: {name: out, namespace: shop}\nspec:\n  trafficPolicy: Allow\n';
      assert.deepEqual(check(text, '2.17'), []);
      assert.deepEqual(
        check(text, '2.16').map((d) => d.split(':')[0]),
        ['linkerd-network error'],
      );
      const route =
        'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata: {name: r, namespace: shop}\nspec:\n  parent|Refs: [{group: policy.linkerd.io, kind: EgressNetwork, name: out, port: 443}]\n';
      assert.match(hover(route, '2.16'), /Before Linkerd 2\.17\*\* \(you target 2\.16\): There is no EgressNetwork/);
      assert.doesNotMatch(hover(route, '2.17'), /Before Linkerd/);
    });
  });

  describe('admission checks', () => {
    const meshTls = (identities: string) =>
      `apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata: {name: m, namespace: shop}\nspec:\n${identities}`;

    // follows policy-controller/runtime/src/validation.rs validate_identity (only the first label may be *), which
    // Validate<MeshTLSAuthenticationSpec> calls; Validate<ServerAuthorizationSpec> does not, but the identities
    // pattern of charts/linkerd-crds/templates/policy/server-authorization.yaml refuses the same names, and SPIFFE IDs (audit item 28).
    it('refuses malformed identities once: by our webhook rule in a MeshTLSAuthentication, by the CRD pattern in a ServerAuthorization', () => {
      assert.deepEqual(
        check(meshTls('  identities: ["web.*.serviceaccount.identity.linkerd.cluster.local"]\n')).map((d) => d.split(':')[0]),
        ['linkerd-identity error'],
      );
      assert.match(check(meshTls('  identities: ["Web"]\n'))[0], /whose first label alone may be \*/);
      assert.deepEqual(check(meshTls('  identities: ["spiffe://cluster.local/ns/shop/sa/web"]\n')), []);
      const legacy = (identity: string) =>
        `apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata: {name: l, namespace: shop}\nspec:\n  server: {name: web-http}\n  client:\n    meshTLS:\n      identities: ["${identity}"]\n`;
      assert.deepEqual(
        check(legacy('Web.shop')).map((d) => d.split(':')[0]),
        ['pattern-mismatch error'],
      );
      assert.deepEqual(
        check(legacy('spiffe://cluster.local/ns/shop/sa/web')).map((d) => d.split(':')[0]),
        ['pattern-mismatch error'],
      );
      assert.deepEqual(check(legacy('*.shop.serviceaccount.identity.linkerd.cluster.local')), []);
    });

    // follows policy-controller/k8s/api/src/policy/target_ref.rs: NamespacedTargetRef.name is not optional (audit item 30).
    it('refuses an identityRefs entry without a name, which the CRD allows', () => {
      assert.deepEqual(
        check(meshTls('  identityRefs:\n    - kind: ServiceAccount\n')).map((d) => d.split(':')[0]),
        ['linkerd-identity error'],
      );
      assert.deepEqual(check(meshTls('  identityRefs:\n    - kind: ServiceAccount\n      name: cart\n')), []);
      assert.match(
        hover(meshTls('  identityRefs:\n    - kind: ServiceAccount\n      na|me: cart\n'), '2.19'),
        /Required: the CRD lets you omit it, but the admission webhook refuses/,
      );
    });

    const route = (rule: string) =>
      `apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata: {name: r, namespace: shop}\nspec:\n  parentRefs: [{group: core, kind: Service, name: web, port: 80}]\n  rules:\n${rule}`;

    // follows policy-controller/k8s/index/src/routes/http.rs path_match (audit item 21).
    it('requires absolute paths for Exact and PathPrefix matches only', () => {
      assert.deepEqual(check(route('    - matches: [{path: {type: RegularExpression, value: ".*/health"}}]\n')), []);
      assert.deepEqual(
        check(route('    - matches: [{path: {type: Exact, value: health}}]\n')).map((d) => d.split(':')[0]),
        ['linkerd-route error'],
      );
      assert.match(
        hover(route('    - matches:\n        - path:\n            type: Exact\n            val|ue: /health\n'), '2.19'),
        /a `RegularExpression` need not start with `\/`/,
      );
    });

    // follows policy-controller/runtime/src/admission.rs validate_http_backend_if_service: Gateway API routes only (audit item 22).
    it('warns, not refuses, a Service backend without a port on a policy.linkerd.io route', () => {
      assert.deepEqual(
        check(route('    - backendRefs: [{name: web}]\n')).map((d) => d.split(':')[0]),
        ['linkerd-route warning'],
      );
      const text = route('    - backendRefs:\n        - name: web\n          po|rt: 80\n');
      assert.match(hover(text, '2.19'), /the webhook admits this route without it/);
      assert.doesNotMatch(hover(text, '2.19'), /webhook rejects/);
    });

    // follows policy-controller/k8s/index/src/cluster_info.rs service_account_identity.
    it('spells identities with the control-plane namespace', () => {
      assert.match(
        hover(meshTls('  identi|ties: ["*"]\n'), '2.19'),
        /<serviceaccount>\.<namespace>\.serviceaccount\.identity\.<control-plane-namespace>\.<trust-domain>/,
      );
    });
  });
});
