import * as assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { expectDiagnostics as expect } from '../support/expectDiagnostics';
import { marked } from '../support/marked';

const registry = createDefaultRegistry();

const meta = 'metadata: { name: x, namespace: shop }';

describe('Linkerd admission rules', () => {
  it('MeshTLSAuthentication identities: SPIFFE IDs and DNS-like names pass, others fail', () => {
    expect('linkerd-identity', `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
${meta}
spec:
  identities:
    - "*"
    - "*.shop.serviceaccount.identity.linkerd.cluster.local"
    - spiffe://cluster.local/ns/shop/sa/web
    - ⟦Web.Shop⟧
    - ⟦spiffe://td/a//b⟧
`);
  });

  it('MeshTLSAuthentication identityRefs: ServiceAccount or Namespace, and a Namespace has no namespace', () => {
    expect('linkerd-identity', `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
${meta}
spec:
  identityRefs:
    - { kind: ServiceAccount, name: web }
    - { kind: Namespace, name: shop }
    - { ⟦kind⟧: Deployment, name: web }
    - { kind: Namespace, name: shop, ⟦namespace⟧: shop }
`);
  });

  it('AuthorizationPolicy: target kinds, own namespace only, at most one of each authentication', () => {
    expect('linkerd-target', `apiVersion: policy.linkerd.io/v1alpha1
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
`);
    const messages = expect('linkerd-authentication-refs', `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
${meta}
spec:
  targetRef: { group: policy.linkerd.io, kind: Server, name: web }
  requiredAuthenticationRefs:
    - { group: policy.linkerd.io, kind: MeshTLSAuthentication, name: a }
    - { group: policy.linkerd.io, ⟦kind⟧: MeshTLSAuthentication, name: b }
    - { ⟦kind⟧: ServiceAccount, name: web }
    - { group: apps, ⟦kind⟧: Deployment, name: web }
`);
    assert.match(messages[1], /may not be required together/);
    assert.match(messages[2], /Unsupported authentication kind Deployment/);
  });

  it('NetworkAuthentication and EgressNetwork: valid CIDRs, exceptions inside and not covering them', () => {
    const messages = expect('linkerd-network', `apiVersion: policy.linkerd.io/v1alpha1
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
`);
    assert.match(messages[1], /not inside 192\.168\.0\.0\/16/);
    assert.match(messages[2], /removes all of/);
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
    assert.deepEqual(diagnostics.map((d) => d.code), ['linkerd-server', 'linkerd-server']);
    assert.deepEqual(diagnostics[0].data, { title: 'Change to HTTP/2', replacement: 'HTTP/2' });
    expect('linkerd-server', `apiVersion: policy.linkerd.io/v1beta3
kind: Server
${meta}
spec:
  podSelector: { matchLabels: { app: web } }
  port: 8080
  proxyProtocol: gRPC
  accessPolicy: cluster-authenticated
`);
  });

  it('ServerAuthorization: meshTLS excludes unauthenticated; unauthenticatedTLS excludes identities', () => {
    expect('linkerd-server-authorization', `apiVersion: policy.linkerd.io/v1beta1
kind: ServerAuthorization
${meta}
spec:
  server: { name: web }
  client:
    ⟦unauthenticated⟧: true
    meshTLS:
      ⟦unauthenticatedTLS⟧: true
      serviceAccounts: [{ name: web }]
`);
  });

  it('HTTPRoute: absolute paths, ports for Services and EgressNetwork parents', () => {
    expect('linkerd-route', `apiVersion: policy.linkerd.io/v1beta3
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
`);
  });

  it('HTTPLocalRateLimitPolicy: Server target, positive limits within the total, ServiceAccount overrides', () => {
    expect('linkerd-rate-limit', `apiVersion: policy.linkerd.io/v1alpha1
kind: HTTPLocalRateLimitPolicy
${meta}
spec:
  targetRef: { group: policy.linkerd.io, kind: Server, name: web }
  total: { requestsPerSecond: 100 }
  identity: { ⟦requestsPerSecond⟧: 200 }
  overrides:
    - requestsPerSecond: 50
      clientRefs: [{ ⟦kind⟧: Namespace, name: shop }]
`);
  });
});
