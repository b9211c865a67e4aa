import type { ConformanceSuite } from '../conformanceCase';

// Each upstream test validates one identity string; here it is the one identity of a MeshTLSAuthentication, which the webhook checks the same way.

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-controller/runtime/src/validation.rs tests (validate_identity)',
  cases: [
    {
      name: 'valid_dns',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "system.local"\n',
    },
    {
      name: 'valid_dns_all',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "*"\n',
    },
    {
      name: 'valid_dns_prefix',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "*.system.local"\n',
    },
    {
      name: 'invalid_dns_suffix',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "system.local.*"\n',
    },
    {
      name: 'invalid_dns_trailing_dot',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "system.local."\n',
    },
    {
      name: 'invalid_dns_leading_dot',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - ".system.local"\n',
    },
    {
      name: 'invalid_dns_double_dots',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "system..local"\n',
    },
    {
      name: 'valid_spiffe_no_path',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://trustdomain"\n',
    },
    {
      name: 'valid_spiffe_with_path',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://trustdomain/path/element"\n',
    },
    {
      name: 'invalid_spiffe_scheme',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "http://domain.test/path/element"\n',
    },
    {
      name: 'invalid_spiffe_wrong_scheme',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe:/path/element"\n',
    },
    {
      name: 'invalid_spiffe_empty_trust_domain',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe:///path/element"\n',
    },
    {
      name: 'invalid_spiffe_no_slashes_in_scheme',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe:path/element"\n',
    },
    {
      name: 'invalid_spiffe_uri_with_query',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://domain.test/path/element?query="\n',
    },
    {
      name: 'invalid_spiffe_uri_with_fragment',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://domain.test/path/element#fragment-1"\n',
    },
    {
      name: 'invalid_spiffe_uri_with_str_port',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://domain.test:8080/path/element"\n',
    },
    {
      name: 'invalid_spiffe_uri_with_user_info',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://user:password@test.org/path/element"\n',
    },
    {
      name: 'invalid_spiffe_uri_with_trailing_slash',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://test.org/"\n',
    },
    {
      name: 'invalid_spiffe_uri_with_empty_segment',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://test.org//"\n',
    },
    {
      name: 'invalid_spiffe_uri_str_with_path_with_trailing_slash',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://test.org/path/other/"\n',
    },
    {
      name: 'invalid_spiffe_uri_str_with_dot_segment',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://test.org/./other"\n',
    },
    {
      name: 'invalid_spiffe_uri_str_with_double_dot_segment',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - "spiffe://test.org/../other"\n',
    },
  ],
};
