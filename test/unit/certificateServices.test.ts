import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { certificateDiagnostics, type CertificateCheckContext } from '../../server/src/service/certificates/certificateDiagnostics';
import { certificateHoverAt } from '../../server/src/service/certificates/certificateHover';
import { documentObjects } from '../../server/src/service/certificates/documentObjects';
import { keyFileNames } from '../../server/src/service/certificates/siblingFiles';
import { GitWorkTrees } from '../../server/src/workspace/gitWorkTree';
import { certificateExpiringIn } from '../support/certificates';

const now = new Date('2026-11-22T12:00:00Z');
const options: CertificateCheckContext = { now, expiringSoonDays: 30, inGitWorkTree: false, siblings: [] };
const objectsOf = (uri: string, text: string) => documentObjects(parseDocument(uri, uri.endsWith('.yaml') ? 'yaml' : 'pem', 1, text));
const check = (uri: string, text: string, more: Partial<CertificateCheckContext> = {}): Diagnostic[] =>
  certificateDiagnostics(objectsOf(uri, text), { ...options, ...more });
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
const b64 = (text: string) => Buffer.from(text).toString('base64');
const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

function tlsSecret(crt: string, key: string): string {
  return `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(crt)}\n  tls.key: ${b64(key)}\n`;
}

describe('certificates in documents', () => {
  describe('finding them', () => {
    it('reads base64 PEM and base64 DER in Secret data, naming the Secret', async () => {
      const { certificatePem } = await certificateExpiringIn(100, 'web.shop.svc', now);
      const der = execFileSync('openssl', ['x509', '-outform', 'DER'], { input: certificatePem });
      const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ca\n  namespace: shop\ndata:\n  ca.crt: ${b64(certificatePem)}\n  root.der: ${der.toString('base64')}\n  note: ${b64('hello')}\n`;
      const found = objectsOf('file:///s.yaml', text);
      assert.deepEqual(
        found.objects.map((o) => [o.source, o.decoded.kind, o.range.start.line]),
        [
          ['ca.crt of Secret shop/ca', 'certificate', 6],
          ['root.der of Secret shop/ca', 'certificate', 7],
        ],
      );
    });

    it('places PEM of a block scalar on its own lines (Helm values, ConfigMaps, stringData)', async () => {
      const { certificatePem } = await certificateExpiringIn(100, 'root.linkerd', now);
      const text = `identity:\n  trustAnchorsPEM: |\n${indent(certificatePem, '    ')}other: 1\n`;
      const [object] = objectsOf('file:///values.yaml', text).objects;
      assert.equal(object.decoded.kind, 'certificate');
      assert.deepEqual(object.mark.start, { line: 2, character: 4 });
      assert.equal(object.range.end.line, 2 + certificatePem.trimEnd().split('\n').length - 1);
    });

    it('finds nothing in ordinary manifests and plain text', () => {
      assert.equal(objectsOf('file:///a.yaml', 'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: YWJjZA==\n').objects.length, 0);
      assert.equal(objectsOf('file:///a.txt', 'no certificates here\n').objects.length, 0);
    });
  });

  describe('diagnostics', () => {
    it('marks the bad base64 line of a block and still decodes the next block', async () => {
      const { certificatePem } = await certificateExpiringIn(300, 'ok.test', now);
      const text = `-----BEGIN CERTIFICATE-----\nMIIB\n!!not base64!!\n-----END CERTIFICATE-----\n${certificatePem}`;
      const diagnostics = check('file:///b.pem', text);
      assert.deepEqual(codes(diagnostics), ['pem-syntax']);
      assert.deepEqual(diagnostics[0].range, { start: { line: 2, character: 0 }, end: { line: 2, character: '!!not base64!!'.length } });
      assert.match(String(diagnostics[0].message), /not base64/);
      assert.equal(objectsOf('file:///b.pem', text).objects[1].decoded.kind, 'certificate');
    });

    it('points a syntax problem inside a YAML block scalar at the document line', () => {
      const text = 'ca: |\n  -----BEGIN CERTIFICATE-----\n  MIIB\n  ##\n  -----END CERTIFICATE-----\n';
      const [diagnostic] = check('file:///v.yaml', text);
      assert.equal(diagnostic.code, 'pem-syntax');
      assert.deepEqual(diagnostic.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 4 } });
    });

    it('reports a truncated block and a certificate whose bytes are not one, but not blocks we do not decode', () => {
      assert.deepEqual(codes(check('file:///t.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n')), ['pem-syntax']);
      assert.deepEqual(codes(check('file:///g.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n')), ['certificate-unreadable']);
      assert.deepEqual(codes(check('file:///c.pem', '-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n')), []);
    });

    it('runs the certificate rules on a Secret value, on its range', async () => {
      const expired = await certificateExpiringIn(-2, 'old.shop.svc', now);
      const diagnostics = check('file:///s.yaml', tlsSecret(expired.certificatePem, expired.privateKeyPem));
      assert.deepEqual(codes(diagnostics), ['certificate-expired']);
      assert.equal(diagnostics[0].range.start.line, 7);
    });

    it('says when tls.key of a Secret is not the key of its tls.crt', async () => {
      const a = await certificateExpiringIn(100, 'a.test', now);
      const b = await certificateExpiringIn(100, 'b.test', now);
      const mismatch = check('file:///s.yaml', tlsSecret(a.certificatePem, b.privateKeyPem));
      assert.deepEqual(codes(mismatch), ['key-mismatch']);
      assert.equal(mismatch[0].range.start.line, 8);
      assert.deepEqual(codes(check('file:///s.yaml', tlsSecret(a.certificatePem, a.privateKeyPem))), []);
    });

    it('checks a certificate file against its sibling key file', async () => {
      const a = await certificateExpiringIn(100, 'a.test', now);
      const b = await certificateExpiringIn(100, 'b.test', now);
      assert.deepEqual(keyFileNames('cert.pem'), ['key.pem', 'privkey.pem']);
      assert.deepEqual(keyFileNames('tls.crt'), ['tls.key']);
      assert.deepEqual(keyFileNames('web.crt'), ['web.key', 'web-key.pem', 'web.key.pem']);
      const siblings = (key: string) => [{ name: 'key.pem', text: key }];
      assert.deepEqual(codes(check('file:///d/cert.pem', a.certificatePem, { siblings: siblings(b.privateKeyPem) })), ['key-mismatch']);
      assert.deepEqual(codes(check('file:///d/cert.pem', a.certificatePem, { siblings: siblings(a.privateKeyPem) })), []);
    });

    it('notes an unencrypted key in a git work tree, and not in an ignored file', async () => {
      const { privateKeyPem } = await certificateExpiringIn(100, 'a.test', now);
      const dir = mkdtempSync(path.join(tmpdir(), 'mm-git-'));
      try {
        execFileSync('git', ['init', '-q', dir]);
        writeFileSync(path.join(dir, '.gitignore'), 'secret/\n');
        mkdirSync(path.join(dir, 'secret'));
        const tracked = path.join(dir, 'key.pem');
        const ignored = path.join(dir, 'secret', 'key.pem');
        const git = new GitWorkTrees();
        assert.deepEqual(codes(check(pathToFileURL(tracked).href, privateKeyPem, { inGitWorkTree: await git.wouldCommit(tracked) })), [
          'private-key-unencrypted',
        ]);
        assert.deepEqual(codes(check(pathToFileURL(ignored).href, privateKeyPem, { inGitWorkTree: await git.wouldCommit(ignored) })), []);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe('hover', () => {
    it('summarises the block under the cursor with its validity in UTC and local time', async () => {
      const { certificatePem } = await certificateExpiringIn(12, 'api.shop.svc', now);
      const found = objectsOf('file:///c.pem', `# a comment\n${certificatePem}`);
      const hover = certificateHoverAt(found, { line: 3, character: 2 }, now, { timeZone: 'Europe/Paris' });
      const value = (hover?.contents as { value: string }).value;
      assert.match(value, /api\.shop\.svc · ECDSA P-256 · expires in 12 days/);
      assert.match(value, /\| Not after \| \d{4}-\d\d-\d\d \d\d:\d\d UTC \| \d{4}-\d\d-\d\d \d\d:\d\d GMT\+1 \|/);
      assert.match(value, /DNS api\.shop\.svc/);
      assert.equal(certificateHoverAt(found, { line: 0, character: 2 }, now, { timeZone: 'Europe/Paris' }), undefined);
    });
  });
});
