import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findPemBlocks, type PemBlock } from '../../common/src/pem/blocks';
import { certificateDetails, CertificateDecodeError, decodeDer, decodePemBlock } from '../../common/src/x509/decode';
import type { CertificateDetails, CsrDetails, DecodedObject, PrivateKeyDetails, PublicKeyDetails, UnreadableDetails } from '../../common/src/x509/model';
import { inTempDir, openssl, opensslCertificate, opensslCsr } from '../support/certificates';

// Requests, keys and extensions, each made by the openssl CLI and read back; where openssl can
// say the same thing (SPKI digests, key identifiers, request signatures) the test asks it.

function only(text: string): PemBlock {
  const blocks = findPemBlocks(text);
  assert.equal(blocks.length, 1, `expected one PEM block in:\n${text}`);
  return blocks[0];
}

function decodeOne<T extends DecodedObject>(text: string, kind: T['kind']): T {
  const decoded = decodePemBlock(only(text));
  assert.equal(decoded.kind, kind, JSON.stringify(decoded));
  return decoded as T;
}

/** The SHA-256 of a key's SubjectPublicKeyInfo, computed by openssl from the key file. */
function opensslSpkiSha256(dir: string, keyFile: string, passin?: string): string {
  openssl(dir, ['pkey', '-in', keyFile, '-pubout', '-outform', 'DER', '-out', 'spki.der', ...(passin ? ['-passin', passin] : [])]);
  return /= (.+)$/m.exec(openssl(dir, ['dgst', '-sha256', '-c', 'spki.der']))![1].toUpperCase();
}

