import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { certificateDiagnostics, type CertificateCheckContext } from '../../server/src/service/certificates/certificateDiagnostics';
import { base64, objectsOf } from '../support/certificateDocuments';
import { marked } from '../support/marked';
import { caExtensions, DAY_MS, leafExtensions, TestPki, type Minted } from '../support/pki';

const now = new Date('2026-11-22T12:00:00Z');
const context = (overrides: Partial<CertificateCheckContext> = {}): CertificateCheckContext => ({
  now,
  expiringSoonDays: 30,
  inGitWorkTree: false,
  siblings: [],
  ...overrides,
});

function diagnose(text: string, languageId = 'pem', overrides: Partial<CertificateCheckContext> = {}, uri?: string) {
  return certificateDiagnostics(objectsOf(text, languageId, uri).found, context(overrides));
}

/** Each ⟦range⟧ of the marked text carries exactly one diagnostic of the code at the same index, and nothing else is reported. */
function expectAt(source: string, codes: string[], languageId = 'pem', overrides: Partial<CertificateCheckContext> = {}): string[] {
  const { text, ranges } = marked(source);
  const diagnostics = diagnose(text, languageId, overrides);
  const sorted = [...diagnostics].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  assert.deepEqual(
    sorted.map((d) => [d.code, d.range]),
    ranges.map((range, i) => [codes[i], range]),
    diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'),
  );
  return sorted.map((d) => d.message as string);
}

/** A PEM block's lines with the BEGIN marker wrapped in ⟦⟧. */
const markBegin = (pem: string) => pem.replace(/^(-----BEGIN [A-Z ]+-----)/, '⟦$1⟧');

