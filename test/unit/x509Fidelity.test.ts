import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { findPemBlocks } from '../../common/src/pem/blocks';
import { certificateDetails, decodeDer } from '../../common/src/x509/decode';
import { fingerprint } from '../../common/src/x509/fingerprint';
import type { CertificateDetails, ExtensionInfo } from '../../common/src/x509/model';
import { ROOT } from '../rig/paths';
import {
  inTempDir,
  NAME_OPTIONS,
  openssl,
  opensslCertificate,
  opensslExtensions,
  opensslFacts,
  type OpensslExtension,
  type OpensslFacts,
} from '../support/certificates';

// Every field a person would compare with `openssl x509` output must agree with it, on every
// certificate we can find: the system trust bundle, the shared corpus, and certificates minted
// here to reach the corners (escaping, UTF-8, every SAN kind, every key type).

const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');

const OPENSSL_KEY_ALGORITHMS: Record<string, string> = {
  rsaEncryption: 'RSA',
  rsassaPss: 'RSA-PSS',
  'id-ecPublicKey': 'ECDSA',
  ED25519: 'Ed25519',
  ED448: 'Ed448',
  dsaEncryption: 'DSA',
};

/** openssl prints IPv6 as eight upper-case groups; we print RFC 5952. Expand ours to compare. */
function opensslIp(ours: string): string {
  if (!ours.includes(':')) return ours;
  const [head, tail] = ours.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((g) => g.replace(/^0+(?=.)/, '').toUpperCase()).join(':');
}

/** openssl's headings for the extensions it names; any other one it heads with the OID. */
const OPENSSL_HEADINGS: Record<string, string> = {
  '2.5.29.14': 'X509v3 Subject Key Identifier',
  '2.5.29.15': 'X509v3 Key Usage',
  '2.5.29.17': 'X509v3 Subject Alternative Name',
  '2.5.29.18': 'X509v3 Issuer Alternative Name',
  '2.5.29.19': 'X509v3 Basic Constraints',
  '2.5.29.30': 'X509v3 Name Constraints',
  '2.5.29.31': 'X509v3 CRL Distribution Points',
  '2.5.29.32': 'X509v3 Certificate Policies',
  '2.5.29.35': 'X509v3 Authority Key Identifier',
  '2.5.29.37': 'X509v3 Extended Key Usage',
  '2.5.29.46': 'X509v3 Freshest CRL',
  '1.3.6.1.5.5.7.1.1': 'Authority Information Access',
  '1.3.6.1.4.1.11129.2.4.2': 'CT Precertificate SCTs',
};

const OPENSSL_KEY_USAGES: Record<string, string> = {
  digitalSignature: 'Digital Signature',
  nonRepudiation: 'Non Repudiation',
  keyEncipherment: 'Key Encipherment',
  dataEncipherment: 'Data Encipherment',
  keyAgreement: 'Key Agreement',
  keyCertSign: 'Certificate Sign',
  cRLSign: 'CRL Sign',
  encipherOnly: 'Encipher Only',
  decipherOnly: 'Decipher Only',
};

const OPENSSL_EXTENDED_KEY_USAGES: Record<string, string> = {
  serverAuth: 'TLS Web Server Authentication',
  clientAuth: 'TLS Web Client Authentication',
  codeSigning: 'Code Signing',
  emailProtection: 'E-mail Protection',
  timeStamping: 'Time Stamping',
  OCSPSigning: 'OCSP Signing',
  anyExtendedKeyUsage: 'Any Extended Key Usage',
};