describe('decoding extensions', () => {
  const pem = opensslCertificate({
    extensions: [
      'keyUsage=critical,digitalSignature,keyCertSign,cRLSign',
      'extendedKeyUsage=serverAuth,clientAuth,1.2.3.4.5',
      'basicConstraints=critical,CA:TRUE,pathlen:2',
      'crlDistributionPoints=URI:http://crl.test/ca.crl',
      'authorityInfoAccess=OCSP;URI:http://ocsp.test,caIssuers;URI:http://ca.test/ca.crt',
      'nameConstraints=critical,permitted;DNS:.example.com,permitted;IP:10.0.0.0/255.0.0.0,excluded;email:bad.test,permitted;URI:.example.com,excluded;IP:2001:db8::/ffff:ffff::',
      '1.2.3.4.5.6=ASN1:UTF8String:hello',
      'certificatePolicies=1.2.3.4',
    ],
  });
  const details = certificateDetails(only(pem).der!);
  const text = inTempDir((dir) => {
    writeFileSync(path.join(dir, 'c.pem'), pem);
    return openssl(dir, ['x509', '-in', 'c.pem', '-noout', '-text']);
  });

  it('reads key usage, extended key usage and basic constraints with the path length', () => {
    assert.deepEqual(details.keyUsage, ['digitalSignature', 'keyCertSign', 'cRLSign']);
    assert.equal(details.hasKeyUsage, true);
    assert.deepEqual(details.extendedKeyUsage, ['serverAuth', 'clientAuth', '1.2.3.4.5'], 'an EKU we have no name for stays an OID');
    assert.equal(details.hasExtendedKeyUsage, true);
    assert.equal(details.isCA, true);
    assert.equal(details.pathLength, 2);
    assert.match(text, /X509v3 Basic Constraints: critical\n\s+CA:TRUE, pathlen:2/);
  });

  it('reads subject and authority key identifiers as openssl prints them', () => {
    const ski = /X509v3 Subject Key Identifier: *\n\s+(.+)/.exec(text)![1];
    const aki = /X509v3 Authority Key Identifier: *\n\s+(?:keyid:)?(.+)/.exec(text)![1];
    assert.equal(details.subjectKeyIdentifier, ski);
    assert.equal(details.authorityKeyIdentifier, aki);
  });

  it('reads CRL distribution points, OCSP and CA issuer locations', () => {
    assert.deepEqual(details.crlDistributionPoints, ['http://crl.test/ca.crl']);
    assert.deepEqual(details.ocsp, ['http://ocsp.test']);
    assert.deepEqual(details.caIssuers, ['http://ca.test/ca.crt']);
  });

  it('reads name constraints, address ranges as prefixes', () => {
    assert.deepEqual(details.nameConstraints, {
      permitted: ['DNS:.example.com', 'IP:10.0.0.0/8', 'URI:.example.com'],
      excluded: ['email:bad.test', 'IP:2001:db8::/32'],
    });
  });

  it('lists every extension with its criticality; an unknown OID shows its DER as hex', () => {
    const byOid = new Map(details.extensions.map((e) => [e.oid, e]));
    assert.deepEqual(byOid.get('1.2.3.4.5.6'), { oid: '1.2.3.4.5.6', critical: false, value: '0C:05:68:65:6C:6C:6F' });
    assert.deepEqual(byOid.get('2.5.29.15'), { oid: '2.5.29.15', name: 'Key Usage', critical: true, value: 'digitalSignature, keyCertSign, cRLSign' });
    assert.equal(byOid.get('2.5.29.30')?.critical, true);
    assert.equal(byOid.get('2.5.29.32')?.value, '1.2.3.4');
    assert.equal(
      details.extensions.length,
      (text.match(/^ {12}(X509v3 |Authority Information Access|1\.2\.3\.4\.5\.6)/gm) ?? []).length,
      'as many extensions as openssl lists',
    );
  });

  it('gives a version 1 certificate, without any extension, the documented defaults', () => {
    // With a configuration that names no extensions, openssl req -x509 writes a version 1 certificate.
    const pem = inTempDir((dir) => {
      writeFileSync(path.join(dir, 'bare.cnf'), '[req]\ndistinguished_name = dn\n[dn]\n');
      return opensslCertificate({ args: ['-config', path.join(dir, 'bare.cnf')] });
    });
    const bare = certificateDetails(only(pem).der!);
    assert.equal(bare.version, 1);
    assert.deepEqual(bare.extensions, []);
    assert.equal(bare.isCA, false);
    assert.equal(bare.pathLength, undefined);
    assert.deepEqual([bare.keyUsage, bare.hasKeyUsage, bare.extendedKeyUsage, bare.hasExtendedKeyUsage], [[], false, [], false]);
    assert.deepEqual(bare.subjectAltNames, { dns: [], ip: [], uri: [], email: [], other: [] });
  });
});

/** Whether `openssl req -verify` accepts a DER request (openssl 3.0 exits 0 either way; it says which on stderr). */
function opensslVerifiesRequest(der: Uint8Array): boolean {
  return inTempDir((dir) => {
    writeFileSync(path.join(dir, 'req.der'), der);
    const verdict = spawnSync('openssl', ['req', '-inform', 'DER', '-in', 'req.der', '-verify', '-noout'], { cwd: dir, encoding: 'utf8' });
    const said = verdict.stderr + verdict.stdout;
    assert.match(said, /verify (OK|failure)/);
    return /verify OK/.test(said);
  });
}

