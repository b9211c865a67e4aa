import type { ConformanceSuite } from '../conformanceCase';

// Translated from the locality load balancer test (the same check serves the mesh config and a
// DestinationRule's loadBalancer.localityLbSetting). Each setting sits in a DestinationRule at
// spec.trafficPolicy.loadBalancer, with outlierDetection: {} where the upstream case passes an outlier
// setting. The first upstream case (no setting at all) has nothing to place and is left out.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/agent/validation_test.go TestValidateLocalityLbSetting',
  cases: [
    {
      name: 'invalid LocalityLoadBalancerSetting_Distribute total weight > 100',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: a/b/c\n          to: {a/b/c: 80, a/b1: 25}\n',
    },
    {
      name: 'invalid LocalityLoadBalancerSetting_Distribute total weight < 100',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: a/b/c\n          to: {a/b/c: 80, a/b1: 15}\n',
    },
    {
      name: 'invalid LocalityLoadBalancerSetting_Distribute weight = 0',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: a/b/c\n          to: {a/b/c: 0, a/b1: 100}\n',
    },
    {
      name: 'invalid LocalityLoadBalancerSetting specify both distribute and failover',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        distribute:\n        - from: a/b/c\n          to: {a/b/c: 80, a/b1: 20}\n        failover:\n        - {from: region1, to: region2}\n',
    },
    {
      name: 'invalid failover src and dst have same region',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        failover:\n        - {from: region1, to: region1}\n',
    },
    {
      name: "invalid failover src contain '*' wildcard",
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        failover:\n        - {from: "*", to: region2}\n',
    },
    {
      name: "invalid failover dst contain '*' wildcard",
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        failover:\n        - {from: region1, to: "*"}\n',
    },
    {
      name: "invalid failover src contain '/' separator",
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        failover:\n        - {from: region1/zone1, to: region2}\n',
    },
    {
      name: "invalid failover dst contain '/' separator",
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        failover:\n        - {from: region1, to: region2/zone1}\n',
    },
    {
      name: 'failover priority provided without outlier detection policy',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      localityLbSetting:\n        failoverPriority:\n        - topology.istio.io/network\n        - topology.kubernetes.io/region\n        - topology.kubernetes.io/zone\n        - topology.istio.io/subzone\n',
    },
    {
      name: 'failover provided without outlier detection policy',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      localityLbSetting:\n        failover:\n        - {from: us-east, to: eu-west}\n        - {from: us-west, to: eu-east}\n',
    },
    {
      name: 'invalid LocalityLoadBalancerSetting specify both failoverPriority and region in failover',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      localityLbSetting:\n        failover:\n        - {from: region1, to: region2}\n        failoverPriority: [topology.kubernetes.io/region]\n',
    },
  ],
};
