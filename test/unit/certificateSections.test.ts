import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileObjects } from '../../client/src/certificates/fileObjects';
import { summarizeChain } from '../../common/src/webview/chainSummary';
import { objectSections, objectStatus, type Section } from '../../common/src/webview/certificateSections';
import { ROOT } from '../rig/paths';
import { certificateModel, chainModel, csrModel, privateKeyModel } from '../support/decodedModels';

const NOW = new Date('2025-03-09T00:00:00Z'); // 23 days before the model certificate's notAfter
const NO_NAMES = { dns: [], ip: [], uri: [], email: [], other: [] };

function rows(sections: Section[]): Map<string, string[]> {
  return new Map(sections.flatMap((section) => section.rows.map((row) => [`${section.heading} / ${row.label}`, row.values] as const)));
}

describe('decoded view sections', () => {
  it('show every field of a certificate the model carries', () => {
    const sections = objectSections(certificateModel(), NOW, 30);
    const shown = rows(sections);
    assert.deepEqual(shown.get('Identity / Subject'), ['CN=checkout.shop.svc,O=Shop']);
    assert.deepEqual(shown.get('Identity / Issuer'), ['CN=Shop Intermediate CA,O=Shop']);
    assert.deepEqual(shown.get('Identity / Serial number'), ['5A1B2C3D']);
    assert.deepEqual(shown.get('Identity / Version'), ['3']);
    assert.deepEqual(shown.get('Validity / Status'), ['expires in 23 days']);
    assert.deepEqual(shown.get('Validity / Not after'), ['2025-04-01 00:00:00 UTC']);
    const san = 'Subject alternative names';
    assert.deepEqual(shown.get(`${san} / DNS`), ['checkout.shop.svc', 'checkout.shop.svc.cluster.local']);
    assert.deepEqual(shown.get(`${san} / IP`), ['10.0.0.7', '2001:db8::1']);
    assert.deepEqual(shown.get(`${san} / URI`), ['spiffe://cluster.local/ns/shop/sa/checkout']);
    assert.deepEqual(shown.get(`${san} / Email`), ['ops@shop.example']);
    assert.deepEqual(shown.get(`${san} / Other`), ['RID:1.2.3.4']);
    assert.deepEqual(shown.get('Usage / Key usage (critical)'), ['digitalSignature', 'keyEncipherment']);
    assert.deepEqual(shown.get('Usage / Extended key usage'), ['serverAuth', 'clientAuth']);
    assert.deepEqual(shown.get('Usage / Basic constraints'), ['not a CA']);
    assert.deepEqual(shown.get('Key identifiers / Subject key ID'), ['01:02:03']);
    assert.deepEqual(shown.get('Key identifiers / Authority key ID'), ['04:05:06']);
    assert.deepEqual(shown.get('Revocation and issuer access / CRL distribution points'), ['http://crl.shop.example/ca.crl']);
    assert.deepEqual(shown.get('Revocation and issuer access / OCSP'), ['http://ocsp.shop.example']);
    assert.deepEqual(shown.get('Revocation and issuer access / CA issuers'), ['http://pki.shop.example/ca.crt']);
    assert.deepEqual(shown.get('Signature / Algorithm'), ['ecdsa-with-SHA256']);
    assert.deepEqual(shown.get('Public key / Curve'), ['P-256']);
    assert.deepEqual(shown.get('Fingerprints / SHA-256'), ['AA:BB:CC']);
    assert.deepEqual(shown.get('Fingerprints / SHA-1'), ['11:22']);
  });

  it('list extensions they do not render by meaning under their OID, and only those', () => {
    const other = objectSections(certificateModel(), NOW, 30).find((s) => s.heading === 'Other extensions');
    assert.deepEqual(
      other?.rows.map((r) => [r.label, r.values]),
      [['1.2.3.4.5', ['0C0568656C6C6F']]],
    );
  });

  it('show a CA with its path length, name constraints, and a weak signature in the error tone', () => {
    const ca = certificateModel({
      isCA: true,
      pathLength: 0,
      nameConstraints: { permitted: ['DNS:.shop.svc'], excluded: ['IP:0.0.0.0/0'] },
      signatureAlgorithm: 'sha1WithRSAEncryption',
      signatureHash: 'SHA-1',
      extensions: [{ oid: '2.5.29.30', name: 'Name Constraints', critical: true, value: 'Permitted: DNS:.shop.svc' }],
    });
    const sections = objectSections(ca, NOW, 30);
    const shown = rows(sections);
    assert.deepEqual(shown.get('Usage / Basic constraints'), ['CA, path length 0']);
    assert.deepEqual(shown.get('Name constraints (critical) / Permitted'), ['DNS:.shop.svc']);
    assert.deepEqual(shown.get('Name constraints (critical) / Excluded'), ['IP:0.0.0.0/0']);
    assert.equal(sections.find((s) => s.heading === 'Signature')?.rows[0].tone, 'error');
    assert.deepEqual(rows(objectSections(certificateModel({ isCA: true }), NOW, 30)).get('Usage / Basic constraints'), ['CA, no path length limit']);
  });

  it('say when a certificate has no SAN, no key usage, no extended key usage', () => {
    const bare = certificateModel({
      subjectAltNames: { dns: [], ip: [], uri: [], email: [], other: [] },
      hasKeyUsage: false,
      keyUsage: [],
      hasExtendedKeyUsage: false,
      extendedKeyUsage: [],
      extensions: [],
    });
    const shown = rows(objectSections(bare, NOW, 30));
    assert.deepEqual(shown.get('Subject alternative names / Names'), ['none']);
    assert.deepEqual(shown.get('Usage / Key usage'), ['absent']);
    assert.deepEqual(shown.get('Usage / Extended key usage'), ['absent']);
  });

  it('tone the status by expiry: soon is a warning, expired an error', () => {
    assert.deepEqual(objectStatus(certificateModel(), NOW, 30), { text: 'ECDSA P-256 · expires in 23 days', tone: 'warning' });
    assert.equal(objectStatus(certificateModel(), NOW, 10).tone, 'ok');
    assert.deepEqual(objectStatus(certificateModel(), new Date('2025-04-04T00:00:00Z'), 30), { text: 'ECDSA P-256 · expired 3 days ago', tone: 'error' });
  });

  it('show a request with its signature check and requested usages', () => {
    const shown = rows(objectSections(csrModel(), NOW, 30));
    assert.deepEqual(shown.get('Request / Self-signature'), ['does not verify']);
    assert.deepEqual(shown.get('Requested usage / CA'), ['no']);
    assert.deepEqual(shown.get('Requested usage / Extended key usage'), ['clientAuth']);
    assert.deepEqual(shown.get('Public key / Size'), ['1024 bits']);
    assert.equal(objectStatus(csrModel(), NOW, 30).tone, 'error');
  });

  it('describe private keys by type and protection, and never carry more than the model holds', () => {
    const plain = rows(objectSections(privateKeyModel(false), NOW, 30));
    assert.deepEqual(plain.get('Private key / Format'), ['PKCS#8']);
    assert.match(plain.get('Private key / Encrypted')![0], /^no/);
    assert.deepEqual(plain.get('Its public key / Curve'), ['P-256']);
    const encrypted = rows(objectSections(privateKeyModel(true), NOW, 30));
    assert.deepEqual(encrypted.get('Private key / Encrypted'), ['yes']);
    assert.match(encrypted.get('Private key / Key type')![0], /unknown until decrypted/);
  });
});

