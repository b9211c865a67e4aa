import type { ConformanceSuite } from '../conformanceCase';

// Translated from TestCheckWildcardValues: each case as the values of a source.trustDomain condition,
// the one AuthorizationPolicy field istiod checks with CheckWildcardValues alone.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/security/security_test.go TestCheckWildcardValues',
  cases: [
    {
      name: 'exact',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: wildcard\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - foo\n',
    },
    {
      name: 'presence',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: wildcard\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - '*'\n",
    },
    {
      name: 'prefix',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: wildcard\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - foo*\n',
    },
    {
      name: 'suffix',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: wildcard\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - '*foo'\n",
    },
    {
      name: 'empty',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: wildcard\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - ''\n",
    },
    {
      name: 'middle wildcard',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: wildcard\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - fo*-bar\n',
    },
    {
      name: 'multiple wildcards',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata:\n  name: wildcard\n  namespace: foo\nspec:\n  rules:\n  - when:\n    - key: source.trustDomain\n      values:\n      - fo*bar*\n',
    },
  ],
};
