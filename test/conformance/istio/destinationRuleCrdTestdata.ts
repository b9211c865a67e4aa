import type { ConformanceSuite } from '../conformanceCase';

// Translated from the CRD validation test data for DestinationRule: each document of
// destinationrule-valid.yaml must be accepted and each of destinationrule-invalid.yaml refused, by the
// CRD schema or the webhook (TestCRDs in openapi_test.go).
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/testdata/crds/destinationrule-*.yaml TestCRDs',
  cases: [
    {
      name: 'destinationrule-valid.yaml #1 (bookinfo-ratings)',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: bookinfo-ratings\nspec:\n  host: ratings.prod.svc.cluster.local\n  trafficPolicy:\n    loadBalancer:\n      warmup:\n        duration: 300s\n',
    },
    {
      name: 'destinationrule-valid.yaml #2 (bookinfo-ratings)',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: bookinfo-ratings\nspec:\n  host: ratings.prod.svc.cluster.local\n  trafficPolicy:\n    loadBalancer:\n      warmup:\n        duration: 300s\n        minimumPercent: 5.0\n',
    },
    {
      name: 'destinationrule-valid.yaml #3 (bookinfo-ratings)',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: bookinfo-ratings\nspec:\n  host: ratings.prod.svc.cluster.local\n  trafficPolicy:\n    loadBalancer:\n      warmup:\n        duration: 300s\n        minimumPercent: 5.0\n        aggression: 5.0\n',
    },
    {
      name: 'destinationrule-valid.yaml #4 (bookinfo-ratings-http2-ping)',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: bookinfo-ratings-http2-ping\nspec:\n  host: ratings.prod.svc.cluster.local\n  trafficPolicy:\n    connectionPool:\n      http:\n        http2KeepAlive:\n          interval: 15s\n          timeout: 5s\n',
    },
    {
      name: 'destinationrule-invalid.yaml #1 (bookinfo-ratings)',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: bookinfo-ratings\nspec:\n  host: ratings.prod.svc.cluster.local\n  trafficPolicy:\n    loadBalancer:\n      warmup:\n        duration: 300s\n        minimumPercent: 150.0\n',
    },
    {
      name: 'destinationrule-invalid.yaml #2 (bookinfo-ratings)',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: bookinfo-ratings\nspec:\n  host: ratings.prod.svc.cluster.local\n  trafficPolicy:\n    loadBalancer:\n      warmup:\n        minimumPercent: 5.0\n',
    },
    {
      name: 'destinationrule-invalid.yaml #3 (bookinfo-ratings)',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: bookinfo-ratings\nspec:\n  host: ratings.prod.svc.cluster.local\n  trafficPolicy:\n    loadBalancer:\n      warmup:\n        duration: 300s\n        aggression: -0.1\n',
    },
  ],
};