describe('chain summary', () => {
  it('names the root of a verified chain and each link', () => {
    const objects = [
      { decoded: certificateModel() },
      { decoded: privateKeyModel(false) },
      { decoded: certificateModel({ subjectCommonName: 'Shop Root', subjectAltNames: NO_NAMES, isCA: true, selfSigned: true }) },
    ];
    const summary = summarizeChain(objects, chainModel());
    assert.equal(summary.verdict, 'Chain of 2, ends at root Shop Root, verified');
    // Chain indexes count certificates; the view selects objects, the key in between included.
    assert.deepEqual(
      summary.entries.map((e) => [e.objectIndex, e.link]),
      [
        [0, 'signed by #2, signature verifies'],
        [2, 'self-signed root, signature verifies'],
      ],
    );
  });

  it('gives the first problem as the reason a chain does not verify', () => {
    const objects = [
      { decoded: certificateModel({ subjectAltNames: NO_NAMES }) },
      { decoded: certificateModel({ subjectCommonName: 'Other CA', subjectAltNames: NO_NAMES }) },
    ];
    const summary = summarizeChain(objects, {
      links: [{ index: 0, issuerIndex: 1, signatureValid: false }, { index: 1 }],
      problems: [
        { kind: 'bad-signature', index: 0, issuerIndex: 1 },
        { kind: 'missing-issuer', index: 1 },
      ],
      endIndex: 1,
      verified: false,
    });
    assert.equal(summary.verdict, 'Chain of 2 does not verify: the signature on #1 checkout.shop.svc does not verify with the key of #2 Other CA');
    assert.equal(summary.state, 'broken');
    // The top of the path lacking its issuer is not a fault: the bad signature is the only one.
    assert.equal(summary.problems.length, 1);
    assert.deepEqual(
      summary.entries.map((e) => e.ok),
      [false, true],
    );
  });

  it('treats a chain that stops below its root as sound, the way servers send chains', () => {
    const leaf = certificateModel({ subjectAltNames: NO_NAMES });
    const intermediate = certificateModel({
      subjectCommonName: 'Shop Intermediate CA',
      issuerCommonName: 'Shop Root CA',
      subjectAltNames: NO_NAMES,
      isCA: true,
    });
    const summary = summarizeChain([{ decoded: leaf }, { decoded: intermediate }], {
      links: [{ index: 0, issuerIndex: 1, signatureValid: true }, { index: 1 }],
      problems: [{ kind: 'missing-issuer', index: 1 }],
      endIndex: 1,
      verified: false,
    });
    assert.equal(summary.verdict, 'Chain of 2, ends at Shop Intermediate CA, issued by Shop Root CA (not in this file)');
    assert.equal(summary.state, 'open');
    assert.deepEqual(summary.problems, []);
    assert.deepEqual(
      summary.entries.map((e) => e.link),
      ['signed by #2, signature verifies', 'issued by Shop Root CA, not in the file'],
    );
  });

  it('calls a file of roots a trust bundle', () => {
    const root = (name: string) => ({ decoded: certificateModel({ subjectCommonName: name, subjectAltNames: NO_NAMES, isCA: true, selfSigned: true }) });
    const summary = summarizeChain([root('A'), root('B')], {
      links: [
        { index: 0, issuerIndex: 0, signatureValid: true },
        { index: 1, issuerIndex: 1, signatureValid: true },
      ],
      problems: [],
      endIndex: 0,
      verified: true,
    });
    assert.equal(summary.verdict, 'Trust bundle of 2 root certificates');
    assert.equal(summary.state, 'ok');
  });
});

