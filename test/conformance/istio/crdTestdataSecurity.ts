import type { ConformanceSuite } from '../conformanceCase';

// Translated from the CRD validation test data of the security kinds: each document of *-valid.yaml must be accepted and
// each of *-invalid.yaml refused, by the CRD schema or the webhook (TestCRDs in openapi_test.go).
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/testdata/crds TestCRDs (authz-*, peerauth-*, reqauth-*)',
  cases: [
    {
      name: 'authz-valid.yaml #1 (full)',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: full\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n    - from:\n        - source:\n            principals: ["principal", "principal-prefix-*", "*-suffix-principal", "*"]\n            requestPrincipals: ["requestPrincipals", "requestPrincipals-prefix-*", "*-suffix-requestPrincipals", "*"]\n            namespaces: ["ns", "ns-prefix-*", "*-ns-suffix", "*"]\n            ipBlocks: ["1.2.3.4", "5.6.0.0/16"]\n            remoteIpBlocks: ["1.2.3.4", "5.6.0.0/16"]\n            notPrincipals: ["not-principal", "not-principal-prefix-*", "*-not-suffix-principal", "*"]\n            notRequestPrincipals: ["not-requestPrincipals", "not-requestPrincipals-prefix-*", "*-not-suffix-requestPrincipals", "*"]\n            notNamespaces: ["not-ns", "not-ns-prefix-*", "*-not-ns-suffix", "*"]\n            notIpBlocks: ["9.0.0.1", "9.2.0.0/16"]\n            notRemoteIpBlocks: ["9.0.0.1", "9.2.0.0/16"]\n            trustDomains: ["cluster.local", "cluster-prefix-*", "*-suffix-cluster", "*"]\n            notTrustDomains: ["not-cluster.local", "not-cluster-prefix-*", "*-not-suffix-cluster", "*"]\n      to:\n        - operation:\n            methods: ["method", "method-prefix-*", "*-suffix-method", "*"]\n            hosts: ["exact.com", "*.suffix.com", "prefix.*", "*"]\n            ports: ["80", "90"]\n            paths: ["/exact", "/prefix/*", "*/suffix", "*", "/path/template/{*}", "/{**}/path/template"]\n            notMethods: ["not-method", "not-method-prefix-*", "*-not-suffix-method", "*"]\n            notHosts: ["not-exact.com", "*.not-suffix.com", "not-prefix.*", "*"]\n            notPorts: ["8000", "9000"]\n            notPaths: ["/not-exact", "/not-prefix/*", "*/not-suffix", "*", "/not-path/template/{*}", "/{**}/not-path/template"]\n      when:\n        - key: "request.headers[X-header]"\n          values: ["header", "header-prefix-*", "*-suffix-header", "*"]\n          notValues: ["not-header", "not-header-prefix-*", "*-not-suffix-header", "*"]\n        - key: "source.ip"\n          values: ["10.10.10.10", "192.168.10.0/24"]\n          notValues: ["90.10.10.10", "90.168.10.0/24"]\n        - key: "remote.ip"\n          values: ["10.10.10.10", "192.168.10.0/24"]\n          notValues: ["90.10.10.10", "90.168.10.0/24"]\n        - key: "source.namespace"\n          values: ["ns", "ns-prefix-*", "*-ns-suffix", "*"]\n          notValues: ["not-ns", "not-ns-prefix-*", "*-not-ns-suffix", "*"]\n        - key: "source.principal"\n          values: ["principal", "principal-prefix-*", "*-suffix-principal", "*"]\n          notValues: ["not-principal", "not-principal-prefix-*", "*-not-suffix-principal", "*"]\n        - key: "request.auth.principal"\n          values: ["requestPrincipals", "requestPrincipals-prefix-*", "*-suffix-requestPrincipals", "*", "https://example.com/*"]\n          notValues: ["not-requestPrincipals", "not-requestPrincipals-prefix-*", "*-not-suffix-requestPrincipals", "*"]\n        - key: "request.auth.audiences"\n          values: ["audiences", "audiences-prefix-*", "*-suffix-audiences", "*"]\n          notValues: ["not-audiences", "not-audiences-prefix-*", "*-not-suffix-audiences", "*"]\n        - key: "request.auth.presenter"\n          values: ["presenter", "presenter-prefix-*", "*-suffix-presenter", "*"]\n          notValues: ["not-presenter", "not-presenter-prefix-*", "*-not-suffix-presenter", "*"]\n        - key: "request.auth.claims[iss]"\n          values: ["iss", "iss-prefix-*", "*-suffix-iss", "*"]\n          notValues: ["not-iss", "not-iss-prefix-*", "*-not-suffix-iss", "*"]\n        - key: "request.auth.claims[nested1][nested2]"\n          values: ["nested", "nested-prefix-*", "*-suffix-nested", "*"]\n          notValues: ["not-nested", "not-nested-prefix-*", "*-not-suffix-nested", "*"]\n        - key: "destination.ip"\n          values: ["10.10.10.10", "192.168.10.0/24"]\n          notValues: ["90.10.10.10", "90.168.10.0/24"]\n        - key: "destination.port"\n          values: ["91", "92"]\n          notValues: ["9001", "9002"]\n        - key: "connection.sni"\n          values: ["exact.com", "*.suffix.com", "prefix.*", "*"]\n          notValues: ["not-exact.com", "*.not-suffix.com", "not-prefix.*", "*"]\n        - key: "source.trustDomain"\n          values: ["cluster.local", "cluster-prefix-*", "*-suffix-cluster", "*"]\n          notValues: ["not-cluster.local", "not-cluster-prefix-*", "*-not-suffix-cluster", "*"]\n        - key: "experimental.envoy.filters.a.b[c]"\n          values: ["exact", "prefix-*", "*-suffix", "*"]\n          notValues: ["not-exact", "not-prefix-*", "*-not-suffix", "*"]\n',
    },
    {
      name: 'authz-valid.yaml #2 (service-account-and-namespace-principal-split)',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: service-account-and-namespace-principal-split\nspec:\n  rules:\n    - from:\n        - source:\n            serviceAccounts: ["baz/sa", "sa"]\n        - source:\n            principals: ["bar"]\n        - source:\n            namespaces: ["bar"]\n',
    },
    {
      name: 'authz-invalid.yaml #1 (service-account-and-namespace)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: service-account-and-namespace\nspec:\n  rules:\n    - from:\n        - source:\n            serviceAccounts: ["bar/sa"]\n            namespaces: ["bar"]\n',
    },
    {
      name: 'authz-invalid.yaml #2 (service-account-and-namespace-principal)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: service-account-and-namespace-principal\nspec:\n  rules:\n    - from:\n        - source:\n            serviceAccounts: ["baz/sa"]\n            principals: ["bar"]\n',
    },
    {
      name: 'peerauth-valid.yaml #1 (full)',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: full\nspec:\n  selector:\n    matchLabels:\n      foo: bar\n  mtls:\n    mode: PERMISSIVE\n  portLevelMtls:\n    "80":\n      mode: STRICT\n',
    },
    {
      name: 'peerauth-valid.yaml #2 (partial-selector)',
      valid: true,
      yaml: '# Weird but valid\napiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: partial-selector\nspec:\n  selector: {}\n',
    },
    {
      name: 'peerauth-invalid.yaml #1 (bad-mode)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: bad-mode\nspec:\n  mtls:\n    mode: BLAH\n',
    },
    {
      name: 'peerauth-invalid.yaml #2 (bad-port)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: bad-port\nspec:\n  selector:\n    matchLabels:\n      foo: bar\n  portLevelMtls:\n    "acd":\n      mode: STRICT\n',
    },
    {
      name: 'peerauth-invalid.yaml #3 (port-level-global)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: port-level-global\nspec:\n  portLevelMtls:\n    "80":\n      mode: STRICT\n',
    },
    {
      name: 'peerauth-invalid.yaml #4 (empty-port-level)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: empty-port-level\nspec:\n  selector:\n    matchLabels:\n      foo: bar\n  portLevelMtls: {}\n',
    },
    {
      name: 'peerauth-invalid.yaml #5 (zero-port)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: zero-port\nspec:\n  selector:\n    matchLabels:\n      foo: bar\n  portLevelMtls:\n    "0":\n      mode: STRICT\n',
    },
    {
      name: 'peerauth-invalid.yaml #6 (high-port)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: high-port\nspec:\n  selector:\n    matchLabels:\n      foo: bar\n  portLevelMtls:\n    "42949672":\n      mode: STRICT\n',
    },
    {
      name: 'reqauth-valid.yaml #1 (full)',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: full\nspec:\n  targetRefs:\n  - group: ""\n    kind: Service\n    name: foo\n  jwtRules:\n  - issuer: "example.com"\n    jwksUri: https://example.com/.well-known/jwks.json\n    forwardOriginalToken: true\n    fromCookies: [foo]\n    fromHeaders:\n      - name: foo\n        prefix: baz\n    outputClaimToHeaders:\n    - claim: abc\n      header: def\n    timeout: 5s\n    outputPayloadToHeader: header\n    spaceDelimitedClaims:\n    - "custom_scope"\n    - "provider.login.scope"\n    presence: REQUIRED\n',
    },
    {
      name: 'reqauth-invalid.yaml #1 (multi-refs)',
      valid: false,
      yaml: '# Missing cases\n# * Invalid JWKS (not feasible with CEL)\n\napiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: multi-refs\nspec:\n  targetRefs:\n  - group: ""\n    kind: Service\n    name: foo\n    namespace: bar\n  targetRef:\n    group: ""\n    kind: Service\n    name: foo\n    namespace: bar\n',
    },
    {
      name: 'reqauth-invalid.yaml #2 (ref-and-selector)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: ref-and-selector\nspec:\n  selector:\n    matchLabels:\n      a: b\n  targetRef:\n    group: ""\n    kind: Service\n    name: foo\n',
    },
    {
      name: 'reqauth-invalid.yaml #3 (bad-target-name)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: bad-target-name\nspec:\n  targetRef:\n    group: ""\n    kind: Service\n',
    },
    {
      name: 'reqauth-invalid.yaml #4 (bad-target-namespace)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: bad-target-namespace\nspec:\n  targetRef:\n    group: ""\n    kind: Service\n    name: foo\n    namespace: bar\n',
    },
    {
      name: 'reqauth-invalid.yaml #5 (bad-target-group)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: bad-target-group\nspec:\n  targetRef:\n    group: "__"\n    kind: Service\n    name: foo\n    namespace: bar\n',
    },
    {
      name: 'reqauth-invalid.yaml #6 (bad-target-kind)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: bad-target-kind\nspec:\n  targetRef:\n    group: ""\n    kind: Serv_ice\n    name: foo\n    namespace: bar\n',
    },
    {
      name: 'reqauth-invalid.yaml #7 (no-issuer)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: no-issuer\nspec:\n  jwtRules:\n  -\n',
    },
    {
      name: 'reqauth-invalid.yaml #8 (empty-aud)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: empty-aud\nspec:\n  jwtRules:\n  - issuer: example\n    audiences:\n    - ""\n',
    },
    {
      name: 'reqauth-invalid.yaml #9 (invalid-jwks)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-jwks\nspec:\n  jwtRules:\n  - issuer: example\n    jwksUri: "hTPp\\\\\\blah"\n',
    },
    {
      name: 'reqauth-invalid.yaml #10 (invalid-from-headers-no-name)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-from-headers-no-name\nspec:\n  jwtRules:\n  - issuer: example\n    fromHeaders:\n    - prefix: baz\n',
    },
    {
      name: 'reqauth-invalid.yaml #11 (invalid-from-headers-empty-name)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-from-headers-empty-name\nspec:\n  jwtRules:\n  - issuer: example\n    fromHeaders:\n    - name: ""\n      prefix: baz\n',
    },
    {
      name: 'reqauth-invalid.yaml #12 (invalid-from-params)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-from-params\nspec:\n  jwtRules:\n  - issuer: example\n    fromParams:\n    - ""\n',
    },
    {
      name: 'reqauth-invalid.yaml #13 (invalid-from-cookies)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-from-cookies\nspec:\n  jwtRules:\n  - issuer: example\n    fromCookies:\n    - ""\n',
    },
    {
      name: 'reqauth-invalid.yaml #14 (invalid-claim-to-header-unset)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-claim-to-header-unset\nspec:\n  jwtRules:\n  - issuer: example\n    outputClaimToHeaders:\n      - ~\n',
    },
    {
      name: 'reqauth-invalid.yaml #15 (invalid-claim-to-header-claim-empty)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-claim-to-header-claim-empty\nspec:\n  jwtRules:\n  - issuer: example\n    outputClaimToHeaders:\n      - claim: ""\n        header: "h"\n',
    },
    {
      name: 'reqauth-invalid.yaml #16 (invalid-claim-to-header-header-empty)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-claim-to-header-header-empty\nspec:\n  jwtRules:\n  - issuer: example\n    outputClaimToHeaders:\n      - claim: "x"\n        header: ""\n',
    },
    {
      name: 'reqauth-invalid.yaml #17 (invalid-claim-to-header-bad-header)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-claim-to-header-bad-header\nspec:\n  jwtRules:\n  - issuer: example\n    outputClaimToHeaders:\n      - claim: "x"\n        header: ":authority"\n',
    },
    {
      name: 'reqauth-invalid.yaml #18 (bad-timeout)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: bad-timeout\nspec:\n  jwtRules:\n  - issuer: example\n    timeout: "apple"\n',
    },
    {
      name: 'reqauth-invalid.yaml #19 (invalid-space-delimited-claims)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-space-delimited-claims\nspec:\n  jwtRules:\n  - issuer: example\n    spaceDelimitedClaims:\n    - ""\n',
    },
    {
      name: 'reqauth-invalid.yaml #20 (invalid-presence-value)',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata:\n  name: invalid-presence-value\nspec:\n  jwtRules:\n  - issuer: example\n    presence: MANDATORY\n',
    },
  ],
};
