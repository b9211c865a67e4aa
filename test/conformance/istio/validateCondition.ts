import type { ConformanceSuite } from '../conformanceCase';

// Translated from TestValidateCondition (security.ValidateAttribute): each case as the values of a
// `when` condition of an AuthorizationPolicy; the case has no name upstream, so its key and values name it.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/security/security_test.go TestValidateCondition',
  cases: [
    {
      name: 'request.headers[:authority] ["productpage", ""]',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: request.headers[:authority]\n      values:\n      - productpage\n      - ''\n",
    },
    {
      name: 'request.headers[:authority] ["productpage"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: request.headers[:authority]\n      values:\n      - productpage\n',
    },
    {
      name: 'request.headers[] ["productpage"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: request.headers[]\n      values:\n      - productpage\n',
    },
    {
      name: 'source.ip ["1.2.3.4", "5.6.7.0/24"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.ip\n      values:\n      - 1.2.3.4\n      - 5.6.7.0/24\n',
    },
    {
      name: 'source.ip ["a.b.c.d"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.ip\n      values:\n      - a.b.c.d\n',
    },
    {
      name: 'remote.ip ["1.2.3.4", "5.6.7.0/24"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: remote.ip\n      values:\n      - 1.2.3.4\n      - 5.6.7.0/24\n',
    },
    {
      name: 'remote.ip ["a.b.c.d"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: remote.ip\n      values:\n      - a.b.c.d\n',
    },
    {
      name: 'source.namespace ["value"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.namespace\n      values:\n      - value\n',
    },
    {
      name: 'source.user ["value"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.user\n      values:\n      - value\n',
    },
    {
      name: 'source.principal ["value"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.principal\n      values:\n      - value\n',
    },
    {
      name: 'source.serviceAccount ["too/many/slashes"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.serviceAccount\n      values:\n      - too/many/slashes\n',
    },
    {
      name: 'source.serviceAccount ["/emptyns"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.serviceAccount\n      values:\n      - /emptyns\n',
    },
    {
      name: 'source.serviceAccount ["emptysa/"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.serviceAccount\n      values:\n      - emptysa/\n',
    },
    {
      name: 'source.serviceAccount ["ns/sa"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.serviceAccount\n      values:\n      - ns/sa\n',
    },
    {
      name: 'source.serviceAccount ["sa"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.serviceAccount\n      values:\n      - sa\n',
    },
    {
      name: 'source.trustDomain ["cluster.local"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - cluster.local\n',
    },
    {
      name: 'source.trustDomain ["*"]',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - '*'\n",
    },
    {
      name: 'source.trustDomain ["foo*"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - foo*\n',
    },
    {
      name: 'source.trustDomain ["*bar"]',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - '*bar'\n",
    },
    {
      name: 'source.trustDomain ["fo*-bar"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - fo*-bar\n',
    },
    {
      name: 'source.trustDomain ["fo*bar*"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - fo*bar*\n',
    },
    {
      name: 'source.trustDomain [""]',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - ''\n",
    },
    {
      name: 'request.auth.principal ["value"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: request.auth.principal\n      values:\n      - value\n',
    },
    {
      name: 'request.auth.audiences ["value"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: request.auth.audiences\n      values:\n      - value\n',
    },
    {
      name: 'request.auth.presenter ["value"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: request.auth.presenter\n      values:\n      - value\n',
    },
    {
      name: 'request.auth.claims[id] ["123"]',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: request.auth.claims[id]\n      values:\n      - '123'\n",
    },
    {
      name: 'request.auth.claims[] ["value"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: request.auth.claims[]\n      values:\n      - value\n',
    },
    {
      name: 'destination.ip ["1.2.3.4", "5.6.7.0/24"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: destination.ip\n      values:\n      - 1.2.3.4\n      - 5.6.7.0/24\n',
    },
    {
      name: 'destination.ip ["a.b.c.d"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: destination.ip\n      values:\n      - a.b.c.d\n',
    },
    {
      name: 'destination.port ["80", "90"]',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: destination.port\n      values:\n      - '80'\n      - '90'\n",
    },
    {
      name: 'destination.port ["80", "x"]',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: destination.port\n      values:\n      - '80'\n      - x\n",
    },
    {
      name: 'destination.labels[app] ["value"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: destination.labels[app]\n      values:\n      - value\n',
    },
    {
      name: 'destination.name ["value"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: destination.name\n      values:\n      - value\n',
    },
    {
      name: 'destination.namespace ["value"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: destination.namespace\n      values:\n      - value\n',
    },
    {
      name: 'destination.user ["value"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: destination.user\n      values:\n      - value\n',
    },
    {
      name: 'connection.sni ["value"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: connection.sni\n      values:\n      - value\n',
    },
    {
      name: 'experimental.envoy.filters.a.b[c] ["value"]',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: experimental.envoy.filters.a.b[c]\n      values:\n      - value\n',
    },
    {
      name: 'experimental.envoy.filters.a.b.x ["value"]',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: condition\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: experimental.envoy.filters.a.b.x\n      values:\n      - value\n',
    },
  ],
};
