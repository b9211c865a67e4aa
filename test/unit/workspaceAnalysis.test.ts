import * as assert from 'node:assert/strict';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseDocument, parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { mtlsCodeLenses } from '../../server/src/service/mtlsLenses';
import { createDevCa } from '../../common/src/pki/mint';
import { certificatePem } from '../../common/src/pki/pkiFiles';

/** The workspace of these files, analysed: "file:line [code]" for each finding, sorted. */
function model(files: Record<string, string>): WorkspaceModel {
  return new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
}
function findings(files: Record<string, string>, code?: string): string[] {
  return analyzeWorkspace(model(files))
    .filter((f) => code === undefined || f.code === code)
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1} [${f.code}]`)
    .sort();
}
function messages(files: Record<string, string>, code: string): string[] {
  return analyzeWorkspace(model(files))
    .filter((f) => f.code === code)
    .map((f) => f.message);
}

const deployment = (name: string, ns: string, labels: Record<string, string>, serviceAccount = name, port = 8080) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: ${JSON.stringify(labels)}}
  template:
    metadata: {labels: ${JSON.stringify(labels)}}
    spec:
      serviceAccountName: ${serviceAccount}
      containers:
      - name: app
        image: example/${name}
        ports: [{containerPort: ${port}}]
`;
const service = (name: string, ns: string, selector: Record<string, string>, port = 80, targetPort = 8080) => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: ${JSON.stringify(selector)}
  ports: [{port: ${port}, targetPort: ${targetPort}, name: http}]
`;
const peerAuthentication = (name: string, ns: string, mode: string, selector?: Record<string, string>, portLevel?: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: ${name}, namespace: ${ns}}
spec:
${selector ? `  selector:\n    matchLabels: ${JSON.stringify(selector)}\n` : ''}  mtls: {mode: ${mode}}
${portLevel ?? ''}`;

const SHOP = {
  'shop/web.yaml': `${deployment('web', 'shop', { app: 'web' })}---\n${service('web', 'shop', { app: 'web' })}`,
  'shop/cart.yaml': deployment('cart', 'shop', { app: 'cart' }),
  'shop/namespace.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n',
};

