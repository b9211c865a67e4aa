import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_grpc_route.rs',
  cases: [
    {
      name: 'accepts_valid_egress_network',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: EgressNetwork\n      namespace: test-ns\n      name: my-egress-net\n      port: 555\n  rules:\n    - matches:\n        - method:\n            method: foo\n            service: my-service\n',
    },
    {
      name: 'rejects_egress_network_parent_with_no_port',
      valid: false,
      differs:
        'Gateway API kinds (gateway.networking.k8s.io) are not among the kinds mesh-mtls checks: no schema of theirs is registered, so a file of them is not ours to lint.',
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: EgressNetwork\n      namespace: test-ns\n      name: my-egress-net\n  rules:\n    - matches:\n        - method:\n            method: foo\n            service: my-service\n',
    },
  ],
};
