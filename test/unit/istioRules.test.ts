import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { completeAt } from '../../server/src/service/completion';
import { withCursor } from '../support/cursor';
import { expectDiagnostics as expect } from '../support/expectDiagnostics';

/** The severities reported for a code, in order: the rules mark only what istiod refuses as an error. */
function severities(code: string, text: string): string[] {
  return validateYaml(parseYaml(text), createDefaultRegistry())
    .filter((d) => d.code === code)
    .map((d) => (d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'));
}

const policy = (spec: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: p, namespace: shop }
spec:
${spec}`;

const jwtRules = (rules: string) => `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: jwt }
spec:
  jwtRules:
${rules}`;

describe('Istio admission rules', () => {
  describe('AuthorizationPolicy actions', () => {
    it('CUSTOM needs a provider name; provider is only for CUSTOM; DENY and CUSTOM need rules', () => {
      expect('istio-authz-action', policy(`  ⟦action⟧: CUSTOM\n  rules: [{}]\n`));
      expect('istio-authz-action', policy(`  action: ALLOW\n  ⟦provider⟧: { name: ext-authz }\n  rules: [{}]\n`));
      expect('istio-authz-action', policy(`  ⟦action⟧: DENY\n`));
      expect('istio-authz-action', policy(`  action: CUSTOM\n  provider: { name: ext-authz }\n  rules: [{}]\n`));
      expect('istio-authz-action', policy(`  action: ALLOW\n`));
    });

    it('CUSTOM forbids identity fields and source.*/request.auth.* conditions', () => {
      expect(
        'istio-authz-action',
        policy(`  action: CUSTOM
  provider: { name: ext-authz }
  rules:
    - from:
        - source: { ⟦principals⟧: [cluster.local/ns/a/sa/b], ipBlocks: [10.0.0.0/8] }
      when:
        - { ⟦key⟧: "request.auth.claims[iss]", values: [x] }
        - { key: "request.headers[x-id]", values: [y] }
`),
      );
    });
  });

  describe('AuthorizationPolicy rules', () => {
    it('rejects empty from, to, source, operation and empty strings', () => {
      expect(
        'istio-authz-empty',
        policy(`  rules:
    - ⟦from⟧: []
    - to:
        - ⟦operation⟧: {}
    - from:
        - source: { principals: [⟦""⟧] }
`),
      );
    });

    it('checks service-account format and wildcard placement', () => {
      expect(
        'istio-authz-value',
        policy(`  rules:
    - from:
        - source: { serviceAccounts: [web, shop/web, ⟦a/b/c⟧] }
        - source: { principals: ["*", "cluster.local/*", "*/sa/web", ⟦"cluster.*/ns/a"⟧] }
        - source: { trustDomains: [cluster.local, "*.example.org", ⟦"spiffe://cluster.local"⟧, ⟦"a*b"⟧] }
`),
      );
    });

    // istiod refuses only a template operator after {**}, not a literal segment (the old rule wanted {**} last).
    it('accepts {*}, {**} followed by literals, rejects templates after {**}, partial templates and bad literals', () => {
      expect(
        'istio-authz-value',
        policy(`  rules:
    - to:
        - operation:
            paths: ["/api/{*}/items", "/static/{**}", "/store/{**}/cart", "/{**}/path/template"]
            notPaths: [⟦"/plain/{braces"⟧, ⟦"/a/{**}/{*}"⟧, ⟦"/a/{**}/b/{**}"⟧, ⟦"/a/x{*}"⟧, ⟦"/{*}/a b"⟧, ⟦"/{*}//x"⟧]
`),
      );
    });

    it('checks condition keys and their values', () => {
      expect(
        'istio-authz-condition',
        policy(`  rules:
    - when:
        - { key: source.ip, values: [10.0.0.0/8, 192.168.1.1, ⟦not-an-ip⟧] }
        - { key: destination.port, values: ["8080", ⟦"70000"⟧] }
        - { ⟦key⟧: "request.headerz[x]", values: [a] }
        - { key: "request.auth.claims[groups][0]", values: [admin] }
`),
      );
    });

    it('warns on spiffe:// in principals, with a fix that removes it', () => {
      const [message] = expect(
        'istio-principal-format',
        policy(`  rules:
    - from:
        - source: { principals: [⟦"spiffe://cluster.local/ns/a/sa/b"⟧, cluster.local/ns/a/sa/c] }
`),
      );
      assert.match(message, /without the spiffe:\/\/ prefix \(cluster\.local\/ns\/a\/sa\/b\)/);
    });

    it('warns that a DENY rule with only HTTP attributes denies all TCP traffic', () => {
      expect(
        'istio-deny-http-only',
        policy(`  action: DENY
  rules:
    - ⟦to⟧:
        - operation: { methods: [POST] }
    - to:
        - operation: { methods: [POST], ports: ["8080"] }
`),
      );
    });
  });

  it('RequestAuthentication: warns on a jwksUri over plain http', () => {
    expect(
      'istio-request-authn',
      jwtRules(`    - issuer: https://accounts.example
      ⟦jwksUri⟧: http://keys.example/jwks.json
    - issuer: https://accounts.example
      jwksUri: https://keys.example/jwks.json
`),
    );
  });

  it('RequestAuthentication: issuer usable for discovery, inline JWKS, output headers', () => {
    expect(
      'istio-request-authn',
      jwtRules(`    - ⟦issuer⟧: testing@secure.istio.io
    - issuer: testing@secure.istio.io
      jwksUri: https://keys.example/jwks.json
    - issuer: https://accounts.example
    - issuer: other
      ⟦jwks⟧: '{"kid": "x"}'
      outputClaimToHeaders:
        - { header: x-sub, claim: sub }
        - { ⟦header⟧: X-Sub, claim: iss }
    - issuer: third
      jwks: '{"keys": []}'
`),
    );
  });

  it('principals: the trust-domain/ns/namespace/sa/account form, or a wildcard', () => {
    expect(
      'istio-principal-format',
      policy(`  rules:
    - from:
        - source: { principals: [cluster.local/ns/shop/sa/web, "*", "*/sa/web", "example.org/ns/a/sa/b", ⟦web⟧, ⟦cluster.local/sa/web⟧] }
`),
    );
  });

  it('DestinationRule TLS without a mode warns that it turns mesh mTLS off', () => {
    expect(
      'istio-tls-settings',
      `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: d }