const isUri = (text: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
const lines = (body: string, pattern: RegExp) => Array.from(body.matchAll(pattern), (m) => m[1]);

/**
 * Each extension on which we and openssl disagree: the same extensions in the same order, each
 * with its criticality, and the content of every kind openssl prints in a form we can read back.
 */
function extensionDisagreements(ours: Pick<CertificateDetails, 'extensions' | 'subjectAltNames' | 'nameConstraints'>, theirs: OpensslExtension[]): string[] {
  const found: string[] = [];
  const check = (field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) found.push(`${field}: ${JSON.stringify(a)} ≠ openssl ${JSON.stringify(b)}`);
  };
  check('extensions', ours.extensions.length, theirs.length);
  ours.extensions.forEach((extension: ExtensionInfo, i) => {
    const their = theirs[i];
    if (!their) return;
    const field = extension.name ?? extension.oid;
    // openssl heads an extension it does not parse with its object name when it has one (2.23.42.7.0 is
    // "setCext-hashedRoot"), else the OID; either way not with the heading of one it parses.
    const parsedByOpenssl = Object.values(OPENSSL_HEADINGS).includes(their.heading);
    check(`${field} heading`, OPENSSL_HEADINGS[extension.oid] ?? (parsedByOpenssl ? extension.oid : their.heading), their.heading);
    check(`${field} critical`, extension.critical, their.critical);
    const body = their.body;
    switch (extension.oid) {
      case '2.5.29.19':
        check(field, extension.value, body);
        break;
      case '2.5.29.15':
        check(
          field,
          extension.value
            ? extension.value
                .split(', ')
                .map((u) => OPENSSL_KEY_USAGES[u])
                .join(', ')
            : '',
          body,
        );
        break;
      case '2.5.29.37':
        check(
          field,
          extension.value
            .split(', ')
            .map((u) => OPENSSL_EXTENDED_KEY_USAGES[u] ?? u)
            .join(', '),
          body,
        );
        break;
      case '2.5.29.14':
        check(field, extension.value, body);
        break;
      case '2.5.29.35':
        // OpenSSL 3 prints the key identifier alone, older releases with "keyid:"; then DirName and serial.
        check(field, /keyid:([0-9A-F:]+)/.exec(extension.value)?.[1], /^(?:keyid:)?([0-9A-F]{2}(?::[0-9A-F]{2})*)$/m.exec(body)?.[1]);
        check(`${field} serial`, /serial:([0-9A-F:]+)/.exec(extension.value)?.[1], /^serial:([0-9A-F:]+)$/m.exec(body)?.[1]);
        break;
      case '2.5.29.31':
      case '2.5.29.46':
        // Locations that are URIs (ours as themselves, openssl's after "URI:"); other kinds are rare and printed apart.
        check(field, extension.value.split(', ').filter(isUri), lines(body, /^URI:(.*)$/gm).filter(isUri));
        break;
      case '1.3.6.1.5.5.7.1.1':
        check(`${field} OCSP`, lines(extension.value, /OCSP: ([^,]+)/g), lines(body, /^OCSP - URI:(.*)$/gm));
        check(`${field} CA issuers`, lines(extension.value, /caIssuers: ([^,]+)/g), lines(body, /^CA Issuers - URI:(.*)$/gm));
        break;
      case '2.5.29.32':
        check(
          field,
          extension.value.split(', '),
          lines(body, /^Policy: (.*)$/gm).map((p) => (p === 'X509v3 Any Policy' ? '2.5.29.32.0' : p)),
        );
        break;
      case '2.5.29.30': {
        const permitted = /Permitted:\n((?:(?!Excluded:).*\n?)*)/.exec(body)?.[1] ?? '';
        const excluded = /Excluded:\n([\s\S]*)/.exec(body)?.[1] ?? '';
        const dns = (text: string) => lines(text, /^DNS:(.*)$/gm);
        check(
          `${field} permitted DNS`,
          (ours.nameConstraints?.permitted ?? []).filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4)),
          dns(permitted),
        );
        check(
          `${field} excluded DNS`,
          (ours.nameConstraints?.excluded ?? []).filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4)),
          dns(excluded),
        );
        check(`${field} permitted count`, ours.nameConstraints?.permitted.length ?? 0, permitted.split('\n').filter(Boolean).length);
        check(`${field} excluded count`, ours.nameConstraints?.excluded.length ?? 0, excluded.split('\n').filter(Boolean).length);
        break;
      }
      case '1.3.6.1.4.1.11129.2.4.2':
        break;
    }
  });
  return found;
}

