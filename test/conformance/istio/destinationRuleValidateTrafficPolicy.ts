import type { ConformanceSuite } from '../conformanceCase';

// Translated from istiod's traffic policy test.
// Where the upstream case validates a sub-message on its own, it sits in a minimal DestinationRule
// at spec.trafficPolicy (host: reviews), which adds nothing for the rule to refuse.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidateTrafficPolicy',
  cases: [
    {
      name: 'valid traffic policy',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n    connectionPool:\n      tcp: {maxConnections: 7}\n      http: {http2MaxRequests: 11}\n    outlierDetection:\n      minHealthPercent: 20\n',
    },
    {
      name: 'invalid traffic policy, nil entries',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy: {}\n',
    },
    {
      name: 'invalid traffic policy, missing port in port level settings',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    portLevelSettings:\n    - loadBalancer:\n        simple: ROUND_ROBIN\n      connectionPool:\n        tcp: {maxConnections: 7}\n        http: {http2MaxRequests: 11}\n      outlierDetection:\n        minHealthPercent: 20\n',
    },
    {
      name: 'invalid traffic policy, bad connection pool',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n    connectionPool: {}\n    outlierDetection:\n      minHealthPercent: 20\n',
    },
    {
      name: 'invalid traffic policy, bad max connection duration',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n    connectionPool:\n      tcp:\n        maxConnectionDuration: 0.0000005s\n',
    },
    {
      name: 'invalid traffic policy, panic threshold too low',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n    connectionPool:\n      tcp: {maxConnections: 7}\n      http: {http2MaxRequests: 11}\n    outlierDetection:\n      minHealthPercent: -1\n',
    },
    {
      name: 'invalid traffic policy, both upgrade and use client protocol set',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    connectionPool:\n      http:\n        h2UpgradePolicy: UPGRADE\n        useClientProtocol: true\n',
    },
  ],
};
