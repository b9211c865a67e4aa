import * as assert from 'node:assert/strict';
import { analyzeChain, verifyChain } from '../../common/src/x509/chain';
import { findPemBlocks } from '../../common/src/pem/blocks';
import { bulkCertificates } from '../support/bulkCertificates';
import { assertVerifyAgrees, caExtensions, DAY_MS, leafExtensions, TestPki, type Minted, type VerifyCase } from '../support/pki';

// One hierarchy for the whole file, minted by openssl: Root → Int → leaf, plus the broken
// variants each rule needs.
const NOW = new Date();
const days = (n: number) => new Date(NOW.getTime() + n * DAY_MS);
// openssl 3 adds key identifiers unless told not to; without them only the signature tells issuers apart.
const NO_KEY_IDS = ['subjectKeyIdentifier=none', 'authorityKeyIdentifier=none'];
const NO_KEY_IDS_CA = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign', ...NO_KEY_IDS];
const NO_KEY_IDS_LEAF = ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'subjectAltName=DNS:plain.test', ...NO_KEY_IDS];

let pki: TestPki;
let root: Minted, int: Minted, leaf: Minted;
let otherRoot: Minted, impostorInt: Minted, impostorLeaf: Minted, plainInt: Minted, keyedImpostorInt: Minted, leafUnderKeyedImpostor: Minted;
let limitedInt: Minted, subUnderLimited: Minted, leafUnderSub: Minted, roomyInt: Minted, subUnderRoomy: Minted, leafUnderRoomy: Minted;
let notCa: Minted, leafUnderNotCa: Minted, noCertSign: Minted, leafUnderNoCertSign: Minted, noBasicConstraints: Minted, leafUnderNoBasicConstraints: Minted;
let v1Root: Minted, leafUnderV1Root: Minted, v1Int: Minted, leafUnderV1Int: Minted;
let namesakeRoot: Minted, namesakeLeaf: Minted;
let expiredInt: Minted,
  leafUnderExpiredInt: Minted,
  expiredLeaf: Minted,
  futureLeaf: Minted,
  selfSignedLeaf: Minted,
  expiredRoot: Minted,
  intUnderExpiredRoot: Minted,
  leafUnderExpiredRoot: Minted;

