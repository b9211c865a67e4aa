import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic, type MarkupContent } from 'vscode-languageserver-types';
import { NEWEST_VERSIONS } from '../../common/src/versions';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { hoverAt } from '../../server/src/service/hover';
import { validateYaml } from '../../server/src/service/validation/index';
import { withCursor } from '../support/cursor';

// The claims the AuthorizationPolicy / PeerAuthentication rules and hovers make about Istio, each
// checked against the releases where upstream behaviour changed. Every test names the upstream
// place it follows (istio/istio at the release tags, 86c9f01f for the newest), so a change there
// shows up as one failing test here.

const registry = createDefaultRegistry();

/** The findings for a manifest when the user targets `istio`, as [code, severity] pairs. */
function findings(text: string, istio = NEWEST_VERSIONS.istio): Diagnostic[] {
  return validateYaml(parseYaml(text), registry, { versions: { ...NEWEST_VERSIONS, istio } });
}

function verdicts(text: string, istio?: string): string[] {
  return findings(text, istio).map((d) => `${d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'} ${String(d.code)}`);
}

function hover(source: string, istio = NEWEST_VERSIONS.istio): string {
  const { text, offset } = withCursor(source);
  return (hoverAt(parseYaml(text), offset, registry, { ...NEWEST_VERSIONS, istio })?.contents as MarkupContent | undefined)?.value ?? '';
}

const policy = (spec: string, apiVersion = 'security.istio.io/v1') => `apiVersion: ${apiVersion}
kind: AuthorizationPolicy
metadata: { name: p, namespace: shop }
spec:
${spec}`;

