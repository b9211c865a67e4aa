// The benchmark's input: a realistic multi-document manifest, every supported kind among ordinary
// Deployments and Services, about 20 lines per resource, valid as a whole.

/** One template per policy kind and workload kind, by resource number. */
export const POLICY_KINDS: Array<(i: number) => string> = [
  (i) => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: pa-${i}
  namespace: ns-${i % 40}
spec:
  selector:
    matchLabels:
      app: app-${i}
  mtls:
    mode: STRICT
  portLevelMtls:
    "8080":
      mode: PERMISSIVE
`,
  (i) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-${i}
  namespace: ns-${i % 40}
spec:
  selector:
    matchLabels:
      app: app-${i}
  action: ALLOW
  rules:
    - from:
        - source:
            principals: ["cluster.local/ns/ns-${(i + 1) % 40}/sa/sa-${i}"]
      to:
        - operation:
            methods: ["GET", "POST"]
            paths: ["/api/${i}/*"]
      when:
        - key: request.headers[x-tenant]
          values: ["t-${i}"]
`,
  (i) => `apiVersion: security.istio.io/v1
kind: RequestAuthentication
metadata:
  name: jwt-${i}
  namespace: ns-${i % 40}
spec:
  selector:
    matchLabels:
      app: app-${i}
  jwtRules:
    - issuer: https://issuer-${i}.example
      jwksUri: https://issuer-${i}.example/jwks.json
      audiences: ["app-${i}"]
      forwardOriginalToken: true
`,
  (i) => `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: dr-${i}
  namespace: ns-${i % 40}
spec:
  host: app-${i}.ns-${i % 40}.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    connectionPool:
      tcp:
        maxConnections: 100
  subsets:
    - name: v1
      labels:
        version: v1
`,
  (i) => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata:
  name: srv-${i}
  namespace: ns-${i % 40}
spec:
  podSelector:
    matchLabels:
      app: app-${i}
  port: http
  proxyProtocol: HTTP/2
`,
  (i) => `apiVersion: policy.linkerd.io/v1alpha1
kind: AuthorizationPolicy
metadata:
  name: authz-${i}
  namespace: ns-${i % 40}
spec:
  targetRef:
    group: policy.linkerd.io
    kind: Server
    name: srv-${i}
  requiredAuthenticationRefs:
    - name: mtls-${i}
      kind: MeshTLSAuthentication
      group: policy.linkerd.io
`,
  (i) => `apiVersion: policy.linkerd.io/v1alpha1
kind: MeshTLSAuthentication
metadata:
  name: mtls-${i}
  namespace: ns-${i % 40}
spec:
  identities:
    - "sa-${i}.ns-${i % 40}.serviceaccount.identity.linkerd.cluster.local"
`,
  (i) => `apiVersion: policy.linkerd.io/v1beta3
kind: HTTPRoute
metadata:
  name: route-${i}
  namespace: ns-${i % 40}
spec:
  parentRefs:
    - name: srv-${i}
      kind: Server
      group: policy.linkerd.io
  rules:
    - matches:
        - path:
            type: PathPrefix
            value: /api/${i}
          method: GET
`,
  (i) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata:
  name: cert-${i}
  namespace: ns-${i % 40}
spec:
  secretName: cert-${i}-tls
  duration: 2160h
  renewBefore: 360h
  commonName: app-${i}.example.com
  dnsNames:
    - app-${i}.example.com
    - app-${i}.ns-${i % 40}.svc.cluster.local
  usages:
    - server auth
    - client auth
  privateKey:
    algorithm: ECDSA
    size: 256
  issuerRef:
    name: ca-${i % 10}
    kind: Issuer
`,
  (i) => `apiVersion: cert-manager.io/v1
kind: Issuer
metadata:
  name: ca-${i % 10}
  namespace: ns-${i % 40}
spec:
  ca:
    secretName: ca-key-pair-${i % 10}
`,
  (i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: ns-${i % 40}
  labels:
    app: app-${i}
spec:
  replicas: 2
  selector:
    matchLabels:
      app: app-${i}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      serviceAccountName: sa-${i}
      containers:
        - name: main
          image: registry.example/app:${i}
          ports:
            - containerPort: 8080
`,
  (i) => `apiVersion: v1
kind: Service
metadata:
  name: app-${i}
  namespace: ns-${i % 40}
spec:
  selector:
    app: app-${i}
  ports:
    - name: http
      port: 80
      targetPort: 8080
`,
];

/** A manifest of at least `lines` lines, cycling through every kind. */
export function generateManifest(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let i = 0; count < lines; i++) {
    const doc = POLICY_KINDS[i % POLICY_KINDS.length](i);
    parts.push(doc);
    count += doc.split('\n').length; // its lines and the --- before the next
  }
  return parts.join('---\n');
}
