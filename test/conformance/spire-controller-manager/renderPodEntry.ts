import type { ConformanceSuite } from '../conformanceCase';
import { caseOf, CONTROLLER_AT, manifest } from '../spireControllerManager';

// The tests parse a ClusterSPIFFEIDSpec and render it for a pod; each spec is here as the
// ClusterSPIFFEID that carries it. The parent ID template of the third test is the controller's
// configuration, so it is here as a ControllerManagerConfig.
const TEMPLATE = '"spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}"';

export const suite: ConformanceSuite = {
  project: 'spire-controller-manager',
  source: `${CONTROLLER_AT} pkg/spireentry/entries_test.go TestRenderPodEntry, TestJWTTTLInRenderPodEntry, TestParentIDTemplateRenderPodEntry`,
  cases: [
    caseOf(
      'TestRenderPodEntry',
      true,
      manifest(
        'ClusterSPIFFEID',
        `spec:
  spiffeIDTemplate: ${TEMPLATE}
  dnsNameTemplates:
    - "{{ .PodSpec.ServiceAccountName }}.{{ .PodMeta.Namespace }}.svc.{{ .ClusterDomain }}"
    - "{{ .PodMeta.Name }}.{{ .PodMeta.Namespace }}.svc.{{ .ClusterDomain }}"
    - "{{ .PodMeta.Name }}.{{ .TrustDomain }}.svc"
`,
      ),
    ),
    // metav1.Duration{Duration: 60} is 60 nanoseconds, written "60ns".
    caseOf('TestJWTTTLInRenderPodEntry', true, manifest('ClusterSPIFFEID', `spec:\n  spiffeIDTemplate: ${TEMPLATE}\n  jwtTtl: 60ns\n`)),
    caseOf('TestParentIDTemplateRenderPodEntry (the ClusterSPIFFEID)', true, manifest('ClusterSPIFFEID', `spec:\n  spiffeIDTemplate: ${TEMPLATE}\n`)),
    caseOf(
      'TestParentIDTemplateRenderPodEntry (the parent ID template)',
      true,
      'apiVersion: spire.spiffe.io/v1alpha1\nkind: ControllerManagerConfig\nclusterName: test\ntrustDomain: example.org\nparentIDTemplate: "spiffe://{{ .TrustDomain }}/spire/agent/x509pop/{{ .NodeMeta.Name }}"\n',
    ),
  ],
};