describe('upstream claims: Istio AuthorizationPolicy and PeerAuthentication', () => {
  describe('served API versions (manifests/charts/base CRDs at each release tag)', () => {
    const peer = (apiVersion: string) => `apiVersion: ${apiVersion}\nkind: PeerAuthentication\nmetadata: { name: default }\nspec:\n  mtls: { mode: STRICT }\n`;

    it('PeerAuthentication v1 is served from 1.22: before, an error whose fix is v1beta1, not v1', () => {
      const [d] = findings(peer('security.istio.io/v1'), '1.21');
      assert.equal(d.code, 'unknown-api-version');
      assert.equal(d.severity, DiagnosticSeverity.Error);
      assert.match(
        String(d.message),
        /Istio 1\.21 does not serve PeerAuthentication at security\.istio\.io\/v1 \(served from Istio 1\.22\); security\.istio\.io\/v1beta1 is current/,
      );
      assert.deepEqual(d.data, { title: 'Change to security.istio.io/v1beta1', replacement: 'security.istio.io/v1beta1' });
      assert.deepEqual(verdicts(peer('security.istio.io/v1'), '1.22'), []);
      assert.deepEqual(verdicts(peer('security.istio.io/v1beta1'), '1.21'), []);
    });

    it('AuthorizationPolicy v1 is served from 1.17 (not 1.22, as the audit has it)', () => {
      const text = policy('  rules: [{}]\n');
      assert.deepEqual(verdicts(text, '1.16'), ['error unknown-api-version']);
      assert.deepEqual(verdicts(text, '1.17'), []);
    });

    it('an unknown version is pointed at the version the targeted release serves', () => {
      const [newest] = findings(peer('security.istio.io/v2'));
      assert.deepEqual(newest.data, { title: 'Change to security.istio.io/v1', replacement: 'security.istio.io/v1' });
      const [older] = findings(peer('security.istio.io/v2'), '1.21');
      assert.equal(String(older.message), 'security.istio.io does not serve PeerAuthentication at version v2. Served versions: v1beta1.');
      assert.deepEqual(older.data, { title: 'Change to security.istio.io/v1beta1', replacement: 'security.istio.io/v1beta1' });
      // AuthorizationPolicy v1 is served by 1.20, but v1beta1 is the version that release stores and serves for every kind.
      const [authz] = findings(policy('  rules: [{}]\n', 'security.istio.io/v2'), '1.20');
      assert.equal(String(authz.message), 'security.istio.io does not serve AuthorizationPolicy at version v2. Served versions: v1, v1beta1.');
      assert.deepEqual(authz.data, { title: 'Change to security.istio.io/v1beta1', replacement: 'security.istio.io/v1beta1' });
      const [wrongGroup] = findings(peer('networking.istio.io/v1'), '1.21');
      assert.deepEqual(wrongGroup.data, { title: 'Change to security.istio.io/v1beta1', replacement: 'security.istio.io/v1beta1' });
    });
  });

  describe('attachment by reference (validatePolicyTargetReference, allowedTargetRefs in pkg/config/validation/validation.go)', () => {
    const gateway = '  targetRef: { group: gateway.networking.k8s.io, kind: Gateway, name: gw }\n  rules: [{}]\n';
    const service = '  targetRefs:\n    - { group: "", kind: Service, name: web }\n  rules: [{}]\n';

    it('targetRef came in 1.20, targetRefs in 1.22: before, the CRD has no such field, and the API server drops it (a warning, as any unknown field)', () => {
      assert.deepEqual(verdicts(policy(gateway, 'security.istio.io/v1beta1'), '1.19'), ['warning istio-version']);
      assert.deepEqual(verdicts(policy(gateway, 'security.istio.io/v1beta1'), '1.20'), []);
      const [d] = findings(policy(service), '1.21');
      assert.match(
        String(d.message),
        /^Istio 1\.21 has no targetRefs field \(it came in 1\.22\): the API server drops it \(kubectl, validating strictly, refuses the resource\), so the policy then covers every workload of its namespace/,
      );
      assert.deepEqual(verdicts(policy(service), '1.22'), []);
      const jwt = `apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: { name: j }\nspec:\n${service.replace('  rules: [{}]\n', '')}`;
      assert.deepEqual(verdicts(jwt, '1.21'), ['warning istio-version']);
    });

    it('the target kinds istiod accepts grew: Gateway 1.20, Service 1.22, ServiceEntry 1.24, GatewayClass 1.25 (applied from 1.26)', () => {
      const target = (group: string, kind: string, name = 'x') => policy(`  targetRef: { group: "${group}", kind: ${kind}, name: ${name} }\n  rules: [{}]\n`);
      assert.deepEqual(verdicts(target('', 'Service'), '1.21'), ['error istio-version']);
      assert.deepEqual(verdicts(target('', 'Service'), '1.22'), []);
      assert.deepEqual(verdicts(target('networking.istio.io', 'ServiceEntry'), '1.23'), ['error istio-version']);
      assert.deepEqual(verdicts(target('networking.istio.io', 'ServiceEntry'), '1.24'), []);
      const waypoints = target('gateway.networking.k8s.io', 'GatewayClass', 'istio-waypoint');
      assert.deepEqual(verdicts(waypoints, '1.24'), ['error istio-version']);
      assert.deepEqual(verdicts(waypoints, '1.25'), ['warning istio-version']);
      assert.deepEqual(verdicts(waypoints, '1.26'), []);
      const [refused] = findings(target('', 'Service'), '1.21');
      assert.equal(
        String(refused.message),
        'Istio 1.21 attaches policies only to gateway.networking.k8s.io/Gateway: it refuses a Service target, which came in 1.22.',
      );
    });

    it('a GatewayClass other than istio-waypoint is accepted but applies to nothing (ShouldAttachPolicy, pilot/pkg/model/policyattachment.go)', () => {
      const [d] = findings(policy('  targetRefs:\n    - { group: gateway.networking.k8s.io, kind: GatewayClass, name: istio }\n  rules: [{}]\n'));
      assert.equal(d.code, 'istio-policy-target');
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.match(String(d.message), /only when it is istio-waypoint .*applies to nothing/);
    });
  });

  describe('source fields and condition keys by release (security.go ValidateAttribute, authz/model/model.go)', () => {
    const accounts = policy('  rules:\n    - from:\n        - source: { serviceAccounts: [shop/web, "shop/*"] }\n');

    it('serviceAccounts came in 1.25: before, the field error alone (the 1.25 value checks do not apply)', () => {
      assert.deepEqual(verdicts(accounts, '1.24'), ['warning istio-version']);
      assert.deepEqual(verdicts(accounts, '1.25'), ['error istio-authz-value']);
      const condition = policy('  rules:\n    - when: [{ key: source.serviceAccount, values: [shop/web] }]\n');
      assert.deepEqual(verdicts(condition, '1.24'), ['error istio-version']);
      assert.deepEqual(verdicts(condition, '1.25'), []);
    });

    it('trustDomains: unknown before 1.30, accepted but not enforced in 1.30, enforced from 1.31', () => {
      const domains = policy('  rules:\n    - from:\n        - source: { trustDomains: [cluster.local, "a*b"], ipBlocks: [10.0.0.0/8] }\n');
      assert.deepEqual(verdicts(domains, '1.29'), ['warning istio-version']);
      const [ignored] = findings(domains, '1.30');
      assert.equal(ignored.severity, DiagnosticSeverity.Warning);
      assert.match(
        String(ignored.message),
        /^Istio 1\.30 accepts trustDomains but does not enforce it \(from 1\.31\), so this source matches callers of every trust domain, and this ALLOW rule lets them all in/,
      );
      // 1.31's CheckTrustDomainValues refuses a * in the middle; 1.30 reads no values at all.
      assert.deepEqual(verdicts(domains, '1.31'), ['error istio-authz-value']);
    });

    it('a source with only trust domains is refused as empty by 1.30, which does not count them', () => {
      const only = policy('  rules:\n    - from:\n        - source: { notTrustDomains: [evil.example] }\n');
      assert.deepEqual(verdicts(only, '1.30'), ['error istio-version']);
      assert.deepEqual(verdicts(only, '1.31'), []);
    });

    it('CUSTOM with trust domains: refused from 1.31, only unenforced in 1.30 (validation.go CUSTOM checks)', () => {
      const custom = policy(
        '  action: CUSTOM\n  provider: { name: ext }\n  rules:\n    - from:\n        - source: { trustDomains: [cluster.local], ipBlocks: [10.0.0.0/8] }\n',
      );
      assert.deepEqual(verdicts(custom, '1.31'), ['error istio-authz-action']);
      assert.deepEqual(verdicts(custom, '1.30'), ['warning istio-version']);
    });

    it('source.trustDomain: refused before 1.30; 1.30 accepts it and skips the rule, so a DENY rule blocks nothing', () => {
      const deny = policy(
        '  action: DENY\n  rules:\n    - when: [{ key: source.trustDomain, notValues: [cluster.local] }]\n      to: [{ operation: { ports: ["8080"] } }]\n',
      );
      assert.deepEqual(verdicts(deny, '1.29'), ['error istio-version']);
      const [skipped] = findings(deny, '1.30');
      assert.equal(skipped.severity, DiagnosticSeverity.Warning);
      assert.match(String(skipped.message), /istiod skips the whole rule, so this DENY rule blocks nothing/);
      assert.deepEqual(verdicts(deny, '1.31'), []);
    });

    it('namespaces take * anywhere as a wildcard; principals and hosts only at an end (authz/model/generator.go)', () => {
      const text = policy('  rules:\n    - from:\n        - source: { namespaces: ["team-*-prod", "a*b*"], principals: ["cluster.local/ns/*/sa/web"] }\n');
      assert.deepEqual(verdicts(text), ['warning istio-authz-value']);
    });

    it('destination.port and operation ports take 0 to 65535 (ValidatePorts)', () => {
      const text = policy('  rules:\n    - to: [{ operation: { ports: ["0", "65536"] } }]\n      when: [{ key: destination.port, values: ["0", "65535"] }]\n');
      assert.deepEqual(verdicts(text), ['error istio-authz-value']);
    });
  });

  describe('path templates (CheckValidPathTemplate in security.go, pathGenerator in generator.go)', () => {
    const paths = (...values: string[]) =>
      policy(`  action: DENY\n  rules:\n    - to: [{ operation: { ports: ["80"], paths: [${values.map((v) => JSON.stringify(v)).join(', ')}] } }]\n`);

    it('{**} must be the last operator, but literal segments may follow it', () => {
      assert.deepEqual(verdicts(paths('/{**}/path/template', '/users/{*}/orders/{**}')), []);
      assert.deepEqual(verdicts(paths('/a/{**}/{*}')), ['error istio-authz-value']);
    });

    it('before 1.22 templates are plain text: a warning that the DENY rule blocks nothing, and no template errors', () => {
      const [d] = findings(paths('/users/{*}/orders'), '1.21');
      assert.equal(d.severity, DiagnosticSeverity.Warning);
      assert.match(String(d.message), /Istio 1\.21 has no path templates \(they came in 1\.22\).*this DENY rule blocks nothing by it/);
      assert.deepEqual(verdicts(paths('/users/{*}/orders'), '1.22'), []);
      assert.deepEqual(verdicts(paths('/a{b}'), '1.21'), []);
      assert.deepEqual(verdicts(paths('/a{b}'), '1.22'), ['error istio-authz-value']);
    });
  });

  describe('RequestAuthentication fields by release (the CRDs at each release tag)', () => {
    const jwt = (field: string) =>
      `apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: { name: j }\nspec:\n  jwtRules:\n    - issuer: https://a.example\n      ${field}\n`;

    it('timeout from 1.22, spaceDelimitedClaims from 1.28, fromCookies from 1.21', () => {
      assert.deepEqual(verdicts(jwt('timeout: 10s'), '1.21'), ['warning istio-version']);
      assert.deepEqual(verdicts(jwt('timeout: 10s'), '1.22'), []);
      assert.deepEqual(verdicts(jwt('spaceDelimitedClaims: [roles]'), '1.27'), ['warning istio-version']);
      assert.deepEqual(verdicts(jwt('spaceDelimitedClaims: [roles]'), '1.28'), []);
      assert.deepEqual(verdicts(jwt('fromCookies: [session]'), '1.20'), ['warning istio-version']);
      assert.deepEqual(verdicts(jwt('fromCookies: [session]'), '1.21'), []);
    });
  });

  describe('hovers name the release where behaviour changed', () => {
    it('paths: a note on templates only for a target before 1.22', () => {
      const text = policy('  rules:\n    - to: [{ operation: { pa|ths: ["/a/{*}"] } }]\n');
      assert.match(hover(text, '1.21'), /\*\*Before Istio 1\.22\*\* \(you target 1\.21\): there are no path templates/);
      assert.doesNotMatch(hover(text), /Before Istio/);
    });

    it('trustDomains: on 1.30 only the note that it is not enforced; on 1.29 also that the field is missing', () => {
      const text = policy('  rules:\n    - from: [{ source: { trust|Domains: [cluster.local] } }]\n');
      const on130 = hover(text, '1.30');
      assert.match(on130, /Before Istio 1\.31\*\* \(you target 1\.30\): istiod does not enforce trust domains/);
      assert.doesNotMatch(on130, /Before Istio 1\.30/);
      assert.match(hover(text, '1.29'), /Before Istio 1\.30\*\* \(you target 1\.29\): the CRD has no trust domain fields/);
    });

    it('every release note shows on the release before its change and not on the release of it', () => {
      const jwt = (field: string) =>
        `apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: { name: j }\nspec:\n  jwtRules:\n    - issuer: https://a.example\n      ${field}\n`;
      const notes: Array<[string, string, RegExp]> = [
        [policy('  target|Ref: { group: gateway.networking.k8s.io, kind: Gateway, name: gw }\n'), '1.20', /the CRD has no `targetRef`/],
        [policy('  target|Refs: [{ group: "", kind: Service, name: web }]\n'), '1.22', /the CRD has no `targetRefs`/],
        [policy('  rules: [{ from: [{ source: { service|Accounts: [web] } }] }]\n'), '1.25', /the CRD has no service account fields/],
        [policy('  rules: [{ from: [{ source: { notService|Accounts: [web] } }] }]\n'), '1.25', /the CRD has no service account fields/],
        [policy('  rules: [{ when: [{ k|ey: source.serviceAccount, values: [web] }] }]\n'), '1.25', /refuses the key `source.serviceAccount`/],
        [policy('  rules: [{ when: [{ k|ey: source.trustDomain, values: [a] }] }]\n'), '1.31', /skips the whole rule that uses it/],
        [policy('  rules: [{ to: [{ operation: { notPa|ths: ["/a/{*}"] } }] }]\n'), '1.22', /excludes nothing/],
        [policy('  targetRefs: [{ group: "", ki|nd: Service, name: web }]\n'), '1.26', /never applies a `GatewayClass` target/],
        [jwt('from|Cookies: [session]'), '1.21', /the CRD has no `fromCookies`/],
        [jwt('time|out: 10s'), '1.22', /the CRD has no `timeout`/],
        [jwt('spaceDelimited|Claims: [roles]'), '1.28', /the CRD has no `spaceDelimitedClaims`/],
      ];
      for (const [text, since, note] of notes) {
        const [major, minor] = since.split('.').map(Number);
        assert.match(hover(text, `${major}.${minor - 1}`), note, since);
        assert.doesNotMatch(hover(text, since), note, since);
      }
    });

    it('ports: up to 65535, 0 included (ValidatePorts in security.go)', () => {
      assert.match(hover(policy('  rules: [{ to: [{ operation: { po|rts: ["0"] } }] }]\n')), /up to 65535/);
    });

    it('namespaces: * is a wildcard anywhere in the value', () => {
      assert.match(
        hover(policy('  rules:\n    - from: [{ source: { name|spaces: [a] } }]\n')),
        /Each `\*` matches any run of characters, anywhere in the value/,
      );
    });

    it('PeerAuthentication selector: ignored in the root namespace (ComposePeerAuthentication, pilot/pkg/security/authn/policy_applier.go)', () => {
      const text =
        'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: { name: p, namespace: istio-system }\nspec:\n  sel|ector: { matchLabels: { app: web } }\n';
      assert.match(hover(text), /istiod ignores a policy with a selector in the root namespace/);
    });

    it('targetRefs kind: GatewayClass is applied only as istio-waypoint; older releases refused kinds', () => {
      const text = policy('  targetRefs:\n    - { group: "", ki|nd: Service, name: web }\n');
      assert.match(hover(text), /`GatewayClass`, which istiod applies only when it is `istio-waypoint`/);
      assert.match(hover(text, '1.23'), /Before Istio 1\.24\*\* \(you target 1\.23\): istiod refuses a `ServiceEntry` target/);
    });
  });
});
