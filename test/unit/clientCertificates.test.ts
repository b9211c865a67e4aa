import * as assert from 'node:assert/strict';
import { fileObjects } from '../../client/src/certificates/fileObjects';
import { objectIndexAt, type LocatedObject } from '../../client/src/certificates/located';
import { findPemBlocks } from '../../common/src/pem/blocks';
import { expiryStatus } from '../../common/src/time/expiryStatus';
import { certificateExpiringIn, DAY, openssl509 } from '../support/certificates';
import { certificateModel, privateKeyModel } from '../support/decodedModels';

describe('expiry status', () => {
  const now = new Date('2025-06-01T00:00:00Z');
  const at = (days: number) => new Date(now.getTime() + days * DAY);

  it('warns when under the setting and under a third of the lifetime', () => {
    assert.equal(expiryStatus(at(-67), at(23), now, 30), 'expiring-soon');
    assert.equal(expiryStatus(at(-67), at(23), now, 20), 'valid');
    assert.equal(expiryStatus(at(-67), at(23), now, 0), 'valid');
  });

  it('keeps short-lived workload certificates quiet until their last third', () => {
    assert.equal(expiryStatus(new Date(now.getTime() - 10 * 3600_000), new Date(now.getTime() + 14 * 3600_000), now, 30), 'valid');
    assert.equal(expiryStatus(new Date(now.getTime() - 18 * 3600_000), new Date(now.getTime() + 6 * 3600_000), now, 30), 'expiring-soon');
  });

  it('knows expired and not yet valid', () => {
    assert.equal(expiryStatus(at(-90), at(-1), now, 30), 'expired');
    assert.equal(expiryStatus(at(2), at(90), now, 30), 'not-yet-valid');
  });
});

describe('the object under the cursor', () => {
  const objects: LocatedObject[] = [
    { source: 'block 1', startLine: 0, endLine: 4, decoded: privateKeyModel(false) },
    { source: 'block 2', startLine: 6, endLine: 18, decoded: certificateModel() },
    { source: 'block 3', startLine: 20, endLine: 32, decoded: certificateModel() },
  ];

  it('is the block holding the line', () => {
    assert.equal(objectIndexAt(objects, 0), 0);
    assert.equal(objectIndexAt(objects, 18), 1);
    assert.equal(objectIndexAt(objects, 25), 2);
  });

  it('is the first certificate between blocks or without a line, and 0 for an empty file', () => {
    assert.equal(objectIndexAt(objects, 5), 1);
    assert.equal(objectIndexAt(objects, undefined), 1);
    assert.equal(objectIndexAt([objects[0]], 40), 0);
    assert.equal(objectIndexAt([], 3), 0);
  });
});

describe('the object a lens or list item names', () => {
  // Two certificates of one YAML value share its line; the index tells them apart.
  const objects: LocatedObject[] = [
    { source: 'tls.crt of Secret shop/web', startLine: 7, endLine: 7, decoded: certificateModel({ subjectCommonName: 'leaf' }) },
    { source: 'tls.crt of Secret shop/web', startLine: 7, endLine: 7, decoded: certificateModel({ subjectCommonName: 'issuer' }) },
    { source: 'tls.key of Secret shop/web', startLine: 8, endLine: 8, decoded: privateKeyModel(false) },
  ];

  it('is the one at the index when it still sits on the line', () => {
    assert.equal(objectIndexAt(objects, 7, 1), 1);
    assert.equal(objectIndexAt(objects, 8, 2), 2);
    assert.equal(objectIndexAt(objects, undefined, 1), 1);
  });

  it('falls back to the line when the file changed under the index, or the index is out of range', () => {
    assert.equal(objectIndexAt(objects, 8, 1), 2);
    assert.equal(objectIndexAt(objects, 7, 9), 0);
    assert.equal(objectIndexAt(objects, 7, -1), 0);
    assert.equal(objectIndexAt(objects, 7, 0.5), 0);
  });
});

describe('file objects decoded in the client', () => {
  it('reads a PEM bundle block by block, with lines, and marks broken blocks unreadable', async () => {
    const first = await certificateExpiringIn(10, 'one.test');
    const second = await certificateExpiringIn(40, 'two.test');
    const broken = '-----BEGIN CERTIFICATE-----\nMIIB$$$\n-----END CERTIFICATE-----\n';
    const text = `${first.certificatePem}${broken}${second.certificatePem}`;
    const objects = fileObjects(new TextEncoder().encode(text), 'bundle.pem');
    assert.deepEqual(
      objects.map((o) => [o.source, o.startLine, o.decoded.kind]),
      [
        ['block 1', 0, 'certificate'],
        ['block 2', findPemBlocks(text)[1].beginLine, 'unreadable'],
        ['block 3', findPemBlocks(text)[2].beginLine, 'certificate'],
      ],
    );
    const unreadable = objects[1].decoded;
    // Lines are counted in the file, as the editor numbers them.
    assert.match(unreadable.kind === 'unreadable' ? unreadable.reason : '', new RegExp(`^line ${findPemBlocks(text)[1].beginLine + 2}\\b.* not base64$`));
    const decoded = objects[2].decoded;
    assert.equal(decoded.kind === 'certificate' && decoded.subjectCommonName, 'two.test');
  });

  it('reads a binary DER certificate as one object, with the fingerprint openssl prints', async () => {
    const { certificatePem } = await certificateExpiringIn(10, 'der.test');
    const der = findPemBlocks(certificatePem)[0].der!;
    const [object] = fileObjects(der, 'root.der');
    assert.equal(object.source, 'root.der');
    assert.equal(object.startLine, undefined);
    assert.equal(object.decoded.kind, 'certificate');
    const fingerprint = /Fingerprint=(.+)/.exec(openssl509(certificatePem, ['-fingerprint', '-sha256']))![1];
    assert.equal(object.decoded.kind === 'certificate' && object.decoded.fingerprints.sha256, fingerprint);
  });

  it('finds nothing in text without PEM, and never throws on garbage bytes', () => {
    assert.deepEqual(fileObjects(new TextEncoder().encode('just some notes\n'), 'notes.txt'), []);
    const garbage = new Uint8Array([0x30, 0x82, 0xff, 0xff, 1, 2, 3]);
    assert.equal(fileObjects(garbage, 'bad.der')[0].decoded.kind, 'unreadable');
  });
});
