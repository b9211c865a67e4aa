import * as assert from 'node:assert/strict';
import { expectDiagnostics as expect } from '../support/expectDiagnostics';

const policy = (spec: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: { name: p, namespace: shop }
spec:
${spec}`;

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
      expect('istio-authz-action', policy(`  action: CUSTOM
  provider: { name: ext-authz }
  rules:
    - from:
        - source: { ⟦principals⟧: [cluster.local/ns/a/sa/b], ipBlocks: [10.0.0.0/8] }
      when:
        - { ⟦key⟧: "request.auth.claims[iss]", values: [x] }
        - { key: "request.headers[x-id]", values: [y] }
`));
    });
  });

  describe('AuthorizationPolicy rules', () => {
    it('rejects empty from, to, source, operation and empty strings', () => {
      expect('istio-authz-empty', policy(`  rules:
    - ⟦from⟧: []
    - to:
        - ⟦operation⟧: {}
    - from:
        - source: { principals: [⟦""⟧] }
`));
    });

    it('checks service-account format and wildcard placement', () => {
      expect('istio-authz-value', policy(`  rules:
    - from:
        - source: { serviceAccounts: [web, shop/web, ⟦a/b/c⟧] }
        - source: { principals: ["*", "cluster.local/*", "*/sa/web", ⟦"cluster.*/ns/a"⟧] }
        - source: { trustDomains: [cluster.local, "*.example.org", ⟦"spiffe://cluster.local"⟧, ⟦"a*b"⟧] }
`));
    });

    it('accepts {*} and a final {**} in paths, rejects {**} elsewhere and partial templates', () => {
      expect('istio-authz-value', policy(`  rules:
    - to:
        - operation:
            paths: ["/api/{*}/items", "/static/{**}", ⟦"/a/{**}/b"⟧, ⟦"/a/x{*}"⟧]
`));
    });

    it('checks condition keys and their values', () => {
      expect('istio-authz-condition', policy(`  rules:
    - when:
        - { key: source.ip, values: [10.0.0.0/8, 192.168.1.1, ⟦not-an-ip⟧] }
        - { key: destination.port, values: ["8080", ⟦"70000"⟧] }
        - { ⟦key⟧: "request.headerz[x]", values: [a] }
        - { key: "request.auth.claims[groups][0]", values: [admin] }
`));
    });

    it('warns on spiffe:// in principals, with a fix that removes it', () => {
      const [message] = expect('istio-principal-format', policy(`  rules:
    - from:
        - source: { principals: [⟦"spiffe://cluster.local/ns/a/sa/b"⟧, cluster.local/ns/a/sa/c] }
`));
      assert.match(message, /without the spiffe:\/\/ prefix \(cluster\.local\/ns\/a\/sa\/b\)/);
    });

    it('warns that a DENY rule with only HTTP attributes denies all TCP traffic', () => {
      expect('istio-deny-http-only', policy(`  action: DENY
  rules:
    - ⟦to⟧:
        - operation: { methods: [POST] }
    - to:
        - operation: { methods: [POST], ports: ["8080"] }
`));
    });
  });

  it('RequestAuthentication: warns on a jwksUri over plain http', () => {
    expect('istio-request-authn', `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: jwt }
spec:
  jwtRules:
    - issuer: https://accounts.example
      ⟦jwksUri⟧: http://keys.example/jwks.json
    - issuer: https://accounts.example
      jwksUri: https://keys.example/jwks.json
`);
  });

  it('RequestAuthentication: issuer usable for discovery, inline JWKS, output headers', () => {
    expect('istio-request-authn', `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata: { name: jwt }
spec:
  jwtRules:
    - ⟦issuer⟧: testing@secure.istio.io
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
`);
  });

  it('principals: the trust-domain/ns/namespace/sa/account form, or a wildcard', () => {
    expect('istio-principal-format', policy(`  rules:
    - from:
        - source: { principals: [cluster.local/ns/shop/sa/web, "*", "*/sa/web", "example.org/ns/a/sa/b", ⟦web⟧, ⟦cluster.local/sa/web⟧] }
`));
  });

  it('DestinationRule TLS without a mode warns that it turns mesh mTLS off', () => {
    expect('istio-tls-settings', `apiVersion: networking.istio.io/v1
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
`);
  });

  it('DestinationRule TLS: MUTUAL files, credentialName exclusivity, ISTIO_MUTUAL, insecureSkipVerify', () => {
    expect('istio-tls-settings', `apiVersion: networking.istio.io/v1
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
`);
  });
});
