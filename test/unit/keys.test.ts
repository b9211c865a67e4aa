import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findPemBlocks } from '../../common/src/pem/blocks';
import { privateKeyMatchesCertificate } from '../../common/src/x509/keys';
import { leafExtensions, TestPki, type Minted } from '../support/pki';

let pki: TestPki;
let ec: Minted, otherEc: Minted, rsa: Minted, ed: Minted, pss: Minted;

before(function () {
  this.timeout(60_000);
  pki = new TestPki();
  ec = pki.mint({ subject: '/CN=ec.test', extensions: leafExtensions('ec.test') });
  otherEc = pki.mint({ subject: '/CN=other.test', extensions: leafExtensions('other.test') });
  rsa = pki.mint({ subject: '/CN=rsa.test', key: 'rsa2048', extensions: leafExtensions('rsa.test') });
  ed = pki.mint({ subject: '/CN=ed.test', key: 'ed25519', extensions: leafExtensions('ed.test') });
  pss = pki.mint({ subject: '/CN=pss.test', key: 'rsa-pss', extensions: leafExtensions('pss.test') });
});

after(() => pki?.dispose());

/** openssl's answer: the public key it derives from the private key equals the certificate's. */
function opensslSaysMatch(keyFile: string, certificate: Minted): boolean {
  return pki.openssl(['pkey', '-in', keyFile, '-pubout']) === pki.openssl(['x509', '-in', certificate.certificateFile, '-noout', '-pubkey']);
}

/** The key converted by `openssl <args>` (written to a file so openssl can compare it too). */
function converted(key: Minted, args: string[]): { file: string; pem: string; der: Uint8Array } {
  const file = `${key.keyFile}.${args.join('').replace(/\W/g, '')}`;
  pki.openssl([...args, '-in', key.keyFile, '-out', file]);
  // openssl labels the PKCS#1 form of an RSA-PSS key "RSA-PSS PRIVATE KEY"; the body is a plain RSAPrivateKey.
  const pem = readFileSync(file, 'utf8').replace(/RSA-PSS PRIVATE KEY/g, 'RSA PRIVATE KEY');
  return { file, pem, der: findPemBlocks(pem)[0].der! };
}

describe('privateKeyMatchesCertificate', () => {
  it('remembers each answer for its own key and certificate: asked again in any order, every pair answers as the first time', () => {
    const key = findPemBlocks(ec.keyPem)[0].der!;
    const pairs: Array<[Uint8Array, Uint8Array, boolean]> = [
      [key, ec.der, true],
      [key, otherEc.der, false],
      [findPemBlocks(otherEc.keyPem)[0].der!, otherEc.der, true],
      [findPemBlocks(otherEc.keyPem)[0].der!, ec.der, false],
    ];
    for (const round of [pairs, [...pairs].reverse(), pairs])
      for (const [keyDer, certificateDer, expected] of round) assert.equal(privateKeyMatchesCertificate({ der: keyDer }, certificateDer), expected);
  });

  it('matches a PKCS#8 PEM key to its certificate and refuses another certificate, as openssl does', () => {
    assert.equal(privateKeyMatchesCertificate({ pem: ec.keyPem }, ec.der), true);
    assert.equal(opensslSaysMatch(ec.keyFile, ec), true);
    assert.equal(privateKeyMatchesCertificate({ pem: ec.keyPem }, otherEc.der), false);
    assert.equal(opensslSaysMatch(ec.keyFile, otherEc), false);
    assert.equal(privateKeyMatchesCertificate({ pem: rsa.keyPem }, ec.der), false, 'another algorithm altogether');
  });

  it('reads the key as DER: PKCS#8, PKCS#1 RSA and SEC1 EC', () => {
    assert.equal(privateKeyMatchesCertificate({ der: findPemBlocks(rsa.keyPem)[0].der! }, rsa.der), true);
    const pkcs1 = converted(rsa, ['rsa', '-traditional']);
    assert.match(pkcs1.pem, /BEGIN RSA PRIVATE KEY/);
    assert.equal(privateKeyMatchesCertificate({ der: pkcs1.der }, rsa.der), true);
    assert.equal(privateKeyMatchesCertificate({ pem: pkcs1.pem }, rsa.der), true);
    const sec1 = converted(ec, ['ec']);
    assert.match(sec1.pem, /BEGIN EC PRIVATE KEY/);
    assert.equal(privateKeyMatchesCertificate({ der: sec1.der }, ec.der), true);
    assert.equal(privateKeyMatchesCertificate({ der: sec1.der }, otherEc.der), false);
    assert.equal(opensslSaysMatch(sec1.file, ec), true);
  });

  it('matches Ed25519 keys', () => {
    assert.equal(privateKeyMatchesCertificate({ pem: ed.keyPem }, ed.der), true);
    assert.equal(privateKeyMatchesCertificate({ pem: ed.keyPem }, ec.der), false);
  });

  it('matches an RSA key written as plain PKCS#1 to a certificate whose key is restricted to RSA-PSS', () => {
    assert.equal(privateKeyMatchesCertificate({ pem: pss.keyPem }, pss.der), true);
    const plain = converted(pss, ['rsa', '-traditional']);
    assert.equal(privateKeyMatchesCertificate({ der: plain.der }, pss.der), true);
    assert.equal(privateKeyMatchesCertificate({ der: plain.der }, rsa.der), false);
    // openssl agrees: the key it converted has the certificate's modulus.
    const modulus = (args: string[]) => pki.openssl(args).trim();
    assert.equal(modulus(['rsa', '-in', pss.keyFile, '-noout', '-modulus']), modulus(['x509', '-in', pss.certificateFile, '-noout', '-modulus']));
  });

  it('answers undefined for encrypted keys, which it never tries to open', () => {
    const pkcs8 = converted(ec, ['pkcs8', '-topk8', '-passout', 'pass:secret']);
    assert.match(pkcs8.pem, /BEGIN ENCRYPTED PRIVATE KEY/);
    assert.equal(privateKeyMatchesCertificate({ pem: pkcs8.pem }, ec.der), undefined);
    assert.equal(privateKeyMatchesCertificate({ der: pkcs8.der }, ec.der), undefined);
    const legacy = converted(rsa, ['rsa', '-traditional', '-aes128', '-passout', 'pass:secret']);
    assert.match(legacy.pem, /Proc-Type: 4,ENCRYPTED/);
    assert.equal(privateKeyMatchesCertificate({ pem: legacy.pem }, rsa.der), undefined);
  });

  it('answers undefined for unreadable keys and certificates, without throwing', () => {
    assert.equal(privateKeyMatchesCertificate({}, ec.der), undefined);
    assert.equal(privateKeyMatchesCertificate({ der: new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00]) }, ec.der), undefined);
    assert.equal(privateKeyMatchesCertificate({ pem: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }, ec.der), undefined);
    assert.equal(privateKeyMatchesCertificate({ pem: ec.keyPem }, new Uint8Array([0x30, 0x00])), undefined);
  });
});
