import * as assert from 'node:assert/strict';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { completeAt } from '../../server/src/service/completion';
import { validateYaml } from '../../server/src/service/validation/index';
import { withCursor } from '../support/cursor';
import { expectDiagnostics as expect } from '../support/expectDiagnostics';
import { marked } from '../support/marked';

const registry = createDefaultRegistry();

const meta = 'metadata: { name: x, namespace: shop }';

describe('Linkerd admission rules', () => {
  it('MeshTLSAuthentication identities: SPIFFE IDs and DNS-like names pass, others fail', () => {
    expect(
      'linkerd-identity',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
${meta}
spec:
  identities:
    - "*"
    - "*.shop.serviceaccount.identity.linkerd.cluster.local"
    - spiffe://cluster.local/ns/shop/sa/web
    - ⟦Web.Shop⟧
    - ⟦spiffe://td/a//b⟧
`,
    );
  });

  it('MeshTLSAuthentication identityRefs: ServiceAccount or Namespace, and a Namespace has no namespace', () => {
    expect(
      'linkerd-identity',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
${meta}
spec:
  identityRefs:
    - { kind: ServiceAccount, name: web }
    - { kind: Namespace, name: shop }
    - { ⟦kind⟧: Deployment, name: web }
    - { kind: Namespace, name: shop, ⟦namespace⟧: shop }
`,
    );
  });

  it('AuthorizationPolicy: target kinds, own namespace only, at most one of each authentication', () => {
    expect(
      'linkerd-target',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { group: apps, ⟦kind⟧: Deployment, name: web }
  requiredAuthenticationRefs: []
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { kind: Namespace, ⟦name⟧: billing }
  requiredAuthenticationRefs: []
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { kind: Namespace, name: shop }
  requiredAuthenticationRefs: []
`,
    );
    const messages = expect(
      'linkerd-authentication-refs',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { group: policy.linkerd.io, kind: Server, name: web }
  requiredAuthenticationRefs:
    - { group: policy.linkerd.io, kind: MeshTLSAuthentication, name: a }
    - { group: policy.linkerd.io, ⟦kind⟧: MeshTLSAuthentication, name: b }
    - { ⟦kind⟧: ServiceAccount, name: web }
    - { group: apps, ⟦kind⟧: Deployment, name: web }
`,
    );
    assert.match(messages[1], /may not be required together/);
    assert.match(messages[2], /Unsupported authentication kind Deployment/);
  });

  it('NetworkAuthentication and EgressNetwork: valid CIDRs, exceptions inside and not covering them', () => {
    const messages = expect(
      'linkerd-network',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: NetworkAuthentication
${meta}
spec:
  networks:
    - cidr: 10.0.0.0/8
      except: [10.1.0.0/16, 10.2.3.4]
    - cidr: ⟦10.0.0.0/40⟧
    - cidr: 192.168.0.0/16
      except: [⟦10.0.0.0/24⟧, ⟦192.168.0.0/16⟧]
---
apiVersion: policy.linkerd.io/v1alpha1
kind: EgressNetwork
${meta}
spec:
  trafficPolicy: Allow
  networks:
    - cidr: 0.0.0.0/0
      except: [⟦0.0.0.0/0⟧]
`,
    );
    assert.match(messages[1], /not inside 192\.168\.0\.0\/16/);
    assert.match(messages[2], /removes all of/);
    for (const [kind, extra] of [
      ['NetworkAuthentication', ''],
      ['EgressNetwork', '\n  trafficPolicy: Allow'],
    ]) {
      expect(
        'linkerd-network',
        `apiVersion: policy.linkerd.io/v1alpha1
kind: ${kind}
${meta}
spec:${extra}
  ⟦networks⟧: []
`,
      );
    }
  });

  it('Server: proxy protocol and default access policy, with a case fix', () => {
    const { text } = marked(`apiVersion: policy.linkerd.io/v1beta3
kind: Server
${meta}
spec:
  podSelector: { matchLabels: { app: web } }
  port: http
  proxyProtocol: http/2
  accessPolicy: allow-all
`);
    const diagnostics = validateYaml(parseYaml(text), registry);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['linkerd-server', 'linkerd-server'],
    );
    assert.deepEqual(diagnostics[0].data, { title: 'Change to HTTP/2', replacement: 'HTTP/2' });
    expect(
      'linkerd-server',
      `apiVersion: policy.linkerd.io/v1beta3
kind: Server
${meta}
spec:
  podSelector: { matchLabels: { app: web } }
  port: 8080
  proxyProtocol: gRPC
  accessPolicy: cluster-authenticated
`,
    );
  });

  it('ServerAuthorization: meshTLS excludes unauthenticated; unauthenticatedTLS excludes identities', () => {
    expect(
      'linkerd-server-authorization',
      `apiVersion: policy.linkerd.io/v1beta1
kind: ServerAuthorization
${meta}
spec:
  server: { name: web }
  client:
    ⟦unauthenticated⟧: true
    meshTLS:
      ⟦unauthenticatedTLS⟧: true
      serviceAccounts: [{ name: web }]
---
apiVersion: policy.linkerd.io/v1beta1
kind: ServerAuthorization
${meta}
spec:
  server: { name: web }
  client:
    meshTLS:
      unauthenticatedTLS: true
      identities: []
`,
    );
  });

  it('HTTPRoute: absolute paths, ports for Services and EgressNetwork parents', () => {
    const source = `apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
${meta}
spec:
  parentRefs:
    - { group: policy.linkerd.io, ⟦kind⟧: EgressNetwork, name: egress }
    - { group: core, kind: Server, name: web }
  rules:
    - matches:
        - path: { type: PathPrefix, ⟦value⟧: api }
        - path: { type: PathPrefix, value: /ok }
      backendRefs:
        - { ⟦name⟧: web }
        - { name: web, port: 80 }
`;
    expect('linkerd-route', source);
    // The webhook admits a Linkerd HTTPRoute whose Service backend has no port (it checks that on Gateway API routes only).
    const severities = validateYaml(parseYaml(marked(source).text), registry).map((d) => d.severity);
    assert.deepEqual(severities, [DiagnosticSeverity.Error, DiagnosticSeverity.Error, DiagnosticSeverity.Warning]);
  });

  it('HTTPRoute: a regular-expression path may be relative; a redirect path needs a replacement; timeouts not negative, the backend one within the request one', () => {
    const messages = expect(
      'linkerd-route',
      `apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
${meta}
spec:
  parentRefs: [{ group: policy.linkerd.io, kind: Server, name: web }]
  rules:
    - matches:
        - path: { type: RegularExpression, value: "api/v[0-9]+" }
      filters:
        - type: RequestRedirect
          requestRedirect:
            ⟦path⟧: { type: ReplaceFullPath }
      timeouts: { ⟦request⟧: -1s }
    - timeouts: { request: 5s, ⟦backendRequest⟧: 10s }
    - timeouts: { request: 10s, backendRequest: 5s }
`,
    );
    assert.match(messages[0], /replaceFullPath or replacePrefixMatch/);
    assert.match(messages[1], /cannot be negative/);
    assert.match(messages[2], /cannot be longer than the request timeout \(5s\)/);
  });

  it('references compare group and kind as the policy controller does: case aside, and an empty group is the core group', () => {
    const messages = expect(
      'linkerd-target',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { group: policy.linkerd.io, kind: HttpRoute, name: web }
  requiredAuthenticationRefs:
    - { group: policy.linkerd.io, kind: meshtlsauthentication, name: a }
    - { group: policy.linkerd.io, kind: NetworkAUTHENTICATION, name: b }
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { ⟦kind⟧: Server, name: web }
  requiredAuthenticationRefs: []
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { group: policy.linkerd.io, ⟦kind⟧: Namespace, name: billing }
  requiredAuthenticationRefs: []
---
apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { group: gateway.networking.k8s.io, kind: grpcroute, name: web }
  requiredAuthenticationRefs: []
`,
    );
    assert.match(messages[0], /refuses Server\.?$/);
    assert.match(messages[1], /refuses Namespace\.policy\.linkerd\.io/);
    expect(
      'linkerd-authentication-refs',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { group: policy.linkerd.io, kind: Server, name: web }
  requiredAuthenticationRefs:
    - { ⟦kind⟧: MeshTLSAuthentication, name: a }
`,
    );
    expect(
      'linkerd-identity',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
${meta}
spec:
  identityRefs:
    - { group: "", kind: serviceaccount, name: web }
    - { group: policy.linkerd.io, ⟦kind⟧: ServiceAccount, name: web }
`,
    );
    expect(
      'linkerd-rate-limit',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: HTTPLocalRateLimitPolicy
${meta}
spec:
  targetRef: { group: policy.linkerd.io, kind: server, name: web }
  total: { requestsPerSecond: 100 }
  overrides:
    - requestsPerSecond: 50
      clientRefs: [{ group: core, kind: ServiceAccount, name: a }, { group: apps, ⟦kind⟧: ServiceAccount, name: b }]
`,
    );
  });

  it('HTTPLocalRateLimitPolicy: Server target, positive limits within the total, ServiceAccount overrides', () => {
    expect(
      'linkerd-rate-limit',
      `apiVersion: policy.linkerd.io/v1alpha1
kind: HTTPLocalRateLimitPolicy
${meta}
spec:
  targetRef: { group: policy.linkerd.io, kind: Server, name: web }
  total: { requestsPerSecond: 100 }
  identity: { ⟦requestsPerSecond⟧: 200 }
  overrides:
    - requestsPerSecond: 50
      clientRefs: [{ ⟦kind⟧: Namespace, name: shop }]
`,
    );
  });

  it("completion offers the values the webhook alone limits: a Server's proxyProtocol and accessPolicy", () => {
    const labels = (field: string) => {
      const { text, offset } = withCursor(`apiVersion: policy.linkerd.io/v1beta3\nkind: Server\n${meta}\nspec:\n  port: 80\n  ${field}: |\n`);
      return completeAt(text, parseYaml(text), offset, registry).map((item) => item.label);
    };
    assert.deepEqual(labels('proxyProtocol'), ['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS']);
    assert.deepEqual(labels('accessPolicy'), ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit']);
  });
});
