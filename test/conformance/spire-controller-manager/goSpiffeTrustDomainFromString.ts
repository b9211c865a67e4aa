import type { ConformanceCase, ConformanceSuite } from '../conformanceCase';
import { caseOf, GO_SPIFFE_AT, manifest, quoted, TD_CHARS } from '../spireControllerManager';

// The controller's webhook reads each ClusterSPIFFEID federatesWith entry with go-spiffe's
// TrustDomainFromString (api/v1alpha1/clusterspiffeid_webhook.go); each case of go-spiffe's own
// test is here as that entry.
const withEntry = (value: string) =>
  manifest('ClusterSPIFFEID', `spec:\n  spiffeIDTemplate: "spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}"\n  federatesWith: [${quoted(value)}]\n`);

const characters: ConformanceCase[] = [];
for (let i = 0; i < 256; i++) {
  const s = String.fromCodePoint(i);
  const hex = i.toString(16).toUpperCase();
  if (TD_CHARS.test(s)) {
    characters.push(caseOf(`allow good trustdomain char ${hex}`, true, withEntry(`trustdomain${s}`)));
    characters.push(caseOf(`allow good trustdomain char ${hex} (as an ID)`, true, withEntry(`spiffe://trustdomain${s}`)));
  } else characters.push(caseOf(`reject bad trustdomain char ${hex}`, false, withEntry(`trustdomain${s}`)));
}

export const suite: ConformanceSuite = {
  project: 'spire-controller-manager',
  source: `${GO_SPIFFE_AT} spiffeid/trustdomain_test.go TestTrustDomainFromString`,
  cases: [
    caseOf('reject empty', false, withEntry('')),
    caseOf('allow id without path', true, withEntry('spiffe://trustdomain')),
    caseOf('allow id with path', true, withEntry('spiffe://trustdomain/path')),
    ...[
      'spiffe:/trustdomain/path',
      'spiffe://',
      'spiffe:///path',
      'spiffe://trustdomain/',
      'spiffe://trustdomain/path/',
      'spiffe://%F0%9F%A4%AF/path',
      'spiffe://trustdomain/%F0%9F%A4%AF',
    ].map((id) => caseOf(`reject bad ids: ${id}`, false, withEntry(id))),
    ...characters,
  ],
};