describe('decoding certificate requests', () => {
  it('reads subject, SANs, usages and key, and verifies the signature like openssl req -verify', () => {
    const pem = opensslCsr([
      'subjectAltName=DNS:csr.test,URI:spiffe://td/ns/a/sa/b',
      'keyUsage=digitalSignature',
      'extendedKeyUsage=clientAuth',
      'basicConstraints=CA:FALSE',
    ]);
    const csr = decodeOne<CsrDetails>(pem, 'csr');
    assert.equal(csr.subject, 'CN=csr.test');
    assert.equal(csr.subjectCommonName, 'csr.test');
    assert.deepEqual(csr.subjectAltNames.dns, ['csr.test']);
    assert.deepEqual(csr.subjectAltNames.uri, ['spiffe://td/ns/a/sa/b']);
    assert.deepEqual(csr.keyUsage, ['digitalSignature']);
    assert.deepEqual(csr.extendedKeyUsage, ['clientAuth']);
    assert.equal(csr.isCA, false);
    assert.equal(csr.publicKey.description, 'ECDSA P-256');
    assert.equal(csr.signatureAlgorithm, 'ecdsa-with-SHA256');
    assert.equal(csr.signatureValid, true);
    assert.equal(opensslVerifiesRequest(only(pem).der!), true);
    assert.equal(csr.extensions.length, 4);
  });

  it('finds a forged request: a changed subject no longer matches the signature', () => {
    const pem = opensslCsr([]);
    const der = Buffer.from(only(pem).der!);
    const at = der.indexOf('csr.test');
    der[at] = 'k'.charCodeAt(0);
    const forged = decodeDer(der, 'CERTIFICATE REQUEST') as CsrDetails;
    assert.equal(forged.subject, 'CN=ksr.test');
    assert.equal(forged.signatureValid, false);
    assert.equal(opensslVerifiesRequest(der), false, 'openssl refuses it too');
  });

  it('verifies RSA, RSA-PSS and Ed25519 request signatures, and leaves isCA out when not asked', () => {
    for (const [newkey, extra] of [
      ['rsa:2048', []],
      ['rsa:2048', ['-sigopt', 'rsa_padding_mode:pss', '-sigopt', 'rsa_pss_saltlen:32']],
      ['ed25519', []],
    ] as const) {
      const pem = inTempDir((dir) => openssl(dir, ['req', '-new', '-newkey', newkey, '-nodes', '-keyout', 'k.pem', '-subj', '/CN=r.test', ...extra]));
      const csr = decodeOne<CsrDetails>(pem, 'csr');
      assert.equal(csr.signatureValid, true, `${newkey} ${extra.join(' ')}: ${csr.signatureAlgorithm}`);
      assert.equal(csr.isCA, undefined);
    }
  });

  it('reads the NEW CERTIFICATE REQUEST label as a request', () => {
    const pem = opensslCsr([]).replace(/CERTIFICATE REQUEST/g, 'NEW CERTIFICATE REQUEST');
    assert.equal(decodeOne<CsrDetails>(pem, 'csr').signatureValid, true);
  });
});

