import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-types';
import { NEWEST_VERSIONS, type TargetVersions } from '../../common/src/versions';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { DEFAULT_ANALYSIS_SETTINGS, WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { FIELD_DOCS } from '../../server/src/schema/docs/fieldDocs';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { hoverAt } from '../../server/src/service/hover';
import { validateYaml } from '../../server/src/service/validation/index';
import { ROOT } from '../rig/paths';

// Each claim the DestinationRule TLS and RequestAuthentication rules and hovers make about Istio,
// against the releases where upstream behaviour changed. Every test names the upstream file it
// follows (istio/istio, release tags and 86c9f01f), so a change there shows up as one failing test.

const registry = createDefaultRegistry();
const istio = (version: string): TargetVersions => ({ ...NEWEST_VERSIONS, istio: version });

/** The cross-resource findings of these files with one of `codes`, as "code: message". */
function analysed(files: string[], version: string, codes = ['tls-unverified-server', 'tls-credential-without-selector']): string[] {
  const resources = files.flatMap((text, i) => resourcesOf(`file:///w/${i}.yaml`, parseYaml(text)));
  return analyzeWorkspace(new WorkspaceModel(resources, { ...DEFAULT_ANALYSIS_SETTINGS, versions: istio(version) }))
    .filter((f) => codes.includes(f.code))
    .map((f) => `${f.code}: ${f.message}`);
}

/** The per-document diagnostics with this code, as "error|warning: message". */
function verdicts(text: string, version: string, code: string): string[] {
  return validateYaml(parseYaml(text), registry, { versions: istio(version) })
    .filter((d) => d.code === code)
    .map((d) => `${d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'}: ${d.message}`);
}

function hover(text: string, at: string, version: string): string {
  const offset = text.indexOf(at);
  assert.ok(offset >= 0, at);
  // One character in: a cursor at the very start of a line is on nothing yet.
  return (hoverAt(parseYaml(text), offset + 1, registry, istio(version))?.contents as MarkupContent | undefined)?.value ?? '';
}

const rule = (host: string, tls: string, extra = '') => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: ext, namespace: shop}
spec:
  host: ${host}
${extra}  trafficPolicy:
    tls: ${tls}
`;
const serviceEntry = (protocol: string) => `apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: ext, namespace: shop}
spec:
  hosts: [api.example.com]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{number: 443, name: port, protocol: ${protocol}}]
