import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { element, implicit, nullValue, objectIdentifier, octetString, sequence, set, time, utf8String } from '../../common/src/pki/derWriter';
import { objectSections } from '../../common/src/webview/certificateSections';
import { summarizeChain } from '../../common/src/webview/chainSummary';
import { analyzeChain, verifyChain, type ChainFailureReason } from '../../common/src/x509/chain';
import { decodeDer } from '../../common/src/x509/decode';
import { TAG } from '../../common/src/x509/der';
import { lintObjects } from '../../common/src/x509/lint';
import type { CertificateDetails } from '../../common/src/x509/model';
import { certificateHoverAt } from '../../server/src/service/certificates/certificateHover';
import { objectSummary } from '../../server/src/service/certificates/describe';
import { objectsOf } from '../support/certificateDocuments';
import { craft, extension } from '../support/craftCertificate';
import { assertVerifyAgrees, caExtensions, DAY_MS, leafExtensions, TestPki, type Minted, type VerifyCase } from '../support/pki';

// Certificates that load but that `openssl verify` refuses, and bytes `openssl x509` refuses to
// load: our verdict must be openssl's. Each case builds the defective certificate, with openssl
// where it can write it and with our DER writer where it cannot.

const NOW = new Date();
const SAN_LEAF = sequence(implicit(2, new TextEncoder().encode('leaf.shop')));
const ECDSA_SHA384 = sequence(objectIdentifier('1.2.840.10045.4.3.3'));
const ECDSA_SHA256_NULL = sequence(objectIdentifier('1.2.840.10045.4.3.2'), nullValue());
const BASIC_CONSTRAINTS = '2.5.29.19';
const text = (tag: number, value: string) => element(tag, new TextEncoder().encode(value));
const validity = (from: Uint8Array, to: Uint8Array = time(new Date(NOW.getTime() + 30 * DAY_MS))): [Uint8Array, Uint8Array] => [from, to];

let pki: TestPki;
let root: Minted, int: Minted, leaf: Minted;
const made: Record<string, Minted> = {};

/** A CA under the root with these name constraints (openssl's nameConstraints= syntax), and the leaves below it. */
function constrained(name: string, constraints: string, extra: string[] = []): Minted {
  return pki.mint({ subject: `/CN=${name}`, issuer: root, extensions: [...caExtensions(), `nameConstraints=critical,${constraints}`, ...extra] });
}

