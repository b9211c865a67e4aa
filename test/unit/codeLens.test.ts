import * as assert from 'node:assert/strict';
import { findPemBlocks } from '../../common/src/pem/blocks';
import { DecodeCertificateCommand } from '../../common/src/protocol';
import { certificateCodeLenses } from '../../server/src/service/codeLens';
import { certificateExpiringIn } from '../support/certificates';

const now = new Date('2026-11-22T12:00:00Z');

describe('certificate CodeLens', () => {
  it('names the subject CN and the time left, above the BEGIN line', async () => {
    const { certificatePem } = await certificateExpiringIn(23, 'api.shop.svc', now);
    const [lens, ...rest] = certificateCodeLenses('file:///c.pem', findPemBlocks(`# comment\n${certificatePem}`), now);
    assert.equal(rest.length, 0);
    assert.equal(lens.command?.title, 'api.shop.svc · ECDSA P-256 · expires in 23 days');
    assert.equal(lens.range.start.line, 1);
    assert.equal(lens.command?.command, DecodeCertificateCommand);
    assert.equal(DecodeCertificateCommand, 'meshMtls.decodeCertificate');
    assert.deepEqual(lens.command?.arguments, ['file:///c.pem', 1]);
  });

  it('says an expired certificate expired, one lens per certificate of a bundle, none for keys', async () => {
    const expired = await certificateExpiringIn(-3, 'old.shop.svc', now);
    const valid = await certificateExpiringIn(200, 'new.shop.svc', now);
    const text = expired.certificatePem + valid.certificatePem + expired.privateKeyPem;
    const titles = certificateCodeLenses('file:///b.pem', findPemBlocks(text), now).map((l) => l.command?.title);
    assert.deepEqual(titles, ['old.shop.svc · ECDSA P-256 · expired 3 days ago', 'new.shop.svc · ECDSA P-256 · expires in 7 months']);
  });

  it('explains an unreadable certificate instead of failing', () => {
    const blocks = findPemBlocks('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----\n');
    const titles = certificateCodeLenses('file:///x.pem', blocks, now).map((l) => l.command?.title);
    assert.match(titles[0]!, /^Certificate unreadable: not an X\.509 certificate/);
    assert.equal(titles[1], 'Certificate unreadable: line 5 is not base64');
  });
});