before(function () {
  this.timeout(60_000);
  pki = new TestPki();
  root = pki.mint({ subject: '/O=Shop/CN=Shop Root', extensions: caExtensions(), notBefore: days(-100), notAfter: days(900) });
  int = pki.mint({ subject: '/O=Shop/CN=Shop Int', issuer: root, extensions: caExtensions(), notBefore: days(-100), notAfter: days(300) });
  leaf = pki.mint({ subject: '/CN=web.shop', issuer: int, extensions: leafExtensions('web.shop') });
  otherRoot = pki.mint({ subject: '/CN=Other Root', extensions: caExtensions() });
  // Same name as Int without key identifiers, another key: what it signs names Int but does not verify with Int's key.
  plainInt = pki.mint({ subject: '/CN=Plain Int', issuer: root, extensions: NO_KEY_IDS_CA });
  impostorInt = pki.mint({ subject: '/CN=Plain Int', issuer: root, extensions: NO_KEY_IDS_CA });
  impostorLeaf = pki.mint({ subject: '/CN=plain.test', issuer: impostorInt, extensions: NO_KEY_IDS_LEAF });
  keyedImpostorInt = pki.mint({ subject: '/O=Shop/CN=Shop Int', issuer: root, extensions: caExtensions() });
  leafUnderKeyedImpostor = pki.mint({ subject: '/CN=keyed.shop', issuer: keyedImpostorInt, extensions: leafExtensions('keyed.shop') });
  limitedInt = pki.mint({ subject: '/CN=Limited Int', issuer: root, extensions: caExtensions(0) });
  subUnderLimited = pki.mint({ subject: '/CN=Sub CA', issuer: limitedInt, extensions: caExtensions() });
  leafUnderSub = pki.mint({ subject: '/CN=deep.shop', issuer: subUnderLimited, extensions: leafExtensions('deep.shop') });
  roomyInt = pki.mint({ subject: '/CN=Roomy Int', issuer: root, extensions: caExtensions(1) });
  subUnderRoomy = pki.mint({ subject: '/CN=Roomy Sub CA', issuer: roomyInt, extensions: caExtensions() });
  leafUnderRoomy = pki.mint({ subject: '/CN=roomy.shop', issuer: subUnderRoomy, extensions: leafExtensions('roomy.shop') });
  notCa = pki.mint({
    subject: '/CN=Not A CA',
    issuer: root,
    extensions: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyCertSign'],
  });
  leafUnderNotCa = pki.mint({ subject: '/CN=under-not-ca', issuer: notCa, extensions: leafExtensions('under-not-ca') });
  noCertSign = pki.mint({
    subject: '/CN=No CertSign',
    issuer: root,
    extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,digitalSignature,cRLSign'],
  });
  leafUnderNoCertSign = pki.mint({ subject: '/CN=under-no-certsign', issuer: noCertSign, extensions: leafExtensions('under-no-certsign') });
  noBasicConstraints = pki.mint({ subject: '/CN=No BC', issuer: root, extensions: ['keyUsage=critical,keyCertSign'] });
  leafUnderNoBasicConstraints = pki.mint({ subject: '/CN=under-no-bc', issuer: noBasicConstraints, extensions: leafExtensions('under-no-bc') });
  // openssl ca writes a version 1 certificate when given no extensions; what it signs cannot name its key identifier.
  const noAuthorityKeyId = (dns: string) => leafExtensions(dns).filter((line) => !line.startsWith('authorityKeyIdentifier'));
  v1Root = pki.mint({ subject: '/CN=V1 Root', extensions: [] });
  leafUnderV1Root = pki.mint({ subject: '/CN=v1.shop', issuer: v1Root, extensions: noAuthorityKeyId('v1.shop') });
  v1Int = pki.mint({ subject: '/CN=V1 Int', issuer: v1Root, extensions: [] });
  leafUnderV1Int = pki.mint({ subject: '/CN=v1-int.shop', issuer: v1Int, extensions: noAuthorityKeyId('v1-int.shop') });
  expiredInt = pki.mint({ subject: '/CN=Expired Int', issuer: root, extensions: caExtensions(), notBefore: days(-60), notAfter: days(-5) });
  leafUnderExpiredInt = pki.mint({
    subject: '/CN=under-expired',
    issuer: expiredInt,
    extensions: leafExtensions('under-expired'),
    notBefore: days(-10),
    notAfter: days(30),
  });
  expiredLeaf = pki.mint({ subject: '/CN=expired.shop', issuer: int, extensions: leafExtensions('expired.shop'), notBefore: days(-30), notAfter: days(-2) });
  futureLeaf = pki.mint({ subject: '/CN=future.shop', issuer: int, extensions: leafExtensions('future.shop'), notBefore: days(3), notAfter: days(60) });
  selfSignedLeaf = pki.mint({ subject: '/CN=self.shop', extensions: leafExtensions('self.shop') });
  // ztunnel's test certificates: the leaf bears its RSA root's name, but an EC key cannot have made its RSA signature.
  namesakeRoot = pki.mint({ subject: '/O=cluster.local', key: 'rsa2048', extensions: NO_KEY_IDS_CA });
  namesakeLeaf = pki.mint({ subject: '/O=cluster.local', issuer: namesakeRoot, key: 'ec', extensions: NO_KEY_IDS_LEAF });
  expiredRoot = pki.mint({ subject: '/CN=Expired Root', extensions: caExtensions(), notBefore: days(-400), notAfter: days(-1) });
  intUnderExpiredRoot = pki.mint({
    subject: '/CN=Int Under Expired Root',
    issuer: expiredRoot,
    extensions: caExtensions(),
    notBefore: days(-300),
    notAfter: days(300),
  });
  leafUnderExpiredRoot = pki.mint({
    subject: '/CN=late.shop',
    issuer: intUnderExpiredRoot,
    extensions: leafExtensions('late.shop'),
    notBefore: days(-30),
    notAfter: days(-1 / 2),
  });
});

after(() => pki?.dispose());

const ders = (...certificates: Minted[]) => certificates.map((c) => c.der);