describe('decoding private keys', () => {
  /** Makes a key in a format with openssl, then decodes it and returns the result with openssl's SPKI digest. */
  function keyCase(make: (dir: string) => void, keyFile = 'out.pem', passin?: string): { decoded: PrivateKeyDetails; text: string; spkiSha256: string } {
    return inTempDir((dir) => {
      make(dir);
      const text = readFileSync(path.join(dir, keyFile), 'utf8');
      return { decoded: decodeOne<PrivateKeyDetails>(text, 'privateKey'), text, spkiSha256: opensslSpkiSha256(dir, keyFile, passin) };
    });
  }
  const genEc = (dir: string) => openssl(dir, ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', 'ec.pem']);
  const genRsa = (dir: string) => openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem']);

  /** No part of the key's base64 body (beyond the common ASN.1 prefix) appears anywhere in the result. */
  function assertNoKeyMaterial(decoded: DecodedObject, text: string): void {
    const json = JSON.stringify(decoded);
    const body = text
      .split('\n')
      .filter((l) => !l.startsWith('-----') && !l.includes(':'))
      .join('');
    for (let i = 16; i + 16 <= body.length; i += 16) assert.ok(!json.includes(body.slice(i, i + 16)), 'a piece of the key appears in the result');
    assert.deepEqual(
      Object.keys(decoded).sort(),
      decoded.kind === 'privateKey' && decoded.publicKey ? ['encrypted', 'format', 'kind', 'publicKey'] : ['encrypted', 'format', 'kind'],
    );
  }

  it('PKCS#8 (EC, RSA, Ed25519): the public key openssl derives, nothing of the private one', () => {
    for (const [make, file, description] of [
      [genEc, 'ec.pem', 'ECDSA P-256'],
      [genRsa, 'rsa.pem', 'RSA 2048'],
      [(dir: string) => openssl(dir, ['genpkey', '-algorithm', 'ED25519', '-out', 'ed.pem']), 'ed.pem', 'Ed25519'],
    ] as const) {
      const { decoded, text, spkiSha256 } = keyCase(make, file);
      assert.deepEqual([decoded.format, decoded.encrypted, decoded.publicKey?.description], ['PKCS#8', false, description]);
      assert.equal(decoded.publicKey?.spkiSha256, spkiSha256);
      assertNoKeyMaterial(decoded, text);
    }
  });

  it('PKCS#1 RSA (openssl rsa -traditional) and SEC1 EC (openssl ec)', () => {
    const rsa = keyCase((dir) => {
      genRsa(dir);
      openssl(dir, ['rsa', '-in', 'rsa.pem', '-traditional', '-out', 'out.pem']);
    });
    assert.match(rsa.text, /BEGIN RSA PRIVATE KEY/);
    assert.deepEqual([rsa.decoded.format, rsa.decoded.encrypted, rsa.decoded.publicKey?.spkiSha256], ['PKCS#1 RSA', false, rsa.spkiSha256]);
    assertNoKeyMaterial(rsa.decoded, rsa.text);
    const ec = keyCase((dir) => {
      genEc(dir);
      openssl(dir, ['ec', '-in', 'ec.pem', '-out', 'out.pem']);
    });
    assert.match(ec.text, /BEGIN EC PRIVATE KEY/);
    assert.deepEqual([ec.decoded.format, ec.decoded.encrypted, ec.decoded.publicKey?.spkiSha256], ['SEC1 EC', false, ec.spkiSha256]);
    assertNoKeyMaterial(ec.decoded, ec.text);
  });

  it('encrypted PKCS#8 (openssl pkcs8 -topk8 -v2 aes256) and legacy encrypted PEM (-aes256): encrypted, no public key', () => {
    const pkcs8 = keyCase(
      (dir) => {
        genEc(dir);
        openssl(dir, ['pkcs8', '-topk8', '-v2', 'aes256', '-in', 'ec.pem', '-passout', 'pass:secret', '-out', 'out.pem']);
      },
      'out.pem',
      'pass:secret',
    );
    assert.deepEqual(pkcs8.decoded, { kind: 'privateKey', format: 'encrypted PKCS#8', encrypted: true });
    for (const tool of ['rsa', 'ec'] as const) {
      const legacy = keyCase(
        (dir) => {
          if (tool === 'rsa') genRsa(dir);
          else genEc(dir);
          openssl(dir, [tool, '-in', `${tool}.pem`, ...(tool === 'rsa' ? ['-traditional'] : []), '-aes256', '-passout', 'pass:secret', '-out', 'out.pem']);
        },
        'out.pem',
        'pass:secret',
      );
      assert.match(legacy.text, /Proc-Type: 4,ENCRYPTED/);
      assert.deepEqual(legacy.decoded, { kind: 'privateKey', format: 'legacy encrypted PEM', encrypted: true });
    }
  });

  it('OpenSSH keys (ssh-keygen): format and whether a passphrase protects them', function () {
    const make = (passphrase: string) =>
      inTempDir((dir) => {
        try {
          execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', path.join(dir, 'id')], { stdio: 'ignore' });
        } catch {
          return undefined;
        }
        return readFileSync(path.join(dir, 'id'), 'utf8');
      });
    const plain = make('');
    if (plain === undefined) {
      console.log('    (no ssh-keygen on this machine)');
      this.skip();
    }
    assert.deepEqual(decodeOne(plain, 'privateKey'), { kind: 'privateKey', format: 'OpenSSH', encrypted: false });
    assert.deepEqual(decodeOne(make('a passphrase')!, 'privateKey'), { kind: 'privateKey', format: 'OpenSSH', encrypted: true });
  });
});

describe('decoding public keys', () => {
  it('SubjectPublicKeyInfo (openssl pkey -pubout) and PKCS#1 (openssl rsa -RSAPublicKey_out) give the same key', () => {
    const { spki, pkcs1, digest } = inTempDir((dir) => {
      openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem']);
      return {
        spki: openssl(dir, ['pkey', '-in', 'rsa.pem', '-pubout']),
        pkcs1: openssl(dir, ['rsa', '-in', 'rsa.pem', '-RSAPublicKey_out']),
        digest: opensslSpkiSha256(dir, 'rsa.pem'),
      };
    });
    const fromSpki = decodeOne<PublicKeyDetails>(spki, 'publicKey');
    const fromPkcs1 = decodeOne<PublicKeyDetails>(pkcs1, 'publicKey');
    assert.deepEqual(fromSpki.publicKey, { algorithm: 'RSA', size: 2048, description: 'RSA 2048', spkiSha256: digest });
    assert.deepEqual(fromPkcs1.publicKey, fromSpki.publicKey);
  });
});

describe('decoding without a label (DER files)', () => {
  it('recognises certificates, requests, keys of every format and public keys by their outline', () => {
    const found = inTempDir((dir) => {
      openssl(dir, [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'k.pem',
        '-subj',
        '/CN=der.test',
        '-out',
        'c.pem',
      ]);
      openssl(dir, ['req', '-new', '-key', 'k.pem', '-subj', '/CN=der.test', '-out', 'r.pem']);
      openssl(dir, ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'rsa.pem']);
      const der = (args: string[]) => {
        openssl(dir, [...args, '-outform', 'DER', '-out', 'o.der']);
        return new Uint8Array(readFileSync(path.join(dir, 'o.der')));
      };
      return {
        certificate: der(['x509', '-in', 'c.pem']),
        csr: der(['req', '-in', 'r.pem']),
        pkcs8: der(['pkcs8', '-topk8', '-nocrypt', '-in', 'k.pem']),
        sec1: der(['ec', '-in', 'k.pem']),
        pkcs1: der(['rsa', '-in', 'rsa.pem', '-traditional']),
        encrypted: der(['pkcs8', '-topk8', '-v2', 'aes256', '-in', 'k.pem', '-passout', 'pass:x']),
        spki: der(['pkey', '-in', 'k.pem', '-pubout']),
        rsaPublic: der(['rsa', '-in', 'rsa.pem', '-RSAPublicKey_out']),
      };
    });
    const kinds = Object.fromEntries(
      Object.entries(found).map(([name, der]) => {
        const decoded = decodeDer(der);
        return [name, decoded.kind === 'privateKey' ? `${decoded.kind} ${decoded.format}` : decoded.kind];
      }),
    );
    assert.deepEqual(kinds, {
      certificate: 'certificate',
      csr: 'csr',
      pkcs8: 'privateKey PKCS#8',
      sec1: 'privateKey SEC1 EC',
      pkcs1: 'privateKey PKCS#1 RSA',
      encrypted: 'privateKey encrypted PKCS#8',
      spki: 'publicKey',
      rsaPublic: 'publicKey',
    });
    assert.equal((decodeDer(found.certificate) as CertificateDetails).subject, 'CN=der.test');
  });
});

