import * as assert from 'node:assert/strict';
import { DecodeCertificateCommand, OpenHandshakeTestCommand } from '../../common/src/protocol';
import { parseDocument, type ParsedDocument } from '../../server/src/documents/parsedDocument';
import { documentObjects } from '../../server/src/service/certificates/documentObjects';
import { certificateCodeLenses } from '../../server/src/service/codeLens';
import { base64, indent } from '../support/certificateDocuments';
import { certificateExpiringIn, opensslCsr } from '../support/certificates';
import { caExtensions, leafExtensions, TestPki, type Minted } from '../support/pki';

const now = new Date('2026-11-22T12:00:00Z');

function lenses(text: string, uri = 'file:///c.pem', languageId = 'pem') {
  return certificateCodeLenses(uri, documentObjects(parseDocument(uri, languageId, 1, text)), now);
}

describe('certificate CodeLens', () => {
  it('names the subject CN, the key, the time left and the issuer, above the BEGIN line', async () => {
    const { certificatePem } = await certificateExpiringIn(23, 'api.shop.svc', now);
    const [lens, handshake, ...rest] = lenses(`# comment\n${certificatePem}`);
    assert.equal(rest.length, 0);
    // A leaf in a certificate file can be tried in the handshake test, from the same line.
    assert.equal(handshake.command?.title, 'Test mTLS handshake');
    assert.equal(handshake.command?.command, OpenHandshakeTestCommand);
    assert.equal(OpenHandshakeTestCommand, 'meshMtls.openHandshakeTest');
    assert.deepEqual(handshake.command?.arguments, ['file:///c.pem', 1]);
    assert.equal(handshake.range.start.line, 1);
    assert.equal(lens.command?.title, 'api.shop.svc · ECDSA P-256 · expires in 23 days · self-signed');
    assert.equal(lens.range.start.line, 1);
    assert.equal(lens.command?.command, DecodeCertificateCommand);
    assert.equal(DecodeCertificateCommand, 'meshMtls.decodeCertificate');
    assert.deepEqual(lens.command?.arguments, ['file:///c.pem', 1, 0]);
  });

  it('gives each block of a bundle its lens, keys included, and one chain lens first: "valid for" months ahead, "expired" after the end', async () => {
    const expired = await certificateExpiringIn(-3, 'old.shop.svc', now);
    const valid = await certificateExpiringIn(200, 'new.shop.svc', now);
    const titles = lenses(expired.certificatePem + valid.certificatePem + expired.privateKeyPem).map((l) => l.command?.title);
    assert.deepEqual(titles, [
      // Two unrelated self-signed certificates are no chain: a set of roots.
      'Trust bundle of 2 root certificates',
      'old.shop.svc · ECDSA P-256 · expired 3 days ago · self-signed',
      'Test mTLS handshake',
      'new.shop.svc · ECDSA P-256 · valid for 7 months · self-signed',
      'Test mTLS handshake',
      'Private key · ECDSA P-256',
    ]);
  });

  it('gives keys and requests a lens with their kind and key, never their material', async () => {
    const { privateKeyPem } = await certificateExpiringIn(10, 'k.shop.svc', now);
    const csr = opensslCsr(['subjectAltName=DNS:csr.test']);
    const titles = lenses(privateKeyPem + csr).map((l) => l.command?.title);
    assert.deepEqual(titles, ['Private key · ECDSA P-256', 'Certificate request · csr.test · ECDSA P-256']);
  });

  it('explains an unreadable certificate instead of failing, and skips blocks we do not decode', () => {
    const titles = lenses(
      '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n',
    ).map((l) => l.command?.title);
    assert.equal(titles.length, 2);
    assert.match(titles[0]!, /^Unreadable CERTIFICATE: the block does not hold a readable certificate/);
    assert.equal(titles[1], 'Unreadable CERTIFICATE: line 5 of the text is not base64');
  });

  it('puts a lens on a certificate inside a YAML Secret, on its value', async () => {
    const { certificatePem } = await certificateExpiringIn(10, 'web.shop.svc', now);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${base64(certificatePem)}\n  tls.key: ""\n`;
    const [lens] = lenses(text, 'file:///s.yaml', 'yaml');
    assert.equal(lens.range.start.line, 7);
    assert.equal(lens.range.start.character, '  tls.crt: '.length);
    assert.equal(lens.command?.title, 'web.shop.svc · ECDSA P-256 · expires in 10 days · self-signed');
  });

  it('moves the lens of an unchanged Secret when lines are added above it, reusing its parse', async () => {
    const { certificatePem } = await certificateExpiringIn(10, 'web.shop.svc', now);
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\ndata:\n  ca.crt: ${base64(certificatePem)}\n`;
    const head = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n';
    const line = (parsed: ParsedDocument) => certificateCodeLenses(parsed.uri, documentObjects(parsed), now).map((l) => l.range.start.line);
    const first = parseDocument('file:///m.yaml', 'yaml', 1, head + secret);
    // Lenses of each version are asked for before the next edit, as the editor does.
    assert.deepEqual(line(first), [10]);
    const second = parseDocument('file:///m.yaml', 'yaml', 2, head.replace('  name: shop\n', '  name: shop\n  labels: {a: b}\n') + secret, first);
    assert.equal(second.yaml!.documents[1], first.yaml!.documents[1], 'the Secret document is reused');
    assert.deepEqual(line(second), [11]);
  });

  describe('bundles', () => {
    let pki: TestPki;
    let root: Minted;
    let intermediate: Minted;
    let leaf: Minted;
    let stranger: Minted;
    before(function () {
      this.timeout(30_000);
      pki = new TestPki();
      const at = { notBefore: new Date(now.getTime() - 86_400_000), notAfter: new Date(now.getTime() + 400 * 86_400_000) };
      root = pki.mint({ subject: '/CN=Shop Root CA', extensions: caExtensions(), ...at });
      intermediate = pki.mint({ subject: '/CN=Shop Issuing CA', issuer: root, extensions: caExtensions(0), ...at });
      leaf = pki.mint({ subject: '/CN=web.shop.svc', issuer: intermediate, extensions: leafExtensions('web.shop.svc'), ...at });
      // Same name as the intermediate, another key and no key identifier to tell them apart: the
      // leaf names it as its issuer, but its signature does not verify with that key.
      const withoutIdentifiers = caExtensions(0).filter((e) => !e.startsWith('subjectKey') && !e.startsWith('authorityKey'));
      stranger = pki.mint({
        subject: '/CN=Shop Issuing CA',
        issuer: root,
        extensions: [...withoutIdentifiers, 'subjectKeyIdentifier=none', 'authorityKeyIdentifier=none'],
        ...at,
      });
    });
    after(() => pki.dispose());

    it('adds one chain lens to a bundle, first, on the first certificate: verified up to its root', () => {
      const all = lenses(leaf.certificatePem + intermediate.certificatePem + root.certificatePem);
      assert.equal(all.length, 5);
      assert.equal(all[0].command?.title, 'Chain of 3, ends at root Shop Root CA, verified');
      assert.equal(all[0].range.start.line, all[1].range.start.line);
      assert.equal(all[1].command?.title, 'web.shop.svc · ECDSA P-256 · valid for 13 months · issued by Shop Issuing CA');
      // Only the leaf can be a server in the handshake test; the CAs above it get no such lens.
      assert.deepEqual(
        all.filter((l) => l.command?.command === OpenHandshakeTestCommand).map((l) => l.range.start.line),
        [all[1].range.start.line],
      );
    });

    it('offers the handshake test only for leaves in certificate files on disk: not for CAs, manifests, notes or unsaved text', () => {
      const handshakeLenses = (text: string, uri: string, languageId = 'pem') =>
        lenses(text, uri, languageId).filter((l) => l.command?.command === OpenHandshakeTestCommand);
      assert.equal(handshakeLenses(intermediate.certificatePem + root.certificatePem, 'file:///ca-bundle.pem').length, 0);
      for (const uri of ['file:///w/tls.crt', 'file:///w/web.cer', 'file:///w/web.cert', 'file:///w/WEB.PEM'])
        assert.equal(handshakeLenses(leaf.certificatePem, uri).length, 1, uri);
      assert.equal(handshakeLenses(leaf.certificatePem, 'untitled:Untitled-1').length, 0);
      assert.equal(handshakeLenses(`notes\n${leaf.certificatePem}`, 'file:///w/notes.txt', 'plaintext').length, 0);
      const secret = `apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls}\ndata:\n  tls.crt: ${base64(leaf.certificatePem)}\n`;
      assert.equal(handshakeLenses(secret, 'file:///w/secret.yaml', 'yaml').length, 0);
    });

    it('says where a chain stops when its root is not included, and where it breaks', () => {
      assert.equal(
        lenses(leaf.certificatePem + intermediate.certificatePem)[0].command?.title,
        'Chain of 2, ends at Shop Issuing CA, issued by Shop Root CA (not in this file)',
      );
      const broken = lenses(leaf.certificatePem + stranger.certificatePem + root.certificatePem)[0].command?.title;
      assert.equal(broken, 'Chain of 3 does not verify: the signature on #1 web.shop.svc does not verify with the key of #2 Shop Issuing CA');
    });

    it('puts lenses on a Secret value (base64 data) and on each block of a block scalar', () => {
      const yaml = [
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: web-tls, namespace: shop}',
        'type: kubernetes.io/tls',
        'data:',
        `  tls.crt: ${base64(leaf.certificatePem + intermediate.certificatePem)}`,
        `  tls.key: ${base64(leaf.keyPem)}`,
        '---',
        'identityTrustAnchorsPEM: |',
        indent(root.certificatePem + intermediate.certificatePem, 2),
        '',
      ].join('\n');
      const all = lenses(yaml, 'file:///values.yaml', 'yaml').map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]);
      const rootLine = 9;
      const intermediateLine = rootLine + root.certificatePem.trimEnd().split('\n').length;
      assert.deepEqual(all, [
        [5, 'Chain of 2, ends at Shop Issuing CA, issued by Shop Root CA (not in this file)', ['file:///values.yaml', 5, 0]],
        [5, 'web.shop.svc · ECDSA P-256 · valid for 13 months · issued by Shop Issuing CA', ['file:///values.yaml', 5, 0]],
        [5, 'Shop Issuing CA · ECDSA P-256 · valid for 13 months · issued by Shop Root CA', ['file:///values.yaml', 5, 1]],
        [6, 'Private key · ECDSA P-256', ['file:///values.yaml', 6, 2]],
        // Root first, then the CA it signed: trust anchors, so their order is not held against them.
        [rootLine, 'Chain of 1, ends at root Shop Root CA, verified (1 more not on its path)', ['file:///values.yaml', rootLine, 3]],
        [rootLine, 'Shop Root CA · ECDSA P-256 · valid for 13 months · self-signed', ['file:///values.yaml', rootLine, 3]],
        [intermediateLine, 'Shop Issuing CA · ECDSA P-256 · valid for 13 months · issued by Shop Root CA', ['file:///values.yaml', intermediateLine, 4]],
      ]);
    });
  });
});