describe('analyzeChain', () => {
  it('links an ordered leaf, intermediate, root bundle and verifies it', () => {
    const report = analyzeChain(ders(leaf, int, root));
    assert.deepEqual(report.links, [
      { index: 0, issuerIndex: 1, signatureValid: true },
      { index: 1, issuerIndex: 2, signatureValid: true },
      { index: 2, issuerIndex: 2, signatureValid: true },
    ]);
    assert.deepEqual(report.problems, []);
    assert.equal(report.endIndex, 2);
    assert.equal(report.verified, true);
  });

  it('reports an issuer listed before the certificate it signed, and still follows the path', () => {
    const report = analyzeChain(ders(leaf, root, int));
    assert.deepEqual(report.problems, [{ kind: 'out-of-order', index: 2, issuerIndex: 1 }]);
    assert.equal(report.endIndex, 1);
    assert.equal(report.verified, true);
  });

  it('reports a link whose named issuer key does not verify the signature', () => {
    const report = analyzeChain(ders(impostorLeaf, plainInt, root));
    assert.deepEqual(report.links[0], { index: 0, issuerIndex: 1, signatureValid: false });
    assert.deepEqual(report.problems, [{ kind: 'bad-signature', index: 0, issuerIndex: 1 }]);
    assert.equal(report.verified, false);
    // Given its real issuer the same leaf links cleanly.
    assert.deepEqual(analyzeChain(ders(impostorLeaf, impostorInt, root)).problems, []);
  });

  it("reads a leaf named like its issuer as issued, not self-signed, when its key's type could not have made its signature", () => {
    // Alone, it waits for an issuer, where a self-signed certificate would be a root with a broken signature.
    assert.deepEqual(analyzeChain(ders(namesakeLeaf)).links, [{ index: 0 }]);
    assert.deepEqual(analyzeChain(ders(namesakeLeaf)).problems, [{ kind: 'missing-issuer', index: 0 }]);
    const report = analyzeChain(ders(namesakeLeaf, namesakeRoot));
    assert.deepEqual(report.links[0], { index: 0, issuerIndex: 1, signatureValid: true });
    assert.deepEqual(report.problems, []);
    assert.equal(report.verified, true);
  });

  it('prefers the candidate whose key verifies when two issuers share a name', () => {
    const report = analyzeChain(ders(impostorLeaf, plainInt, impostorInt, root));
    assert.deepEqual(report.links[0], { index: 0, issuerIndex: 2, signatureValid: true });
    assert.deepEqual(report.problems, []);
  });

  it('reports a certificate whose issuer is not in the bundle, the usual leaf-and-intermediate case', () => {
    const report = analyzeChain(ders(leaf, int));
    assert.deepEqual(report.problems, [{ kind: 'missing-issuer', index: 1 }]);
    assert.equal(report.endIndex, 1);
    assert.equal(report.verified, false);
  });

  it('does not take a same-named CA whose key identifier differs for the issuer', () => {
    assert.deepEqual(analyzeChain(ders(leafUnderKeyedImpostor, int, root)).problems, [{ kind: 'missing-issuer', index: 0 }]);
  });

  it('reports a repeated certificate once, pointing at its first copy', () => {
    const report = analyzeChain(ders(leaf, int, int, root));
    assert.deepEqual(report.problems, [{ kind: 'duplicate', index: 2, firstIndex: 1 }]);
    assert.equal(report.links[0].issuerIndex, 1, 'the first copy is the issuer');
    assert.equal(report.verified, true);
  });

  it('reports a CA whose pathLenConstraint 0 sits above another intermediate CA', () => {
    const report = analyzeChain(ders(leafUnderSub, subUnderLimited, limitedInt, root));
    assert.deepEqual(report.problems, [{ kind: 'path-length', index: 1, caIndex: 2, pathLength: 0 }]);
    assert.equal(report.verified, false);
    assert.deepEqual(analyzeChain(ders(leafUnderRoomy, subUnderRoomy, roomyInt, root)).problems, [], 'pathlen 1 allows one intermediate below');
  });

  it('reports an issuer without CA:TRUE', () => {
    const report = analyzeChain(ders(leafUnderNotCa, notCa, root));
    assert.deepEqual(report.problems, [{ kind: 'issuer-not-ca', index: 0, issuerIndex: 1 }]);
    assert.equal(report.verified, false);
    assert.deepEqual(analyzeChain(ders(leafUnderNoBasicConstraints, noBasicConstraints, root)).problems, [{ kind: 'issuer-not-ca', index: 0, issuerIndex: 1 }]);
  });

  it('accepts a version 1 root as a CA, not a version 1 intermediate', () => {
    assert.match(pki.openssl(['x509', '-in', v1Root.certificateFile, '-noout', '-text']), /Version: 1 \(0x0\)/);
    assert.deepEqual(analyzeChain(ders(leafUnderV1Root, v1Root)).problems, []);
    assert.deepEqual(analyzeChain(ders(leafUnderV1Int, v1Int, v1Root)).problems, [{ kind: 'issuer-not-ca', index: 0, issuerIndex: 1 }]);
  });

  it('reads a lone self-signed certificate as a verified chain of one', () => {
    const report = analyzeChain(ders(selfSignedLeaf));
    assert.deepEqual(report, { links: [{ index: 0, issuerIndex: 0, signatureValid: true }], problems: [], endIndex: 0, verified: true });
  });

  it('survives bytes that are no certificate and an empty bundle', () => {
    const report = analyzeChain([new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05]), leaf.der, int.der, root.der]);
    assert.deepEqual(report.links[0], { index: 0 });
    assert.deepEqual(report.problems, []);
    assert.equal(report.endIndex, 0);
    assert.equal(report.verified, false);
    assert.deepEqual(analyzeChain([]), { links: [], problems: [], endIndex: -1, verified: false });
  });
});

