import type { ConformanceSuite } from '../conformanceCase';

// Translated from TestValidateAuthorizationPolicy: each case's resource as a manifest, with the upstream verdict
// (an error or not from the admission webhook's validation; its warnings are not errors).
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidateAuthorizationPolicy',
  cases: [
    {
      name: 'good',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n      version: v1\n  rules:\n  - from:\n    - source:\n        principals:\n        - sa1\n    - source:\n        principals:\n        - sa2\n    to:\n    - operation:\n        methods:\n        - GET\n    - operation:\n        methods:\n        - POST\n    when:\n    - key: source.ip\n      values:\n      - 1.2.3.4\n      - 5.6.7.0/24\n    - key: request.headers[:authority]\n      values:\n      - v1\n      - v2\n',
    },
    {
      name: 'good serviceAccounts',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n      version: v1\n  rules:\n  - from:\n    - source:\n        serviceAccounts:\n        - ns1/sa1\n        - ns2/sa2\n    - source:\n        principals:\n        - sa2\n',
    },
    {
      name: 'serviceAccounts and namespaces',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n      version: v1\n  rules:\n  - from:\n    - source:\n        serviceAccounts:\n        - ns1/sa1\n        - ns2/sa2\n        namespaces:\n        - ns\n',
    },
    {
      name: 'custom-good',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: CUSTOM\n  provider:\n    name: my-custom-authz\n  rules:\n  - {}\n',
    },
    {
      name: 'custom-empty-provider',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: CUSTOM\n  provider: {}\n  rules:\n  - {}\n',
    },
    {
      name: 'custom-nil-provider',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: CUSTOM\n  rules:\n  - {}\n',
    },
    {
      name: 'custom-invalid-rule',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: CUSTOM\n  provider:\n    name: my-custom-authz\n  rules:\n  - from:\n    - source:\n        namespaces:\n        - ns\n        notNamespaces:\n        - ns\n        principals:\n        - id\n        notPrincipals:\n        - id\n        requestPrincipals:\n        - req\n        notRequestPrincipals:\n        - req\n    when:\n    - key: source.namespace\n      values:\n      - source.namespace1\n      notValues:\n      - source.namespace2\n    - key: source.principal\n      values:\n      - source.principal1\n      notValues:\n      - source.principal2\n    - key: request.auth.claims[a]\n      values:\n      - claims1\n      notValues:\n      - claims2\n',
    },
    {
      name: 'provider-wrong-action',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: ALLOW\n  provider: {}\n  rules:\n  - {}\n',
    },
    {
      name: 'allow-rules-nil',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: ALLOW\n',
    },
    {
      name: 'dry-run-valid-allow',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\n  annotations:\n    istio.io/dry-run: 'true'\nspec:\n  action: ALLOW\n",
    },
    {
      name: 'dry-run-valid-deny',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\n  annotations:\n    istio.io/dry-run: 'false'\nspec:\n  action: DENY\n  rules:\n  - {}\n",
    },
    {
      name: 'dry-run-invalid-value',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\n  annotations:\n    istio.io/dry-run: foo\nspec:\n  action: ALLOW\n',
    },
    {
      name: 'dry-run-invalid-action-custom',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\n  annotations:\n    istio.io/dry-run: 'true'\nspec:\n  action: CUSTOM\n",
    },
    {
      name: 'dry-run-invalid-action-audit',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\n  annotations:\n    istio.io/dry-run: 'true'\nspec:\n  action: AUDIT\n",
    },
    {
      name: 'deny-rules-nil',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n',
    },
    {
      name: 'selector-empty-value',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: ''\n      version: v1\n",
    },
    {
      name: 'selector-empty-key',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n      ? ''\n      : v1\n",
    },
    {
      name: 'selector-empty-labels',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector: {}\n',
    },
    {
      name: 'selector-wildcard-value',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin-*\n',
    },
    {
      name: 'selector-wildcard-key',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app-*: httpbin\n',
    },
    {
      name: 'target-ref-good',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n    name: foo\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'target-refs-good',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: foo\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'target-refs-good-service',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRefs:\n  - kind: Service\n    name: foo\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'target-ref-non-empty-namespace',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n    name: foo\n    namespace: bar\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'target-ref-empty-name',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'target-ref-wrong-group',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRef:\n    group: wrong-group\n    kind: Gateway\n    name: foo\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'target-ref-wrong-kind',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: wrong-kind\n    name: foo\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'target-ref-and-selector-cannot-both-be-set',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRef:\n    group: gateway.networking.k8s.io\n    kind: Gateway\n    name: foo\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'target-refs-and-selector-cannot-both-be-set',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  targetRefs:\n  - group: gateway.networking.k8s.io\n    kind: Gateway\n    name: foo\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
    {
      name: 'from-empty',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from: []\n',
    },
    {
      name: 'source-nil',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - {}\n',
    },
    {
      name: 'source-empty',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source: {}\n',
    },
    {
      name: 'to-empty',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to: []\n',
    },
    {
      name: 'operation-nil',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - {}\n',
    },
    {
      name: 'operation-empty',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation: {}\n',
    },
    {
      name: 'Principals-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        principals:\n        - p1\n        - ''\n",
    },
    {
      name: 'NotPrincipals-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        notPrincipals:\n        - p1\n        - ''\n",
    },
    {
      name: 'RequestPrincipals-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        requestPrincipals:\n        - p1\n        - ''\n",
    },
    {
      name: 'NotRequestPrincipals-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        notRequestPrincipals:\n        - p1\n        - ''\n",
    },
    {
      name: 'Namespaces-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        namespaces:\n        - ns\n        - ''\n",
    },
    {
      name: 'ServiceAccounts-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        serviceAccounts:\n        - ns/sa\n        - ''\n",
    },
    {
      name: 'NotNamespaces-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        notNamespaces:\n        - ns\n        - ''\n",
    },
    {
      name: 'IpBlocks-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        ipBlocks:\n        - 1.2.3.4\n        - ''\n",
    },
    {
      name: 'NotIpBlocks-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        notIpBlocks:\n        - 1.2.3.4\n        - ''\n",
    },
    {
      name: 'RemoteIpBlocks-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        remoteIpBlocks:\n        - 1.2.3.4\n        - ''\n",
    },
    {
      name: 'NotRemoteIpBlocks-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        notRemoteIpBlocks:\n        - 1.2.3.4\n        - ''\n",
    },
    {
      name: 'Hosts-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation:\n        hosts:\n        - host\n        - ''\n",
    },
    {
      name: 'NotHosts-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation:\n        notHosts:\n        - host\n        - ''\n",
    },
    {
      name: 'Ports-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation:\n        ports:\n        - '80'\n        - ''\n",
    },
    {
      name: 'NotPorts-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation:\n        notPorts:\n        - '80'\n        - ''\n",
    },
    {
      name: 'Methods-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation:\n        methods:\n        - GET\n        - ''\n",
    },
    {
      name: 'NotMethods-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation:\n        notMethods:\n        - GET\n        - ''\n",
    },
    {
      name: 'Paths-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation:\n        paths:\n        - /path\n        - ''\n",
    },
    {
      name: 'NotPaths-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - to:\n    - operation:\n        notPaths:\n        - /path\n        - ''\n",
    },
    {
      name: 'value-empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - when:\n    - key: request.headers[:authority]\n      values:\n      - v1\n      - ''\n",
    },
    {
      name: 'invalid ip and port in ipBlocks',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        ipBlocks:\n        - 1.2.3.4\n        - ip1\n        notIpBlocks:\n        - 5.6.7.8\n        - ip2\n    to:\n    - operation:\n        ports:\n        - '80'\n        - port1\n        notPorts:\n        - '90'\n        - port2\n",
    },
    {
      name: 'invalid ip and port in remoteIpBlocks',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - from:\n    - source:\n        remoteIpBlocks:\n        - 1.2.3.4\n        - ip1\n        notRemoteIpBlocks:\n        - 5.6.7.8\n        - ip2\n    to:\n    - operation:\n        ports:\n        - '80'\n        - port1\n        notPorts:\n        - '90'\n        - port2\n",
    },
    {
      name: 'condition-key-missing',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - when:\n    - values:\n      - v1\n      - v2\n',
    },
    {
      name: 'condition-key-empty',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - when:\n    - values:\n      - v1\n      - v2\n',
    },
    {
      name: 'condition-value-missing',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - when:\n    - key: source.principal\n',
    },
    {
      name: 'condition-value-invalid',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - when:\n    - key: source.ip\n      values:\n      - a.b.c.d\n',
    },
    {
      name: 'condition-notValue-invalid',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  rules:\n  - when:\n    - key: source.ip\n      notValues:\n      - a.b.c.d\n',
    },
    {
      name: 'condition-unknown',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - when:\n    - key: key1\n      values:\n      - v1\n',
    },
    {
      name: 'L7DenyWithFrom',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - from:\n    - source:\n        requestPrincipals:\n        - example.com/sub-1\n',
    },
    {
      name: 'L7DenyWithTo',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - to:\n    - operation:\n        methods:\n        - GET\n        - DELETE\n',
    },
    {
      name: 'L7DenyWithFromAndTo',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        methods:\n        - GET\n        - DELETE\n',
    },
    {
      name: 'L7DenyWithFromAndToWithPort',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: AuthorizationPolicy\nmetadata:\n  name: name\n  namespace: namespace\nspec:\n  action: DENY\n  selector:\n    matchLabels:\n      app: httpbin\n  rules:\n  - from:\n    - source:\n        principals:\n        - temp\n    to:\n    - operation:\n        ports:\n        - '8080'\n        methods:\n        - GET\n        - DELETE\n",
    },
  ],
};
