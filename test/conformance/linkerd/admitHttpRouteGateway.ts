import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_http_route_gateway.rs',
  cases: [
    {
      name: 'accepts_valid',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n',
    },
    {
      name: 'accepts_not_implemented_requestmirror',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      filters:\n        - type: RequestMirror\n          requestMirror:\n            backendRef:\n              name: foo\n              port: 80\n',
    },
    {
      name: 'accepts_not_implemented_urlrewrite',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      filters:\n        - type: URLRewrite\n          urlRewrite:\n            path:\n              type: ReplaceFullPath\n              replaceFullPath: baz\n',
    },
    {
      name: 'accepts_not_implemented_extensionref',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      filters:\n        - type: ExtensionRef\n          extensionRef:\n            group: ""\n            kind: Service\n            name: foo\n',
    },
    {
      name: 'accepts_backend_unknown_kind',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      backendRefs:\n        - group: alien.example.com\n          kind: ExoService\n          name: foo\n',
    },
    {
      name: 'accepts_backend_service_with_port',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      backendRefs:\n        - group: core\n          kind: Service\n          name: foo\n          port: 8080\n',
    },
    {
      name: 'accepts_backend_service_implicit_with_port',
      valid: true,
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      backendRefs:\n        - name: foo\n          port: 8080\n',
    },
    {
      name: 'rejects_relative_path_match',
      valid: false,
      differs:
        'Gateway API kinds (gateway.networking.k8s.io) are not among the kinds mesh-mtls checks: no schema of theirs is registered, so a file of them is not ours to lint.',
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: foo\n            type: Exact\n',
    },
    {
      name: 'rejects_relative_redirect_path',
      valid: false,
      differs:
        'Gateway API kinds (gateway.networking.k8s.io) are not among the kinds mesh-mtls checks: no schema of theirs is registered, so a file of them is not ours to lint.',
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      filters:\n        - type: RequestRedirect\n          requestRedirect:\n            path:\n              type: ReplaceFullPath\n              replaceFullPath: foo/bar\n',
    },
    {
      name: 'rejects_backend_service_without_port',
      valid: false,
      differs:
        'Gateway API kinds (gateway.networking.k8s.io) are not among the kinds mesh-mtls checks: no schema of theirs is registered, so a file of them is not ours to lint.',
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      backendRefs:\n        - group: core\n          kind: Service\n          name: foo\n',
    },
    {
      name: 'rejects_backend_service_implicit_without_port',
      valid: false,
      differs:
        'Gateway API kinds (gateway.networking.k8s.io) are not among the kinds mesh-mtls checks: no schema of theirs is registered, so a file of them is not ours to lint.',
      yaml: 'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - matches:\n        - path:\n            value: /foo\n            type: Exact\n      backendRefs:\n        - name: foo\n',
    },
  ],
};