/** Each field on which our decoding and openssl's disagree, as "field: ours ≠ openssl". */
function disagreements(ours: CertificateDetails, theirs: OpensslFacts): string[] {
  const found: string[] = [];
  const check = (field: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) found.push(`${field}: ${JSON.stringify(a)} ≠ openssl ${JSON.stringify(b)}`);
  };
  check('subject', ours.subject, theirs.subject);
  check('issuer', ours.issuer, theirs.issuer);
  check('serial', ours.serialNumber, theirs.serial);
  check('notBefore', new Date(ours.notBefore).getTime(), theirs.notBefore.getTime());
  check('notAfter', new Date(ours.notAfter).getTime(), theirs.notAfter.getTime());
  check('signature algorithm', ours.signatureAlgorithm, theirs.signatureAlgorithm);
  check('key algorithm', ours.publicKey.algorithm, OPENSSL_KEY_ALGORITHMS[theirs.keyAlgorithm] ?? theirs.keyAlgorithm);
  if (theirs.keyBits !== undefined) check('key size', ours.publicKey.size, theirs.keyBits);
  if (theirs.curve !== undefined) check('curve', ours.publicKey.curve, theirs.curve);
  const sans = ours.subjectAltNames;
  const ofKind = (prefix: string) => theirs.subjectAltNames.filter((n) => n.startsWith(prefix)).map((n) => n.slice(prefix.length));
  check('DNS SANs', sans.dns, ofKind('DNS:'));
  check('IP SANs', sans.ip.map(opensslIp), ofKind('IP Address:'));
  check('URI SANs', sans.uri, ofKind('URI:'));
  check('email SANs', sans.email, ofKind('email:'));
  check('SHA-256 fingerprint', ours.fingerprints.sha256, theirs.sha256);
  check('SHA-1 fingerprint', ours.fingerprints.sha1, theirs.sha1);
  found.push(...extensionDisagreements(ours, theirs.extensions));
  return found;
}

interface Found {
  /** Where the certificate came from, for messages: "file.pem #2". */
  where: string;
  der: Uint8Array;
}

/** Decodes every certificate and lists each disagreement with openssl. */
async function compareAll(certificates: Found[]): Promise<string[]> {
  const facts = await opensslFacts(certificates.map((c) => c.der));
  return certificates.flatMap(({ where, der }, i) => {
    try {
      return disagreements(certificateDetails(der), facts[i]).map((problem) => `${where}: ${problem}`);
    } catch (error) {
      return [`${where}: ${(error as Error).message}`];
    }
  });
}

function blocksIn(text: string, where: string, label: string): Found[] {
  return findPemBlocks(text)
    .filter((b) => b.label === label && b.der)
    .map((b, i) => ({ where: `${where} #${i + 1}`, der: b.der! }));
}

/** Blocks with `label` in PEM files and in YAML, as PEM text (block scalars) or base64 of PEM (Secret data, CSR requests). */
function corpusBlocks(dir: string, label: string): Found[] {
  const found: Found[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      found.push(...corpusBlocks(full, label));
      continue;
    }
    if (!/\.(pem|crt|cer|csr|ya?ml)$/i.test(name)) continue;
    const text = readFileSync(full, 'utf8');
    const where = path.relative(CORPUS, full);
    found.push(...blocksIn(text, where, label));
    // "LS0tLS1CRUdJTi" is base64 for "-----BEGIN".
    for (const match of text.matchAll(/\bLS0tLS1CRUdJTi[A-Za-z0-9+/]*={0,2}/g)) {
      found.push(...blocksIn(Buffer.from(match[0], 'base64').toString('utf8'), `${where} (base64 at offset ${match.index})`, label));
    }
  }
  return found;
}

