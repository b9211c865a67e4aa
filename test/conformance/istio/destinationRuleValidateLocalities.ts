import type { ConformanceSuite } from '../conformanceCase';

// Translated from the locality overlap test. The upstream case's localities become the targets
// (distribute[].to) of one entry of a DestinationRule's localityLbSetting, sharing the weight of 100,
// which istiod checks the same way.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/agent/validation_test.go TestValidateLocalities',
  cases: [
    {
      name: 'multi wildcard locality',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"*/zone/*": 100}\n',
    },
    {
      name: 'wildcard not in suffix',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"*/zone": 100}\n',
    },
    {
      name: 'explicit wildcard region overlap',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"*": 50, "a/b/c": 50}\n',
    },
    {
      name: 'implicit wildcard region overlap',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"a": 50, "a/b/c": 50}\n',
    },
    {
      name: 'explicit wildcard zone overlap',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"a/*": 50, "a/b/c": 50}\n',
    },
    {
      name: 'implicit wildcard zone overlap',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"a/b": 50, "a/b/c": 50}\n',
    },
    {
      name: 'explicit wildcard subzone overlap',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"a/b/*": 50, "a/b/c": 50}\n',
    },
    {
      name: 'implicit wildcard subzone overlap',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"a/b": 50, "a/b/c": 50}\n',
    },
    {
      name: 'valid localities',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: src\n          to: {"a1/*": 20, "a2/*": 20, "a3/b3/c3": 20, "a4/b4": 20, "a5/b5/*": 20}\n',
    },
  ],
};
