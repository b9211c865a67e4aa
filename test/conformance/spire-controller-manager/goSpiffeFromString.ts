import type { ConformanceCase, ConformanceSuite } from '../conformanceCase';
import { caseOf, GO_SPIFFE_AT, manifest, PATH_CHARS, quoted, TD_CHARS } from '../spireControllerManager';

// The controller reads a ClusterStaticEntry's spiffeID with go-spiffe's FromString when it
// reconciles (pkg/spireentry/entries.go renderStaticEntry); each case of go-spiffe's own test is
// here as that field.
const withId = (id: string) =>
  manifest('ClusterStaticEntry', `spec:\n  spiffeID: ${quoted(id)}\n  parentID: spiffe://example.org/agent\n  selectors: ["k8s:ns:default"]\n`);

const characters: ConformanceCase[] = [];
for (let i = 0; i < 256; i++) {
  if (i === 0x2f) continue; // "/" separates path segments; the upstream loop skips it too
  const s = String.fromCodePoint(i);
  const hex = i.toString(16).toUpperCase();
  characters.push(
    TD_CHARS.test(s)
      ? caseOf(`allow good trustdomain char ${hex}`, true, withId(`spiffe://trustdomain${s}/path`))
      : caseOf(`reject bad trustdomain char ${hex}`, false, withId(`spiffe://trustdomain${s}/path`)),
  );
  characters.push(
    PATH_CHARS.test(s)
      ? caseOf(`allow good path char ${hex}`, true, withId(`spiffe://trustdomain/path${s}`))
      : caseOf(`reject bad path char ${hex}`, false, withId(`spiffe://trustdomain/path${s}`)),
  );
}

const fail = (group: string, ids: string[]) => ids.map((id) => caseOf(`${group}: ${id}`, false, withId(id)));

export const suite: ConformanceSuite = {
  project: 'spire-controller-manager',
  source: `${GO_SPIFFE_AT} spiffeid/id_test.go TestFromString`,
  cases: [
    caseOf('reject empty', false, withId('')),
    caseOf(
      'path is optional',
      true,
      withId('spiffe://trustdomain'),
      'go-spiffe parses an ID without a path, and so does the controller; the SPIRE server then refuses it as an entry ID (VerifyTrustDomainWorkloadID, pkg/server/api/id.go at v1.15.3), which is what is checked here.',
    ),
    ...characters,
    ...fail('reject bad scheme', ['s', 'spiffe:/', 'Spiffe://']),
    ...fail('reject missing trust domain', ['spiffe://', 'spiffe:///']),
    ...fail('reject empty segments', ['spiffe://trustdomain/', 'spiffe://trustdomain//', 'spiffe://trustdomain//path', 'spiffe://trustdomain/path/']),
    ...fail('reject dot segments', [
      'spiffe://trustdomain/.',
      'spiffe://trustdomain/./path',
      'spiffe://trustdomain/path/./other',
      'spiffe://trustdomain/path/..',
      'spiffe://trustdomain/..',
      'spiffe://trustdomain/../path',
      'spiffe://trustdomain/path/../other',
    ]),
    ...['spiffe://trustdomain/.path', 'spiffe://trustdomain/..path', 'spiffe://trustdomain/...'].map((id) =>
      caseOf(`reject dot segments (ok): ${id}`, true, withId(id)),
    ),
    ...fail('reject percent encoding', [
      'spiffe://%F0%9F%A4%AF/path',
      'spiffe://trustdomain/%F0%9F%A4%AF',
      'spiffe://%62%61%64/path',
      'spiffe://trustdomain/%62%61%64',
    ]),
  ],
};