spec:
  host: web
  trafficPolicy:
    ⟦tls⟧:
      sni: web.example
  subsets:
    - name: v1
      trafficPolicy:
        tls: ⟦{ sni: v1.example }⟧
    - name: v2
      trafficPolicy:
        tls: { mode: ISTIO_MUTUAL }
`,
    );
  });

  it('DestinationRule TLS: MUTUAL files, credentialName exclusivity, ISTIO_MUTUAL, insecureSkipVerify', () => {
    expect(
      'istio-tls-settings',
      `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: { name: d }
spec:
  host: web
  trafficPolicy:
    tls: { ⟦mode⟧: MUTUAL, clientCertificate: /etc/c.pem }
    portLevelSettings:
      - port: { number: 443 }
        tls: { mode: MUTUAL, credentialName: web-tls, ⟦caCertificates⟧: /etc/ca.pem }
  subsets:
    - name: v1
      trafficPolicy:
        tls: { mode: ISTIO_MUTUAL, ⟦credentialName⟧: x }
    - name: v2
      trafficPolicy:
        tls: { mode: SIMPLE, insecureSkipVerify: true, ⟦subjectAltNames⟧: [web] }
    - name: v3
      trafficPolicy:
        tls: { mode: MUTUAL, credentialName: web-tls }
`,
    );
  });
  describe('istiod checks shared by the security kinds', () => {
    it('istio.io/dry-run: a boolean on ALLOW and DENY policies, refused on CUSTOM/AUDIT and on the other kinds', () => {
      const annotated = (kind: string, value: string, spec: string) => `apiVersion: security.istio.io/v1
