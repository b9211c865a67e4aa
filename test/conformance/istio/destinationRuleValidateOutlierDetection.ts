import type { ConformanceSuite } from '../conformanceCase';

// Translated from istiod's outlier detection test.
// Where the upstream case validates a sub-message on its own, it sits in a minimal DestinationRule
// at spec.trafficPolicy (host: reviews), which adds nothing for the rule to refuse.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidateOutlierDetection',
  cases: [
    {
      name: 'valid outlier detection',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection:\n      interval: 2s\n      baseEjectionTime: 2s\n      maxEjectionPercent: 50\n',
    },
    {
      name: 'invalid outlier detection, bad interval',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection:\n      interval: 2.000000005s\n',
    },
    {
      name: 'invalid outlier detection, bad base ejection time',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection:\n      baseEjectionTime: 2.000000005s\n',
    },
    {
      name: 'invalid outlier detection, bad max ejection percent',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection:\n      maxEjectionPercent: 105\n',
    },
    {
      name: 'invalid outlier detection, panic threshold too low',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection:\n      minHealthPercent: -1\n',
    },
    {
      name: 'invalid outlier detection, panic threshold too high',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection:\n      minHealthPercent: 101\n',
    },
    {
      name: 'deprecated outlier detection, ConsecutiveErrors',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection:\n      consecutiveErrors: 101\n',
    },
    {
      name: 'consecutive local origin errors is set but split local origin errors is not set',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection:\n      consecutiveLocalOriginFailures: 10\n',
    },
  ],
};
