import type { ConformanceSuite } from '../conformanceCase';

// Translated from TestValidatePeerAuthentication: each case's resource as a manifest, with the upstream verdict
// (an error or not from the admission webhook's validation; its warnings are not errors).
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidatePeerAuthentication',
  cases: [
    {
      name: 'empty spec',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec: {}\n',
    },
    {
      name: 'empty mtls with selector of empty labels',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  selector: {}\n',
    },
    {
      name: 'empty spec with non default name',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec: {}\n',
    },
    {
      name: 'default name with non empty selector',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n',
    },
    {
      name: 'empty port level mtls',
      valid: false,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n  portLevelMtls: {}\n',
    },
    {
      name: 'empty selector with port level mtls',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  portLevelMtls:\n    '8080':\n      mode: UNSET\n",
    },
    {
      name: 'port 0',
      valid: false,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: foo\n  namespace: bar\nspec:\n  portLevelMtls:\n    '0':\n      mode: UNSET\n",
    },
    {
      name: 'unset mode',
      valid: true,
      yaml: 'apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: bar\nspec:\n  mtls:\n    mode: UNSET\n',
    },
    {
      name: 'port level',
      valid: true,
      yaml: "apiVersion: security.istio.io/v1beta1\nkind: PeerAuthentication\nmetadata:\n  name: port-level\n  namespace: bar\nspec:\n  selector:\n    matchLabels:\n      app: httpbin\n  portLevelMtls:\n    '8080':\n      mode: UNSET\n",
    },
  ],
};