/** Compares each request with `openssl req -verify -text`: subject, signature verdict, key, SANs, every requested extension. */
function compareRequests(requests: Found[]): string[] {
  return inTempDir((dir) =>
    requests.flatMap(({ where, der }, i) => {
      writeFileSync(path.join(dir, `${i}.der`), der);
      const run = spawnSync('openssl', ['req', '-inform', 'DER', '-in', `${i}.der`, '-noout', '-nameopt', NAME_OPTIONS, '-subject', '-verify', '-text'], {
        cwd: dir,
        encoding: 'utf8',
      });
      const said = run.stdout + run.stderr;
      const ours = decodeDer(der, 'CERTIFICATE REQUEST');
      if (ours.kind !== 'csr') return [`${where}: ${JSON.stringify(ours)}`];
      const sans = /X509v3 Subject Alternative Name:(?: critical)? *\n\s*(.*)/.exec(said)?.[1] ?? '';
      const theirs = {
        subject: /^subject=(.*)$/m.exec(said)?.[1],
        signatureValid: /verify OK/.test(said),
        size: Number(/Public-Key: \((\d+) bit\)/.exec(said)?.[1]),
        dns: Array.from(sans.matchAll(/DNS:([^,]+)/g), (m) => m[1]),
        uri: Array.from(sans.matchAll(/URI:([^,]+)/g), (m) => m[1]),
      };
      const mine = {
        subject: ours.subject,
        signatureValid: ours.signatureValid,
        size: ours.publicKey.size,
        dns: ours.subjectAltNames.dns,
        uri: ours.subjectAltNames.uri,
      };
      const extensions = extensionDisagreements({ ...ours, nameConstraints: undefined }, opensslExtensions(said)).map((problem) => `${where}: ${problem}`);
      return JSON.stringify(mine) === JSON.stringify(theirs)
        ? extensions
        : [`${where}: ours ${JSON.stringify(mine)} ≠ openssl ${JSON.stringify(theirs)}`, ...extensions];
    }),
  );
}

