// Istio's ambient mode against sidecar mode: the same manifests, with and without
// istio.io/dataplane-mode: ambient, must get the verdicts each data plane gives them. Each test
// names the upstream file (istio/istio 86c9f01f) whose behaviour it follows.

import * as assert from 'node:assert/strict';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { ztunnelRule } from '../../server/src/analysis/crossResource/ambient';
import { DEFAULT_ANALYSIS_SETTINGS, WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { NEWEST_VERSIONS } from '../../common/src/versions';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { mtlsCodeLenses } from '../../server/src/service/mtlsLenses';

const SIDECAR_NS = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio-injection: enabled}}\n';
const AMBIENT_NS = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio.io/dataplane-mode: ambient}}\n';
const WAYPOINT_NS = 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}}\n';

const deployment = (name: string, podLabels: Record<string, string> = {}) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: shop}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: ${JSON.stringify({ app: name, ...podLabels })}}
    spec:
      serviceAccountName: ${name}
      containers: [{name: app, image: example/${name}, ports: [{containerPort: 8080}]}]
`;
const service = (name: string, labels = '', portName = 'http') => `apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: shop${labels ? `, labels: {${labels}}` : ''}}
spec:
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 8080, name: ${portName}}]
`;
const policy = (spec: string, ns = 'shop', name = 'p') => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:
${spec}`;
const peer = (mode: string, ns = 'shop', selector?: string) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: pa, namespace: ${ns}}
spec:
${selector ? `  selector: {matchLabels: {${selector}}}\n` : ''}  mtls: {mode: ${mode}}
`;

function model(files: Record<string, string>, istio = NEWEST_VERSIONS.istio): WorkspaceModel {
  const resources = Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text)));
  return new WorkspaceModel(resources, { ...DEFAULT_ANALYSIS_SETTINGS, versions: { ...NEWEST_VERSIONS, istio } });
}
function found(files: Record<string, string>, code: string, istio?: string): Array<{ at: string; message: string }> {
  return analyzeWorkspace(model(files, istio))
    .filter((f) => f.code === code)
    .map((f) => ({ at: `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1}`, message: f.message }));
}
const web = (ns: string, pod: Record<string, string> = {}) => ({ 'ns.yaml': ns, 'web.yaml': `${deployment('web', pod)}---\n${service('web')}` });

describe('ambient mode', () => {
  describe('which workloads ztunnel carries (istio-cni enablementSelectors, cni/pkg/util/podutil.go podHasSidecar)', () => {
    it('the namespace label enrols its pods, a pod label enrols one pod, dataplane-mode none opts a pod out, and a sidecar keeps a pod out', () => {
      const inAmbient = (files: Record<string, string>) => {
        const m = model(files);
        return m.inAmbient(m.workloads[0]);
      };
      assert.equal(inAmbient(web(AMBIENT_NS)), true);
      assert.equal(inAmbient(web(SIDECAR_NS)), false);
      assert.equal(inAmbient(web(SIDECAR_NS.replace('istio-injection: enabled', 'team: a'), { 'istio.io/dataplane-mode': 'ambient' })), true);
      assert.equal(inAmbient(web(AMBIENT_NS, { 'istio.io/dataplane-mode': 'none' })), false);
      assert.equal(inAmbient(web(AMBIENT_NS, { 'sidecar.istio.io/inject': 'true' })), false);
      // pkg/config/analysis/analyzers/util/in_mesh.go: a namespace that injects sidecars is no ambient namespace.
      assert.equal(
        inAmbient(web('apiVersion: v1\nkind: Namespace\nmetadata: {name: shop, labels: {istio.io/dataplane-mode: ambient, istio-injection: enabled}}\n')),
        false,
      );
    });

    it('by release: no ambient mode before Istio 1.18; until 1.21 only the namespace enrols and an annotation opts out (cni/pkg/util/podutil.go at 1.21.0 and 1.22.0)', () => {
      const inAmbient = (files: Record<string, string>, istio: string) => {
        const m = model(files, istio);
        return m.inAmbient(m.workloads[0]);
      };
      const podOnly = web(SIDECAR_NS.replace('istio-injection: enabled', 'team: a'), { 'istio.io/dataplane-mode': 'ambient' });
      assert.equal(inAmbient(podOnly, '1.22'), true);
      assert.equal(inAmbient(podOnly, '1.21'), false);
      assert.equal(inAmbient(web(AMBIENT_NS), '1.18'), true);
      assert.equal(inAmbient(web(AMBIENT_NS), '1.17'), false);
      assert.equal(inAmbient(web(AMBIENT_NS, { 'istio.io/dataplane-mode': 'none' }), '1.21'), true);
      const annotated = {
        'ns.yaml': AMBIENT_NS,
        'web.yaml': deployment('web').replace('metadata: {labels:', 'metadata: {annotations: {ambient.istio.io/redirection: disabled}, labels:'),
      };
      assert.equal(inAmbient(annotated, '1.21'), false);
      assert.equal(inAmbient(annotated, '1.22'), true);
    });

    it('a namespace defined twice (a base and an overlay) is ambient only when every definition says so', () => {
      const inAmbient = (files: Record<string, string>) => {
        const m = model(files);
        return m.inAmbient(m.workloads[0]);
      };
      assert.equal(inAmbient({ ...web(AMBIENT_NS), 'overlay/ns.yaml': AMBIENT_NS }), true);
      assert.equal(inAmbient({ ...web(AMBIENT_NS), 'overlay/ns.yaml': SIDECAR_NS }), false);
      assert.equal(inAmbient({ ...web(AMBIENT_NS), 'overlay/ns.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n' }), false);
    });

    it('the waypoint comes from the pod, else a Service selecting it, else the namespace; none opts out (pilot/pkg/serviceregistry/ambient/waypoints.go)', () => {
      const waypoint = (files: Record<string, string>) => {
        const m = model(files);
        return m.waypointFor(m.workloads[0])?.name;
      };
      assert.equal(waypoint(web(WAYPOINT_NS)), 'waypoint');
      assert.equal(waypoint(web(AMBIENT_NS)), undefined);
      assert.equal(waypoint({ 'ns.yaml': AMBIENT_NS, 'web.yaml': `${deployment('web')}---\n${service('web', 'istio.io/use-waypoint: web-wp')}` }), 'web-wp');
      assert.equal(waypoint({ 'ns.yaml': WAYPOINT_NS, 'web.yaml': `${deployment('web')}---\n${service('web', 'istio.io/use-waypoint: none')}` }), undefined);
      assert.equal(waypoint(web(WAYPOINT_NS, { 'istio.io/use-waypoint': 'pod-wp' })), 'pod-wp');
    });
  });

  describe('PeerAuthentication (pilot/pkg/serviceregistry/ambient/authorization.go convertedSelectorPeerAuthentications)', () => {
    it('DISABLE is DISABLE on a sidecar and PERMISSIVE under ztunnel, at workload and port level', () => {
      const portLevel = `${peer('DISABLE', 'shop', 'app: web')}  portLevelMtls: {"8080": {mode: DISABLE}}\n`;
      for (const [ns, mode] of [
        [SIDECAR_NS, 'DISABLE'],
        [AMBIENT_NS, 'PERMISSIVE'],
      ]) {
        const m = model({ ...web(ns), 'pa.yaml': portLevel });
        const effective = m.effectiveMtls(m.workloads[0]);
        assert.equal(effective.mode, mode);
        assert.equal(m.modeAtPort(m.workloads[0], 8080).mode, mode);
        assert.equal(effective.written, ns === AMBIENT_NS ? 'DISABLE' : undefined);
      }
    });

    it('authz-without-mtls says PERMISSIVE, not plaintext only, for an ambient workload under DISABLE', () => {
      const identity = policy('  rules: [{from: [{source: {namespaces: [shop]}}]}]\n');
      const sidecar = found({ ...web(SIDECAR_NS), 'pa.yaml': peer('DISABLE'), 'ap.yaml': identity }, 'authz-without-mtls');
      const ambient = found({ ...web(AMBIENT_NS), 'pa.yaml': peer('DISABLE'), 'ap.yaml': identity }, 'authz-without-mtls');
      assert.match(sidecar[0].message, /plaintext only \(DISABLE\)/);
      assert.match(ambient[0].message, /ztunnel treats DISABLE as PERMISSIVE/);
    });

    it('a selector PeerAuthentication in the root namespace is ignored, in both modes (policy_applier.go ComposePeerAuthentication)', () => {
      for (const ns of [SIDECAR_NS, AMBIENT_NS]) {
        const files = { ...web(ns), 'root.yaml': peer('STRICT', 'istio-system', 'app: web') };
        const m = model(files);
        assert.equal(m.effectiveMtls(m.workloads[0]).source, undefined);
        assert.equal(m.effectiveMtls(m.workloads[0]).mode, 'PERMISSIVE');
        assert.match(found(files, 'selector-no-workload')[0].message, /ignores a PeerAuthentication with a selector in the root namespace/);
        assert.match(String(mtlsCodeLenses('file:///w/root.yaml', m)[0].command?.title), /^Ignored/);
      }
    });

    it('lenses say who enforces: the workload lens names ztunnel and the waypoint, the policy lens that DISABLE acts as PERMISSIVE', () => {
      const files = { ...web(WAYPOINT_NS), 'pa.yaml': peer('DISABLE') };
      const m = model(files);
      const [workloadLens] = mtlsCodeLenses('file:///w/web.yaml', m);
      assert.equal(
        workloadLens.command?.title,
        'Ambient (ztunnel): mTLS PERMISSIVE (DISABLE from PeerAuthentication shop/pa acts as PERMISSIVE); waypoint waypoint (from namespace shop)',
      );
      assert.equal(mtlsCodeLenses('file:///w/pa.yaml', m)[0].command?.title, 'PERMISSIVE (ambient: DISABLE acts as PERMISSIVE) for 1 workload');
      // One namespace policy over a sidecar and an ambient workload: each gets its own mode.
      const mixed = model({
        ...web(SIDECAR_NS.replace('istio-injection: enabled', 'team: a')),
        'api.yaml': deployment('api', { 'istio.io/dataplane-mode': 'ambient' }),
        'pa.yaml': peer('DISABLE'),
      });
      assert.equal(
        mtlsCodeLenses('file:///w/pa.yaml', mixed)[0].command?.title,
        'DISABLE for 1 workload; PERMISSIVE (ambient: DISABLE acts as PERMISSIVE) for 1 workload',
      );
      // The ambient label alone, with no Istio resource, is enough for the lens.
      assert.equal(
        mtlsCodeLenses('file:///w/web.yaml', model(web(AMBIENT_NS)))[0].command?.title,
        "Ambient (ztunnel): mTLS PERMISSIVE (Istio's default: no PeerAuthentication applies); no waypoint, so L4 policy only",
      );
      assert.deepEqual(mtlsCodeLenses('file:///w/web.yaml', model(web(SIDECAR_NS))), []);
      const sidecar = model({ ...web(SIDECAR_NS), 'pa.yaml': peer('DISABLE') });
      assert.equal(mtlsCodeLenses('file:///w/web.yaml', sidecar)[0].command?.title, 'mTLS DISABLE (from PeerAuthentication shop/pa)');
    });
  });

  describe('AuthorizationPolicy at ztunnel (authorization.go convertAuthorizationPolicy, handleRule, hasEffectiveRules)', () => {
    const httpOnlyDeny = policy('  action: DENY\n  rules: [{to: [{operation: {methods: [DELETE]}}]}]\n');
    const tcp = (ns: string) => ({ 'ns.yaml': ns, 'web.yaml': `${deployment('web')}---\n${service('web', '', 'tcp-db')}` });

    it('item 5: an HTTP-only DENY denies all TCP on a sidecar, and does nothing at ztunnel', () => {
      assert.equal(found({ ...tcp(SIDECAR_NS), 'ap.yaml': httpOnlyDeny }, 'authz-http-fields-on-tcp').length, 1);
      assert.deepEqual(found({ ...tcp(SIDECAR_NS), 'ap.yaml': httpOnlyDeny }, 'ztunnel-unenforced'), []);
      assert.deepEqual(found({ ...tcp(AMBIENT_NS), 'ap.yaml': httpOnlyDeny }, 'authz-http-fields-on-tcp'), []);
      const [ambient] = found({ ...tcp(AMBIENT_NS), 'ap.yaml': httpOnlyDeny }, 'ztunnel-unenforced');
      assert.equal(ambient.at, 'ap.yaml:6');
      assert.match(ambient.message, /HTTP attributes \(methods\).*this DENY policy.*denies nothing/);
      assert.match(ambient.message, /Deploy a waypoint/);
    });

    it('item 5: a DENY mixing L4 and HTTP attributes in one operation is enforced without its HTTP part', () => {
      const mixed = policy('  action: DENY\n  rules: [{to: [{operation: {ports: ["8080"], paths: [/admin]}}]}]\n');
      const [ambient] = found({ ...web(AMBIENT_NS), 'ap.yaml': mixed }, 'ztunnel-unenforced');
      assert.match(ambient.message, /enforces this DENY rule without them, so it denies every connection the rest of the rule matches/);
    });

    it('a DENY whose HTTP-only condition sits beside an L4 one never fires: each condition needs something ztunnel can match', () => {
      const rule = { from: [{ source: { namespaces: ['other'] } }], to: [{ operation: { paths: ['/admin'] } }] };
      assert.deepEqual(ztunnelRule(rule, 'DENY', 'r'), { http: ['paths'], unread: [], matches: false });
      assert.equal(ztunnelRule({ from: [{ source: { namespaces: ['other'] } }] }, 'DENY', 'r').matches, true);
      assert.equal(ztunnelRule({}, 'DENY', 'r').matches, true);
      assert.equal(ztunnelRule({ when: [{ key: 'destination.port', values: ['8080'] }] }, 'DENY', 'r').matches, true);
      assert.deepEqual(ztunnelRule({ when: [{ key: 'request.headers[x]', values: ['a'] }] }, 'DENY', 'r'), {
        http: ['request.headers[x]'],
        unread: [],
        matches: false,
      });
      // remoteIpBlocks and requestPrincipals are HTTP-level to ztunnel; ipBlocks are not.
      assert.deepEqual(ztunnelRule({ from: [{ source: { remoteIpBlocks: ['10.0.0.0/8'] } }] }, 'DENY', 'r').http, ['remoteIpBlocks']);
      assert.equal(ztunnelRule({ from: [{ source: { ipBlocks: ['10.0.0.0/8'] } }] }, 'DENY', 'r').matches, true);
    });

    it('an ALLOW rule with HTTP attributes is left out at ztunnel (more restrictive), and is silent on a sidecar', () => {
      const allow = policy('  rules: [{to: [{operation: {methods: [GET]}}]}]\n');
      assert.deepEqual(found({ ...web(SIDECAR_NS), 'ap.yaml': allow }, 'ztunnel-unenforced'), []);
      assert.match(
        found({ ...web(AMBIENT_NS), 'ap.yaml': allow }, 'ztunnel-unenforced')[0].message,
        /leaves this ALLOW rule out, so the requests it was meant to allow are denied/,
      );
      assert.equal(ztunnelRule({ to: [{ operation: { ports: ['80'], methods: ['GET'] } }] }, 'ALLOW', 'r').matches, false);
    });

    it('with a waypoint in front, the advice names the Service to attach to; before 1.22 it names no attachment', () => {
      const allow = policy('  rules: [{to: [{operation: {methods: [GET]}}]}]\n');
      assert.match(
        found({ ...web(WAYPOINT_NS), 'ap.yaml': allow }, 'ztunnel-unenforced')[0].message,
        /targetRefs to Service web \(its waypoint is waypoint, from namespace shop\)/,
      );
      assert.match(
        found({ ...web(WAYPOINT_NS), 'ap.yaml': allow }, 'ztunnel-unenforced', '1.21')[0].message,
        /you target Istio 1\.21: before 1\.22 ambient mode was alpha/,
      );
    });

    it('ztunnel ignores trustDomains: the rest of the source still matches, any trust domain', () => {
      const withTd = policy('  rules: [{from: [{source: {namespaces: [shop], trustDomains: [td.example]}}]}]\n');
      assert.deepEqual(found({ ...web(SIDECAR_NS), 'ap.yaml': withTd }, 'ztunnel-unenforced'), []);
      const [ambient] = found({ ...web(AMBIENT_NS), 'ap.yaml': withTd }, 'ztunnel-unenforced');
      assert.match(ambient.message, /does not read trustDomains.*every trust domain\. Sidecars and waypoints check trust domains \(from Istio 1\.31\)/);
      assert.equal(ambient.at, 'ap.yaml:5');
      // Istio 1.30 accepts trustDomains and ignores it everywhere (audit part B): no claim that sidecars check it.
      assert.doesNotMatch(found({ ...web(AMBIENT_NS), 'ap.yaml': withTd }, 'ztunnel-unenforced', '1.30')[0].message, /Sidecars/);
      const alone = policy('  rules: [{from: [{source: {trustDomains: [td.example]}}]}]\n');
      assert.match(found({ ...web(AMBIENT_NS), 'ap.yaml': alone }, 'ztunnel-unenforced')[0].message, /with nothing else to check the rule never matches/);
    });

    it('AUDIT and CUSTOM are not applied by ztunnel', () => {
      const custom = policy('  action: CUSTOM\n  provider: {name: ext}\n  rules: [{to: [{operation: {paths: [/admin]}}]}]\n');
      assert.deepEqual(found({ ...web(SIDECAR_NS), 'ap.yaml': custom }, 'ztunnel-unenforced'), []);
      assert.match(
        found({ ...web(AMBIENT_NS), 'ap.yaml': custom }, 'ztunnel-unenforced')[0].message,
        /does not support the CUSTOM action.*external authorizer is never asked/,
      );
      assert.match(found({ ...web(AMBIENT_NS), 'ap.yaml': custom.replace('CUSTOM', 'AUDIT') }, 'ztunnel-unenforced')[0].message, /AUDIT action/);
    });

    it('RequestAuthentication needs a waypoint in ambient mode', () => {
      const ra =
        'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: shop}\nspec:\n  jwtRules: [{issuer: https://issuer.example}]\n';
      assert.deepEqual(found({ ...web(SIDECAR_NS), 'ra.yaml': ra }, 'ztunnel-unenforced'), []);
      assert.match(found({ ...web(AMBIENT_NS), 'ra.yaml': ra }, 'ztunnel-unenforced')[0].message, /does not read JWTs/);
    });

    it('a targetRefs policy is for waypoints: ztunnel takes none of it, and a Service without a waypoint applies it nowhere (policyattachment.go ShouldAttachPolicy)', () => {
      const attached = policy('  targetRefs: [{kind: Service, group: "", name: web}]\n  rules: [{to: [{operation: {methods: [GET]}}]}]\n');
      assert.deepEqual(found({ ...web(AMBIENT_NS), 'ap.yaml': attached }, 'ztunnel-unenforced'), []);
      assert.match(
        found({ ...web(AMBIENT_NS), 'ap.yaml': attached }, 'no-waypoint')[0].message,
        /neither Service shop\/web nor namespace shop has an istio.io\/use-waypoint label/,
      );
      assert.deepEqual(found({ ...web(WAYPOINT_NS), 'ap.yaml': attached }, 'no-waypoint'), []);
      // A ServiceEntry takes its own label; a RequestAuthentication attached the same way is as unserved.
      const se = (labels: string) =>
        `apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: ext, namespace: shop${labels}}\nspec:\n  hosts: [ext.example]\n  resolution: DNS\n`;
      const toEntry = policy(
        '  targetRefs: [{kind: ServiceEntry, group: networking.istio.io, name: ext}]\n  action: DENY\n  rules: [{to: [{operation: {paths: [/admin]}}]}]\n',
      );
      assert.equal(found({ 'ns.yaml': AMBIENT_NS, 'se.yaml': se(''), 'ap.yaml': toEntry }, 'no-waypoint').length, 1);
      assert.deepEqual(found({ 'ns.yaml': AMBIENT_NS, 'se.yaml': se(', labels: {istio.io/use-waypoint: egress}'), 'ap.yaml': toEntry }, 'no-waypoint'), []);
      const ra =
        'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: shop}\nspec:\n  targetRef: {kind: Service, group: "", name: web}\n  jwtRules: [{issuer: https://issuer.example}]\n';
      assert.match(found({ ...web(AMBIENT_NS), 'ra.yaml': ra }, 'no-waypoint')[0].message, /so this RequestAuthentication applies nowhere/);
      assert.match(
        found(
          { 'ns.yaml': WAYPOINT_NS, 'web.yaml': `${deployment('web')}---\n${service('web', 'istio.io/use-waypoint: none')}`, 'ra.yaml': ra },
          'no-waypoint',
        )[0].message,
        /opts out of waypoints/,
      );
      // Service targetRefs and istio.io/use-waypoint begin with 1.22 (ambient beta): no verdict for an older target.
      assert.deepEqual(found({ ...web(AMBIENT_NS), 'ap.yaml': attached }, 'no-waypoint', '1.21'), []);
      // Without the Namespace in the workspace its labels are unknown: no finding.
      assert.deepEqual(found({ 'web.yaml': `${deployment('web')}---\n${service('web')}`, 'ap.yaml': attached }, 'no-waypoint'), []);
    });

    it('the policy lens says who enforces it', () => {
      const files = {
        'ns.yaml': AMBIENT_NS,
        'web.yaml': deployment('web'),
        'api.yaml': deployment('api', { 'istio.io/dataplane-mode': 'none' }),
        'ap.yaml': policy('  rules: [{from: [{source: {namespaces: [shop]}}]}]\n'),
      };
      assert.equal(
        mtlsCodeLenses('file:///w/ap.yaml', model(files))[0].command?.title,
        'Enforced by ztunnel for 1 workload in ambient mode (L4 attributes only), by sidecars for 1 workload',
      );
    });
  });

  describe('root-namespace and targetRefs AuthorizationPolicies (items 20, 32)', () => {
    it('a selector in the root namespace picks workloads of every namespace (pilot/pkg/model/authorization.go ListAuthorizationPolicies)', () => {
      const root = policy('  selector: {matchLabels: {app: web}}\n  action: DENY\n  rules: [{from: [{source: {namespaces: [evil]}}]}]\n', 'istio-system');
      const m = model({ ...web(SIDECAR_NS), 'ap.yaml': root });
      assert.deepEqual(
        m.policyScope(m.istio('AuthorizationPolicy')[0]).map((w) => w.name),
        ['web'],
      );
      assert.deepEqual(found({ ...web(SIDECAR_NS), 'ap.yaml': root }, 'selector-no-workload'), []);
      const none = found({ ...web(SIDECAR_NS), 'ap.yaml': root.replace('app: web', 'app: nothing') }, 'selector-no-workload');
      assert.match(none[0].message, /No workload in any namespace/);
    });

    it('the allow-nothing message names what is shut out: the namespace, the mesh, or the targetRefs', () => {
      const message = (ns: string, spec: string) => found({ ...web(SIDECAR_NS), 'ap.yaml': policy(spec, ns) }, 'authz-allow-nothing')[0].message;
      assert.match(message('shop', '  {}\n'), /every request to namespace shop is denied/);
      assert.match(message('istio-system', '  {}\n'), /every request to every workload of the mesh/);
      assert.match(message('istio-system', '  selector: {matchLabels: {app: web}}\n'), /workloads with these labels, in every namespace/);
      assert.match(
        message('shop', '  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}]\n'),
        /every request through Gateway waypoint/,
      );
    });
  });

  describe('DestinationRule TLS toward ambient workloads', () => {
    const dr = (mode: string) =>
      `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web, namespace: shop}\nspec:\n  host: web\n  trafficPolicy:\n    tls: {mode: ${mode}}\n`;
    it('ztunnel applies no DestinationRule TLS where no waypoint serves the Service; sidecars and waypoints do', () => {
      assert.deepEqual(found({ ...web(SIDECAR_NS), 'dr.yaml': dr('SIMPLE') }, 'ztunnel-unenforced'), []);
      const [ambient] = found({ ...web(AMBIENT_NS), 'dr.yaml': dr('SIMPLE') }, 'ztunnel-unenforced');
      assert.equal(ambient.at, 'dr.yaml:7');
      assert.match(ambient.message, /ztunnel does not apply DestinationRule TLS/);
      assert.deepEqual(found({ ...web(WAYPOINT_NS), 'dr.yaml': dr('SIMPLE') }, 'ztunnel-unenforced'), []);
      assert.deepEqual(found({ ...web(AMBIENT_NS), 'dr.yaml': dr('ISTIO_MUTUAL') }, 'ztunnel-unenforced'), []);
    });

    it('plaintext to STRICT ambient workloads fails only for sidecar and gateway clients (ambient/authorization.go: ztunnel reads no DestinationRule)', () => {
      const [toAmbient] = found({ ...web(AMBIENT_NS), 'pa.yaml': peer('STRICT'), 'dr.yaml': dr('DISABLE') }, 'mtls-destination-conflict');
      assert.match(toAmbient.message, /every request from a sidecar or gateway fails \(clients in ambient mode go through ztunnel/);
      const [toSidecars] = found({ ...web(SIDECAR_NS), 'pa.yaml': peer('STRICT'), 'dr.yaml': dr('DISABLE') }, 'mtls-destination-conflict');
      assert.match(toSidecars.message, /: every request fails\./);
    });
  });
});
