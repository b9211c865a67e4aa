import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findPemBlocks } from '../../common/src/pem/blocks';
import { analyzeChain, verifyChain } from '../../common/src/x509/chain';
import { decodeDer, decodePemBlock } from '../../common/src/x509/decode';
import { lintObjects, type CertificateFinding, type CertificateFindingCode } from '../../common/src/x509/lint';
import { caExtensions, DAY_MS, leafExtensions, TestPki, type Minted } from '../support/pki';
import { seededRandom } from '../support/random';

// Every rule with a case that trips it and one that does not, on certificates minted by openssl
// and decoded by the real decoder.
const NOW = new Date();
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS);
const HOUR_MS = 60 * 60 * 1000;

let pki: TestPki;
let root: Minted, int: Minted, leaf: Minted;
const mint = (request: Parameters<TestPki['mint']>[0]) => pki.mint(request);

before(function () {
  this.timeout(60_000);
  pki = new TestPki();
  root = mint({ subject: '/O=Shop/CN=Shop Root', extensions: caExtensions(), notBefore: at(-100), notAfter: at(3000) });
  int = mint({ subject: '/O=Shop/CN=Shop Int', issuer: root, extensions: caExtensions(), notBefore: at(-100), notAfter: at(1000) });
  leaf = mint({ subject: '/CN=web.shop', issuer: int, extensions: leafExtensions('web.shop') });
});

after(() => pki?.dispose());

/** The PEM text of the given certificates and keys, decoded block by block, linted. */
function lint(pems: string[], options: { now?: Date; expiringSoonDays?: number } = {}): CertificateFinding[] {
  const objects = findPemBlocks(pems.join('')).map((block) => ({ der: block.der, decoded: decodePemBlock(block) }));
  return lintObjects({ objects, now: options.now ?? NOW, expiringSoonDays: options.expiringSoonDays ?? 30 });
}

const pemsOf = (...certificates: Minted[]) => certificates.map((c) => c.certificatePem);
const codes = (findings: CertificateFinding[]) => findings.map((f) => `${f.index}:${f.code}`);
const only = (findings: CertificateFinding[], code: CertificateFindingCode) => findings.filter((f) => f.code === code);

function single(findings: CertificateFinding[], code: CertificateFindingCode): CertificateFinding {
  const found = only(findings, code);
  assert.equal(found.length, 1, `one ${code} in ${JSON.stringify(findings)}`);
  return found[0];
}