describe('key decoding agrees with openssl pkey', () => {
  it('on RSA, RSA-PSS, EC and EdDSA keys as PKCS#8, PKCS#1 and SEC1: format, algorithm, size, curve and public key', function () {
    // Generating the RSA keys alone can take seconds on a busy machine.
    this.timeout(60_000);
    const keys = [
      { algorithm: 'RSA', options: ['rsa_keygen_bits:2048'], traditional: true },
      { algorithm: 'RSA-PSS', options: ['rsa_keygen_bits:2048'], traditional: false },
      { algorithm: 'EC', options: ['ec_paramgen_curve:P-256'], traditional: true },
      { algorithm: 'EC', options: ['ec_paramgen_curve:secp256k1'], traditional: true },
      { algorithm: 'ED25519', options: [], traditional: false },
      { algorithm: 'ED448', options: [], traditional: false },
    ];
    const problems = inTempDir((dir) =>
      keys.flatMap(({ algorithm, options, traditional }, i) => {
        openssl(dir, ['genpkey', '-algorithm', algorithm, ...options.flatMap((o) => ['-pkeyopt', o]), '-out', `${i}.pem`]);
        // The traditional form: PKCS#1 for RSA, SEC1 for EC; RSA-PSS and EdDSA keys have only PKCS#8.
        if (traditional) openssl(dir, ['pkey', '-in', `${i}.pem`, '-traditional', '-out', `${i}.old.pem`]);
        const text = openssl(dir, ['pkey', '-in', `${i}.pem`, '-noout', '-text']);
        const spki = spawnSync('openssl', ['pkey', '-in', `${i}.pem`, '-pubout', '-outform', 'DER'], { cwd: dir }).stdout;
        const theirs = {
          size: Number(/Private-Key: \((\d+) bit/.exec(text)?.[1] ?? { ED25519: 256, ED448: 456 }[algorithm]),
          curve: /NIST CURVE: (.+)/.exec(text)?.[1] ?? /ASN1 OID: (.+)/.exec(text)?.[1],
          spkiSha256: fingerprint(spki, 'sha256'),
        };
        return [`${i}.pem`, ...(traditional ? [`${i}.old.pem`] : [])].flatMap((file) => {
          const block = findPemBlocks(readFileSync(path.join(dir, file), 'utf8'))[0];
          const ours = decodeDer(block.der!, block.label);
          const mine = ours.kind === 'privateKey' ? { size: ours.publicKey?.size, curve: ours.publicKey?.curve, spkiSha256: ours.publicKey?.spkiSha256 } : ours;
          return JSON.stringify(mine) === JSON.stringify(theirs)
            ? []
            : [`${algorithm} ${options.join(' ')} ${block.label}: ours ${JSON.stringify(mine)} ≠ openssl ${JSON.stringify(theirs)}`];
        });
      }),
    );
    assert.deepEqual(problems, []);
  });
});

describe('certificate decoding agrees with openssl x509', () => {
  it('on every certificate of the system trust bundle', async function () {
    // An openssl process per certificate: on a busy two-core machine that alone takes half a minute.
    this.timeout(120_000);
    if (!existsSync(SYSTEM_BUNDLE)) {
      console.log(`    (no ${SYSTEM_BUNDLE} on this machine)`);
      this.skip();
    }
    const certificates = blocksIn(readFileSync(SYSTEM_BUNDLE, 'utf8'), path.basename(SYSTEM_BUNDLE), 'CERTIFICATE');
    assert.ok(certificates.length >= 100, `only ${certificates.length} certificates in ${SYSTEM_BUNDLE}`);
    assert.deepEqual(await compareAll(certificates), []);
    console.log(`    (${certificates.length} certificates compared)`);
  });

  it('on every certificate of the shared corpus', async function () {
    if (!existsSync(CORPUS)) {
      console.log(`    (no ${CORPUS}: the shared corpus is not beside the project)`);
      this.skip();
    }
    const certificates = corpusBlocks(CORPUS, 'CERTIFICATE');
    assert.ok(certificates.length > 0, `no certificates found under ${CORPUS}`);
    assert.deepEqual(await compareAll(certificates), []);
    console.log(`    (${certificates.length} certificates compared)`);
  });

  it('on every certificate request of the shared corpus, with openssl req -verify', function () {
    if (!existsSync(CORPUS)) {
      console.log(`    (no ${CORPUS}: the shared corpus is not beside the project)`);
      this.skip();
    }
    const requests = corpusBlocks(CORPUS, 'CERTIFICATE REQUEST');
    assert.ok(requests.length > 0, `no certificate requests found under ${CORPUS}`);
    assert.deepEqual(compareRequests(requests), []);
    console.log(`    (${requests.length} requests compared)`);
  });

  it('on a request with every requested extension kind, with openssl req -text', () => {
    const request = inTempDir((dir) => {
      const extensions = [
        'basicConstraints=critical,CA:TRUE,pathlen:0',
        'keyUsage=critical,digitalSignature,keyCertSign',
        'extendedKeyUsage=serverAuth,1.2.3.4.5',
        'subjectKeyIdentifier=hash',
        'subjectAltName=DNS:a.test,IP:10.0.0.1,URI:spiffe://td/ns/x/sa/y,email:m@x.test',
        'certificatePolicies=1.3.6.1.4.1.99999.1',
        'crlDistributionPoints=URI:http://crl.test/a.crl',
        'authorityInfoAccess=OCSP;URI:http://ocsp.test',
        '1.2.3.4.99=critical,ASN1:UTF8String:unknown',
      ];
      const args = [
        'req',
        '-new',
        '-nodes',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-keyout',
        'key.pem',
        '-subj',
        '/CN=req.test',
        '-outform',
        'DER',
        '-out',
        'req.der',
      ];
      openssl(dir, [...args, ...extensions.flatMap((e) => ['-addext', e])]);
      return new Uint8Array(readFileSync(path.join(dir, 'req.der')));
    });
    const ours = decodeDer(request, 'CERTIFICATE REQUEST');
    assert.equal(ours.kind === 'csr' && ours.extensions.length, 9);
    assert.deepEqual(compareRequests([{ where: 'every requested extension', der: request }]), []);
  });

  it('on names that need escaping, multi-valued RDNs, emailAddress and serialNumber attributes', async () => {
    const pem = opensslCertificate({
      subject: '/C=DE/O=Acme\\, Inc.+OU=R&D/CN= #lead"x<y>;z\\\\ /emailAddress=ops@acme.test/serialNumber=42/CN=last=wins',
      args: ['-multivalue-rdn'],
    });
    const details = certificateDetails(findPemBlocks(pem)[0].der!);
    assert.equal(details.subject, 'CN=last=wins,serialNumber=42,emailAddress=ops@acme.test,CN=\\ #lead\\"x\\<y\\>\\;z\\\\\\ ,O=Acme\\, Inc.+OU=R&D,C=DE');
    assert.equal(details.subjectCommonName, 'last=wins', 'the most specific CN is the one a lens shows');
    assert.deepEqual(await compareAll([{ where: 'escaping', der: findPemBlocks(pem)[0].der! }]), []);
  });

  it('on UTF-8 names and attributes openssl has no name for (written OID=#hex)', async () => {
    const pem = inTempDir((dir) => {
      const config = [
        'oid_section = oids',
        '[oids]',
        'myattr = 1.2.3.4.5',
        '[req]',
        'distinguished_name = dn',
        'prompt = no',
        'utf8 = yes',
        'string_mask = utf8only',
        '[dn]',
        'CN = José Müller 日本',
        'myattr = hello',
        'DC = example',
        'UID = u1',
        'street = Main St',
        'organizationIdentifier = VATDE-1',
        'jurisdictionC = DE',
        'businessCategory = Private',
      ].join('\n');
      writeFileSync(path.join(dir, 'req.cnf'), config);
      return opensslCertificate({ args: ['-config', path.join(dir, 'req.cnf')], subject: null });
    });
    const details = certificateDetails(findPemBlocks(pem)[0].der!);
    assert.match(details.subject, /1\.2\.3\.4\.5=#0C0568656C6C6F/);
    assert.match(details.subject, /,CN=José Müller 日本$/);
    assert.deepEqual(await compareAll([{ where: 'utf-8', der: findPemBlocks(pem)[0].der! }]), []);
  });

  it('on BMPString and T61String values, and control characters (escaped as \\XX)', async () => {
    const withMask = (mask: string) =>
      inTempDir((dir) => {
        writeFileSync(
          path.join(dir, 'mask.cnf'),
          `[req]\ndistinguished_name = dn\nprompt = no\nutf8 = yes\nstring_mask = MASK:${mask}\n[dn]\nCN = José Zürich\nO = plain\n`,
        );
        return findPemBlocks(opensslCertificate({ subject: null, args: ['-config', path.join(dir, 'mask.cnf')] }))[0].der!;
      });
    // openssl prints a certificate whatever its signature, so the name can be edited in place.
    const edited = Buffer.from(findPemBlocks(opensslCertificate({ subject: '/CN=AQQQQQQQZ' }))[0].der!);
    for (let at = edited.indexOf('AQQQQQQQZ'); at >= 0; at = edited.indexOf('AQQQQQQQZ')) edited.set(Buffer.from('A\x01\x7f\x1fQ#=\\Z', 'latin1'), at);
    const found = [
      { where: 'BMPString', der: withMask('0x800') },
      { where: 'T61String', der: withMask('0x4') },
      { where: 'control characters', der: new Uint8Array(edited) },
    ];
    assert.deepEqual(await compareAll(found), []);
    assert.deepEqual(
      found.map((f) => certificateDetails(f.der).subject),
      ['O=plain,CN=José Zürich', 'O=plain,CN=José Zürich', 'CN=A\\01\\7F\\1FQ#=\\\\Z'],
    );
  });

  it('on SANs of every kind, IPv6 in RFC 5952 form', async () => {
    const pem = opensslCertificate({
      extensions: [
        'subjectAltName=DNS:a.test,IP:2001:db8::1,IP:10.0.0.1,URI:spiffe://td/ns/x/sa/y,email:m@x.test,IP:::1,IP:2001:db8:0:1:0:0:0:5,RID:1.2.3.4,otherName:1.2.3.4;UTF8:hey',
      ],
    });
    const details = certificateDetails(findPemBlocks(pem)[0].der!);
    assert.deepEqual(details.subjectAltNames, {
      dns: ['a.test'],
      ip: ['2001:db8::1', '10.0.0.1', '::1', '2001:db8:0:1::5'],
      uri: ['spiffe://td/ns/x/sa/y'],
      email: ['m@x.test'],
      other: ['RID:1.2.3.4', 'otherName:1.2.3.4'],
    });
    assert.deepEqual(await compareAll([{ where: 'sans', der: findPemBlocks(pem)[0].der! }]), []);
  });

  it('on every extension kind, critical or not, and extensions openssl has no name for', async () => {
    const pem = opensslCertificate({
      extensions: [
        'basicConstraints=critical,CA:TRUE,pathlen:2',
        'keyUsage=critical,digitalSignature,nonRepudiation,keyEncipherment,dataEncipherment,keyAgreement,keyCertSign,cRLSign,encipherOnly,decipherOnly',
        'extendedKeyUsage=serverAuth,clientAuth,codeSigning,emailProtection,timeStamping,OCSPSigning,1.2.3.4.5',
        'subjectKeyIdentifier=hash',
        'authorityKeyIdentifier=keyid:always,issuer:always',
        'subjectAltName=critical,DNS:a.test,IP:10.0.0.1,URI:spiffe://td/ns/x/sa/y,email:m@x.test',
        'issuerAltName=DNS:issuer.test',
        'nameConstraints=critical,permitted;DNS:.mesh.test,permitted;IP:10.0.0.0/255.0.0.0,excluded;DNS:bad.mesh.test,excluded;email:x.test',
        'certificatePolicies=2.5.29.32.0,1.3.6.1.4.1.99999.1',
        'crlDistributionPoints=URI:http://crl.test/a.crl,URI:ldap://crl.test/cn=b',
        'authorityInfoAccess=OCSP;URI:http://ocsp.test,caIssuers;URI:http://ca.test/ca.crt',
        '1.2.3.4.99=critical,ASN1:UTF8String:unknown to everybody',
        '1.2.3.4.98=DER:01:02:03',
      ],
    });
    const der = findPemBlocks(pem)[0].der!;
    const details = certificateDetails(der);
    assert.equal(details.extensions.length, 13);
    assert.deepEqual(
      details.extensions.filter((e) => e.critical).map((e) => e.oid),
      ['2.5.29.19', '2.5.29.15', '2.5.29.17', '2.5.29.30', '1.2.3.4.99'],
    );
    assert.deepEqual(await compareAll([{ where: 'every extension', der }]), []);
  });

  it('sees a disagreement in an extension (the comparison is not hollow)', async () => {
    const der = findPemBlocks(opensslCertificate({ extensions: ['basicConstraints=critical,CA:TRUE,pathlen:1', 'keyUsage=keyCertSign'] }))[0].der!;
    const [theirs] = await opensslFacts([der]);
    const ours = certificateDetails(der);
    const tampered = { ...ours, extensions: ours.extensions.map((e) => (e.oid === '2.5.29.19' ? { ...e, value: 'CA:TRUE, pathlen:2', critical: false } : e)) };
    assert.deepEqual(extensionDisagreements(tampered, theirs.extensions).length, 2);
    assert.deepEqual(extensionDisagreements(ours, theirs.extensions), []);
    assert.deepEqual(opensslExtensions('no extensions here'), []);
  });

  it('on RSA, RSA-PSS, ECDSA P-384, P-521, secp256k1, brainpool and explicit curves, Ed25519 and Ed448 keys', async () => {
    const explicitCurve = inTempDir((dir) => {
      openssl(dir, ['ecparam', '-name', 'prime256v1', '-param_enc', 'explicit', '-genkey', '-noout', '-out', 'explicit.pem']);
      return opensslCertificate({ keyFile: path.join(dir, 'explicit.pem') });
    });
    const keys = [
      { newkey: 'rsa:3072', pkeyopt: [] },
      { newkey: 'rsa-pss', pkeyopt: ['rsa_keygen_bits:2048'] },
      { newkey: 'ec', pkeyopt: ['ec_paramgen_curve:P-384'] },
      { newkey: 'ec', pkeyopt: ['ec_paramgen_curve:P-521'] },
      { newkey: 'ec', pkeyopt: ['ec_paramgen_curve:secp256k1'] },
      { newkey: 'ec', pkeyopt: ['ec_paramgen_curve:brainpoolP384r1'] },
      { newkey: 'ed25519', pkeyopt: [] },
      { newkey: 'ed448', pkeyopt: [] },
    ];
    const found = keys.map((key) => ({ where: `${key.newkey} ${key.pkeyopt.join(' ')}`, der: findPemBlocks(opensslCertificate(key))[0].der! }));
    found.push({ where: 'explicit P-256 parameters', der: findPemBlocks(explicitCurve)[0].der! });
    assert.deepEqual(await compareAll(found), []);
    // Explicit parameters that are a named curve's are recognised as that curve, as OpenSSL does.
    assert.deepEqual(
      found.map((f) => certificateDetails(f.der).publicKey.description),
      ['RSA 3072', 'RSA-PSS 2048', 'ECDSA P-384', 'ECDSA P-521', 'ECDSA secp256k1', 'ECDSA brainpoolP384r1', 'Ed25519', 'Ed448', 'ECDSA P-256'],
    );
  });
});
