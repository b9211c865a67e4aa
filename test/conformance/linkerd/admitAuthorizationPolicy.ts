import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_authorization_policy.rs',
  cases: [
    {
      name: 'accepts_valid',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: api\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: MeshTLSAuthentication\n      name: mtls-clients\n    - group: policy.linkerd.io\n      kind: NetworkAuthentication\n      name: cluster-nets\n      namespace: linkerd\n',
    },
    {
      name: 'accepts_targets_namespace',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    kind: Namespace\n    name: test-ns\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: MeshTLSAuthentication\n      name: mtls-clients\n    - group: policy.linkerd.io\n      kind: NetworkAuthentication\n      name: cluster-nets\n      namespace: linkerd\n',
    },
    {
      name: 'rejects_targets_other_namespace',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    kind: Namespace\n    name: foobar\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: MeshTLSAuthentication\n      name: mtls-clients\n    - group: policy.linkerd.io\n      kind: NetworkAuthentication\n      name: cluster-nets\n      namespace: linkerd\n',
    },
    {
      name: 'accepts_targets_route',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: HttpRoute\n    name: route-foo\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: MeshTLSAuthentication\n      name: mtls-clients\n    - group: policy.linkerd.io\n      kind: NetworkAuthentication\n      name: cluster-nets\n      namespace: linkerd\n',
    },
    {
      name: 'accepts_valid_with_only_meshtls',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: api\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: MeshTLSAuthentication\n      name: mtls-clients\n',
    },
    {
      name: 'accepts_valid_with_only_network',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: api\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: NetworkAuthentication\n      name: cluster-nets\n      namespace: linkerd\n',
    },
    {
      name: 'accepts_empty_required_authentications',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: deny\n  requiredAuthenticationRefs: []\n',
    },
    {
      name: 'rejects_missing_required_authentications',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: deny\n',
    },
    {
      name: 'rejects_target_ref_deployment',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: apps\n    kind: Deployment\n    name: someapp\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: NetworkAuthentication\n      name: cluster-nets\n      namespace: linkerd\n',
    },
    {
      name: 'rejects_duplicate_mtls_authns',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: some-srv\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: MeshTLSAuthentication\n      namespace: some-ns\n      name: some-ids\n    - group: policy.linkerd.io\n      kind: MeshTLSAuthentication\n      namespace: other-ns\n      name: other-ids\n',
    },
    {
      name: 'rejects_duplicate_network_authns',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: AuthorizationPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: some-srv\n  requiredAuthenticationRefs:\n    - group: policy.linkerd.io\n      kind: NetworkAuthentication\n      namespace: some-ns\n      name: some-nets\n    - group: policy.linkerd.io\n      kind: NetworkAuthentication\n      namespace: other-ns\n      name: other-nets\n',
    },
  ],
};
