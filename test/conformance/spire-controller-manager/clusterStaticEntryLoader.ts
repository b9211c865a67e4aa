import type { ConformanceSuite } from '../conformanceCase';
import { caseOf, CONTROLLER_AT, LOADER_FILES, NO_METADATA } from '../spireControllerManager';

// The same four files as the ClusterFederatedTrustDomain loader's test, read by the other loader.
const OTHER_KIND =
  'The upstream loader of the other kind reads past this file (List skips it by kind); as the ClusterFederatedTrustDomain it is, its bundleEndpointProfile is a list, which the CRD schema refuses (TestFederatedLoadNotOkConfig fails it too).';

export const suite: ConformanceSuite = {
  project: 'spire-controller-manager',
  source: `${CONTROLLER_AT} api/v1alpha1/clusterstaticentry_loader_test.go TestStaticLoad*Config`,
  cases: [
    caseOf('TestStaticLoadOkConfig', true, LOADER_FILES.staticOk, NO_METADATA),
    caseOf('TestStaticLoadStaticOkConfig', true, LOADER_FILES.federatedOk, NO_METADATA),
    caseOf('TestStaticLoadNotOkConfig', false, LOADER_FILES.staticNotOk),
    caseOf('TestStaticLoadStaticNotOkConfig', true, LOADER_FILES.federatedNotOk, OTHER_KIND),
  ],
};