`;
const selector = '  workloadSelector:\n    matchLabels: {app: billing}\n';

describe('upstream claims: DestinationRule TLS', () => {
  describe('tls-unverified-server follows pilot/pkg/networking/core/cluster_tls.go (constructUpstreamTLS, setAutoSniAndAutoSanValidation) and VERIFY_CERTIFICATE_AT_CLIENT in pilot/pkg/features/pilot.go (false in 1.20.0, true from 1.21.0)', () => {
    const http = serviceEntry('HTTP');

    it('SIMPLE without caCertificates verifies nothing up to 1.20, the system roots and the Host name from 1.21 (HTTP, no sni, no subjectAltNames)', () => {
      const dr = rule('api.example.com', '{mode: SIMPLE}');
      const [old] = analysed([http, dr], '1.20');
      assert.match(old, /^tls-unverified-server: SIMPLE TLS: on Istio 1\.20 \(before 1\.21\) the sidecar checks nothing about api\.example\.com's certificate/);
      assert.deepEqual(analysed([http, dr], '1.21'), []);
      assert.deepEqual(analysed([http, dr], '1.31'), []);
      // The same holds for MUTUAL with files.
      const mutual = rule('api.example.com', '{mode: MUTUAL, clientCertificate: /c.pem, privateKey: /k.pem}');
      assert.equal(analysed([http, mutual], '1.20').length, 1);
      assert.deepEqual(analysed([http, mutual], '1.22'), []);
    });

    it('caCertificates, or insecureSkipVerify (a choice made on purpose), leave nothing to report on any release', () => {
      for (const version of ['1.20', '1.31']) {
        assert.deepEqual(analysed([http, rule('api.example.com', '{mode: SIMPLE, caCertificates: /etc/ca.pem}')], version), []);
        assert.deepEqual(analysed([http, rule('api.example.com', '{mode: SIMPLE, insecureSkipVerify: true}')], version), []);
      }
    });

    it('from 1.21 an explicit sni without subjectAltNames turns the name check off: only the chain to the system roots is checked', () => {
      const dr = rule('api.example.com', '{mode: SIMPLE, sni: api.example.com}');
      const [finding] = analysed([http, dr], '1.31');
      assert.match(finding, /^tls-unverified-server: SIMPLE TLS: the sidecar checks api\.example\.com's certificate against the system roots but not its name/);
      assert.deepEqual(analysed([http, rule('api.example.com', '{mode: SIMPLE, sni: api.example.com, subjectAltNames: [api.example.com]}')], '1.31'), []);
      // Before 1.21 the message is the older, stronger one.
      assert.match(analysed([http, dr], '1.20')[0], /checks nothing/);
    });

    it("from 1.21 the port's declared protocol is not judged: auto SNI/SAN ride on the HTTP protocol options every cluster gets, and a route can send HTTP to an HTTPS port (samples/bookinfo/networking/egress-rule-google-apis.yaml)", () => {
      const google = `${serviceEntry('HTTPS')}---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: rewrite, namespace: shop}\nspec:\n  hosts: [api.example.com]\n  http:\n  - match: [{port: 80}]\n    route: [{destination: {host: api.example.com, port: {number: 443}}}]\n`;
      const dr = rule('api.example.com', '{mode: SIMPLE}');
      assert.deepEqual(analysed([google, dr], '1.31'), []);
      assert.equal(analysed([google, dr], '1.20').length, 1);
    });
  });

  describe('tls-credential-without-selector follows cluster_tls.go buildUpstreamClusterTLSContext (no TLS context on sidecars for a credentialName without workloadSelector; ConfigMaps exempt from 1.26.0)', () => {
    it('a Secret credentialName without workloadSelector: sidecars send plaintext, on every release; with a selector nothing is said', () => {
      const bare = rule('api.example.com', '{mode: MUTUAL, credentialName: client-cert}');
      for (const version of ['1.20', '1.26', '1.31']) {
        const findings = analysed([bare], version);
        assert.equal(findings.length, 1, version);
        assert.match(
          findings[0],
          /^tls-credential-without-selector: Sidecars ignore credentialName in a DestinationRule without workloadSelector: .* in plaintext/,
        );
        // With a selector the Secret's CA verifies the server, before 1.21 too (istioctl's IST0128 exemption).
        assert.deepEqual(analysed([rule('api.example.com', '{mode: MUTUAL, credentialName: client-cert}', selector)], version), [], version);
      }
      assert.equal(analysed([rule('api.example.com', '{mode: SIMPLE, credentialName: ca-only}')], '1.31').length, 1);
      // Sidecars read a selected rule's credential from 1.14.0 (istio/istio e63036a7, "Support CredentialName configuration in DR for sidecars").
      assert.match(
        analysed([rule('api.example.com', '{mode: MUTUAL, credentialName: client-cert}', selector)], '1.13')[0],
        /Istio 1\.13 sidecars ignore it even with a workloadSelector/,
      );
      assert.deepEqual(analysed([rule('api.example.com', '{mode: ISTIO_MUTUAL, credentialName: x}')], '1.31'), []);
    });

    it('a configmap:// CA is read by sidecars without a selector from 1.26 only', () => {
      const dr = rule('api.example.com', '{mode: SIMPLE, credentialName: "configmap://shop/partner-ca"}');
      assert.match(analysed([dr], '1.25')[0], /credentialName \(configmap:\/\/ references are read from Istio 1\.26; you target 1\.25\)/);
      assert.deepEqual(analysed([dr], '1.26'), []);
    });

    it("a host an Istio Gateway serves is taken as the egress gateway's, where credentialName works", () => {
      const gateway =
        'apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: egress, namespace: istio-system}\nspec:\n  selector: {istio: egressgateway}\n  servers:\n  - port: {number: 443, name: tls, protocol: TLS}\n    hosts: [shop/api.example.com]\n';
      assert.deepEqual(analysed([gateway, rule('api.example.com', '{mode: MUTUAL, credentialName: client-cert}')], '1.31'), []);
    });

    it('the MUTUAL snippet selects its clients and names the server, so no release finds a hole in it (it had no workloadSelector)', () => {
      const snippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'yaml.code-snippets'), 'utf8')) as Record<string, { body: string[] }>;
      const text = snippets['Istio DestinationRule MUTUAL (own certificates)'].body
        .join('\n')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
      for (const version of ['1.20', '1.21', '1.31']) assert.deepEqual(analysed([text, serviceEntry('HTTP')], version), [], version);
      assert.equal(analysed([text.replace(/ {2}workloadSelector:\n.*\n.*\n/, '')], '1.31').length, 1);
    });
  });

  describe('istio-tls-settings follows pkg/config/validation/agent/validation.go ValidateTLS', () => {
    const policy = (tls: string) => rule('reviews', tls);

    it('refuses insecureSkipVerify with credentialName in SIMPLE (not MUTUAL), and credentialName with caCrl', () => {
      assert.match(
        verdicts(policy('{mode: SIMPLE, insecureSkipVerify: true, credentialName: c}'), '1.31', 'istio-tls-settings')[0],
        /^error: credentialName cannot be combined with insecureSkipVerify/,
      );
      assert.deepEqual(verdicts(policy('{mode: MUTUAL, insecureSkipVerify: true, credentialName: c}'), '1.31', 'istio-tls-settings'), []);
      assert.match(
        verdicts(policy('{mode: SIMPLE, credentialName: c, caCrl: /crl.pem}'), '1.31', 'istio-tls-settings')[0],
        /^error: caCrl cannot be combined with credentialName/,
      );
    });

    it('accepts certificate fields with ISTIO_MUTUAL and caCrl with insecureSkipVerify (warnings), and skip-verify pairs outside SIMPLE and MUTUAL', () => {
      assert.deepEqual(
        verdicts(policy('{mode: ISTIO_MUTUAL, clientCertificate: /c.pem}'), '1.31', 'istio-tls-settings').map((v) => v.split(':')[0]),
        ['warning'],
      );
      assert.deepEqual(
        verdicts(policy('{mode: SIMPLE, insecureSkipVerify: true, caCrl: /crl.pem}'), '1.31', 'istio-tls-settings').map((v) => v.split(':')[0]),
        ['warning'],
      );
      assert.deepEqual(verdicts(policy('{mode: DISABLE, insecureSkipVerify: true, caCertificates: /ca.pem}'), '1.31', 'istio-tls-settings'), []);
      // istiod tests subjectAltNames for nil: an empty list is none.
      assert.deepEqual(verdicts(policy('{mode: SIMPLE, insecureSkipVerify: true, subjectAltNames: []}'), '1.31', 'istio-tls-settings'), []);
      assert.equal(verdicts(policy('{mode: SIMPLE, insecureSkipVerify: true, subjectAltNames: [a.example]}'), '1.31', 'istio-tls-settings').length, 1);
    });

    it("configmap:// (from 1.26.0): namespace/name in the rule's own namespace, a CA only; before 1.26 a Secret name that cannot exist", () => {
      const cm = (value: string, mode = 'SIMPLE') => policy(`{mode: ${mode}, credentialName: "${value}"}`);
      assert.match(
        verdicts(cm('configmap://shop/ca'), '1.25', 'istio-tls-settings')[0],
        /^warning: configmap:\/\/ credentials are read from Istio 1\.26 \(you target 1\.25\)/,
      );
      assert.deepEqual(verdicts(cm('configmap://shop/ca'), '1.26', 'istio-tls-settings'), []);
      assert.match(verdicts(cm('configmap://other/ca'), '1.26', 'istio-tls-settings')[0], /^error: .*rule's own namespace \(shop\), not other/);
      assert.match(
        verdicts(cm('configmap://ca'), '1.31', 'istio-tls-settings')[0],
        /^error: A configmap:\/\/ credentialName is written configmap:\/\/<namespace>\/<name>/,
      );
      assert.deepEqual(
        verdicts(cm('configmap://other/ca'), '1.25', 'istio-tls-settings').map((v) => v.split(':')[0]),
        ['warning'],
      );
      // sds.go serves only a ConfigMap's ca.crt.
      assert.match(verdicts(cm('configmap://shop/ca', 'MUTUAL'), '1.31', 'istio-tls-settings')[0], /^warning: A ConfigMap gives only a CA bundle/);
    });
  });

  describe('hovers', () => {
    const text = rule(
      'api.example.com',
      '\n      mode: SIMPLE\n      sni: api.example.com\n      subjectAltNames: [api.example.com]\n      caCertificates: /ca.pem\n      credentialName: c',
    );

    it('subjectAltNames and sni: the automatic name check needs HTTP, an empty sni and no names, from 1.21 (cluster_tls.go setAutoSniAndAutoSanValidation; ENABLE_AUTO_SNI false in 1.20.0)', () => {
      const newest = hover(text, 'subjectAltNames', '1.31');
      assert.match(newest, /check the request's Host only on traffic the proxy routes as HTTP with `sni` empty/);
      assert.doesNotMatch(newest, /Before Istio/);
      assert.match(hover(text, 'subjectAltNames', '1.20'), /\*\*Before Istio 1\.21\*\* \(you target 1\.20\): left out, SIMPLE and MUTUAL check no name at all/);
      assert.match(hover(text, 'sni:', '1.31'), /Setting `sni` turns that name check off/);
      assert.match(hover(text, 'sni:', '1.20'), /Before Istio 1\.21/);
    });

    it('caCertificates: system roots from 1.21, nothing before (VERIFY_CERTIFICATE_AT_CLIENT)', () => {
      assert.match(hover(text, 'caCertificates', '1.31'), /operating system's root store/);
      assert.doesNotMatch(hover(text, 'caCertificates', '1.21'), /Before Istio/);
      assert.match(hover(text, 'caCertificates', '1.20'), /Before Istio 1\.21.*verifies nothing/);
    });

    it('credentialName: sidecars need a workloadSelector or send plaintext; configmap:// from 1.26 (credentials/resource.go)', () => {
      assert.match(hover(text, 'credentialName', '1.31'), /without one, sidecars get no TLS settings for this traffic at all and send it in plaintext/);
      assert.doesNotMatch(hover(text, 'credentialName', '1.26'), /Before Istio/);
      assert.match(hover(text, 'credentialName', '1.25'), /Before Istio 1\.26\*\* \(you target 1\.25\): `configmap:\/\/` references are not understood/);
    });
  });
});

describe('upstream claims: RequestAuthentication', () => {
  const ra = (jwtRule: string) =>
    `apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: shop}\nspec:\n  jwtRules:\n  - ${jwtRule}\n`;
  const warnings = (text: string) => verdicts(text, '1.31', 'istio-request-authn');

  it('istiod needs an issuer or a jwksUri, not an issuer (pkg/config/validation/validation.go validateJwtRule)', () => {
    assert.deepEqual(warnings(ra('{jwksUri: "https://auth.example.com/jwks.json"}')), []);
    assert.match(warnings(ra('{audiences: [a]}'))[0], /^error: A JWT rule needs an issuer or a jwksUri/);
    assert.match(hover(ra('{issuer: "https://auth.example.com"}'), 'issuer', '1.31'), /istiod requires an `issuer` or a `jwksUri`/);
  });

  it('OpenID discovery goes over http too (insecurely); an issuer that is no URL finds no keys (pilot/pkg/model/jwks_resolver.go resolveJwksURIUsingOpenID, BuildLocalJwks)', () => {
    assert.deepEqual(warnings(ra('{issuer: "https://auth.example.com"}')), []);
    assert.match(warnings(ra('{issuer: "http://auth.example.com"}'))[0], /^warning: .*over plain http: whoever can change that traffic chooses which keys/);
    assert.match(
      warnings(ra('{issuer: "my-issuer"}'))[0],
      /^warning: .*this issuer is not an http\(s\) URL: it finds no keys, and every token is refused with 401/,
    );
    assert.deepEqual(warnings(ra('{issuer: "my-issuer", jwksUri: "https://auth.example.com/jwks.json"}')), []);
  });

  it('presence is read by no release: REQUIRED is a warning and its hover says so (pilot/pkg/security/authn/policy_applier.go, always allow_missing)', () => {
    assert.match(
      warnings(ra('{issuer: "https://auth.example.com", presence: REQUIRED}'))[0],
      /^warning: No Istio release \(1\.31 and older\) acts on presence/,
    );
    assert.deepEqual(warnings(ra('{issuer: "https://auth.example.com", presence: OPTIONAL}')), []);
    const text = ra('{issuer: "https://auth.example.com", presence: REQUIRED}');
    assert.match(hover(text, 'presence', '1.31'), /no Istio release \(1\.31 and older\) reads it/);
    assert.match(hover(text, 'REQUIRED', '1.31'), /\*\*REQUIRED\*\*: Not acted on by any release/);
    // The spec hover no longer offers presence as the way to insist on a token.
    const spec = hover(text, 'spec:', '1.31');
    assert.match(spec, /one without a token passes, unauthenticated/);
    assert.doesNotMatch(spec, /presence/);
  });

  it('timeout from 1.22 and spaceDelimitedClaims from 1.28: an older CRD has no such field (manifests/charts/base crd-all.gen.yaml at 1.21.0/1.22.0 and 1.27.0/1.28.0; a fixed 5s in jwks_resolver.go before)', () => {
    const text = ra('{issuer: "https://auth.example.com", timeout: 10s, spaceDelimitedClaims: [roles]}');
    const at = (version: string) => verdicts(text, version, 'istio-version');
    assert.deepEqual(at('1.28'), []);
    assert.deepEqual(
      at('1.27').map((v) => v.split(' (it came')[0]),
      ['warning: Istio 1.27 has no spaceDelimitedClaims field'],
    );
    assert.deepEqual(
      at('1.21')
        .map((v) => v.split(' (it came')[0])
        .sort(),
      ['warning: Istio 1.21 has no spaceDelimitedClaims field', 'warning: Istio 1.21 has no timeout field'],
    );
    assert.match(
      at('1.21').find((v) => v.includes('timeout'))!,
      /it came in 1\.22/,
    );
    assert.match(
      hover(text, 'timeout', '1.21'),
      /Before Istio 1\.22\*\* \(you target 1\.21\): the CRD has no `timeout`: the API server drops the field .*fixed 5s/,
    );
    assert.doesNotMatch(hover(text, 'timeout', '1.22'), /Before Istio/);
    assert.match(hover(text, 'spaceDelimitedClaims', '1.27'), /Before Istio 1\.28/);
  });

  it('the ECDSA key hover: sidecars default to RSA 2048 (pilot/cmd/pilot-agent/options/options.go WORKLOAD_RSA_KEY_SIZE, ECC_SIGNATURE_ALGORITHM empty)', () => {
    const ecdsa = FIELD_DOCS['cert-manager.io/Certificate']?.['spec.privateKey.algorithm']?.values?.ECDSA ?? '';
    assert.match(ecdsa, /Istio sidecars default to RSA 2048/);
    assert.doesNotMatch(ecdsa, /what Istio and Linkerd use/);
  });
});