describe('cross-resource analysis', () => {
  describe('effective mTLS, as Istio works it out', () => {
    it('takes mesh-wide, then namespace, then workload, then port level', () => {
      const m = model({
        ...SHOP,
        'mesh.yaml': peerAuthentication('default', 'istio-system', 'STRICT'),
        'shop/pa.yaml': `${peerAuthentication('shop', 'shop', 'PERMISSIVE')}---\n${peerAuthentication('web', 'shop', 'UNSET', { app: 'web' }, '  portLevelMtls:\n    "8080": {mode: DISABLE}\n')}`,
      });
      const web = m.workloads.find((w) => w.name === 'web')!;
      const cart = m.workloads.find((w) => w.name === 'cart')!;
      assert.equal(m.effectiveMtls(cart).mode, 'PERMISSIVE');
      assert.equal(m.effectiveMtls(cart).source?.name, 'shop');
      // UNSET inherits the namespace's mode; the port level overrides it for 8080.
      assert.equal(m.effectiveMtls(web).mode, 'PERMISSIVE');
      assert.equal(m.modeAtPort(web, 8080).mode, 'DISABLE');
      assert.equal(m.modeAtPort(web, 9090).mode, 'PERMISSIVE');
      const strictOnly = model({ ...SHOP, 'mesh.yaml': peerAuthentication('default', 'istio-system', 'STRICT') });
      assert.equal(strictOnly.effectiveMtls(strictOnly.workloads[0]).mode, 'STRICT');
      assert.equal(model(SHOP).effectiveMtls(model(SHOP).workloads[0]).mode, 'PERMISSIVE');
    });
  });

  describe('mtls-policy-conflict', () => {
    it('flags two namespace-wide policies and two workload policies on one workload', () => {
      assert.deepEqual(
        findings(
          { ...SHOP, 'a.yaml': peerAuthentication('one', 'shop', 'STRICT'), 'b.yaml': peerAuthentication('two', 'shop', 'PERMISSIVE') },
          'mtls-policy-conflict',
        ),
        ['a.yaml:3 [mtls-policy-conflict]', 'b.yaml:3 [mtls-policy-conflict]'],
      );
      assert.equal(
        findings(
          {
            ...SHOP,
            'a.yaml': `${peerAuthentication('one', 'shop', 'STRICT', { app: 'web' })}---\n${peerAuthentication('two', 'shop', 'STRICT', { app: 'web' })}`,
          },
          'mtls-policy-conflict',
        ).length,
        2,
      );
    });
    it('accepts one policy per scope', () => {
      assert.deepEqual(
        findings(
          {
            ...SHOP,
            'a.yaml': `${peerAuthentication('ns', 'shop', 'STRICT')}---\n${peerAuthentication('web', 'shop', 'PERMISSIVE', { app: 'web' })}---\n${peerAuthentication('mesh', 'istio-system', 'STRICT')}`,
          },
          'mtls-policy-conflict',
        ),
        [],
      );
    });
  });

  describe('selector-no-workload', () => {
    it('flags a PeerAuthentication and an AuthorizationPolicy selecting nothing, only where workloads are known', () => {
      const policy =
        'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  selector:\n    matchLabels: {app: wbe}\n  action: ALLOW\n  rules: [{}]\n';
      assert.deepEqual(
        findings({ ...SHOP, 'pa.yaml': peerAuthentication('typo', 'shop', 'STRICT', { app: 'wbe' }), 'ap.yaml': policy }, 'selector-no-workload'),
        ['ap.yaml:5 [selector-no-workload]', 'pa.yaml:5 [selector-no-workload]'],
      );
      // "wbe" is a typo away from the web workload's label: the fix selects it.
      const [typo] = analyzeWorkspace(model({ ...SHOP, 'pa.yaml': peerAuthentication('typo', 'shop', 'STRICT', { app: 'wbe' }) })).filter(
        (f) => f.code === 'selector-no-workload',
      );
      assert.deepEqual([typo.fix?.title, typo.fix?.replacement, typo.fix?.range?.start.line], ['Select app=web', 'web', 5]);
      // A repository with policies only: nothing to compare with, so nothing said.
      assert.deepEqual(findings({ 'pa.yaml': peerAuthentication('typo', 'shop', 'STRICT', { app: 'wbe' }) }, 'selector-no-workload'), []);
      assert.deepEqual(findings({ ...SHOP, 'pa.yaml': peerAuthentication('ok', 'shop', 'STRICT', { app: 'web' }) }, 'selector-no-workload'), []);
    });
  });

  describe('mtls-destination-conflict', () => {
    const dr = (mode: string) =>
      `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web, namespace: shop}\nspec:\n  host: web.shop.svc.cluster.local\n  trafficPolicy:\n    tls:\n      mode: ${mode}\n`;
    it('flags plaintext sent to a STRICT workload, naming the policy that makes it STRICT', () => {
      const files = { ...SHOP, 'mesh.yaml': peerAuthentication('default', 'istio-system', 'STRICT'), 'dr.yaml': dr('DISABLE') };
      assert.deepEqual(findings(files, 'mtls-destination-conflict'), ['dr.yaml:8 [mtls-destination-conflict]']);
      assert.match(
        messages(files, 'mtls-destination-conflict')[0],
        /sends plaintext to web\.shop\.svc\.cluster\.local, but Deployment shop\/web accepts only Istio mTLS \(STRICT, from PeerAuthentication istio-system\/default\)/,
      );
    });
    it('offers ISTIO_MUTUAL in place of the mode as a quick fix', () => {
      const [found] = analyzeWorkspace(
        model({ ...SHOP, 'mesh.yaml': peerAuthentication('default', 'istio-system', 'STRICT'), 'dr.yaml': dr('MUTUAL') }),
      ).filter((f) => f.code === 'mtls-destination-conflict');
      assert.deepEqual(found.fix, { title: 'Send Istio mTLS (ISTIO_MUTUAL)', replacement: 'ISTIO_MUTUAL' });
      assert.deepEqual([found.range.start.character, found.range.end.character], [12, 18]);
    });
    it('accepts ISTIO_MUTUAL to STRICT and DISABLE to a PERMISSIVE workload', () => {
      assert.deepEqual(
        findings({ ...SHOP, 'mesh.yaml': peerAuthentication('default', 'istio-system', 'STRICT'), 'dr.yaml': dr('ISTIO_MUTUAL') }, 'mtls-destination-conflict'),
        [],
      );
      assert.deepEqual(findings({ ...SHOP, 'dr.yaml': dr('DISABLE') }, 'mtls-destination-conflict'), []);
    });
    it('flags ISTIO_MUTUAL to a host outside the mesh', () => {
      const external =
        'apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: api, namespace: shop}\nspec:\n  hosts: [api.example.com]\n  location: MESH_EXTERNAL\n  ports: [{number: 443, name: https, protocol: TLS}]\n';
      const rule =
        'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: api, namespace: shop}\nspec:\n  host: api.example.com\n  trafficPolicy:\n    tls: {mode: ISTIO_MUTUAL}\n';
      assert.deepEqual(findings({ 'se.yaml': external, 'dr.yaml': rule }, 'mtls-destination-conflict'), ['dr.yaml:7 [mtls-destination-conflict]']);
    });
  });

  describe('AuthorizationPolicy', () => {
    const policy = (action: string, source: string, ns = 'shop') =>
      `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: ${ns}}\nspec:\n  selector:\n    matchLabels: {app: web}\n  action: ${action}\n  rules:\n  - from:\n    - source:\n        ${source}\n`;
    it('authz-without-mtls: a DENY on principals over PERMISSIVE is walked around by plaintext', () => {
      const files = { ...SHOP, 'ap.yaml': policy('DENY', 'principals: ["cluster.local/ns/shop/sa/cart"]') };
      assert.deepEqual(findings(files, 'authz-without-mtls'), ['ap.yaml:8 [authz-without-mtls]']);
      assert.match(messages(files, 'authz-without-mtls')[0], /walk around this DENY/);
      assert.deepEqual(findings({ ...files, 'mesh.yaml': peerAuthentication('default', 'istio-system', 'STRICT') }, 'authz-without-mtls'), []);
    });
    it('unknown-service-account and foreign-trust-domain on principals; silent where the namespace is unknown', () => {
      const files = {
        ...SHOP,
        'mesh.yaml': peerAuthentication('default', 'istio-system', 'STRICT'),
        'ap.yaml': policy(
          'ALLOW',
          'principals: ["cluster.local/ns/shop/sa/checkout", "cluster.local/ns/shop/sa/cart", "other.domain/ns/shop/sa/web", "cluster.local/ns/billing/sa/x"]',
        ),
      };
      assert.deepEqual(findings(files, 'unknown-service-account'), ['ap.yaml:11 [unknown-service-account]']);
      assert.match(messages(files, 'unknown-service-account')[0], /No service account checkout in namespace shop.*Known there: cart, web/);
      assert.deepEqual(findings(files, 'foreign-trust-domain'), ['ap.yaml:11 [foreign-trust-domain]']);
      const fixes = analyzeWorkspace(model(files)).flatMap((f) => (f.fix ? [`${f.code}: ${f.fix.replacement}`] : []));
      // "checkout" is like no known account, so only the trust domain gets a fix; a typo does.
      assert.deepEqual(fixes, ['foreign-trust-domain: "cluster.local/ns/shop/sa/web"']);
      const typo = { ...SHOP, 'ap.yaml': policy('ALLOW', 'principals: ["cluster.local/ns/shop/sa/crat"]') };
      assert.deepEqual(analyzeWorkspace(model(typo)).find((f) => f.code === 'unknown-service-account')?.fix, {
        title: 'Change to cluster.local/ns/shop/sa/cart',
        replacement: '"cluster.local/ns/shop/sa/cart"',
      });
    });
    it('unknown-namespace only when the workspace defines namespaces', () => {
      const files = { ...SHOP, 'ap.yaml': policy('ALLOW', 'namespaces: [shop, shpo]') };
      assert.deepEqual(findings(files, 'unknown-namespace'), ['ap.yaml:11 [unknown-namespace]']);
      assert.deepEqual(analyzeWorkspace(model(files)).find((f) => f.code === 'unknown-namespace')?.fix, { title: 'Change to shop', replacement: 'shop' });
      const { 'shop/namespace.yaml': _, ...noNamespaces } = files;
      assert.deepEqual(findings(noNamespaces, 'unknown-namespace'), []);
    });
    it('authz-http-fields-on-tcp: a DENY on methods over a TCP port, not over an HTTP one or with ports that leave it out', () => {
      const db = `${deployment('db', 'shop', { app: 'db' }, 'db', 5432)}---\napiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: shop}\nspec:\n  selector: {app: db}\n  ports: [{name: tcp-postgres, port: 5432, targetPort: 5432}]\n`;
      const deny = (to: string) =>
        `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  selector:\n    matchLabels: {app: db}\n  action: DENY\n  rules:\n  - to:\n    - operation: ${to}\n`;
      assert.deepEqual(findings({ 'db.yaml': db, 'ap.yaml': deny('{methods: [DELETE]}') }, 'authz-http-fields-on-tcp'), [
        'ap.yaml:9 [authz-http-fields-on-tcp]',
      ]);
      assert.match(
        messages({ 'db.yaml': db, 'ap.yaml': deny('{methods: [DELETE]}') }, 'authz-http-fields-on-tcp')[0],
        /port 5432 of Deployment shop\/db is TCP \(Service shop\/db, port tcp-postgres\)/,
      );
      assert.deepEqual(findings({ 'db.yaml': db, 'ap.yaml': deny('{methods: [DELETE], ports: ["8080"]}') }, 'authz-http-fields-on-tcp'), []);
      assert.deepEqual(findings({ 'db.yaml': db.replace('tcp-postgres', 'http-api'), 'ap.yaml': deny('{methods: [DELETE]}') }, 'authz-http-fields-on-tcp'), []);
    });
    it('authz-allow-nothing on an ALLOW without rules, not on one with rules', () => {
      const denyAll = 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: deny-all, namespace: shop}\nspec: {}\n';
      assert.deepEqual(findings({ 'a.yaml': denyAll }, 'authz-allow-nothing'), ['a.yaml:4 [authz-allow-nothing]']);
      assert.deepEqual(findings({ 'a.yaml': policy('ALLOW', 'namespaces: [shop]') }, 'authz-allow-nothing'), []);
    });
  });

  describe('DestinationRule TLS', () => {
    it('tls-unverified-server for a name left unchecked (see upstreamClaimsDestinationRule for releases); missing-secret for a credentialName not in the namespace', () => {
      const rule = (tls: string) =>
        `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: ext, namespace: shop}\nspec:\n  host: api.example.com\n  trafficPolicy:\n    tls: ${tls}\n`;
      assert.deepEqual(findings({ 'dr.yaml': rule('{mode: SIMPLE, sni: api.example.com}') }, 'tls-unverified-server'), ['dr.yaml:7 [tls-unverified-server]']);
      assert.deepEqual(findings({ 'dr.yaml': rule('{mode: SIMPLE, sni: api.example.com, caCertificates: /etc/ca.pem}') }, 'tls-unverified-server'), []);
      const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: other, namespace: shop}\ntype: Opaque\n';
      assert.deepEqual(findings({ 'dr.yaml': rule('{mode: MUTUAL, credentialName: client-cert}'), 's.yaml': secret }, 'missing-secret'), [
        'dr.yaml:7 [missing-secret]',
      ]);
      assert.deepEqual(findings({ 'dr.yaml': rule('{mode: MUTUAL, credentialName: client-cert}') }, 'missing-secret'), []);
    });
  });

  describe('cert-manager', () => {
    const certificate = (name: string, secret: string, issuer: string, kind = 'Issuer') =>
      `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  secretName: ${secret}\n  dnsNames: [${name}.shop.svc]\n  issuerRef: {name: ${issuer}, kind: ${kind}}\n`;
    const issuer = (name: string, secret = 'ca-key-pair', kind = 'Issuer', ns = 'shop') =>
      `apiVersion: cert-manager.io/v1\nkind: ${kind}\nmetadata: {name: ${name}${kind === 'Issuer' ? `, namespace: ${ns}` : ''}}\nspec:\n  ca: {secretName: ${secret}}\n`;
    it('missing-issuer, with a hint when a ClusterIssuer of that name exists', () => {
      const files = { 'c.yaml': certificate('web', 'web-tls', 'shop-ca'), 'i.yaml': issuer('other'), 'ci.yaml': issuer('shop-ca', 'x', 'ClusterIssuer') };
      assert.deepEqual(findings(files, 'missing-issuer'), ['c.yaml:7 [missing-issuer]']);
      assert.match(messages(files, 'missing-issuer')[0], /set issuerRef\.kind: ClusterIssuer/);
      assert.deepEqual(findings({ 'c.yaml': certificate('web', 'web-tls', 'shop-ca'), 'i.yaml': issuer('shop-ca') }, 'missing-issuer'), []);
      // The fix adds the Issuer after the Certificate; with it the warning goes.
      const text = certificate('web', 'web-tls', 'ca-two');
      const [missing] = analyzeWorkspace(model({ 'c.yaml': text, 'i.yaml': issuer('other') })).filter((f) => f.code === 'missing-issuer');
      assert.equal(missing.fix?.title, 'Create the Issuer ca-two (a CA issuer)');
      const lines = text.split('\n');
      const at = lines.slice(0, missing.fix.range!.start.line).reduce((n, l) => n + l.length + 1, 0) + missing.fix.range!.start.character;
      const fixed = text.slice(0, at) + missing.fix.replacement + text.slice(at);
      assert.deepEqual(findings({ 'c.yaml': fixed, 'i.yaml': issuer('other') }, 'missing-issuer'), []);
      assert.deepEqual(
        documentDiagnostics(parseDocument('file:///w/c.yaml', 'yaml', 1, fixed), createDefaultRegistry()).map((d) => d.message),
        [],
      );
      assert.deepEqual(findings({ 'c.yaml': certificate('web', 'web-tls', 'shop-ca') }, 'missing-issuer'), []);
    });
    it('duplicate-secret-name, and missing-secret for a CA Issuer', () => {
      assert.deepEqual(findings({ 'c.yaml': `${certificate('a', 'shared-tls', 'x')}---\n${certificate('b', 'shared-tls', 'x')}` }, 'duplicate-secret-name'), [
        'c.yaml:13 [duplicate-secret-name]',
        'c.yaml:5 [duplicate-secret-name]',
      ]);
      // The same Certificate written in two files (an overlay, a docs page before and after) is one object; own Secrets are fine.
      assert.deepEqual(findings({ 'a.yaml': certificate('a', 'shared-tls', 'x'), 'b.yaml': certificate('a', 'shared-tls', 'x') }, 'duplicate-secret-name'), []);
      assert.deepEqual(findings({ 'c.yaml': `${certificate('a', 'a-tls', 'x')}---\n${certificate('b', 'b-tls', 'x')}` }, 'duplicate-secret-name'), []);
      const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: unrelated, namespace: shop}\n';
      assert.deepEqual(findings({ 'i.yaml': issuer('ca'), 's.yaml': secret }, 'missing-secret'), ['i.yaml:5 [missing-secret]']);
    });
  });

  describe('certificate-outlives-issuer', () => {
    it('warns when a Certificate issued now would end after its CA, read from the CA Secret', async () => {
      const ca = await createDevCa({ name: 'Short CA', days: 30 });
      const secret = `apiVersion: v1\nkind: Secret\nmetadata: {name: short-ca, namespace: shop}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${Buffer.from(certificatePem(ca.root.certificate)).toString('base64')}\n  tls.key: ${Buffer.from('not read').toString('base64')}\n`;
      const issuer = 'apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: short, namespace: shop}\nspec:\n  ca: {secretName: short-ca}\n';
      const certificate = (duration: string) =>
        `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: web, namespace: shop}\nspec:\n  secretName: web-tls\n  dnsNames: [web.shop.svc]\n${duration}  issuerRef: {name: short}\n`;
      const files = { 's.yaml': secret, 'i.yaml': issuer };
      assert.deepEqual(findings({ ...files, 'c.yaml': certificate('') }, 'certificate-outlives-issuer'), ['c.yaml:7 [certificate-outlives-issuer]']);
      assert.match(
        messages({ ...files, 'c.yaml': certificate('') }, 'certificate-outlives-issuer')[0],
        /for the default 90 days would outlive its CA \(Issuer shop\/short/,
      );
      assert.deepEqual(findings({ ...files, 'c.yaml': certificate('  duration: 240h\n') }, 'certificate-outlives-issuer'), []);
    });
  });

  describe('linkerd-server-unauthorized', () => {
    const server = (name: string) =>
      `apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  port: 8080\n`;
    const policy = (target: string) =>
      `apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: p, namespace: shop}\nspec:\n  targetRef: ${target}\n  requiredAuthenticationRefs: [{name: any, kind: NetworkAuthentication, group: policy.linkerd.io}]\n`;
    it('flags a Server no policy authorizes, where the namespace has Linkerd policies', () => {
      assert.deepEqual(
        findings(
          {
            ...SHOP,
            's.yaml': `${server('web-http')}---\n${server('web-admin')}`,
            'p.yaml': policy('{group: policy.linkerd.io, kind: Server, name: web-http}'),
          },
          'linkerd-server-unauthorized',
        ),
        ['s.yaml:11 [linkerd-server-unauthorized]'],
      );
    });
    it('accepts a Server authorized through itself, a route on it, its namespace or a ServerAuthorization; and says nothing where no policy is written', () => {
      const route =
        'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata: {name: r, namespace: shop}\nspec:\n  parentRefs: [{group: policy.linkerd.io, kind: Server, name: web-http}]\n';
      assert.deepEqual(
        findings(
          { ...SHOP, 's.yaml': server('web-http'), 'r.yaml': route, 'p.yaml': policy('{group: policy.linkerd.io, kind: HTTPRoute, name: r}') },
          'linkerd-server-unauthorized',
        ),
        [],
      );
      // Linkerd's controller reads kinds without regard to case.
      assert.deepEqual(
        findings(
          {
            ...SHOP,
            's.yaml': server('web-http'),
            'r.yaml': route.replace('kind: Server', 'kind: server'),
            'p.yaml': policy('{group: policy.linkerd.io, kind: HttpRoute, name: r}'),
          },
          'linkerd-server-unauthorized',
        ),
        [],
      );
      assert.deepEqual(
        findings({ ...SHOP, 's.yaml': server('web-http'), 'p.yaml': policy('{kind: Namespace, name: shop}') }, 'linkerd-server-unauthorized'),
        [],
      );
      const legacy =
        'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata: {name: old, namespace: shop}\nspec:\n  server: {name: web-http}\n  client: {unauthenticated: true}\n';
      assert.deepEqual(findings({ ...SHOP, 's.yaml': server('web-http'), 'l.yaml': legacy }, 'linkerd-server-unauthorized'), []);
      assert.deepEqual(findings({ ...SHOP, 's.yaml': server('web-http') }, 'linkerd-server-unauthorized'), []);
    });
  });

  describe('Linkerd', () => {
    const server = (name: string, labels: Record<string, string>) =>
      `apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  podSelector:\n    matchLabels: ${JSON.stringify(labels)}\n  port: 8080\n`;
    it('linkerd-missing-target, unknown identityRefs, a Server selecting no pod, and the deprecated ServerAuthorization', () => {
      const policy =
        'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata: {name: web-authz, namespace: shop}\nspec:\n  targetRef: {group: policy.linkerd.io, kind: Server, name: web-http}\n  requiredAuthenticationRefs: [{name: web-clients, kind: MeshTLSAuthentication, group: policy.linkerd.io}]\n';
      const authn =
        'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata: {name: web-clients, namespace: shop}\nspec:\n  identityRefs: [{kind: ServiceAccount, name: cart}, {kind: ServiceAccount, name: chekout}]\n';
      const legacy =
        'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata: {name: old, namespace: shop}\nspec:\n  server: {name: web-http}\n  client: {unauthenticated: true}\n';
      const files = { ...SHOP, 's.yaml': server('web-api', { app: 'wbe' }), 'ap.yaml': policy, 'm.yaml': authn, 'l.yaml': legacy };
      // web-api is authorized by nothing (the policies name web-http), in a namespace with Linkerd policies.
      assert.deepEqual(findings(files), [
        'ap.yaml:5 [linkerd-missing-target]',
        'l.yaml:2 [linkerd-server-authorization-deprecated]',
        'l.yaml:5 [linkerd-missing-target]',
        'm.yaml:5 [unknown-service-account]',
        's.yaml:3 [linkerd-server-unauthorized]',
        's.yaml:5 [selector-no-workload]',
      ]);
      assert.deepEqual(findings({ ...SHOP, 's.yaml': server('web-http', { app: 'web' }), 'ap.yaml': policy }), []);
    });
  });
});

