import type { ConformanceSuite } from '../conformanceCase';
import { caseOf, CONTROLLER_AT, file } from '../spireControllerManager';

const FILE = file(`
apiVersion: spire.spiffe.io/v1alpha1
kind: ControllerManagerConfig
metrics:
  bindAddress: 127.0.0.1:8082
health:
  healthProbeBindAddress: 127.0.0.1:8083
leaderElection:
  leaderElect: true
  resourceName: 98c9c988.spiffe.io
  resourceNamespace: spire-system
clusterName: cluster2
trustDomain: cluster2.demo
ignoreNamespaces:
  - kube-system
  - kube-public
  - spire-system
  - local-path-storage
`);

const CACHE_NAMESPACE = 'cacheNamespace: default\n';
const CACHE_NAMESPACES = `cacheNamespaces:
   default:
   nsWithLabel:
      labelSelectors:
         lName: l1
   nsWithField:
      fieldSelectors:
         fName: f1
   nsWithBoth:
      labelSelectors:
         lName: l1
      fieldSelectors:
         fName: f1
`;

const EXPAND_ENV = file(`
apiVersion: spire.spiffe.io/v1alpha1
kind: ControllerManagerConfig
clusterName: cluster2
trustDomain: $TRUST_DOMAIN
`);

export const suite: ConformanceSuite = {
  project: 'spire-controller-manager',
  source: `${CONTROLLER_AT} api/v1alpha1/controllermanagerconfig_loader_test.go TestLoadOptions*`,
  cases: [
    caseOf('TestLoadOptionsFromFileReplaceDefaultValues', true, FILE),
    // Both runs load the same file: with -expand-env the variable is replaced, without it the value stays as written.
    caseOf('TestLoadOptionsFromFileExpandEnv "expand env"', true, EXPAND_ENV),
    caseOf('TestLoadOptionsFromFileExpandEnv "do not expand env"', true, EXPAND_ENV),
    caseOf('TestLoadOptionsWithCacheNamespaces "no namespace"', true, FILE),
    caseOf('TestLoadOptionsWithCacheNamespaces "using namespaces"', true, FILE + CACHE_NAMESPACE),
    caseOf('TestLoadOptionsWithCacheNamespaces "with cacheNamespaces"', true, FILE + CACHE_NAMESPACES),
    caseOf('TestLoadOptionsWithCacheNamespaces "with cacheNamespace and cacheNamespaces"', false, FILE + CACHE_NAMESPACE + CACHE_NAMESPACES),
  ],
};
