import type { ConformanceSuite } from '../conformanceCase';

export const suite: ConformanceSuite = {
  project: 'linkerd',
  source: 'linkerd/linkerd2@b24cd405 policy-test/tests/admit_server_authorization.rs',
  cases: [
    {
      name: 'accepts_valid',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  server:\n    name: test\n  client:\n    networks:\n      - cidr: 10.1.0.0/24\n      - cidr: 10.1.1.0/24\n        except:\n          - 10.1.1.0/28\n    unauthenticated: true\n',
    },
    {
      name: 'rejects_except_whole_cidr',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  server:\n    name: test\n  client:\n    networks:\n      - cidr: 10.1.1.0/24\n        except:\n          - 10.1.0.0/16\n    unauthenticated: true\n',
    },
    {
      name: 'rejects_unauthenciated_and_mtls',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  server:\n    name: test\n  client:\n    unauthenticated: true\n    meshTLS:\n      identities:\n        - "*"\n',
    },
    {
      name: 'rejects_unauthenciated_tls_and_identities',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  server:\n    name: test\n  client:\n    meshTLS:\n      unauthenticatedTLS: true\n      identities:\n        - "*"\n',
    },
    {
      name: 'accepts_network_as_ip',
      valid: true,
      yaml: 'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  server:\n    name: test\n  client:\n    networks:\n      - cidr: 10.1.0.2\n      - cidr: 10.1.1.0/24\n        except:\n          - 10.1.1.3\n    unauthenticated: true\n',
    },
    {
      name: 'rejects_except_not_in_cidr',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  server:\n    name: test\n  client:\n    networks:\n      - cidr: 10.1.1.0/24\n        except:\n          - 10.1.2.0/24\n    unauthenticated: true\n',
    },
    {
      name: 'rejects_invalid_cidr',
      valid: false,
      yaml: 'apiVersion: policy.linkerd.io/v1beta1\nkind: ServerAuthorization\nmetadata:\n  name: test\n  namespace: test-ns\nspec:\n  server:\n    name: test\n  client:\n    networks:\n      - cidr: bogus\n    unauthenticated: true\n',
    },
  ],
};