describe('effective mTLS lenses', () => {
  it('say above a PeerAuthentication which workloads it decides, and above a workload where its mode comes from', () => {
    const files = {
      ...SHOP,
      'mesh.yaml': peerAuthentication('default', 'istio-system', 'STRICT'),
      'shop/pa.yaml': peerAuthentication('web', 'shop', 'PERMISSIVE', { app: 'web' }, '  portLevelMtls:\n    "8080": {mode: DISABLE}\n'),
    };
    const m = model(files);
    const titles = (name: string) => mtlsCodeLenses(`file:///w/${name}`, m).map((l) => l.command?.title);
    assert.deepEqual(titles('mesh.yaml'), ['STRICT for 1 workload; 1 more is decided by a narrower policy']);
    assert.deepEqual(titles('shop/pa.yaml'), ['PERMISSIVE for 1 workload; port 8080 DISABLE']);
    assert.deepEqual(titles('shop/web.yaml'), ['mTLS PERMISSIVE (from PeerAuthentication shop/web); port 8080 DISABLE']);
    assert.deepEqual(titles('shop/cart.yaml'), ['mTLS STRICT (from PeerAuthentication istio-system/default)']);
    const [meshLens] = mtlsCodeLenses('file:///w/mesh.yaml', m);
    assert.deepEqual(meshLens.command?.arguments?.[2], [
      { uri: 'file:///w/shop/cart.yaml', range: { start: { line: 2, character: 17 }, end: { line: 2, character: 21 } } },
    ]);
    const istioWithoutPolicies = {
      ...SHOP,
      'dr.yaml': 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: cart, namespace: shop}\nspec: {host: cart}\n',
    };
    assert.deepEqual(
      mtlsCodeLenses('file:///w/shop/cart.yaml', model(istioWithoutPolicies)).map((l) => l.command?.title),
      ["mTLS PERMISSIVE (Istio's default: no PeerAuthentication applies)"],
    );
  });
});

