import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_http_route.rs',
  cases: [
    {
      name: 'accepts_valid',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n',
    },
    {
      name: 'accepts_valid_egress_network',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: EgressNetwork\n      namespace: test-ns\n      name: my-egress-net\n      port: 555\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n',
    },
    {
      name: 'rejects_egress_network_parent_with_no_port',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: EgressNetwork\n      namespace: test-ns\n      name: my-egress-net\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n',
    },
    {
      name: 'rejects_relative_path_match',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: foo/bar\n            type: Exact\n',
    },
    {
      name: 'rejects_relative_redirect_path',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      filters:\n        - type: RequestRedirect\n          requestRedirect:\n            path:\n              type: ReplaceFullPath\n              replaceFullPath: foo/bar\n',
    },
  ],
};
