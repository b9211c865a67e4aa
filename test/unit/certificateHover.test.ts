import * as assert from 'node:assert/strict';
import { certificateHoverAt } from '../../server/src/service/certificates/certificateHover';
import { locatedFromServer } from '../../client/src/certificates/located';
import { documentCertificates } from '../../server/src/service/certificates/documentCertificates';
import { base64, lineCount, mintRootAndLeaf, objectsOf } from '../support/certificateDocuments';
import { withCursor } from '../support/cursor';
import type { Minted, TestPki } from '../support/pki';

const now = new Date('2026-11-22T12:00:00Z');

/** Hover at the `|` of the text. */
function hover(source: string, languageId = 'pem', timeZone = 'Asia/Kolkata') {
  const { text, offset } = withCursor(source);
  const before = text.slice(0, offset).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  const result = certificateHoverAt(objectsOf(text, languageId).found, position, now, { timeZone });
  return result && { ...result, value: (result.contents as { value: string }).value };
}

describe('certificate hover and the documentCertificates answer', () => {
  let pki: TestPki;
  let root: Minted;
  let leaf: Minted;
  before(function () {
    this.timeout(30_000);
    ({ pki, root, leaf } = mintRootAndLeaf({
      root: '/O=Shop/CN=Shop Root',
      leaf: '/CN=pay.shop.svc',
      // A later subjectAltName line replaces the DNS-only one of the leaf extensions.
      leafExtensions: ['subjectAltName=DNS:pay.shop.svc,URI:spiffe://shop.local/ns/shop/sa/pay'],
      notBefore: new Date('2026-11-01T00:00:00Z'),
      notAfter: new Date('2027-05-01T06:15:00Z'),
    }));
  });
  after(() => pki.dispose());

  it('shows the lens summary, names, and validity in UTC and in the given local zone', () => {
    const lines = leaf.certificatePem.split('\n');
    lines[4] = `${lines[4].slice(0, 5)}|${lines[4].slice(5)}`;
    const result = hover(lines.join('\n') + root.certificatePem)!;
    assert.match(result.value, /^\*\*spiffe:\/\/shop\.local\/ns\/shop\/sa\/pay · ECDSA P-256 · valid for 5 months · issued by Shop Root\*\*/);
    assert.match(result.value, /Names: `DNS pay\.shop\.svc`, `URI spiffe:\/\/shop\.local\/ns\/shop\/sa\/pay`/);
    assert.match(result.value, /\| Not before \| 2026-11-01 00:00 UTC \| 2026-11-01 05:30 GMT\+5:30 \|/);
    assert.match(result.value, /\| Not after \| 2027-05-01 06:15 UTC \| 2027-05-01 11:45 GMT\+5:30 \|/);
    assert.match(result.value, /Local time is the language server's time zone, Asia\/Kolkata\./);
    assert.match(result.value, /Chain of 2, ends at root Shop Root, verified/);
    assert.deepEqual(result.range, { start: { line: 0, character: 0 }, end: { line: lineCount(leaf.certificatePem) - 1, character: 25 } });
  });

  it('follows the zone it is given', () => {
    const result = hover(`|${root.certificatePem}`, 'pem', 'America/New_York')!;
    assert.match(result.value, /\| Not before \| 2026-11-01 00:00 UTC \| 2026-10-31 20:00 EDT \|/);
  });

  it('hovers a Secret value holding base64 PEM, and nothing outside certificates', () => {
    const value = base64(leaf.certificatePem);
    const yaml = `kind: Secret\nmetadata: {name: pay-tls, namespace: shop}\ndata:\n  tls.crt: ${value.slice(0, 30)}|${value.slice(30)}\n`;
    const result = hover(yaml, 'yaml')!;
    assert.match(result.value, /^\*\*spiffe:\/\/shop\.local/);
    assert.match(result.value, /\*tls\.crt of Secret shop\/pay-tls\*$/);
    assert.equal(hover(`kind: Secret\nmetadata: {name: pay-tls}\n|data:\n  tls.crt: ${value}\n`, 'yaml'), undefined);
    assert.equal(hover(`# notes|\n${root.certificatePem}`), undefined);
  });

  it('hovers a key with its format and never its material', () => {
    const result = hover(`|${leaf.keyPem}`)!;
    assert.equal(result.value, '**Private key · ECDSA P-256**\n\nFormat: PKCS#8, not encrypted\n\n*block 1*');
    for (const line of leaf.keyPem.split('\n').slice(1, -2)) assert.ok(!result.value.includes(line.slice(0, 16)));
  });

  it('answers every object with its range, source and decoded form, and the chain of the document', () => {
    const yaml = `kind: Secret\nmetadata: {name: pay-tls, namespace: shop}\ndata:\n  tls.crt: ${base64(leaf.certificatePem)}\n  tls.key: ${base64(leaf.keyPem)}\n  ca.crt: ${base64(root.certificatePem)}\n`;
    const answer = documentCertificates(objectsOf(yaml, 'yaml').found);
    assert.deepEqual(
      answer.objects.map((o) => [o.source, o.decoded.kind, o.range.start.line]),
      [
        ['tls.crt of Secret shop/pay-tls', 'certificate', 3],
        ['tls.key of Secret shop/pay-tls', 'privateKey', 4],
        ['ca.crt of Secret shop/pay-tls', 'certificate', 5],
      ],
    );
    assert.equal(answer.chain?.verified, true);
    assert.deepEqual(
      answer.chain?.links.map((l) => l.issuerIndex),
      [1, 1],
    );
    // Plain data only: it crosses LSP as JSON unchanged.
    assert.deepEqual(JSON.parse(JSON.stringify(answer)), answer);
    assert.equal(documentCertificates(objectsOf(root.certificatePem).found).chain, undefined);
  });

  it('names the group of each object, and carries the DER of certificates only when asked, as the client reads it back', () => {
    const yaml = `kind: Secret\nmetadata: {name: pay-tls, namespace: shop}\ndata:\n  tls.crt: ${base64(leaf.certificatePem + root.certificatePem)}\n  tls.key: ${base64(leaf.keyPem)}\n  ca.crt: ${base64(root.certificatePem)}\n`;
    const found = objectsOf(yaml, 'yaml').found;
    const plain = documentCertificates(found);
    assert.deepEqual(plain.groups, [
      { name: 'tls.crt of Secret shop/pay-tls', role: 'chain' },
      { name: 'tls.key of Secret shop/pay-tls', role: 'chain' },
      { name: 'ca.crt of Secret shop/pay-tls', role: 'trust' },
    ]);
    assert.deepEqual(
      plain.objects.map((o) => o.group),
      [0, 0, 1, 2],
    );
    assert.equal(
      plain.objects.some((o) => 'der' in o),
      false,
    );
    const located = locatedFromServer(JSON.parse(JSON.stringify(documentCertificates(found, true))));
    const pemDer = (pem: string) => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64').toString('hex');
    assert.deepEqual(
      located.objects.map((o) => (o.der ? Buffer.from(o.der).toString('hex') : undefined)),
      [pemDer(leaf.certificatePem), pemDer(root.certificatePem), undefined, pemDer(root.certificatePem)],
    );
    assert.deepEqual(
      located.objects.map((o) => [o.source, o.startLine, o.group]),
      [
        ['block 1 of tls.crt of Secret shop/pay-tls', 3, 0],
        ['block 2 of tls.crt of Secret shop/pay-tls', 3, 0],
        ['tls.key of Secret shop/pay-tls', 4, 1],
        ['ca.crt of Secret shop/pay-tls', 5, 2],
      ],
    );
    assert.equal(located.groups?.[2].role, 'trust');
  });

  it('explains an unreadable block', () => {
    const result = hover('-----BEGIN CERTIFICATE-----\nMII|B\n-----END CERTIFICATE-----\n')!;
    assert.match(result.value, /^\*\*Unreadable CERTIFICATE: the block does not hold a readable certificate/);
  });
});