describe('Linkerd inbound lenses', () => {
  it('name the Servers of a meshed workload and the default policy for its other ports, from the closest annotation', () => {
    const namespace =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations: {linkerd.io/inject: enabled, config.linkerd.io/default-inbound-policy: cluster-authenticated}\n';
    const server =
      'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: web-http, namespace: shop}\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  port: 8080\n';
    const m = model({
      'shop/web.yaml': deployment('web', 'shop', { app: 'web' }),
      'shop/ns.yaml': namespace,
      'shop/server.yaml': server,
      'shop/cart.yaml': deployment('cart', 'shop', { app: 'cart' }),
    });
    const titles = (name: string) => mtlsCodeLenses(`file:///w/${name}`, m).map((l) => l.command?.title);
    assert.deepEqual(titles('shop/web.yaml'), ['Linkerd inbound: port 8080 by Server web-http; other ports cluster-authenticated (namespace shop)']);
    assert.deepEqual(titles('shop/cart.yaml'), ['Linkerd inbound: cluster-authenticated (namespace shop)']);
    assert.deepEqual(titles('shop/server.yaml'), ['Describes port 8080 of 1 workload']);
    // No Istio resource in this workspace, so no Istio mode is claimed for the workloads.
    assert.ok(!titles('shop/web.yaml').some((t) => t?.startsWith('mTLS')));
  });

  it('show the ports skip-inbound-ports takes out of the proxy as plaintext, the namespace giving the default, and opaque ports apart', () => {
    const namespace =
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations: {linkerd.io/inject: enabled, config.linkerd.io/skip-inbound-ports: "8000-8100"}\n';
    const m = model({
      'shop/ns.yaml': namespace,
      'shop/cart.yaml': deployment('cart', 'shop', { app: 'cart' }),
      'shop/db.yaml': deployment('db', 'shop', { app: 'db' }, 'db', 5432),
    });
    const titles = (name: string) => mtlsCodeLenses(`file:///w/${name}`, m).map((l) => l.command?.title);
    assert.deepEqual(titles('shop/cart.yaml'), ['Linkerd inbound: port 8080 plaintext (skips the proxy); other ports all-unauthenticated (cluster default)']);
    // 5432 is in the chart's default opaque ports: proxied, under the same policy, no protocol detection.
    assert.deepEqual(titles('shop/db.yaml'), [
      "Linkerd inbound: all-unauthenticated (cluster default); port 5432 opaque: Linkerd's default opaque ports (25,587,3306,4444,5432,6379,9300,11211)",
    ]);
  });
});