kind: ${kind}
metadata:
  name: p
  annotations:
    ⟦istio.io/dry-run⟧: "${value}"
spec:
${spec}`;
      expect('istio-annotation', annotated('AuthorizationPolicy', 'maybe', '  action: DENY\n  rules: [{}]\n'));
      expect('istio-annotation', annotated('AuthorizationPolicy', 'true', '  action: AUDIT\n  rules: [{}]\n'));
      expect('istio-annotation', annotated('RequestAuthentication', 'true', '  selector: { matchLabels: { app: a } }\n'));
      expect('istio-annotation', annotated('PeerAuthentication', 'false', '  mtls: { mode: STRICT }\n'));
      for (const value of ['true', 'False', '1', 'f'])
        expect('istio-annotation', annotated('AuthorizationPolicy', value, '  rules: [{}]\n').replace(/[⟦⟧]/g, ''));
    });

    it("targetRef: a name (an error from istiod, beside the schema's own note), and one of the kinds istiod attaches policies to", () => {
      assert.deepEqual(severities('istio-policy-target', policy('  targetRef: { group: "", kind: Service }\n')), ['error']);
      expect(
        'istio-policy-target',
        policy(`  targetRefs:
    - { group: "", kind: Service, name: web }
    - { group: networking.istio.io, kind: ServiceEntry, name: ext }
    - { group: gateway.networking.k8s.io, kind: Gateway, name: gw }
    - { group: gateway.networking.k8s.io, kind: GatewayClass, name: istio-waypoint }
    - { group: apps, ⟦kind⟧: Deployment, name: web }
`),
      );
    });
  });

  describe('AuthorizationPolicy values as istiod reads them', () => {
    it('IP blocks and ports parse as Go does (strict dotted quads, port 0 allowed)', () => {
      expect(
        'istio-authz-value',
        policy(`  rules:
    - from:
        - source: { ipBlocks: [10.0.0.1, 10.0.0.0/8, "2001:db8::/32", ⟦10.0.0.256⟧, ⟦010.0.0.1⟧, ⟦10.0.0.0/33⟧] }
        - source: { notRemoteIpBlocks: [⟦"10.0.0.0/08"⟧, ⟦" 10.0.0.1"⟧] }
      to:
        - operation: { ports: ["0", "65535", ⟦"65536"⟧, ⟦"-1"⟧, ⟦http⟧] }
`),
      );
    });

    it('service accounts: sa or ns/sa, no wildcard', () => {
      expect(
        'istio-authz-value',
        policy(`  rules:
    - from:
        - source: { serviceAccounts: [web, shop/web, ⟦a/b/c⟧, ⟦"shop/*"⟧, ⟦/web⟧, ⟦"shop/"⟧] }
`),
      );
    });

    it('a * inside principals or hosts is accepted by istiod but matched literally: a warning (in namespaces it is a wildcard)', () => {
      const text = policy(`  rules:
    - from:
        - source: { principals: ["cluster.local/ns/*/sa/web"], namespaces: ["a*b"] }
      to:
        - operation: { hosts: ["*.example.com", "a*.b*"] }
`);
      assert.deepEqual(severities('istio-authz-value', text), ['warning', 'warning']);
    });

    it('conditions: source.trustDomain and source.serviceAccount checked like their source fields; keys need values', () => {
      expect(
        'istio-authz-condition',
        policy(`  rules:
    - when:
        - { key: source.trustDomain, values: [cluster.local, "*.local"], notValues: [⟦"a*b"⟧] }
        - { key: source.serviceAccount, values: [shop/web, ⟦"shop/web/x"⟧] }
        - { key: destination.port, values: ["0"] }
        - { key: remote.ip, notValues: [⟦""⟧] }
        - { ⟦key⟧: "request.headers[x-id]" }
        - { ⟦key⟧: "" , values: [a] }
        - { ⟦key⟧: "request.headers[]", values: [a] }
        - { ⟦key⟧: destination.namespace, values: [a] }
        - { ⟦key⟧: "destination.labels[app]", values: [a] }
        - { key: "experimental.envoy.filters.network.mysql_proxy[db.table]", values: [select] }
        - ⟦~⟧