function leafUnder(issuer: Minted, subject: string, lines: string[]): Minted {
  return pki.mint({ subject, issuer, extensions: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', ...lines] });
}

before(function () {
  this.timeout(120_000);
  pki = new TestPki();
  root = pki.mint({ subject: '/CN=Strict Root', extensions: caExtensions() });
  int = pki.mint({ subject: '/CN=Strict Int', issuer: root, extensions: caExtensions() });
  leaf = pki.mint({ subject: '/CN=leaf.shop', issuer: int, extensions: leafExtensions('leaf.shop') });
  // 1. Critical extensions openssl does not handle, and ones it does.
  made.unknownCritical = leafUnder(int, '/CN=odd.shop', ['subjectAltName=DNS:odd.shop', '1.2.3.4.5=critical,DER:05:00']);
  made.criticalKeyId = leafUnder(int, '/CN=skid.shop', ['subjectAltName=DNS:skid.shop', 'subjectKeyIdentifier=critical,hash']);
  made.criticalPolicies = leafUnder(int, '/CN=policy.shop', ['subjectAltName=DNS:policy.shop', 'certificatePolicies=critical,1.2.3.4']);
  made.unknownCriticalUnknownNonCritical = leafUnder(int, '/CN=quiet.shop', ['subjectAltName=DNS:quiet.shop', '1.2.3.4.5=DER:05:00']);
  made.intWithCritical = pki.mint({ subject: '/CN=Odd Int', issuer: root, extensions: [...caExtensions(), '1.2.3.4.6=critical,DER:05:00'] });
  made.leafUnderOddInt = leafUnder(made.intWithCritical, '/CN=under-odd.shop', ['subjectAltName=DNS:under-odd.shop']);
  // 3. Duplicate extensions, which openssl cannot write.
  const bc = extension(BASIC_CONSTRAINTS, true, sequence());
  made.twoBasicConstraints = craft(pki, 'two-bc', { issuer: int, keyOf: leaf, extensions: [bc, bc, extension('2.5.29.17', false, SAN_LEAF)] });
  made.twoSans = craft(pki, 'two-san', {
    issuer: int,
    keyOf: leaf,
    extensions: [extension('2.5.29.17', false, SAN_LEAF), extension('2.5.29.17', false, SAN_LEAF)],
  });
  const caBc = extension(BASIC_CONSTRAINTS, true, sequence(element(TAG.BOOLEAN, Uint8Array.of(0xff))));
  const keyCertSign = extension('2.5.29.15', true, Uint8Array.of(TAG.BIT_STRING, 2, 1, 0x06));
  made.twoBasicConstraintsInt = craft(pki, 'two-bc-int', {
    issuer: root,
    keyOf: int,
    subject: sequence(set(sequence(objectIdentifier('2.5.4.3'), utf8String('Twice Int')))),
    extensions: [caBc, caBc, keyCertSign],
  });
  made.leafUnderTwice = craft(pki, 'under-twice', { issuer: made.twoBasicConstraintsInt, keyOf: leaf, extensions: [extension('2.5.29.17', false, SAN_LEAF)] });
  made.twoUnknown = craft(pki, 'two-unknown', {
    issuer: int,
    keyOf: leaf,
    extensions: [extension('2.5.29.17', false, SAN_LEAF), extension('1.2.3.4', false, nullValue()), extension('1.2.3.4', false, nullValue())],
  });
  // 5. The signed part names another algorithm than the signature (or the same one with other parameters).
  made.innerSha384 = craft(pki, 'inner-384', { issuer: int, keyOf: leaf, innerAlgorithm: ECDSA_SHA384, extensions: [extension('2.5.29.17', false, SAN_LEAF)] });
  made.outerNullParameters = craft(pki, 'outer-null', {
    issuer: int,
    keyOf: leaf,
    outerAlgorithm: ECDSA_SHA256_NULL,
    extensions: [extension('2.5.29.17', false, SAN_LEAF)],
  });
  // 7. Time forms openssl x509 reads and openssl verify refuses.
  made.offsetTime = craft(pki, 'offset-time', {
    issuer: int,
    keyOf: leaf,
    validity: validity(text(TAG.UTC_TIME, '250101000000+0100')),
    extensions: [extension('2.5.29.17', false, SAN_LEAF)],
  });
  made.fractionTime = craft(pki, 'fraction-time', {
    issuer: int,
    keyOf: leaf,
    validity: validity(text(TAG.GENERALIZED_TIME, '20250101000000.5Z')),
    extensions: [extension('2.5.29.17', false, SAN_LEAF)],
  });
  made.generalizedBefore2050 = craft(pki, 'generalized-2025', {
    issuer: int,
    keyOf: leaf,
    validity: validity(text(TAG.GENERALIZED_TIME, '20250101000000Z')),
    extensions: [extension('2.5.29.17', false, SAN_LEAF)],
  });
  // 2. Name constraints on an intermediate, and on the root itself.
  made.dnsInt = constrained('DNS Int', 'permitted;DNS:shop.test');
  made.dnsInside = leafUnder(made.dnsInt, '/CN=x', ['subjectAltName=DNS:a.shop.test']);
  made.dnsBase = leafUnder(made.dnsInt, '/CN=x', ['subjectAltName=DNS:SHOP.TEST']);
  made.dnsLookalike = leafUnder(made.dnsInt, '/CN=x', ['subjectAltName=DNS:ashop.test']);
  made.dnsOutside = leafUnder(made.dnsInt, '/CN=x', ['subjectAltName=DNS:a.shop.test,DNS:other.test']);
  made.cnOutside = leafUnder(made.dnsInt, '/CN=other.test', ['subjectAltName=IP:10.0.0.1']);
  made.cnUnderscore = leafUnder(made.dnsInt, '/CN=other_x.test', []);
  made.cnNotHost = leafUnder(made.dnsInt, '/CN=Not A Host', []);
  made.cnWithDnsSan = leafUnder(made.dnsInt, '/CN=other.test', ['subjectAltName=DNS:a.shop.test']);
  made.dotInt = constrained('Dot Int', 'permitted;DNS:.shop.test');
  made.dotBase = leafUnder(made.dotInt, '/CN=x', ['subjectAltName=DNS:shop.test']);
  made.excludedInt = constrained('Excluded Int', 'excluded;DNS:bad.test');
  made.excluded = leafUnder(made.excludedInt, '/CN=x', ['subjectAltName=DNS:x.bad.test']);
  made.notExcluded = leafUnder(made.excludedInt, '/CN=x', ['subjectAltName=DNS:xbad.test']);
  made.ipInt = constrained('IP Int', 'permitted;IP:10.0.0.0/255.0.0.0');
  made.ipInside = leafUnder(made.ipInt, '/CN=x', ['subjectAltName=IP:10.1.2.3,DNS:any.test']);
  made.ipOutside = leafUnder(made.ipInt, '/CN=x', ['subjectAltName=IP:11.1.2.3']);
  made.ipv6 = leafUnder(made.ipInt, '/CN=x', ['subjectAltName=IP:::1']);
  made.uriInt = constrained('URI Int', 'permitted;URI:shop.test');
  made.spiffeInside = leafUnder(made.uriInt, '/CN=x', ['subjectAltName=URI:spiffe://shop.test/ns/a/sa/b']);
  made.spiffeOutside = leafUnder(made.uriInt, '/CN=x', ['subjectAltName=URI:spiffe://a.shop.test/ns/a']);
  made.uriNoHost = leafUnder(made.uriInt, '/CN=x', ['subjectAltName=URI:urn:shop.test']);
  made.emailInt = constrained('Email Int', 'permitted;email:shop.test');
  made.emailInside = leafUnder(made.emailInt, '/CN=x', ['subjectAltName=email:a@shop.test']);
  made.emailSubdomain = leafUnder(made.emailInt, '/CN=x', ['subjectAltName=email:a@x.shop.test']);
  // openssl ca drops emailAddress from subjects (email_in_dn = no), so this one is written by hand.
  const emailSubject = sequence(
    set(sequence(objectIdentifier('2.5.4.3'), utf8String('x'))),
    set(sequence(objectIdentifier('1.2.840.113549.1.9.1'), text(0x16, 'a@other.test'))),
  );
  made.emailInSubject = craft(pki, 'email-subject', { issuer: made.emailInt, keyOf: leaf, subject: emailSubject, extensions: [] });
  made.dirInt = constrained('Dir Int', 'permitted;dirName:dir_sect', ['[dir_sect]', 'O=Shop']);
  made.dirInside = leafUnder(made.dirInt, '/O=shop/CN=x', []);
  made.dirOutside = leafUnder(made.dirInt, '/O=Other/CN=x', []);
  made.constrainedRoot = pki.mint({ subject: '/CN=Constrained Root', extensions: [...caExtensions(), 'nameConstraints=critical,permitted;DNS:shop.test'] });
  made.intUnderConstrainedRoot = pki.mint({ subject: '/CN=Int Below', issuer: made.constrainedRoot, extensions: caExtensions() });
  made.leafOutsideRoot = leafUnder(made.intUnderConstrainedRoot, '/CN=x', ['subjectAltName=DNS:other.test']);
});

after(() => pki?.dispose());

const INT = 'CN=Strict Int';
const ROOT = 'CN=Strict Root';
const fails = (index: number, subject: string, reason: ChainFailureReason, detail?: string) => ({ index, subject, reason, ...(detail ? { detail } : {}) });

const CASES: VerifyCase[] = [
  // 1. Unknown critical extensions.
  {
    name: 'a leaf with an unknown critical extension',
    chain: () => [made.unknownCritical, int],
    trusted: () => [root],
    expect: fails(0, 'CN=odd.shop', 'unhandled critical extension', '1.2.3.4.5'),
  },
  {
    name: 'a leaf whose subject key identifier is marked critical',
    chain: () => [made.criticalKeyId, int],
    trusted: () => [root],
    expect: fails(0, 'CN=skid.shop', 'unhandled critical extension', '2.5.29.14'),
  },
  {
    name: 'a leaf with critical certificate policies (which openssl handles)',
    chain: () => [made.criticalPolicies, int],
    trusted: () => [root],
    expect: { path: ['CN=policy.shop', INT, ROOT] },
  },
  {
    name: 'a leaf with an unknown extension that is not critical',
    chain: () => [made.unknownCriticalUnknownNonCritical, int],
    trusted: () => [root],
    expect: { path: ['CN=quiet.shop', INT, ROOT] },
  },
  {
    name: 'an intermediate with an unknown critical extension',
    chain: () => [made.leafUnderOddInt, made.intWithCritical],
    trusted: () => [root],
    expect: fails(1, 'CN=Odd Int', 'unhandled critical extension', '1.2.3.4.6'),
  },
  // 3. Duplicate extensions.
  {
    name: 'a leaf with two basicConstraints extensions',
    chain: () => [made.twoBasicConstraints, int],
    trusted: () => [root],
    expect: fails(0, 'CN=crafted.test', 'invalid extensions'),
  },
  {
    name: 'a leaf with two subjectAltName extensions',
    chain: () => [made.twoSans, int],
    trusted: () => [root],
    expect: fails(0, 'CN=crafted.test', 'invalid extensions'),
  },
  {
    name: 'an intermediate with two basicConstraints extensions: no issuer for the leaf',
    chain: () => [made.leafUnderTwice, made.twoBasicConstraintsInt],
    trusted: () => [root],
    expect: fails(0, 'CN=crafted.test', 'unknown issuer'),
  },
  {
    name: 'a leaf with an unknown extension twice (openssl does not decode it)',
    chain: () => [made.twoUnknown, int],
    trusted: () => [root],
    expect: { path: ['CN=crafted.test', INT, ROOT] },
  },
  // 5. Algorithm mismatch.
  {
    name: 'an inner ecdsa-with-SHA384 under an outer ecdsa-with-SHA256',
    chain: () => [made.innerSha384, int],
    trusted: () => [root],
    expect: fails(0, 'CN=crafted.test', 'signature does not verify'),
  },
  {
    name: 'the same algorithm with NULL parameters outside only',
    chain: () => [made.outerNullParameters, int],
    trusted: () => [root],
    expect: fails(0, 'CN=crafted.test', 'signature does not verify'),
  },
  // 7. Times.
  {
    name: 'a notBefore with a time-zone offset',
    chain: () => [made.offsetTime, int],
    trusted: () => [root],
    expect: fails(0, 'CN=crafted.test', 'invalid time format', 'notBefore'),
  },
  {
    name: 'a notBefore with fractional seconds',
    chain: () => [made.fractionTime, int],
    trusted: () => [root],
    expect: fails(0, 'CN=crafted.test', 'invalid time format', 'notBefore'),
  },
  {
    name: 'a GeneralizedTime before 2050 (RFC 5280 wants UTCTime, openssl accepts it)',
    chain: () => [made.generalizedBefore2050, int],
    trusted: () => [root],
    expect: { path: ['CN=crafted.test', INT, ROOT] },
  },
  // 2. Name constraints.
  {
    name: 'a DNS name below a permitted domain',
    chain: () => [made.dnsInside, made.dnsInt],
    trusted: () => [root],
    expect: { path: ['CN=x', 'CN=DNS Int', ROOT] },
  },
  {
    name: 'the permitted domain itself, in capitals',
    chain: () => [made.dnsBase, made.dnsInt],
    trusted: () => [root],
    expect: { path: ['CN=x', 'CN=DNS Int', ROOT] },
  },
  {
    name: 'a DNS name that only ends like the permitted domain',
    chain: () => [made.dnsLookalike, made.dnsInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'outside permitted names', 'DNS:ashop.test'),
  },
  {
    name: 'a second DNS name outside the permitted domain',
    chain: () => [made.dnsOutside, made.dnsInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'outside permitted names', 'DNS:other.test'),
  },
  {
    name: 'a host-like CN outside the domain, with no DNS SAN',
    chain: () => [made.cnOutside, made.dnsInt],
    trusted: () => [root],
    expect: fails(0, 'CN=other.test', 'outside permitted names', 'CN=other.test'),
  },
  {
    name: 'a CN with an underscore, which openssl still reads as a host',
    chain: () => [made.cnUnderscore, made.dnsInt],
    trusted: () => [root],
    expect: fails(0, 'CN=other_x.test', 'outside permitted names', 'CN=other_x.test'),
  },
  {
    name: 'a CN that is no host name',
    chain: () => [made.cnNotHost, made.dnsInt],
    trusted: () => [root],
    expect: { path: ['CN=Not A Host', 'CN=DNS Int', ROOT] },
  },
  {
    name: 'a host-like CN beside a permitted DNS SAN (the CN is not checked)',
    chain: () => [made.cnWithDnsSan, made.dnsInt],
    trusted: () => [root],
    expect: { path: ['CN=other.test', 'CN=DNS Int', ROOT] },
  },
  {
    name: 'a leading dot that permits only names below it',
    chain: () => [made.dotBase, made.dotInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'outside permitted names', 'DNS:shop.test'),
  },
  {
    name: 'an excluded domain',
    chain: () => [made.excluded, made.excludedInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'excluded name', 'DNS:x.bad.test'),
  },
  {
    name: 'a name that only ends like the excluded domain',
    chain: () => [made.notExcluded, made.excludedInt],
    trusted: () => [root],
    expect: { path: ['CN=x', 'CN=Excluded Int', ROOT] },
  },
  {
    name: 'an address inside the permitted range',
    chain: () => [made.ipInside, made.ipInt],
    trusted: () => [root],
    expect: { path: ['CN=x', 'CN=IP Int', ROOT] },
  },
  {
    name: 'an address outside the permitted range',
    chain: () => [made.ipOutside, made.ipInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'outside permitted names', 'IP:11.1.2.3'),
  },
  {
    name: 'an IPv6 address under an IPv4 range',
    chain: () => [made.ipv6, made.ipInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'outside permitted names', 'IP:::1'),
  },
  {
    name: 'a SPIFFE ID in the permitted trust domain',
    chain: () => [made.spiffeInside, made.uriInt],
    trusted: () => [root],
    expect: { path: ['CN=x', 'CN=URI Int', ROOT] },
  },
  {
    name: 'a SPIFFE ID in a sub-domain of the permitted host',
    chain: () => [made.spiffeOutside, made.uriInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'outside permitted names', 'URI:spiffe://a.shop.test/ns/a'),
  },
  {
    name: 'a URI without a host',
    chain: () => [made.uriNoHost, made.uriInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'unreadable name', 'URI:urn:shop.test'),
  },
  {
    name: 'an email address at the permitted host',
    chain: () => [made.emailInside, made.emailInt],
    trusted: () => [root],
    expect: { path: ['CN=x', 'CN=Email Int', ROOT] },
  },
  {
    name: 'an email address at a sub-domain of it',
    chain: () => [made.emailSubdomain, made.emailInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x', 'outside permitted names', 'email:a@x.shop.test'),
  },
  {
    name: 'an emailAddress in the subject outside the permitted host',
    chain: () => [made.emailInSubject, made.emailInt],
    trusted: () => [root],
    expect: fails(0, 'emailAddress=a@other.test,CN=x', 'outside permitted names', 'emailAddress=a@other.test'),
  },
  {
    name: 'a subject inside the permitted directory name (case folded)',
    chain: () => [made.dirInside, made.dirInt],
    trusted: () => [root],
    expect: { path: ['CN=x,O=shop', 'CN=Dir Int', ROOT] },
  },
  {
    name: 'a subject outside the permitted directory name',
    chain: () => [made.dirOutside, made.dirInt],
    trusted: () => [root],
    expect: fails(0, 'CN=x,O=Other', 'outside permitted names', 'the subject CN=x,O=Other'),
  },
  {
    name: 'constraints on the trusted root, two levels up',
    chain: () => [made.leafOutsideRoot, made.intUnderConstrainedRoot],
    trusted: () => [made.constrainedRoot],
    expect: fails(0, 'CN=x', 'outside permitted names', 'DNS:other.test'),
  },
];

describe('verifyChain refuses what openssl verify refuses', () => {
  for (const c of CASES) it(`on ${c.name}`, () => assertVerifyAgrees(pki, c, NOW));

  it('the chain lens does not call those chains verified either', () => {
    const bundle = (...certificates: Minted[]) => analyzeChain(certificates.map((c) => c.der));
    assert.equal(bundle(leaf, int, root).verified, true);
    const broken: Array<[Minted[], string]> = [
      [[made.unknownCritical, int, root], 'unhandled-critical'],
      [[made.twoBasicConstraints, int, root], 'invalid-extensions'],
      [[made.innerSha384, int, root], 'bad-signature'],
      [[made.dnsOutside, made.dnsInt, root], 'name-constraints'],
      [[made.leafOutsideRoot, made.intUnderConstrainedRoot, made.constrainedRoot], 'name-constraints'],
    ];
    for (const [certificates, kind] of broken) {
      const report = bundle(...certificates);
      assert.equal(report.verified, false, kind);
      assert.ok(
        report.problems.some((p) => p.kind === kind),
        `${kind} in ${JSON.stringify(report.problems)}`,
      );
    }
    const verdict = (...certificates: Minted[]) =>
      summarizeChain(
        certificates.map((c) => ({ decoded: decoded(c) })),
        bundle(...certificates),
      ).verdict;
    assert.equal(
      verdict(made.unknownCritical, int, root),
      'Chain of 3 does not verify: #1 odd.shop has a critical extension verifiers do not handle (1.2.3.4.5)',
    );
    assert.equal(
      verdict(made.dnsOutside, made.dnsInt, root),
      'Chain of 3 does not verify: #1 x: name DNS:other.test is outside the names permitted in the name constraints of #2 DNS Int',
    );
  });
});

/** Writes DER to a file and asks `openssl x509` to load it. */
function opensslLoads(der: Uint8Array): boolean {
  const file = path.join(pki.dir, 'probe.der');
  writeFileSync(file, der);
  return spawnSync('openssl', ['x509', '-inform', 'DER', '-in', file, '-noout'], { stdio: 'ignore' }).status === 0;
}

function decoded(certificate: Minted): CertificateDetails {
  const object = decodeDer(certificate.der, 'CERTIFICATE');
  assert.equal(object.kind, 'certificate', object.kind === 'unreadable' ? object.reason : '');
  return object;
}

describe('DER that openssl refuses to load is unreadable, with the reason', () => {
  const serial = (...bytes: number[]) => element(TAG.INTEGER, Uint8Array.from(bytes));
  const critical = (...bytes: number[]) => sequence(objectIdentifier('2.5.29.17'), element(TAG.BOOLEAN, Uint8Array.from(bytes)), octetString(SAN_LEAF));
  const cases: Array<{ name: string; make: () => Minted; reason?: RegExp }> = [
    {
      name: 'a serial number with a redundant leading zero',
      make: () => craft(pki, 's1', { issuer: int, keyOf: leaf, serial: serial(0x00, 0x01), extensions: [] }),
      reason: /the serial number at byte \d+ is not in DER's shortest form/,
    },
    {
      name: 'a serial number with a redundant leading 0xFF',
      make: () => craft(pki, 's2', { issuer: int, keyOf: leaf, serial: serial(0xff, 0xff), extensions: [] }),
      reason: /shortest form \(a redundant leading 0xFF byte\)/,
    },
    {
      name: 'an empty serial number',
      make: () => craft(pki, 's3', { issuer: int, keyOf: leaf, serial: serial(), extensions: [] }),
      reason: /the serial number at byte \d+ is empty/,
    },
    {
      name: 'an OID number padded with 0x80',
      make: () =>
        craft(pki, 'o1', { issuer: int, keyOf: leaf, extensions: [sequence(element(TAG.OID, Uint8Array.of(0x55, 0x1d, 0x80, 0x11)), octetString(SAN_LEAF))] }),
      reason: /pads a number with a leading 0x80 byte/,
    },
    {
      name: 'an empty critical BOOLEAN',
      make: () => craft(pki, 'b1', { issuer: int, keyOf: leaf, extensions: [critical()] }),
      reason: /critical flag of extension Subject Alternative Name at byte \d+ is a BOOLEAN of 0 bytes/,
    },
    {
      name: 'a critical BOOLEAN of two bytes',
      make: () => craft(pki, 'b2', { issuer: int, keyOf: leaf, extensions: [critical(0xff, 0xff)] }),
      reason: /BOOLEAN of 2 bytes/,
    },
    // Loaded by openssl: a negative serial, a long-form length where a short one would do, a BOOLEAN of 0x01.
    { name: 'a negative serial number', make: () => craft(pki, 'l1', { issuer: int, keyOf: leaf, serial: serial(0xff), extensions: [] }) },
    {
      name: 'a length in long form',
      make: () =>
        craft(pki, 'l2', {
          issuer: int,
          keyOf: leaf,
          extensions: [sequence(objectIdentifier('2.5.29.17'), Uint8Array.of(TAG.OCTET_STRING, 0x81, SAN_LEAF.length, ...SAN_LEAF))],
        }),
    },
    { name: 'a critical BOOLEAN of 0x01', make: () => craft(pki, 'l3', { issuer: int, keyOf: leaf, extensions: [critical(0x01)] }) },
  ];
  for (const c of cases) {
    it(`${c.reason ? 'refuses' : 'reads'} ${c.name}, as openssl x509 does`, () => {
      const certificate = c.make();
      const ours = decodeDer(certificate.der, 'CERTIFICATE');
      assert.equal(opensslLoads(certificate.der), !c.reason, 'openssl x509 agrees');
      if (c.reason) {
        assert.equal(ours.kind, 'unreadable');
        assert.match(ours.kind === 'unreadable' ? ours.reason : '', c.reason);
      } else {
        assert.equal(ours.kind, 'certificate', ours.kind === 'unreadable' ? ours.reason : '');
      }
    });
  }

  it('refuses an empty or two-byte cA BOOLEAN (openssl loads it but then finds no issuer for it), and reads 0x01 as true', () => {
    const withCa = (name: string, ...bytes: number[]) =>
      craft(pki, name, { issuer: int, keyOf: leaf, extensions: [extension(BASIC_CONSTRAINTS, true, sequence(element(TAG.BOOLEAN, Uint8Array.from(bytes))))] });
    for (const [name, bytes] of [
      ['ca-empty', []],
      ['ca-two', [0xff, 0xff]],
    ] as const) {
      const certificate = withCa(name, ...bytes);
      const ours = decodeDer(certificate.der, 'CERTIFICATE');
      assert.match(
        ours.kind === 'unreadable' ? ours.reason : '',
        /its Basic Constraints extension is malformed: the CA flag at byte \d+ is a BOOLEAN of \d bytes/,
      );
      assert.equal(verifyChain([certificate.der, int.der], [root.der], NOW).failure?.reason, 'unreadable certificate');
      assertVerifyRefused(certificate);
    }
    assert.equal(decoded(withCa('ca-one', 0x01)).isCA, true);
  });
});

/** `openssl verify` refuses the certificate under `int`. */
function assertVerifyRefused(certificate: Minted): void {
  const result = spawnSync('openssl', ['verify', '-CAfile', root.certificateFile, '-untrusted', int.certificateFile, certificate.certificateFile], {
    encoding: 'utf8',
  });
  assert.notEqual(result.status, 0, result.stdout);
}

describe('times are read by one function for the view and for verification', () => {
  const at = (from: Uint8Array) => craft(pki, `t${Math.random()}`, { issuer: int, keyOf: leaf, validity: validity(from), extensions: [] });

  it('reads GeneralizedTime year 0005 as year 5, as openssl prints it', () => {
    const certificate = at(text(TAG.GENERALIZED_TIME, '00050101000000Z'));
    assert.equal(decoded(certificate).notBefore, '0005-01-01T00:00:00Z');
    assert.match(pki.openssl(['x509', '-in', certificate.certificateFile, '-noout', '-startdate']), /notBefore=Jan {2}1 00:00:00 5 GMT/);
    const verdict = verifyChain([certificate.der, int.der], [root.der], NOW);
    assert.equal(verdict.ok, true, JSON.stringify(verdict));
  });

  it('refuses dates that do not exist, with or without an offset; openssl verify refuses them too', () => {
    for (const [tag, value] of [
      [TAG.UTC_TIME, '250230000000Z'],
      [TAG.UTC_TIME, '250230000000+0100'],
      [TAG.UTC_TIME, '250101240000Z'],
      [TAG.GENERALIZED_TIME, '20230229000000Z'],
      [TAG.UTC_TIME, '250101000000+2400'],
    ] as const) {
      const certificate = at(text(tag, value));
      const ours = decodeDer(certificate.der, 'CERTIFICATE');
      assert.match(ours.kind === 'unreadable' ? ours.reason : '', /names a date that does not exist/, value);
      assert.equal(verifyChain([certificate.der, int.der], [root.der], NOW).ok, false);
      assertVerifyRefused(certificate);
    }
  });

  it('shows an offset time converted to UTC, the way openssl x509 does, and Verify Chain refuses it', () => {
    const certificate = made.offsetTime;
    assert.equal(decoded(certificate).notBefore, '2024-12-31T23:00:00Z');
    assert.match(pki.openssl(['x509', '-in', certificate.certificateFile, '-noout', '-startdate']), /notBefore=Dec 31 23:00:00 2024 GMT/);
  });
});

describe('findings on certificates verifiers refuse or that show as something else', () => {
  it('names unknown critical extensions, duplicates and an algorithm mismatch', () => {
    const findings = (certificate: Minted) =>
      lintObjects({ objects: [{ der: certificate.der, decoded: decoded(certificate) }], now: NOW, expiringSoonDays: 0 });
    const messages = (certificate: Minted, code: string) =>
      findings(certificate)
        .filter((f) => f.code === code)
        .map((f) => f.message);
    assert.deepEqual(messages(made.unknownCritical, 'certificate-critical-extension'), [
      'Critical extension 1.2.3.4.5 that verifiers do not handle: OpenSSL and Go refuse the certificate ("unhandled critical extension"). Mark it non-critical or leave it out.',
    ]);
    assert.match(messages(made.criticalKeyId, 'certificate-critical-extension')[0], /^Critical extension Subject Key Identifier \(2\.5\.29\.14\)/);
    assert.deepEqual(messages(made.criticalPolicies, 'certificate-critical-extension'), []);
    assert.deepEqual(messages(made.twoBasicConstraints, 'certificate-duplicate-extension'), [
      'Extension Basic Constraints (2.5.29.19) appears 2 times; RFC 5280 allows one of each: OpenSSL treats the certificate as invalid and links it to no issuer.',
    ]);
    assert.deepEqual(messages(made.twoUnknown, 'certificate-duplicate-extension'), [
      'Extension 1.2.3.4 appears 2 times; RFC 5280 allows one of each: verifiers may read either copy.',
    ]);
    assert.deepEqual(messages(made.innerSha384, 'certificate-algorithm-mismatch'), [
      'The signed part names ecdsa-with-SHA384 as its signature algorithm, the signature itself ecdsa-with-SHA256: verifiers refuse a certificate whose two algorithms differ ("certificate signature failure").',
    ]);
    assert.equal(decoded(made.outerNullParameters).innerSignatureAlgorithm, 'ecdsa-with-SHA256');
    assert.equal(decoded(leaf).innerSignatureAlgorithm, undefined);
    assert.deepEqual(
      findings(leaf).map((f) => f.code),
      [],
    );
  });

  it('warns of a NUL in a DNS name and of bidi and control characters, escaped', () => {
    const nul = craft(pki, 'nul', {
      issuer: int,
      keyOf: leaf,
      extensions: [extension('2.5.29.17', false, sequence(implicit(2, new TextEncoder().encode('bank.test\0.evil.test'))))],
    });
    const bidi = craft(pki, 'bidi', {
      issuer: int,
      keyOf: leaf,
      subject: sequence(set(sequence(objectIdentifier('2.5.4.3'), utf8String('evil\u202Etset.knab')))),
      extensions: [extension('2.5.29.17', false, SAN_LEAF)],
    });
    const messages = (certificate: Minted) =>
      lintObjects({ objects: [{ der: certificate.der, decoded: decoded(certificate) }], now: NOW, expiringSoonDays: 0 })
        .filter((f) => f.code === 'certificate-name-characters')
        .map((f) => f.message);
    assert.deepEqual(messages(nul), [
      'DNS name "bank.test\\u0000.evil.test" holds a NUL byte: software that stops reading at NUL sees "bank.test", a name the CA never meant to certify.',
    ]);
    assert.deepEqual(messages(bidi), [
      'The subject "CN=evil\\u202Etset.knab" holds control or bidirectional characters, which can make a name look like another on screen.',
    ]);
    assert.deepEqual(messages(leaf), []);
  });

  it('shows bidi and control characters escaped in the lens line, the hover and the decoded view', () => {
    const certificate = craft(pki, 'bidi-view', {
      issuer: int,
      keyOf: leaf,
      subject: sequence(set(sequence(objectIdentifier('2.5.4.3'), utf8String('a\u202Eb\u0007c')))),
      extensions: [extension('2.5.29.17', false, sequence(implicit(2, new TextEncoder().encode('x\u202E.test'))))],
    });
    const details = decoded(certificate);
    const lens = objectSummary(details, NOW);
    assert.ok(lens.startsWith('a\\u202Eb\\u0007c · '), lens);
    assert.ok(!/[\u0000-\u001f\u202e]/.test(lens));
    const shown = objectSections(details, NOW, 30).flatMap((s) => s.rows.flatMap((r) => r.values));
    // An IA5String SAN is read byte by byte: the override's UTF-8 bytes show as "â", a C1 control (escaped) and "®".
    assert.ok(shown.includes('x\u00e2\\u0080\u00ae.test'), JSON.stringify(shown));
    assert.ok(shown.includes('CN=a\\u202Eb\\07c'), JSON.stringify(shown));
    const hover = certificateHoverAt(objectsOf(certificate.certificatePem, 'pem').found, { line: 1, character: 3 }, NOW, { timeZone: 'UTC' });
    const markdown = (hover?.contents as { value: string } | undefined)?.value ?? '';
    assert.ok(markdown.includes('a\\\\u202Eb\\\\u0007c'), markdown);
    assert.ok(!/[\u0000-\u0009\u000b-\u001f\u202e]/.test(markdown), markdown);
    assert.ok(!shown.some((v) => /[\u0000-\u001f\u202e]/.test(v)), JSON.stringify(shown));
  });

  it('says an X.509-SVID with two SPIFFE IDs is not one, naming both', () => {
    const twoIds = pki.mint({
      subject: '/CN=two',
      issuer: int,
      extensions: [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature',
        'extendedKeyUsage=serverAuth,clientAuth',
        'subjectAltName=URI:spiffe://shop.test/ns/a/sa/web,URI:spiffe://shop.test/ns/kube-system/sa/admin',
      ],
    });
    const messages = lintObjects({ objects: [{ der: twoIds.der, decoded: decoded(twoIds) }], now: NOW, expiringSoonDays: 0 })
      .filter((f) => f.code === 'spiffe-svid')
      .map((f) => f.message);
    assert.deepEqual(messages, [
      'Not a valid X.509-SVID: it carries 2 SPIFFE IDs (spiffe://shop.test/ns/a/sa/web, spiffe://shop.test/ns/kube-system/sa/admin); an X.509-SVID carries exactly one, and a peer that reads only the first would authorize it as spiffe://shop.test/ns/a/sa/web.',
    ]);
  });

  it('reports a name constraint violation on the certificate, naming the CA', () => {
    const objects = [made.dnsOutside, made.dnsInt, root].map((c) => ({ der: c.der, decoded: decoded(c) }));
    const findings = lintObjects({ objects, now: NOW, expiringSoonDays: 0 }).filter((f) => f.code === 'chain-name-constraints');
    assert.deepEqual(findings, [
      {
        index: 0,
        code: 'chain-name-constraints',
        severity: 'error',
        message:
          'Its name DNS:other.test is outside the names permitted in the name constraints of "DNS Int": verifiers reject the chain ("permitted subtree violation").',
      },
    ]);
  });
});
