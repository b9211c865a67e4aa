import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_http_local_ratelimit_policy.rs',
  cases: [
    {
      name: 'accepts_valid',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: HTTPLocalRateLimitPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: api\n  total:\n    requestsPerSecond: 1000\n  identity:\n    requestsPerSecond: 100\n  overrides:\n    - requestsPerSecond: 200\n      clientRefs:\n        - group: ""\n          kind: ServiceAccount\n          name: sa-1\n          namespace: linkerd\n',
    },
    {
      name: 'rejects_target_ref_deployment',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: HTTPLocalRateLimitPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: apps\n    kind: Deployment\n    name: api\n  total:\n    requestsPerSecond: 1000\n  identity:\n    requestsPerSecond: 100\n  overrides:\n    - requestsPerSecond: 200\n      clientRefs:\n        - group: ""\n          kind: ServiceAccount\n          name: sa-1\n          namespace: linkerd\n',
    },
    {
      name: 'rejects_identity_rps_higher_than_total',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: HTTPLocalRateLimitPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: api\n  total:\n    requestsPerSecond: 1000\n  identity:\n    requestsPerSecond: 2000\n  overrides:\n    - requestsPerSecond: 200\n      clientRefs:\n        - group: ""\n          kind: ServiceAccount\n          name: sa-1\n          namespace: linkerd\n',
    },
    {
      name: 'rejects_overrides_rps_higher_than_total',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: HTTPLocalRateLimitPolicy\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  targetRef:\n    group: policy.linkerd.io\n    kind: Server\n    name: api\n  total:\n    requestsPerSecond: 1000\n  identity:\n    requestsPerSecond: 2000\n  overrides:\n    - requestsPerSecond: 2000\n      clientRefs:\n        - group: ""\n          kind: ServiceAccount\n          name: sa-1\n          namespace: linkerd\n',
    },
  ],
};
