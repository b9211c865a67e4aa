import type { ConformanceSuite } from '../conformanceCase';

// Translated from the zone-aware load balancer test. Each setting sits in a DestinationRule at
// spec.trafficPolicy.loadBalancer.zoneAwareLbSetting, with outlierDetection: {} where the upstream case
// passes an outlier setting. The first upstream case (no setting at all) has nothing to place and is left out.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/agent/validation_test.go TestValidateZoneAwareLbSetting',
  cases: [
    {
      name: 'enabled only is valid',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        enabled: true\n',
    },
    {
      name: 'valid region-level failover',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: us-east, to: eu-west}\n',
    },
    {
      name: 'failover same src and dst region',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: region1, to: region1}\n',
    },
    {
      name: "failover src has '/' (zone scope) is rejected",
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: region1/zone1, to: region2}\n',
    },
    {
      name: "failover dst has '/' (zone scope) is rejected",
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: region1, to: region2/zone1}\n',
    },
    {
      name: "failover src has '*' wildcard is rejected",
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: "*", to: region2}\n',
    },
    {
      name: "failover dst has '*' wildcard is rejected",
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: region1, to: "*"}\n',
    },
    {
      name: 'failover and failoverPriority both set with topology region',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: region1, to: region2}\n        failoverPriority: [topology.kubernetes.io/region]\n',
    },
    {
      name: 'failoverPriority with region label is rejected',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failoverPriority: [topology.kubernetes.io/region]\n',
    },
    {
      name: 'failoverPriority with zone label is rejected',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failoverPriority: [topology.kubernetes.io/zone]\n',
    },
    {
      name: 'failoverPriority with subzone label is rejected',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failoverPriority: [topology.istio.io/subzone]\n',
    },
    {
      name: 'failoverPriority with non-topology labels is valid',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    outlierDetection: {}\n    loadBalancer:\n      zoneAwareLbSetting:\n        failoverPriority: [version, app=ratings]\n',
    },
    {
      name: 'failover without outlier detection warns',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      zoneAwareLbSetting:\n        failover:\n        - {from: us-east, to: eu-west}\n',
    },
    {
      name: 'failoverPriority without outlier detection warns',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      zoneAwareLbSetting:\n        failoverPriority: [version]\n',
    },
  ],
};
