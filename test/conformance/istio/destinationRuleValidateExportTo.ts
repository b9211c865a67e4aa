import type { ConformanceSuite } from '../conformanceCase';

// Translated from the exportTo test: its cases for configuration other than ServiceEntry, each as a
// DestinationRule in the upstream case's namespace (ns5), with a workloadSelector where the case asks for one.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go Test_validateExportTo',
  cases: [
    {
      name: 'empty exportTo is okay',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n',
    },
    {
      name: '* is allowed',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: ["*"]\n',
    },
    {
      name: '. and ns1 are allowed',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: [".", "ns1"]\n',
    },
    {
      name: 'bunch of namespaces in exportTo is okay',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: ["ns1", "ns2", "ns5"]\n',
    },
    {
      name: '~ not allowed for non service entry configs',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: ["~", "ns1"]\n',
    },
    {
      name: '. and * together are not allowed',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: [".", "*"]\n',
    },
    {
      name: '* and ns1 together are not allowed',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: ["*", "ns1"]\n',
    },
    {
      name: '. and same namespace in exportTo is not okay',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: [".", "ns5"]\n',
    },
    {
      name: 'duplicate namespaces in exportTo is not okay',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: ["ns1", "ns2", "ns1"]\n',
    },
    {
      name: 'invalid namespace names are not okay',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  exportTo: ["ns1_"]\n',
    },
    {
      name: 'destination rule with workloadselector cannot have exportTo (*)',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  workloadSelector:\n    matchLabels: {app: reviews}\n  exportTo: ["*"]\n',
    },
    {
      name: 'destination rule with workloadselector can have only exportTo (.)',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  workloadSelector:\n    matchLabels: {app: reviews}\n  exportTo: ["."]\n',
    },
    {
      name: 'destination rule with workloadselector cannot have another ns in exportTo (.)',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  workloadSelector:\n    matchLabels: {app: reviews}\n  exportTo: ["somens"]\n',
    },
    {
      name: 'destination rule with workloadselector cannot have another ns in addition to own ns in exportTo (.)',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: ns5\nspec:\n  host: reviews\n  workloadSelector:\n    matchLabels: {app: reviews}\n  exportTo: [".", "somens"]\n',
    },
  ],
};