const CASES: VerifyCase[] = [
  {
    name: 'a sound chain',
    chain: () => [leaf, int],
    trusted: () => [otherRoot, root],
    expect: { path: ['CN=web.shop', 'CN=Shop Int,O=Shop', 'CN=Shop Root,O=Shop'] },
  },
  {
    name: 'intermediates in the wrong order, with the root among them',
    chain: () => [leafUnderRoomy, root, roomyInt, subUnderRoomy],
    trusted: () => [root],
    expect: { path: ['CN=roomy.shop', 'CN=Roomy Sub CA', 'CN=Roomy Int', 'CN=Shop Root,O=Shop'] },
  },
  { name: 'a trusted self-signed leaf', chain: () => [selfSignedLeaf], trusted: () => [selfSignedLeaf], expect: { path: ['CN=self.shop'] } },
  {
    name: 'a leaf named like its root, with a key of another type',
    chain: () => [namesakeLeaf],
    trusted: () => [namesakeRoot],
    expect: { path: ['O=cluster.local', 'O=cluster.local'] },
  },
  { name: 'a missing intermediate', chain: () => [leaf], trusted: () => [root], expect: { index: 0, subject: 'CN=web.shop', reason: 'unknown issuer' } },
  {
    name: 'a same-named intermediate with another key identifier',
    chain: () => [leafUnderKeyedImpostor, int],
    trusted: () => [root],
    expect: { index: 0, subject: 'CN=keyed.shop', reason: 'unknown issuer' },
  },
  {
    name: 'an untrusted root',
    chain: () => [leaf, int],
    trusted: () => [otherRoot],
    expect: { index: 1, subject: 'CN=Shop Int,O=Shop', reason: 'unknown issuer' },
  },
  {
    name: 'only the intermediate trusted',
    chain: () => [leaf],
    trusted: () => [int],
    expect: { index: 1, subject: 'CN=Shop Int,O=Shop', reason: 'unknown issuer' },
  },
  {
    name: 'a self-signed leaf nobody trusts',
    chain: () => [selfSignedLeaf],
    trusted: () => [root],
    expect: { index: 0, subject: 'CN=self.shop', reason: 'self-signed and not trusted' },
  },
  {
    name: 'the root sent in the chain but not trusted',
    chain: () => [leaf, int, root],
    trusted: () => [otherRoot],
    expect: { index: 2, subject: 'CN=Shop Root,O=Shop', reason: 'self-signed and not trusted' },
  },
  {
    name: 'a signature made by another key under the same name',
    chain: () => [impostorLeaf, plainInt],
    trusted: () => [root],
    expect: { index: 0, subject: 'CN=plain.test', reason: 'signature does not verify' },
  },
  {
    name: 'an intermediate with CA:FALSE',
    chain: () => [leafUnderNotCa, notCa],
    trusted: () => [root],
    expect: { index: 1, subject: 'CN=Not A CA', reason: 'issuer not a CA' },
  },
  {
    name: 'an intermediate without basicConstraints',
    chain: () => [leafUnderNoBasicConstraints, noBasicConstraints],
    trusted: () => [root],
    expect: { index: 1, subject: 'CN=No BC', reason: 'issuer not a CA' },
  },
  {
    name: 'an intermediate whose key usage lacks keyCertSign',
    chain: () => [leafUnderNoCertSign, noCertSign],
    trusted: () => [root],
    expect: { index: 1, subject: 'CN=No CertSign', reason: 'missing keyCertSign' },
  },
  { name: 'a version 1 root', chain: () => [leafUnderV1Root], trusted: () => [v1Root], expect: { path: ['CN=v1.shop', 'CN=V1 Root'] } },
  {
    name: 'a version 1 intermediate',
    chain: () => [leafUnderV1Int, v1Int],
    trusted: () => [v1Root],
    expect: { index: 1, subject: 'CN=V1 Int', reason: 'issuer not a CA' },
  },
  {
    name: 'pathlen 0 above another CA',
    chain: () => [leafUnderSub, subUnderLimited, limitedInt],
    trusted: () => [root],
    expect: { index: 2, subject: 'CN=Limited Int', reason: 'path length exceeded' },
  },
  {
    name: 'pathlen 1 above one CA',
    chain: () => [leafUnderRoomy, subUnderRoomy, roomyInt],
    trusted: () => [root],
    expect: { path: ['CN=roomy.shop', 'CN=Roomy Sub CA', 'CN=Roomy Int', 'CN=Shop Root,O=Shop'] },
  },
  { name: 'an expired leaf', chain: () => [expiredLeaf, int], trusted: () => [root], expect: { index: 0, subject: 'CN=expired.shop', reason: 'expired' } },
  {
    name: 'the same leaf checked at a time it was valid',
    chain: () => [expiredLeaf, int],
    trusted: () => [root],
    at: days(-10),
    expect: { path: ['CN=expired.shop', 'CN=Shop Int,O=Shop', 'CN=Shop Root,O=Shop'] },
  },
  {
    name: 'a leaf not yet valid',
    chain: () => [futureLeaf, int],
    trusted: () => [root],
    expect: { index: 0, subject: 'CN=future.shop', reason: 'not yet valid' },
  },
  {
    name: 'an expired intermediate above a valid leaf',
    chain: () => [leafUnderExpiredInt, expiredInt],
    trusted: () => [root],
    expect: { index: 1, subject: 'CN=Expired Int', reason: 'expired' },
  },
  {
    name: 'an expired root above an expired leaf: the root is reported first',
    chain: () => [leafUnderExpiredRoot, intUnderExpiredRoot],
    trusted: () => [expiredRoot],
    expect: { index: 2, subject: 'CN=Expired Root', reason: 'expired' },
  },
];

