import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_egress_networks.rs',
  cases: [
    {
      name: 'accepts_valid',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: EgressNetwork\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  trafficPolicy: Allow\n  networks:\n    - cidr: 10.1.0.0/24\n    - cidr: 10.1.1.0/24\n      except:\n        - 10.1.1.0/28\n',
    },
    {
      name: 'rejects_empty_networks',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: EgressNetwork\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  trafficPolicy: Allow\n  networks: []\n',
    },
  ],
};