describe('ServerAuthorization migration', () => {
  /** The text with the fix's replacement applied over its range. */
  function applyFix(
    text: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    replacement: string,
  ): string {
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    return text.slice(0, offset(range.start)) + replacement + text.slice(offset(range.end));
  }

  const legacy = (client: string) =>
    `# Only the web's clients.\napiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: web-clients\n  namespace: shop\nspec:\n  server:\n    name: web-http\n  client:\n${client}`;
  const server =
    'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata: {name: web-http, namespace: shop}\nspec:\n  podSelector:\n    matchLabels: {app: web}\n  port: 8080\n';

  for (const [what, client, kind] of [
    [
      'service accounts',
      '    meshTLS:\n      serviceAccounts:\n        - name: cart\n        - name: checkout\n          namespace: billing\n',
      'MeshTLSAuthentication and a NetworkAuthentication',
    ],
    [
      'identities',
      '    meshTLS:\n      identities: ["*.shop.serviceaccount.identity.linkerd.cluster.local"]\n',
      'MeshTLSAuthentication and a NetworkAuthentication',
    ],
    ['anyone', '    unauthenticated: true\n', 'NetworkAuthentication'],
  ] as const) {
    it(`rewrites one that admits ${what} as an AuthorizationPolicy with a ${kind} our checks accept`, () => {
      const text = legacy(client);
      const [found] = analyzeWorkspace(model({ 'l.yaml': text, 's.yaml': server })).filter((f) => f.code === 'linkerd-server-authorization-deprecated');
      assert.equal(found.fix?.title, `Rewrite as an AuthorizationPolicy with a ${kind}`);
      const migrated = applyFix(text, found.fix.range!, found.fix.replacement);
      assert.match(migrated, /^# Only the web's clients\.\napiVersion: policy\.linkerd\.io\/v1alpha1\nkind: AuthorizationPolicy\n/);
      const parsed = parseDocument('file:///w/l.yaml', 'yaml', 2, migrated);
      assert.deepEqual(
        documentDiagnostics(parsed, createDefaultRegistry()).map((d) => d.message),
        [],
      );
      assert.deepEqual(findings({ 'l.yaml': migrated, 's.yaml': server, ...SHOP }), []);
    });
  }

  it('offers nothing where no translation is exact (a Server selector)', () => {
    const selector = legacy('    unauthenticated: true\n').replace(
      '  server:\n    name: web-http\n',
      '  server:\n    selector:\n      matchLabels: {app: web}\n',
    );
    const [found] = analyzeWorkspace(model({ 'l.yaml': selector })).filter((f) => f.code === 'linkerd-server-authorization-deprecated');
    assert.equal(found.fix, undefined);
  });
});
