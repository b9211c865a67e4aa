import * as assert from 'node:assert/strict';
import { DecodeCertificateCommand } from '../../common/src/protocol';
import { parseDocument, type ParsedDocument } from '../../server/src/documents/parsedDocument';
import { documentObjects } from '../../server/src/service/certificates/documentObjects';
import { certificateCodeLenses } from '../../server/src/service/codeLens';
import { certificateExpiringIn } from '../support/certificates';

const now = new Date('2026-11-22T12:00:00Z');
const lensesOf = (uri: string, text: string) => certificateCodeLenses(uri, documentObjects(parseDocument(uri, uri.endsWith('.yaml') ? 'yaml' : 'pem', 1, text)), now);

describe('certificate CodeLens', () => {
  it('names the subject CN, the key, the time left and the issuer, above the BEGIN line', async () => {
    const { certificatePem } = await certificateExpiringIn(23, 'api.shop.svc', now);
    const [lens, ...rest] = lensesOf('file:///c.pem', `# comment\n${certificatePem}`);
    assert.equal(rest.length, 0);
    assert.equal(lens.command?.title, 'api.shop.svc · ECDSA P-256 · expires in 23 days · self-signed');
    assert.equal(lens.range.start.line, 1);
    assert.equal(lens.command?.command, DecodeCertificateCommand);
    assert.equal(DecodeCertificateCommand, 'meshMtls.decodeCertificate');
    assert.deepEqual(lens.command?.arguments, ['file:///c.pem', 1]);
  });

  it('gives each block of a bundle its lens, keys included, and one chain lens first', async () => {
    const expired = await certificateExpiringIn(-3, 'old.shop.svc', now);
    const valid = await certificateExpiringIn(200, 'new.shop.svc', now);
    const text = expired.certificatePem + valid.certificatePem + expired.privateKeyPem;
    const titles = lensesOf('file:///b.pem', text).map((l) => l.command?.title);
    assert.equal(titles.length, 4);
    // Two unrelated self-signed certificates are no chain: a set of roots.
    assert.equal(titles[0], 'Trust bundle of 2 root certificates');
    assert.deepEqual(titles.slice(1), ['old.shop.svc · ECDSA P-256 · expired 3 days ago · self-signed', 'new.shop.svc · ECDSA P-256 · expires in 7 months · self-signed', 'Private key · ECDSA P-256']);
  });

  it('explains an unreadable certificate instead of failing', () => {
    const titles = lensesOf('file:///x.pem', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n').map((l) => l.command?.title);
    assert.equal(titles.length, 2);
    assert.match(titles[0]!, /^Unreadable CERTIFICATE: the block does not hold a readable certificate/);
    assert.equal(titles[1], 'Unreadable CERTIFICATE: line 5 of the text is not base64');
  });

  it('puts a lens on a certificate inside a YAML Secret, on its value', async () => {
    const { certificatePem } = await certificateExpiringIn(10, 'web.shop.svc', now);
    const b64 = Buffer.from(certificatePem).toString('base64');
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64}\n  tls.key: ""\n`;
    const [lens] = lensesOf('file:///s.yaml', text);
    assert.equal(lens.range.start.line, 7);
    assert.equal(lens.range.start.character, '  tls.crt: '.length);
    assert.equal(lens.command?.title, 'web.shop.svc · ECDSA P-256 · expires in 10 days · self-signed');
  });

  it('moves the lens of an unchanged Secret when lines are added above it, reusing its parse', async () => {
    const { certificatePem } = await certificateExpiringIn(10, 'web.shop.svc', now);
    const secret = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\ndata:\n  ca.crt: ${Buffer.from(certificatePem).toString('base64')}\n`;
    const head = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n---\n';
    const line = (parsed: ParsedDocument) => certificateCodeLenses(parsed.uri, documentObjects(parsed), now).map((l) => l.range.start.line);
    const first = parseDocument('file:///m.yaml', 'yaml', 1, head + secret);
    // Lenses of each version are asked for before the next edit, as the editor does.
    assert.deepEqual(line(first), [10]);
    const second = parseDocument('file:///m.yaml', 'yaml', 2, head.replace('  name: shop\n', '  name: shop\n  labels: {a: b}\n') + secret, first);
    assert.equal(second.yaml!.documents[1], first.yaml!.documents[1], 'the Secret document is reused');
    assert.deepEqual(line(second), [11]);
  });
});
