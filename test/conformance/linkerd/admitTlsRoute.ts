import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_tls_route.rs',
  cases: [
    {
      name: 'accepts_valid_egress_network',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: EgressNetwork\n      namespace: test-ns\n      name: my-egress-net\n      port: 555\n  rules:\n    - backendRefs:\n        - group: policy.linkerd.ip\n          kind: EgressNetwork\n          name: foo\n',
    },
    {
      name: 'rejects_egress_network_parent_with_no_port',
      valid: false,
      differs:
        'Gateway API kinds (gateway.networking.k8s.io) are not among the kinds mesh-mtls checks: no schema of theirs is registered, so a file of them is not ours to lint.',
      yaml: 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: EgressNetwork\n      namespace: test-ns\n      name: my-egress-net\n  rules:\n    - backendRefs:\n        - group: policy.linkerd.ip\n          kind: EgressNetwork\n          name: foo\n',
    },
    {
      name: 'rejects_if_more_than_one_rule',
      valid: false,
      differs:
        'Gateway API kinds (gateway.networking.k8s.io) are not among the kinds mesh-mtls checks: no schema of theirs is registered, so a file of them is not ours to lint.',
      yaml: 'apiVersion: gateway.networking.k8s.io/v1alpha2\nkind: TLSRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: EgressNetwork\n      namespace: test-ns\n      name: my-egress-net\n      port: 555\n  rules:\n    - backendRefs:\n        - group: policy.linkerd.ip\n          kind: EgressNetwork\n          name: foo\n    - backendRefs:\n        - group: policy.linkerd.ip\n          kind: EgressNetwork\n          name: foo\n',
    },
  ],
};
