import type { ConformanceSuite } from '../conformanceCase';
import { caseOf, CONTROLLER_AT, LOADER_FILES, NO_METADATA } from '../spireControllerManager';

// The loader decodes a static manifest into the kind its file names; a file of the other kind
// loads without error because the caller (List) skips it by kind. As a manifest of its own kind
// that file is still judged: the "not OK" one is refused by the schema of the kind it is.
const OTHER_KIND =
  'The upstream loader of the other kind reads past this file (List skips it by kind); as the ClusterStaticEntry it is, it lacks spiffeID and gives selectors as a map, which the CRD schema refuses (TestStaticLoadNotOkConfig fails it too).';

export const suite: ConformanceSuite = {
  project: 'spire-controller-manager',
  source: `${CONTROLLER_AT} api/v1alpha1/clusterfederatedtrustdomain_loader_test.go TestFederatedLoad*Config`,
  cases: [
    caseOf('TestFederatedLoadOkConfig', true, LOADER_FILES.federatedOk, NO_METADATA),
    caseOf('TestFederatedLoadStaticOkConfig', true, LOADER_FILES.staticOk, NO_METADATA),
    caseOf('TestFederatedLoadNotOkConfig', false, LOADER_FILES.federatedNotOk),
    caseOf('TestFederatedLoadStaticNotOkConfig', true, LOADER_FILES.staticNotOk, OTHER_KIND),
  ],
};