describe('lintObjects', () => {
  it('finds nothing on a sound leaf, intermediate and root bundle with the leaf key', () => {
    assert.deepEqual(lint([...pemsOf(leaf, int, root), leaf.keyPem]), []);
  });

  describe('validity', () => {
    it('reports an expired certificate with how long ago and when', () => {
      const expired = mint({ subject: '/CN=old.shop', issuer: int, extensions: leafExtensions('old.shop'), notBefore: at(-30), notAfter: at(-3) });
      const finding = single(lint(pemsOf(expired)), 'certificate-expired');
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, /expired 3 days ago, at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
      assert.deepEqual(only(lint(pemsOf(expired), { now: at(-4) }), 'certificate-expired'), [], 'not before its notAfter');
    });

    it('reports a certificate not valid yet', () => {
      const future = mint({ subject: '/CN=new.shop', issuer: int, extensions: leafExtensions('new.shop'), notBefore: at(3), notAfter: at(90) });
      const finding = single(lint(pemsOf(future)), 'certificate-not-yet-valid');
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, /3 days from now/);
      assert.deepEqual(lint(pemsOf(future), { now: at(4) }), []);
    });

    it('warns of expiry when under a third of the lifetime and under the day threshold remain', () => {
      const quarterly = mint({ subject: '/CN=q.shop', issuer: int, extensions: leafExtensions('q.shop'), notBefore: at(-80), notAfter: at(10) });
      const finding = single(lint(pemsOf(quarterly)), 'certificate-expiring-soon');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /expires in 10 days, .*11% of its lifetime \(3 months\) is left/);
      assert.deepEqual(lint(pemsOf(quarterly), { expiringSoonDays: 0 }), [], '0 turns it off');
      assert.deepEqual(lint(pemsOf(quarterly), { expiringSoonDays: 7 }), [], '10 days left is more than 7');
    });

    it('stays quiet on a 24-hour certificate with 10 hours left, and on a long one with more than the threshold left', () => {
      const daily = mint({
        subject: '/CN=d.shop',
        issuer: int,
        extensions: leafExtensions('d.shop'),
        notBefore: new Date(NOW.getTime() - 14 * HOUR_MS),
        notAfter: new Date(NOW.getTime() + 10 * HOUR_MS),
      });
      assert.deepEqual(lint(pemsOf(daily)), []);
      // The same certificate with 6 hours left has under a third of its day left.
      assert.match(single(lint(pemsOf(daily), { now: new Date(NOW.getTime() + 4 * HOUR_MS) }), 'certificate-expiring-soon').message, /expires in 6 hours/);
      const yearly = mint({ subject: '/CN=y.shop', issuer: int, extensions: leafExtensions('y.shop'), notBefore: at(-325), notAfter: at(40) });
      assert.deepEqual(lint(pemsOf(yearly)), []);
    });
  });

  describe('strength', () => {
    it('warns of an RSA key under 2048 bits, naming its size', () => {
      const small = mint({ subject: '/CN=small.shop', issuer: int, key: 'rsa1024', extensions: leafExtensions('small.shop') });
      const finding = single(lint(pemsOf(small)), 'certificate-weak-key');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /RSA key of 1024 bits/);
      const enough = mint({ subject: '/CN=big.shop', issuer: int, key: 'rsa2048', extensions: leafExtensions('big.shop') });
      assert.deepEqual(lint(pemsOf(enough)), []);
    });

    it('warns of SHA-1 and MD5 signatures, except on a self-signed root', () => {
      const sha1 = mint({ subject: '/CN=sha1.shop', issuer: int, digest: 'sha1', extensions: leafExtensions('sha1.shop') });
      assert.match(single(lint(pemsOf(sha1)), 'certificate-weak-signature').message, /ecdsa-with-SHA1 \(SHA-1\)/);
      const rsaRoot = mint({ subject: '/CN=RSA Root', key: 'rsa2048', extensions: caExtensions() });
      const md5 = mint({ subject: '/CN=md5.shop', issuer: rsaRoot, key: 'rsa2048', digest: 'md5', extensions: leafExtensions('md5.shop') });
      assert.match(single(lint(pemsOf(md5, rsaRoot)), 'certificate-weak-signature').message, /md5WithRSAEncryption \(MD5\)/);
      const sha1Root = mint({ subject: '/CN=Old Root', digest: 'sha1', extensions: caExtensions() });
      assert.deepEqual(lint(pemsOf(sha1Root)), []);
    });
  });

  describe('names and CA flags', () => {
    it('warns of a leaf without SAN, quoting the CN it relies on; a CA without SAN is fine', () => {
      const cnOnly = mint({
        subject: '/CN=cn-only.shop',
        issuer: int,
        extensions: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature'],
      });
      const finding = single(lint(pemsOf(cnOnly)), 'certificate-no-san');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /"cn-only\.shop"/);
      assert.deepEqual(lint(pemsOf(int)), []);
    });

    it('warns of a TLS leaf marked CA:TRUE, not of a CA that names a host (as Istio sample CAs do)', () => {
      const caLeaf = mint({
        subject: '/CN=ca-leaf.shop',
        issuer: int,
        extensions: [
          'basicConstraints=critical,CA:TRUE',
          'keyUsage=critical,digitalSignature,keyCertSign',
          'extendedKeyUsage=serverAuth',
          'subjectAltName=DNS:ca-leaf.shop',
        ],
      });
      const finding = single(lint(pemsOf(caLeaf)), 'certificate-ca-flags');
      assert.equal(finding.severity, 'warning');
      assert.match(finding.message, /ca-leaf\.shop, serverAuth\) marked CA:TRUE/);
      const hostCa = mint({
        subject: '/CN=Host CA',
        issuer: root,
        extensions: ['basicConstraints=CA:TRUE', 'keyUsage=keyCertSign', 'subjectAltName=DNS:ca.shop'],
      });
      assert.deepEqual(lint(pemsOf(hostCa)), []);
    });

    it('warns of a CA whose key usage lacks keyCertSign', () => {
      const noCertSign = mint({
        subject: '/CN=No CertSign',
        issuer: root,
        extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,digitalSignature,cRLSign'],
      });
      const finding = single(lint(pemsOf(noCertSign)), 'certificate-ca-flags');
      assert.match(finding.message, /key usage \(digitalSignature, cRLSign\) lacks keyCertSign/);
    });

    it('reports as an error, on the issuer, a certificate without CA:TRUE that signed another in the bundle', () => {
      const notCa = mint({
        subject: '/CN=Not A CA',
        issuer: root,
        extensions: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature,keyCertSign', 'subjectAltName=DNS:not-ca.shop'],
      });
      const under = mint({ subject: '/CN=under.shop', issuer: notCa, extensions: leafExtensions('under.shop') });
      const findings = lint(pemsOf(under, notCa, root));
      assert.deepEqual(codes(findings), ['1:certificate-ca-flags']);
      assert.equal(findings[0].severity, 'error');
      assert.match(findings[0].message, /signed "under\.shop" but is not a CA/);
    });
  });

  describe('chains', () => {
    it('warns, on the certificate, when its issuer is listed above it', () => {
      const findings = lint(pemsOf(leaf, root, int));
      assert.deepEqual(codes(findings), ['2:chain-order']);
      assert.match(findings[0].message, /issuer "Shop Root" is listed above it/);
    });

    it('reports a link whose signature does not verify with the named issuer', () => {
      const bare = ['subjectKeyIdentifier=none', 'authorityKeyIdentifier=none'];
      const realInt = mint({
        subject: '/CN=Plain Int',
        issuer: root,
        extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign', ...bare],
      });
      const impostor = mint({
        subject: '/CN=Plain Int',
        issuer: root,
        extensions: ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign', ...bare],
      });
      const signed = mint({
        subject: '/CN=plain.shop',
        issuer: impostor,
        extensions: ['basicConstraints=critical,CA:FALSE', 'keyUsage=critical,digitalSignature', 'subjectAltName=DNS:plain.shop', ...bare],
      });
      const findings = lint(pemsOf(signed, realInt, root));
      assert.deepEqual(codes(findings), ['0:chain-signature']);
      assert.equal(findings[0].severity, 'error');
      assert.match(findings[0].message, /names "Plain Int" as its issuer, but .* does not verify/);
      assert.deepEqual(lint(pemsOf(signed, impostor, root)), []);
    });

    it('reports, on the CA, a pathLenConstraint the bundle exceeds, with both numbers', () => {
      const limited = mint({ subject: '/CN=Limited Int', issuer: root, extensions: caExtensions(0) });
      const sub = mint({ subject: '/CN=Sub CA', issuer: limited, extensions: caExtensions() });
      const deep = mint({ subject: '/CN=deep.shop', issuer: sub, extensions: leafExtensions('deep.shop') });
      const findings = lint(pemsOf(deep, sub, limited, root));
      assert.deepEqual(codes(findings), ['2:chain-path-length']);
      assert.match(
        findings[0].message,
        /pathLenConstraint of 0 allows no intermediate CA below it, but 1 sits between it and the end certificate, starting with "Sub CA"/,
      );
      const roomy = mint({ subject: '/CN=Roomy Int', issuer: root, extensions: caExtensions(1) });
      const roomySub = mint({ subject: '/CN=Roomy Sub', issuer: roomy, extensions: caExtensions() });
      const roomyLeaf = mint({ subject: '/CN=roomy.shop', issuer: roomySub, extensions: leafExtensions('roomy.shop') });
      assert.deepEqual(lint(pemsOf(roomyLeaf, roomySub, roomy, root)), []);
    });

    it('warns of a duplicate, pointing at the first copy', () => {
      const findings = lint(pemsOf(leaf, int, int, root));
      assert.deepEqual(codes(findings), ['2:chain-duplicate']);
      assert.match(findings[0].message, /block 2 \("Shop Int"\)/);
    });

    it('does not call a leaf-and-intermediate bundle without its root a problem', () => {
      assert.deepEqual(lint(pemsOf(leaf, int)), []);
    });
  });

  describe('SPIFFE X.509-SVID', () => {
    const svidLeaf = (uris: string, extra: string[] = ['keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth,clientAuth']) =>
      mint({ subject: '/O=SPIRE', issuer: int, extensions: ['basicConstraints=critical,CA:FALSE', `subjectAltName=critical,${uris}`, ...extra] });

    it('accepts a well-formed workload SVID and its signing CA', () => {
      const signing = mint({ subject: '/O=SPIRE/CN=spire', issuer: root, extensions: [...caExtensions(), 'subjectAltName=URI:spiffe://shop.example'] });
      assert.deepEqual(lint([...pemsOf(svidLeaf('URI:spiffe://shop.example/ns/web/sa/web')), ...pemsOf(signing)]), []);
    });

    it('wants exactly one URI SAN', () => {
      const findings = lint(pemsOf(svidLeaf('URI:spiffe://shop.example/web,URI:https://web.shop.example')));
      assert.match(single(findings, 'spiffe-svid').message, /carries 2 URI SANs .*exactly one/);
    });

    it('checks the SPIFFE ID syntax', () => {
      const finding = single(lint(pemsOf(svidLeaf('URI:spiffe://Shop.Example/web'))), 'spiffe-svid');
      assert.match(finding.message, /"spiffe:\/\/Shop\.Example\/web" is not a valid SPIFFE ID: the trust domain must be lower case/);
    });

    it('wants digitalSignature on a leaf, and neither keyCertSign nor cRLSign', () => {
      const noSigning = single(lint(pemsOf(svidLeaf('URI:spiffe://shop.example/web', ['keyUsage=critical,keyEncipherment']))), 'spiffe-svid');
      assert.match(noSigning.message, /must set digitalSignature; its key usage is keyEncipherment/);
      const noUsage = single(lint(pemsOf(svidLeaf('URI:spiffe://shop.example/web', []))), 'spiffe-svid');
      assert.match(noUsage.message, /no key usage extension/);
      const signer = single(lint(pemsOf(svidLeaf('URI:spiffe://shop.example/web', ['keyUsage=critical,digitalSignature,cRLSign']))), 'spiffe-svid');
      assert.match(signer.message, /must not set cRLSign/);
    });

    it('wants serverAuth and clientAuth when a leaf has an extended key usage', () => {
      const serverOnly = single(
        lint(pemsOf(svidLeaf('URI:spiffe://shop.example/web', ['keyUsage=critical,digitalSignature', 'extendedKeyUsage=serverAuth']))),
        'spiffe-svid',
      );
      assert.match(serverOnly.message, /\(serverAuth\) lacks clientAuth/);
      assert.deepEqual(lint(pemsOf(svidLeaf('URI:spiffe://shop.example/web', ['keyUsage=critical,digitalSignature']))), [], 'no EKU at all is allowed');
    });

    it('holds a workload SVID marked CA:TRUE to the leaf rules, beside the CA flag finding', () => {
      const caWorkload = mint({
        subject: '/O=SPIRE',
        issuer: int,
        extensions: [
          'basicConstraints=critical,CA:TRUE',
          'keyUsage=critical,digitalSignature,keyCertSign',
          'subjectAltName=critical,URI:spiffe://shop.example/ns/web/sa/web',
        ],
      });
      const findings = lint(pemsOf(caWorkload));
      assert.deepEqual(codes(findings), ['0:certificate-ca-flags', '0:spiffe-svid']);
      assert.match(findings[0].message, /workload identity spiffe:\/\/shop\.example\/ns\/web\/sa\/web\) marked CA:TRUE/);
      assert.match(findings[1].message, /a leaf X\.509-SVID must not set keyCertSign/);
    });

    it('wants keyCertSign on a signing SVID', () => {
      const bareCa = mint({
        subject: '/CN=SPIFFE CA',
        issuer: root,
        extensions: ['basicConstraints=critical,CA:TRUE', 'subjectAltName=URI:spiffe://shop.example'],
      });
      assert.match(single(lint(pemsOf(bareCa)), 'spiffe-svid').message, /signing X\.509-SVID must carry a key usage with keyCertSign/);
    });
  });

  describe('keys beside certificates', () => {
    it('reports a private key that belongs to none of the certificates, on the key', () => {
      const stranger = mint({ subject: '/CN=stranger.shop', issuer: int, key: 'rsa2048', extensions: leafExtensions('stranger.shop') });
      const findings = lint([leaf.certificatePem, stranger.keyPem]);
      assert.deepEqual(codes(findings), ['1:key-mismatch']);
      assert.equal(findings[0].severity, 'error');
      assert.match(findings[0].message, /private key \(RSA 2048\) does not belong to "web\.shop" \(ECDSA P-256\)/);
      assert.deepEqual(codes(lint([stranger.keyPem, leaf.certificatePem])), ['0:key-mismatch'], 'a key above the only certificate');
    });

    it('accepts a key that belongs to its certificate wherever it sits in the list', () => {
      assert.deepEqual(lint([leaf.keyPem, leaf.certificatePem]), []);
      assert.deepEqual(lint([...pemsOf(leaf, int), leaf.keyPem]), []);
    });

    it('leaves encrypted keys alone', () => {
      const file = `${leaf.keyFile}.enc`;
      pki.openssl(['pkcs8', '-topk8', '-in', leaf.keyFile, '-passout', 'pass:secret', '-out', file]);
      assert.deepEqual(lint([int.certificatePem, readFileSync(file, 'utf8')]), []);
    });
  });

  it('survives unreadable blocks beside real ones', () => {
    const garbage = '-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n';
    assert.deepEqual(lint([garbage, ...pemsOf(leaf, int, root)]), []);
  });

  it('survives 300 mutated bundles: no throw from the chain and lint services, every finding on an object', () => {
    const SEED = 4;
    const random = seededRandom(SEED);
    const originals = [leaf.der, int.der, root.der, findPemBlocks(leaf.keyPem)[0].der!];
    const mutate = (der: Uint8Array): Uint8Array => {
      const bytes = Uint8Array.from(der);
      switch (Math.floor(random() * 3)) {
        case 0: // flip a few bytes
          for (let i = 0; i < 1 + random() * 4; i++) bytes[Math.floor(random() * bytes.length)] ^= 1 << Math.floor(random() * 8);
          return bytes;
        case 1: // cut it short
          return bytes.subarray(0, Math.floor(random() * bytes.length));
        default: // splice in another object's bytes
          return Uint8Array.from([...bytes.subarray(0, Math.floor(random() * bytes.length)), ...originals[Math.floor(random() * originals.length)]]);
      }
    };
    for (let round = 0; round < 300; round++) {
      const ders = originals.map((der) => (random() < 0.5 ? mutate(der) : der));
      const report = analyzeChain(ders.slice(0, 3));
      assert.equal(report.links.length, 3, `seed ${SEED} round ${round}`);
      verifyChain(ders.slice(0, 2), [ders[2]], NOW);
      const labels = ['CERTIFICATE', 'CERTIFICATE', 'CERTIFICATE', 'PRIVATE KEY'];
      const findings = lintObjects({ objects: ders.map((der, i) => ({ der, decoded: decodeDer(der, labels[i]) })), now: NOW, expiringSoonDays: 30 });
      for (const finding of findings) assert.ok(finding.index >= 0 && finding.index < ders.length, `seed ${SEED} round ${round}: ${JSON.stringify(finding)}`);
    }
  });
});