describe('unreadable objects say why', () => {
  const certificateDer = () => Buffer.from(only(opensslCertificate({})).der!);
  const reason = (decoded: DecodedObject) => (decoded as UnreadableDetails).reason;

  it('a truncated certificate: the length that runs past the end', () => {
    const der = certificateDer();
    const decoded = decodeDer(der.subarray(0, der.length - 10), 'CERTIFICATE');
    assert.equal(decoded.kind, 'unreadable');
    assert.equal(decoded.label, 'CERTIFICATE');
    assert.match(
      reason(decoded),
      new RegExp(
        `^the block does not hold a readable certificate: the SEQUENCE at byte 0 says it holds ${der.length - 4} bytes but only ${der.length - 14} follow`,
      ),
    );
  });

  it('stray bytes after a certificate, and a file that is not DER at all', () => {
    assert.match(reason(decodeDer(Buffer.concat([certificateDer(), Buffer.from([0, 0])]))), /2 stray bytes after its SEQUENCE/);
    assert.match(reason(decodeDer(Buffer.from('hello, world'))), /^it is not DER: it should start with a SEQUENCE \(byte 0x30\), not tag 0x68/);
    assert.equal((decodeDer(Buffer.from('hello')) as UnreadableDetails).label, '');
  });

  it('certificateDetails throws CertificateDecodeError with the same reason', () => {
    assert.throws(
      () => certificateDetails(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x05])),
      (error: unknown) => error instanceof CertificateDecodeError && /^not an X\.509 certificate: /.test(error.message),
    );
  });

  it('a certificate label over a key, and DER that is no kind we know', () => {
    const key = inTempDir((dir) => openssl(dir, ['genpkey', '-algorithm', 'ED25519']));
    const block = only(key);
    assert.match(reason(decodeDer(block.der!, 'CERTIFICATE')), /^the block does not hold a readable certificate: /);
    assert.match(reason(decodeDer(new Uint8Array([0x30, 0x03, 0x01, 0x01, 0xff]))), /none of the objects we decode .*a SEQUENCE of 1 element \(BOOLEAN\)/);
  });

  it('labels we do not decode (EC PARAMETERS, X509 CRL) and legacy encryption on a certificate', () => {
    const parameters = inTempDir((dir) => openssl(dir, ['ecparam', '-name', 'prime256v1']));
    assert.deepEqual(decodePemBlock(only(parameters)), {
      kind: 'unreadable',
      label: 'EC PARAMETERS',
      reason: 'we do not decode "EC PARAMETERS" blocks, only certificates, certificate requests and keys',
    });
    assert.match(reason(decodeDer(new Uint8Array([0x30, 0x00]), 'X509 CRL')), /we do not decode "X509 CRL" blocks/);
    const encrypted: PemBlock = { ...only(opensslCertificate({})), headers: ['Proc-Type: 4,ENCRYPTED', 'DEK-Info: AES-256-CBC,00'] };
    assert.match(reason(decodePemBlock(encrypted)), /encrypted with a passphrase/);
  });

  it('PEM syntax problems: no END line, mismatched labels, bad base64, an empty body', () => {
    const blocks = findPemBlocks(
      [
        '-----BEGIN CERTIFICATE-----',
        'MIIB',
        '-----END PRIVATE KEY-----',
        '-----BEGIN CERTIFICATE-----',
        'MI*B',
        '-----END CERTIFICATE-----',
        '-----BEGIN CERTIFICATE-----',
        '-----END CERTIFICATE-----',
        '-----BEGIN CERTIFICATE-----',
        'MIIB',
      ].join('\n'),
    );
    assert.deepEqual(
      blocks.map((b) => reason(decodePemBlock(b))),
      [
        'the END line says "PRIVATE KEY", not the label of the BEGIN line',
        'line 5 of the text is not base64',
        'the block has no base64 body',
        'the block has no END line',
      ],
    );
  });

  it('TRUSTED CERTIFICATE: openssl trust settings after the certificate are passed over', () => {
    const pem = opensslCertificate({ subject: '/CN=trusted.test' });
    const trusted = inTempDir((dir) => {
      writeFileSync(path.join(dir, 'c.pem'), pem);
      return openssl(dir, ['x509', '-in', 'c.pem', '-trustout', '-addtrust', 'serverAuth']);
    });
    assert.match(trusted, /BEGIN TRUSTED CERTIFICATE/);
    const decoded = decodeOne<CertificateDetails>(trusted, 'certificate');
    assert.equal(decoded.subject, 'CN=trusted.test');
    assert.equal(decoded.fingerprints.sha256, certificateDetails(only(pem).der!).fingerprints.sha256);
  });
});
