import type { ConformanceSuite } from '../conformanceCase';

// Translated from TestCheckTrustDomainValues: each case as the trustDomains of an AuthorizationPolicy source.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/security/security_test.go TestCheckTrustDomainValues',
  cases: [
    {
      name: 'exact',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: trust-domains\n  namespace: foo\nspec:\n  rules:\n  - from:\n    - source:\n        trustDomains:\n        - cluster.local\n',
    },
    {
      name: 'presence wildcard',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: trust-domains\n  namespace: foo\nspec:\n  rules:\n  - from:\n    - source:\n        trustDomains:\n        - '*'\n",
    },
    {
      name: 'prefix wildcard',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: trust-domains\n  namespace: foo\nspec:\n  rules:\n  - from:\n    - source:\n        trustDomains:\n        - cluster-*\n',
    },
    {
      name: 'suffix wildcard',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: trust-domains\n  namespace: foo\nspec:\n  rules:\n  - from:\n    - source:\n        trustDomains:\n        - '*-cluster'\n",
    },
    {
      name: 'empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: trust-domains\n  namespace: foo\nspec:\n  rules:\n  - from:\n    - source:\n        trustDomains:\n        - ''\n",
    },
    {
      name: 'slash',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: trust-domains\n  namespace: foo\nspec:\n  rules:\n  - from:\n    - source:\n        trustDomains:\n        - cluster.local/ns/foo\n',
    },
    {
      name: 'spiffe uri',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: trust-domains\n  namespace: foo\nspec:\n  rules:\n  - from:\n    - source:\n        trustDomains:\n        - spiffe://cluster.local\n',
    },
  ],
};