describe('certificate diagnostics', () => {
  let pki: TestPki;
  let root: Minted;
  let leaf: Minted;
  let expired: Minted;
  let soon: Minted;
  let other: Minted;
  before(function () {
    this.timeout(30_000);
    pki = new TestPki();
    const at = { notBefore: new Date(now.getTime() - 300 * DAY_MS), notAfter: new Date(now.getTime() + 400 * DAY_MS) };
    root = pki.mint({ subject: '/CN=Mesh Root', extensions: caExtensions(), ...at });
    leaf = pki.mint({ subject: '/CN=web.shop.svc', issuer: root, extensions: leafExtensions('web.shop.svc'), ...at });
    expired = pki.mint({
      subject: '/CN=old.shop.svc',
      issuer: root,
      extensions: leafExtensions('old.shop.svc'),
      notBefore: new Date(now.getTime() - 90 * DAY_MS),
      notAfter: new Date(now.getTime() - 3 * DAY_MS),
    });
    soon = pki.mint({
      subject: '/CN=soon.shop.svc',
      issuer: root,
      extensions: leafExtensions('soon.shop.svc'),
      notBefore: new Date(now.getTime() - 300 * DAY_MS),
      notAfter: new Date(now.getTime() + 12 * DAY_MS),
    });
    other = pki.mint({ subject: '/CN=other.shop.svc', issuer: root, extensions: leafExtensions('other.shop.svc'), ...at });
  });
  after(() => pki.dispose());

  describe('pem-syntax, at the offending characters', () => {
    it('marks the first run of bad characters and keeps decoding the next block', () => {
      const lines = leaf.certificatePem.split('\n');
      lines[3] = `${lines[3].slice(0, 10)}⟦%%⟧${lines[3].slice(12)}`;
      const messages = expectAt(lines.join('\n') + root.certificatePem, ['pem-syntax']);
      assert.equal(messages[0], 'Not base64: "%%" are outside the base64 alphabet. A PEM body holds only A-Z, a-z, 0-9, + and /, with = at its very end.');
    });

    it('marks stray text, a wrong END label, an unterminated block and an END without BEGIN', () => {
      const body = leaf.certificatePem.split('\n').slice(1, -2).join('\n');
      const source = [
        '-----BEGIN CERTIFICATE-----',
        body,
        '⟦exported from the old vault⟧',
        '-----END CERTIFICATE-----',
        '-----BEGIN CERTIFICATE-----',
        body,
        '-----END ⟦PRIVATE KEY⟧-----',
        '⟦-----BEGIN CERTIFICATE-----⟧',
        body,
        '',
      ].join('\n');
      const messages = expectAt(source, ['pem-syntax', 'pem-syntax', 'pem-syntax']);
      assert.match(messages[0], /^This line is not base64, so it is not part of the body/);
      assert.equal(messages[1], 'The END line says PRIVATE KEY but the block began as CERTIFICATE: BEGIN and END labels must be the same.');
      assert.match(messages[2], /^BEGIN CERTIFICATE has no END line/);
      const stray = `${root.certificatePem}${body.split('\n').slice(-2).join('\n')}\n  ⟦-----END CERTIFICATE-----⟧\n`;
      assert.deepEqual(expectAt(stray, ['pem-syntax']), ['END CERTIFICATE without a BEGIN line above it: the start of the block is missing.']);
    });

    it('keeps columns right in CRLF files', () => {
      const crlf = leaf.certificatePem.replace(/\n/g, '\r\n').replace(/\r\n(-----END)/, '\r\n⟦AB!⟧\r\n$1');
      // "AB!" is a damaged body line: only "!" is outside the alphabet.
      const { text } = marked(crlf);
      const [d] = diagnose(text);
      assert.equal(d.code, 'pem-syntax');
      const line = text.split('\r\n').findIndex((l) => l === 'AB!');
      assert.deepEqual(d.range, { start: { line, character: 2 }, end: { line, character: 3 } });
    });

    it('reports bad base64 inside a Secret value at the value, naming the line of the decoded PEM', () => {
      const broken = leaf.certificatePem.replace(/\n(.{10})/, '\n$1~');
      const yaml = `kind: Secret\nmetadata: {name: web}\ndata:\n  tls.crt: ⟦${base64(broken)}⟧\n`;
      assert.deepEqual(expectAt(yaml, ['pem-syntax'], 'yaml'), [
        'Line 2 of the PEM in this value: Not base64: "~" is outside the base64 alphabet. A PEM body holds only A-Z, a-z, 0-9, + and /, with = at its very end.',
      ]);
    });
  });

  describe('certificate-unreadable', () => {
    it('is reported on a well-formed block whose bytes are not a certificate, not on blocks we do not decode', () => {
      const truncated = `-----BEGIN CERTIFICATE-----\n${base64(leaf.der.subarray(0, 200))}\n-----END CERTIFICATE-----\n`;
      const crl = '-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n';
      const [message] = expectAt(markBegin(truncated) + crl, ['certificate-unreadable']);
      assert.match(message, /^Certificate unreadable: the block does not hold a readable certificate: .*truncated/);
    });
  });

  describe('lint findings, placed on each object', () => {
    it('puts validity findings on the BEGIN marker of the certificate they concern', () => {
      const messages = expectAt(markBegin(expired.certificatePem) + leaf.certificatePem + markBegin(soon.certificatePem), [
        'certificate-expired',
        'certificate-expiring-soon',
      ]);
      assert.match(messages[0], /^Certificate expired 3 days ago/);
      assert.match(messages[1], /^Certificate expires in 12 days/);
    });

    it('uses the expiringSoonDays setting', () => {
      assert.deepEqual(diagnose(soon.certificatePem, 'pem', { expiringSoonDays: 10 }), []);
      assert.equal(
        diagnose(leaf.certificatePem, 'pem', { expiringSoonDays: 1000 }).length,
        0,
        'over a third of its lifetime is left, so even a long window stays quiet',
      );
    });

    it('names the block when several objects share one Secret value', () => {
      const yaml = `kind: Secret\nmetadata: {name: web}\ndata:\n  tls.crt: ⟦${base64(expired.certificatePem + root.certificatePem)}⟧\n`;
      const [message] = expectAt(yaml, ['certificate-expired'], 'yaml');
      assert.match(message, /^Block 1: Certificate expired/);
    });

    it('flags a chain out of order, but not trust anchors in any order', () => {
      const value = base64(root.certificatePem + leaf.certificatePem);
      const [message] = expectAt(`kind: Secret\nmetadata: {name: web}\ndata:\n  tls.crt: ⟦${value}⟧\n`, ['chain-order'], 'yaml');
      assert.match(message, /^Block 2: Its issuer "Mesh Root" is listed above it/);
      assert.deepEqual(diagnose(`kind: Secret\nmetadata: {name: web}\ndata:\n  ca.crt: ${value}\n`, 'yaml'), []);
      assert.deepEqual(diagnose(root.certificatePem + leaf.certificatePem, 'pem', {}, 'file:///etc/trust-bundle.pem'), []);
      assert.deepEqual(
        diagnose(root.certificatePem + leaf.certificatePem, 'pem', {}, 'file:///srv/fullchain.pem').map((d) => d.code),
        ['chain-order'],
      );
    });
  });

  describe('an unchanged document checked again', () => {
    it('reads the clock each time: the same objects expire between two checks more than a minute apart', () => {
      const { found } = objectsOf(leaf.certificatePem + root.certificatePem);
      const codes = (at: Date) => certificateDiagnostics(found, context({ now: at })).map((d) => d.code);
      assert.deepEqual(codes(now), []);
      assert.ok(codes(new Date(now.getTime() + 380 * DAY_MS)).includes('certificate-expiring-soon'));
      assert.ok(codes(new Date(now.getTime() + 401 * DAY_MS)).includes('certificate-expired'));
      assert.deepEqual(codes(now), []);
    });

    it('near a validity bound, checks afresh within the same minute', function () {
      this.timeout(30_000);
      // A bound half way through a minute, and two checks of that minute either side of it.
      const notAfter = new Date(now.getTime() + 400 * DAY_MS + 30_000);
      const mid = pki.mint({ subject: '/CN=mid.shop.svc', issuer: root, extensions: leafExtensions('mid.shop.svc'), notBefore: now, notAfter });
      const { found } = objectsOf(mid.certificatePem);
      const decoded = found.objects[0].decoded;
      assert.ok(decoded.kind === 'certificate' && Date.parse(decoded.notAfter) % 60_000 !== 0, 'the bound falls inside a minute');
      const bound = Date.parse(decoded.notAfter);
      const codes = (at: number) => certificateDiagnostics(found, context({ now: new Date(at) })).map((d) => d.code);
      assert.ok(!codes(bound - 1_000).includes('certificate-expired'));
      assert.ok(codes(bound + 1_000).includes('certificate-expired'));
    });
  });

  describe('key-mismatch', () => {
    const secret = (crt: Minted, key: Minted) =>
      `kind: Secret\nmetadata: {name: web}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${base64(crt.certificatePem)}\n  tls.key: ⟦${base64(key.keyPem)}⟧\n`;

    it('compares tls.key with the certificate of tls.crt in one Secret', () => {
      const [message] = expectAt(secret(leaf, other), ['key-mismatch'], 'yaml');
      assert.equal(
        message,
        'tls.key is not the key of the certificate in tls.crt ("web.shop.svc", ECDSA P-256): the public half of the key (ECDSA P-256) differs from the certificate\'s, so a server loading this Secret fails.',
      );
      assert.deepEqual(diagnose(marked(secret(leaf, leaf)).text, 'yaml'), []);
    });

    it('compares a certificate file with its sibling key file, and a key file with its certificate', () => {
      const [onCertificate] = expectAt(markBegin(leaf.certificatePem), ['key-mismatch'], 'pem', { siblings: [{ name: 'key.pem', text: other.keyPem }] });
      assert.match(onCertificate, /^key\.pem beside this file is not the key of this certificate \("web\.shop\.svc", ECDSA P-256\)/);
      assert.deepEqual(diagnose(leaf.certificatePem, 'pem', { siblings: [{ name: 'key.pem', text: leaf.keyPem }] }), []);
      const [onKey] = expectAt(markBegin(leaf.keyPem), ['key-mismatch'], 'pem', { siblings: [{ name: 'tls.crt', text: other.certificatePem }] });
      assert.match(onKey, /^This key is not the key of the certificate in tls\.crt beside it/);
    });

    it('checks a key and certificate in the same file through the lint rules', () => {
      assert.deepEqual(
        diagnose(leaf.certificatePem + other.keyPem).map((d) => d.code),
        ['key-mismatch'],
      );
      assert.deepEqual(diagnose(leaf.certificatePem + leaf.keyPem), []);
    });
  });

  describe('private-key-unencrypted', () => {
    it('is information on each unencrypted key when the file is one git would commit', () => {
      const encrypted = execFileSync('openssl', ['pkcs8', '-topk8', '-v2', 'aes-256-cbc', '-passout', 'pass:test', '-in', leaf.keyFile], { encoding: 'utf8' });
      const [message] = expectAt(markBegin(leaf.keyPem) + encrypted, ['private-key-unencrypted'], 'pem', { inGitWorkTree: true });
      assert.match(message, /^Unencrypted private key in a file inside a git repository/);
      assert.equal(diagnose(leaf.keyPem, 'pem', { inGitWorkTree: true })[0].severity, 3);
      assert.deepEqual(diagnose(leaf.keyPem, 'pem', { inGitWorkTree: false }), []);
    });

    it('says "manifest" for a key in a Secret', () => {
      const yaml = `kind: Secret\nmetadata: {name: web}\ndata:\n  tls.key: ⟦${base64(leaf.keyPem)}⟧\n`;
      assert.match(expectAt(yaml, ['private-key-unencrypted'], 'yaml', { inGitWorkTree: true })[0], /in a manifest inside a git repository/);
    });
  });

  it('reports nothing on a sound bundle', () => {
    assert.deepEqual(diagnose(leaf.certificatePem + root.certificatePem), []);
  });
});
