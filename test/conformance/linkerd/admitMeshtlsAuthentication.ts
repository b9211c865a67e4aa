import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_meshtls_authentication.rs',
  cases: [
    {
      name: 'accepts_valid_ref',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identityRefs:\n    - kind: ServiceAccount\n      name: default\n',
    },
    {
      name: 'accepts_ns_ref',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identityRefs:\n    - kind: Namespace\n      name: default\n',
    },
    {
      name: 'rejects_namespaced_namespace',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identityRefs:\n    - kind: Namespace\n      name: default\n      namespace: default\n',
    },
    {
      name: 'accepts_strings',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - example.id\n',
    },
    {
      name: 'rejects_empty',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec: {}\n',
    },
    {
      name: 'rejects_both_refs_and_strings',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: MeshTLSAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  identities:\n    - example.id\n  identityRefs:\n    - kind: ServiceAccount\n      name: default\n',
    },
  ],
};