describe('decoded view sections of real files, next to what openssl prints', () => {
  const examples = path.join(ROOT, 'examples', 'certs');
  const objectsOf = (name: string) => fileObjects(readFileSync(path.join(examples, name)), name);
  const openssl = (name: string, args: string[]) => execFileSync('openssl', [...args, '-in', path.join(examples, name), '-noout'], { encoding: 'utf8' });

  it('show the leaf of the example bundle with every extension openssl lists', () => {
    const [leaf] = objectsOf('payments-chain.pem');
    const shown = rows(objectSections(leaf.decoded, new Date(), 30));
    const text = openssl('payments-chain.pem', ['x509', '-text']);
    const sanLine = /X509v3 Subject Alternative Name:\s*\n\s*(.+)/.exec(text)![1];
    for (const dns of [...sanLine.matchAll(/DNS:([^,\s]+)/g)].map((m) => m[1])) assert.ok(shown.get('Subject alternative names / DNS')?.includes(dns), dns);
    assert.deepEqual(shown.get('Subject alternative names / URI'), [/URI:([^,\s]+)/.exec(sanLine)![1]]);
    assert.deepEqual(shown.get('Subject alternative names / IP'), [/IP Address:([^,\s]+)/.exec(sanLine)![1]]);
    assert.deepEqual(shown.get('Subject alternative names / Email'), [/email:([^,\s]+)/.exec(sanLine)![1]]);
    assert.deepEqual(shown.get('Revocation and issuer access / OCSP'), [/OCSP - URI:(\S+)/.exec(text)![1]]);
    assert.deepEqual(shown.get('Revocation and issuer access / CA issuers'), [/CA Issuers - URI:(\S+)/.exec(text)![1]]);
    assert.deepEqual(shown.get('Revocation and issuer access / CRL distribution points'), [/Full Name:\s*\n\s*URI:(\S+)/.exec(text)![1]]);
    assert.equal(
      shown.get('Fingerprints / SHA-256')?.[0],
      /Fingerprint=(.+)/.exec(openssl('payments-chain.pem', ['x509', '-fingerprint', '-sha256']))![1].trim(),
    );
    assert.equal(shown.get('Identity / Serial number')?.[0], /serial=(.+)/.exec(openssl('payments-chain.pem', ['x509', '-serial']))![1].trim());
    // The certificate policy is no extension the view renders by meaning: it is listed by OID.
    assert.ok(
      [...shown.keys()].some((key) => key.startsWith('Other extensions / ') && key.includes('2.5.29.32')),
      [...shown.keys()].join(', '),
    );
  });

  it('show the intermediate with its path length and name constraints', () => {
    const [, intermediate] = objectsOf('payments-chain.pem');
    const shown = rows(objectSections(intermediate.decoded, new Date(), 30));
    assert.deepEqual(shown.get('Usage / Basic constraints (critical)'), ['CA, path length 0']);
    assert.deepEqual(shown.get('Name constraints (critical) / Permitted'), ['DNS:.shop.svc', 'DNS:.shop.svc.cluster.local', 'URI:cluster.local']);
    assert.equal(shown.get('Name constraints (critical) / Excluded')?.length, 1);
  });

  it('show the example request with its self-signature checked', () => {
    const [csr] = objectsOf('orders.csr');
    assert.equal(csr.decoded.kind, 'csr');
    const shown = rows(objectSections(csr.decoded, new Date(), 30));
    assert.deepEqual(shown.get('Request / Self-signature'), ['verifies']);
    assert.deepEqual(shown.get('Subject alternative names / URI'), ['spiffe://cluster.local/ns/shop/sa/orders']);
    assert.deepEqual(shown.get('Requested usage / Extended key usage'), ['serverAuth', 'clientAuth']);
  });
});
