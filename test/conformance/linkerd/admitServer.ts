import type { ConformanceSuite } from '../conformanceCase';

// accepts_server_updates creates and then merge-patches the same Server; the manifest is the one it applies.

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_server.rs',
  cases: [
    {
      name: 'accepts_valid',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  podSelector: {}\n  port: 80\n',
    },
    {
      name: 'accepts_server_updates',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  podSelector:\n    matchLabels:\n      app: test\n  port: 80\n',
    },
    {
      name: 'rejects_invalid_proxy_protocol',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  podSelector: {}\n  port: 80\n  proxyProtocol: garbanzo\n',
    },
    {
      name: 'rejects_invalid_access_policy',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta3\nkind: Server\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  podSelector: {}\n  port: 80\n  accessPolicy: foobar\n',
    },
  ],
};
