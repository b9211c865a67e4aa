import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findPemBlocks } from '../../common/src/pem/blocks';
import { CertificateDecodeError, decodeCertificate, displayName } from '../../common/src/x509/certificate';
import { certificateExpiringIn, openssl509 } from '../support/certificates';
import { ROOT } from '../rig/paths';

function derOf(pem: string): Uint8Array {
  return findPemBlocks(pem)[0].der!;
}

/** openssl prints dates like "Dec 15 12:00:00 2026 GMT". */
function opensslDate(output: string, field: 'notBefore' | 'notAfter'): Date {
  const value = new RegExp(`${field}=(.+)`).exec(output)![1];
  return new Date(value.replace(' GMT', ' UTC'));
}

describe('decodeCertificate agrees with openssl', () => {
  it('on subject, issuer, validity, serial, SANs and SHA-256 fingerprint of a minted certificate', async () => {
    const { certificatePem } = await certificateExpiringIn(23, 'checkout.shop.svc');
    const summary = decodeCertificate(derOf(certificatePem));
    const out = openssl509(certificatePem, [
      '-subject',
      '-issuer',
      '-dates',
      '-serial',
      '-fingerprint',
      '-sha256',
      '-ext',
      'subjectAltName',
      '-nameopt',
      'RFC2253',
    ]);
    assert.equal(/subject=(.+)/.exec(out)![1], summary.subject);
    assert.equal(/issuer=(.+)/.exec(out)![1], summary.issuer);
    assert.equal(summary.subjectCommonName, 'checkout.shop.svc');
    assert.equal(opensslDate(out, 'notBefore').getTime(), summary.notBefore.getTime());
    assert.equal(opensslDate(out, 'notAfter').getTime(), summary.notAfter.getTime());
    assert.equal(/serial=(.+)/.exec(out)![1], summary.serialNumber);
    assert.equal(/sha256 Fingerprint=(.+)/i.exec(out)![1], summary.sha256Fingerprint);
    assert.deepEqual(summary.dnsNames, ['checkout.shop.svc']);
    assert.equal(summary.publicKey, 'ECDSA P-256');
    assert.equal(summary.selfSigned, true);
  });

  it('on the RSA sample CA and SPIFFE workload certificates of Istio', function () {
    const certs = path.join(ROOT, '..', 'shared', 'corpus', 'istio', 'samples', 'certs');
    if (!existsSync(certs)) {
      console.log(`    (no ${certs}: the shared corpus is not beside the project)`);
      this.skip();
    }
    const ca = readFileSync(path.join(certs, 'ca-cert.pem'), 'utf8');
    const caSummary = decodeCertificate(derOf(ca));
    const bits = /Public-Key: \((\d+) bit\)/.exec(openssl509(ca, ['-text']))![1];
    assert.equal(caSummary.publicKey, `RSA ${bits}`);
    assert.equal(/sha256 Fingerprint=(.+)/i.exec(openssl509(ca, ['-fingerprint', '-sha256']))![1], caSummary.sha256Fingerprint);

    const workload = readFileSync(path.join(certs, 'workload-foo-cert.pem'), 'utf8');
    const summary = decodeCertificate(derOf(workload));
    const sans = openssl509(workload, ['-ext', 'subjectAltName']);
    for (const uri of summary.uris) assert.ok(sans.includes(`URI:${uri}`), `${uri} not in ${sans}`);
    assert.match(displayName(summary), /^spiffe:\/\//);
  });

  it('refuses bytes that are not a certificate with a decode error', () => {
    assert.throws(() => decodeCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])), CertificateDecodeError);
    assert.throws(() => decodeCertificate(new Uint8Array(Buffer.from('garbage'))), CertificateDecodeError);
  });
});