describe('analyzeChain on a hostile bundle', () => {
  it('reads 1,000 certificates of one name, each the namesake of every other, trying a bounded number of signers each', () => {
    // Unbounded, each certificate tried the 999 others as its signer: a million signature checks.
    const ders = findPemBlocks(bulkCertificates(1000, { sameName: true })).map((block) => block.der!);
    const report = analyzeChain(ders);
    assert.equal(report.links.length, 1000);
    assert.equal(report.verified, false);
  });
});

describe('verifyChain agrees with openssl verify', () => {
  for (const c of CASES) {
    it(`on ${c.name}`, () => assertVerifyAgrees(pki, c, NOW));
  }

  it('names the path as far as it got', () => {
    const verdict = verifyChain(ders(leafUnderExpiredInt, expiredInt), ders(root), NOW);
    assert.deepEqual(verdict.path, ['CN=under-expired', 'CN=Expired Int', 'CN=Shop Root,O=Shop']);
    assert.deepEqual(verifyChain(ders(leaf, int), ders(otherRoot), NOW).path, ['CN=web.shop', 'CN=Shop Int,O=Shop']);
  });

  it('answers an unreadable leaf or an empty chain without throwing, and ignores unreadable trusted entries', () => {
    const garbage = new Uint8Array([0x30, 0x82, 0xff]);
    assert.deepEqual(verifyChain([garbage], ders(root), NOW), { ok: false, path: [], failure: { index: 0, subject: '', reason: 'unreadable certificate' } });
    assert.equal(verifyChain([], ders(root), NOW).failure?.reason, 'unreadable certificate');
    assert.equal(verifyChain(ders(leaf, int), [garbage, root.der], NOW).ok, true);
  });
});
