import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_network_authentication.rs',
  cases: [
    {
      name: 'accepts_valid',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  networks:\n    - cidr: 10.1.0.0/24\n    - cidr: 10.1.1.0/24\n      except:\n        - 10.1.1.0/28\n',
    },
    {
      name: 'accepts_ip_except',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  networks:\n    - cidr: 10.1.0.0/16\n      except:\n        - 10.1.1.1\n',
    },
    {
      name: 'rejects_except_whole_cidr',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  networks:\n    - cidr: 10.1.1.0/24\n      except:\n        - 10.1.0.0/16\n',
    },
    {
      name: 'rejects_except_not_in_cidr',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  networks:\n    - cidr: 10.1.1.0/24\n      except:\n        - 10.1.2.0/24\n',
    },
    {
      name: 'rejects_invalid_cidr',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  networks:\n    - cidr: 10.1.0.0/16\n      except:\n        - bogus\n',
    },
    {
      name: 'rejects_empty',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1alpha1\nkind: NetworkAuthentication\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  networks: []\n',
    },
  ],
};
