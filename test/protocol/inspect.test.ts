import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../rig/paths';
import { openssl } from '../support/certificates';

// `mesh-mtls inspect` run as a user runs it, on files openssl wrote.

const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });

describe('mesh-mtls inspect', () => {
  let dir: string;
  let certificatePem: string;
  let keyPem: string;
  let csrPem: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'mm-inspect-'));
    openssl(dir, [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      'key.pem',
      '-days',
      '30',
      '-subj',
      '/O=Shop/CN=checkout.shop.svc',
      '-addext',
      'subjectAltName=DNS:checkout.shop.svc,IP:10.1.2.3,URI:spiffe://cluster.local/ns/shop/sa/checkout',
      '-addext',
      'basicConstraints=critical,CA:TRUE,pathlen:0',
      '-addext',
      'keyUsage=digitalSignature,keyCertSign',
      '-addext',
      'extendedKeyUsage=serverAuth,clientAuth',
      '-out',
      'cert.pem',
    ]);
    openssl(dir, ['req', '-new', '-key', 'key.pem', '-subj', '/CN=checkout.shop.svc', '-out', 'req.pem']);
    openssl(dir, ['x509', '-in', 'cert.pem', '-outform', 'DER', '-out', 'cert.der']);
    certificatePem = readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    keyPem = readFileSync(path.join(dir, 'key.pem'), 'utf8');
    csrPem = readFileSync(path.join(dir, 'req.pem'), 'utf8');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string | Buffer) => {
    const file = path.join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const opensslSays = (args: string[]) => openssl(dir, ['x509', '-in', 'cert.pem', '-noout', ...args]).trim();

  it('--json: one object per block of a CRLF, indented bundle; the certificate has every field the issue names, as openssl prints them', () => {
    const indented = (pem: string) => pem.replace(/^/gm, '    ').replace(/\n {4}$/, '\n');
    const bundle = write('bundle.pem', `notes before the blocks\r\n${indented(certificatePem)}${keyPem}${csrPem}`.replace(/\r?\n/g, '\r\n'));
    const result = cli('inspect', '--json', bundle);
    assert.equal(result.status, 0, result.stderr);
    const objects = JSON.parse(result.stdout);
    assert.deepEqual(
      objects.map((o: { kind: string }) => o.kind),
      ['certificate', 'privateKey', 'csr'],
    );
    const [certificate] = objects;
    assert.equal(certificate.subject, opensslSays(['-subject', '-nameopt', 'RFC2253']).replace('subject=', ''));
    assert.equal(certificate.subject, 'CN=checkout.shop.svc,O=Shop');
    assert.equal(certificate.issuer, certificate.subject);
    assert.equal(certificate.serialNumber, opensslSays(['-serial']).replace('serial=', ''));
    assert.equal(new Date(certificate.notAfter).getTime(), new Date(opensslSays(['-enddate']).replace('notAfter=', '').replace(' GMT', ' UTC')).getTime());
    assert.match(certificate.notBefore, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual(certificate.subjectAltNames, {
      dns: ['checkout.shop.svc'],
      ip: ['10.1.2.3'],
      uri: ['spiffe://cluster.local/ns/shop/sa/checkout'],
      email: [],
      other: [],
    });
    assert.deepEqual(
      { algorithm: certificate.publicKey.algorithm, size: certificate.publicKey.size, curve: certificate.publicKey.curve },
      { algorithm: 'ECDSA', size: 256, curve: 'P-256' },
    );
    assert.equal(certificate.signatureAlgorithm, 'ecdsa-with-SHA256');
    assert.equal(certificate.isCA, true);
    assert.equal(certificate.pathLength, 0);
    assert.deepEqual(certificate.keyUsage, ['digitalSignature', 'keyCertSign']);
    assert.deepEqual(certificate.extendedKeyUsage, ['serverAuth', 'clientAuth']);
    assert.equal(certificate.fingerprints.sha256, opensslSays(['-fingerprint', '-sha256']).replace(/^sha256 Fingerprint=/i, ''));
    assert.equal(certificate.fingerprints.sha1, opensslSays(['-fingerprint', '-sha1']).replace(/^sha1 Fingerprint=/i, ''));
    assert.equal(objects[2].signatureValid, true);
  });

  it('--json never prints private key material: the key gives its format and public half only', () => {
    const result = cli('inspect', '--json', write('key-only.pem', keyPem));
    assert.equal(result.status, 0);
    const [key] = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(key).sort(), ['encrypted', 'format', 'kind', 'publicKey']);
    const body = keyPem
      .split('\n')
      .filter((l) => l && !l.startsWith('-----'))
      .join('');
    for (let i = 0; i + 12 <= body.length; i += 12) assert.ok(!result.stdout.includes(body.slice(i, i + 12)));
    const certificate = JSON.parse(cli('inspect', '--json', path.join(dir, 'cert.pem')).stdout)[0];
    assert.equal(key.publicKey.spkiSha256, certificate.publicKey.spkiSha256, 'the key matches its certificate');
  });

  it('reads a DER file and a file of base64 (as a Secret holds tls.crt) like the PEM', () => {
    const fromPem = JSON.parse(cli('inspect', '--json', path.join(dir, 'cert.pem')).stdout);
    const der = cli('inspect', '--json', path.join(dir, 'cert.der'));
    assert.equal(der.status, 0);
    assert.deepEqual(JSON.parse(der.stdout), fromPem);
    const base64 = cli('inspect', '--json', write('tls.crt.b64', Buffer.from(certificatePem).toString('base64')));
    assert.equal(base64.status, 0);
    assert.deepEqual(JSON.parse(base64.stdout), fromPem);
  });

  it('text: a titled summary per block, with the validity in words', () => {
    const result = cli('inspect', write('two.pem', certificatePem + csrPem));
    assert.equal(result.status, 0);
    assert.match(result.stdout, /^Block 1 \(line 1, CERTIFICATE\): certificate\n {2}Subject: +CN=checkout\.shop\.svc,O=Shop\n/);
    assert.match(result.stdout, /\n {2}Valid: +\S+Z to \S+Z \(expires in 30 days\)\n/);
    assert.match(result.stdout, /\n {2}Names: +DNS:checkout\.shop\.svc, IP:10\.1\.2\.3, URI:spiffe:\/\/cluster\.local\/ns\/shop\/sa\/checkout\n/);
    assert.match(result.stdout, /\n {2}CA: +yes, path length 0\n/);
    assert.match(result.stdout, /\nBlock 2 \(line \d+, CERTIFICATE REQUEST\): certificate request\n[^]*Signature: +ecdsa-with-SHA256, valid\n/);
  });

  it('exits 1 when a block is unreadable, printing its reason, and still decodes the others', () => {
    const broken = certificatePem.replace(/\n[A-Za-z0-9+/]{10}/, '\n!!!!!!!!!!');
    const result = cli('inspect', write('broken.pem', `${broken}${certificatePem}-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n`));
    assert.equal(result.status, 1);
    assert.match(result.stdout, /Block 1 \(line 1, CERTIFICATE\): unreadable\n {2}Reason: line 2 of the text is not base64\n/);
    assert.match(result.stdout, /Block 2 \(line \d+, CERTIFICATE\): certificate\n/);
    assert.match(result.stdout, /Block 3 \(line \d+, X509 CRL\): unreadable\n {2}Reason: we do not decode "X509 CRL" blocks/);
    const json = cli('inspect', '--json', write('garbage.bin', Buffer.from([1, 2, 3])));
    assert.equal(json.status, 1);
    assert.deepEqual(JSON.parse(json.stdout), [
      {
        kind: 'unreadable',
        label: '',
        reason: 'the file has no PEM block (no "-----BEGIN" line) and is neither DER (which starts with byte 0x30) nor base64 of PEM or DER',
      },
    ]);
  });

  it('exits 2 on a wrong command line or a file it cannot read, and documents its exit codes in --help', () => {
    assert.equal(cli('inspect').status, 2);
    assert.equal(cli('inspect', 'a.pem', 'b.pem').status, 2);
    assert.equal(cli('inspect', '--text', path.join(dir, 'cert.pem')).status, 2);
    const missing = cli('inspect', path.join(dir, 'nope.pem'));
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /cannot read .*nope\.pem: ENOENT/);
    assert.match(cli('--help').stdout, /Exit codes:\n {2}0 .*inspect: every block was decoded\n {2}1 .*inspect: at least one block is unreadable/);
  });

  it('reads standard input when FILE is -', () => {
    const result = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'inspect', '--json', '-'], { encoding: 'utf8', input: certificatePem });
    assert.equal(result.status, 0);
    assert.equal(JSON.parse(result.stdout)[0].subject, 'CN=checkout.shop.svc,O=Shop');
  });
});