`),
      );
    });

    it('leaves values alone that a template fills in: the action, from, operation, condition values, the dry-run value', () => {
      expect(
        'istio-authz-empty',
        `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: p
  annotations: { istio.io/dry-run: "{{ .Values.dryRun }}" }
spec:
  action: {{ .Values.action }}
  rules:
    - from: {{ toYaml .Values.from }}
    - from:
        - source:
            principals: {{ toYaml .Values.principals }}
      to:
        - operation: {{ toYaml .Values.operation }}
        - ⟦operation⟧: {}
      when:
        - key: source.ip
          values: {{ toYaml .Values.ips }}
        - {{ toYaml .Values.condition }}
`,
      );
    });

    it('CUSTOM: a templated provider name is not reported missing; source.ip stays allowed', () => {
      expect(
        'istio-authz-action',
        policy(`  action: CUSTOM
  provider:
    name: {{ .Values.authz.provider }}
  rules:
    - when:
        - { key: source.ip, values: [10.0.0.0/8] }
        - { ⟦key⟧: source.trustDomain, values: [cluster.local] }
`),
      );
    });
  });

  describe('RequestAuthentication', () => {
    it('JWT rules: issuer or jwksUri, no null entries, header locations with a name, claims with a header, a timeout of whole milliseconds', () => {
      expect(
        'istio-request-authn',
        jwtRules(`    - ⟦{}⟧
    - ⟦~⟧
    - jwksUri: https://keys.example/jwks.json
    - issuer: https://a.example
      fromHeaders: [⟦~⟧]
      outputClaimToHeaders:
        - ⟦~⟧
        - { claim: sub, header: x-sub }
    - issuer: https://a.example
      ⟦timeout⟧: 1500us
    - issuer: https://a.example
      timeout: 1.5s
    - issuer: https://a.example
      jwks: '{"kty": "RSA", "n": "x", "e": "AQAB"}'
`),
      );
    });

    it("a header location without a name, a claim copy without a claim: errors from istiod beside the schema's notes", () => {
      const text = jwtRules(`    - issuer: https://a.example
      fromHeaders: [{ prefix: "Bearer " }]
      outputClaimToHeaders: [{ header: x-sub }]
`);
      assert.deepEqual(severities('istio-request-authn', text), ['error', 'error']);
    });

    it('two claims into one header: istiod accepts it, so only a warning', () => {
      assert.deepEqual(
        severities(
          'istio-request-authn',
          jwtRules(`    - issuer: https://a.example
      outputClaimToHeaders: [{ claim: sub, header: x-id }, { claim: iss, header: X-Id }]
`),
        ),
        ['warning'],
      );
    });
  });
});

describe('completion of the values only the Istio webhook limits', () => {
  const labels = (source: string) => {
    const { text, offset } = withCursor(source);
    return completeAt(text, parseYaml(text), offset, createDefaultRegistry()).map((item) => item.label);
  };
  it('offers the condition keys istiod knows, in a when entry of any rule', () => {
    const offered = labels(policy(`  rules:\n    - to: [{ operation: { methods: [GET] } }]\n    - when:\n        - key: |\n          values: [x]\n`));
    assert.ok(
      offered.includes('source.ip') &&
        offered.includes('source.trustDomain') &&
        offered.includes('request.headers[NAME]') &&
        offered.includes('destination.port'),
      offered.join(', '),
    );
  });
  it('offers the kinds a targetRef may name, in targetRef and each of targetRefs', () => {
    assert.deepEqual(labels(policy(`  targetRef: { kind: |, name: web }\n`)), ['Service', 'ServiceEntry', 'Gateway', 'GatewayClass']);
    assert.deepEqual(labels(policy(`  targetRefs:\n    - kind: Service\n      name: a\n    - kind: |\n      name: b\n`)), [
      'Service',
      'ServiceEntry',
      'Gateway',
      'GatewayClass',
    ]);
  });
});
