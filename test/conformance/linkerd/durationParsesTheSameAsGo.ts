import type { ConformanceSuite } from '../conformanceCase';

// Each duration the upstream test parses, as the request timeout of a Linkerd HTTPRoute: all parse, and the webhook (Validate<HttpRouteSpec>) then refuses the negative ones, "-0" included.

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-controller/k8s/api/src/duration.rs parses_the_same_as_go',
  cases: [
    {
      name: '0',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "0"\n',
    },
    {
      name: '5s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "5s"\n',
    },
    {
      name: '30s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "30s"\n',
    },
    {
      name: '1478s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "1478s"\n',
    },
    {
      name: '-5s',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "-5s"\n',
    },
    {
      name: '+5s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "+5s"\n',
    },
    {
      name: '-0',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "-0"\n',
    },
    {
      name: '+0',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "+0"\n',
    },
    {
      name: '5.6s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "5.6s"\n',
    },
    {
      name: '5.s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "5.s"\n',
    },
    {
      name: '.5s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: ".5s"\n',
    },
    {
      name: '1.0s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "1.0s"\n',
    },
    {
      name: '1.00s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "1.00s"\n',
    },
    {
      name: '1.004s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "1.004s"\n',
    },
    {
      name: '1.0040s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "1.0040s"\n',
    },
    {
      name: '100.00100s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "100.00100s"\n',
    },
    {
      name: '10ns',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "10ns"\n',
    },
    {
      name: '11us',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "11us"\n',
    },
    {
      name: '12µs',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "12µs"\n',
    },
    {
      name: '12μs',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "12μs"\n',
    },
    {
      name: '13ms',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "13ms"\n',
    },
    {
      name: '14s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "14s"\n',
    },
    {
      name: '15m',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "15m"\n',
    },
    {
      name: '16h',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "16h"\n',
    },
    {
      name: '3h30m',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "3h30m"\n',
    },
    {
      name: '10.5s4m',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "10.5s4m"\n',
    },
    {
      name: '-2m3.4s',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "-2m3.4s"\n',
    },
    {
      name: '1h2m3s4ms5us6ns',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "1h2m3s4ms5us6ns"\n',
    },
    {
      name: '39h9m14.425s',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "39h9m14.425s"\n',
    },
    {
      name: '52763797000ns',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "52763797000ns"\n',
    },
    {
      name: '0.3333333333333333333h',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "0.3333333333333333333h"\n',
    },
    {
      name: '9007199254740993ns',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "9007199254740993ns"\n',
    },
    {
      name: '0.100000000000000000000h',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: HTTPRoute\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  parentRefs:\n    - group: policy.linkerd.io\n      kind: Server\n      namespace: test-ns\n      name: my-server\n  rules:\n    - timeouts:\n        request: "0.100000000000000000000h"\n',
    },
  ],
};
