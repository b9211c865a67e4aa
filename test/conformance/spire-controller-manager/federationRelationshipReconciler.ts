import type { ConformanceSuite } from '../conformanceCase';
import { caseOf, CONTROLLER_AT, manifest } from '../spireControllerManager';

// The reconciler test's ClusterFederatedTrustDomain objects: the two profiles it syncs, and the
// empty object it must ignore (ParseClusterFederatedTrustDomainSpec refuses it; so do the CRD's
// required fields).

export const suite: ConformanceSuite = {
  project: 'spire-controller-manager',
  source: `${CONTROLLER_AT} pkg/spirefederationrelationship/reconciler_test.go TestReconcile`,
  cases: [
    caseOf(
      'cftd1 (https_web)',
      true,
      manifest(
        'ClusterFederatedTrustDomain',
        'spec:\n  trustDomain: td\n  bundleEndpointURL: https://td.test/bundle\n  bundleEndpointProfile:\n    type: https_web\n',
        'cftd1',
      ),
    ),
    caseOf(
      'cftd2 (https_spiffe)',
      true,
      manifest(
        'ClusterFederatedTrustDomain',
        'spec:\n  trustDomain: td\n  bundleEndpointURL: https://td.test/bundle\n  bundleEndpointProfile:\n    type: https_spiffe\n    endpointSPIFFEID: spiffe://td/bundle-endpoint\n',
        'cftd2',
      ),
    ),
    caseOf('ignores invalid ClusterFederatedTrustDomain', false, manifest('ClusterFederatedTrustDomain', 'spec: {}\n')),
  ],
};
