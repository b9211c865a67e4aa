import type { ConformanceSuite } from '../conformanceCase';

// Translated from istiod's load balancer test.
// Where the upstream case validates a sub-message on its own, it sits in a minimal DestinationRule
// at spec.trafficPolicy (host: reviews), which adds nothing for the rule to refuse.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidateLoadBalancer',
  cases: [
    {
      name: 'valid load balancer with simple load balancing',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n',
    },
    {
      name: 'valid load balancer with consistentHash load balancing',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        minimumRingSize: 1024\n        httpCookie:\n          name: test\n          ttl: 3600s\n',
    },
    {
      name: 'invalid load balancer with consistentHash load balancing, missing name',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        minimumRingSize: 1024\n        httpCookie:\n          ttl: 3600s\n',
    },
    {
      name: 'invalid load balancer with consistentHash load balancing, maglev not prime',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        maglev:\n          tableSize: 1000\n',
    },
    {
      name: 'valid load balancer with consistentHash load balancing and unique cookie attributes',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        httpCookie:\n          name: test-cookie\n          ttl: 3600s\n          attributes:\n          - {name: SameSite, value: Strict}\n          - {name: Secure, value: "true"}\n          - {name: HttpOnly, value: "true"}\n',
    },
    {
      name: 'invalid load balancer with consistentHash load balancing and duplicate cookie attribute names',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        httpCookie:\n          name: test-cookie\n          ttl: 3600s\n          attributes:\n          - {name: SameSite, value: Strict}\n          - {name: SameSite, value: Lax}\n          - {name: Secure, value: "true"}\n',
    },
    {
      name: 'invalid load balancer with consistentHash load balancing and empty cookie attribute name',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      consistentHash:\n        httpCookie:\n          name: test-cookie\n          ttl: 3600s\n          attributes:\n          - {name: SameSite, value: Strict}\n          - {name: "", value: some-value}\n          - {name: Secure, value: "true"}\n',
    },
    {
      name: 'invalid: localityLbSetting and zoneAwareLbSetting both set',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      localityLbSetting: {}\n      zoneAwareLbSetting: {}\n',
    },
    {
      name: 'valid: zoneAwareLbSetting only',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: us-east, to: eu-west}\n',
    },
  ],
};
