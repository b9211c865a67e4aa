import * as assert from 'node:assert/strict';
import { attentionCount, listedFacts, sortByExpiry, type ListedCertificate } from '../../client/src/certificates/certificateList';
import { mayHoldCertificates } from '../../common/src/pem/certificateHints';
import { base64 } from '../support/certificateDocuments';
import { certificateExpiringIn } from '../support/certificates';
import { certificateModel } from '../support/decodedModels';

const NOW = new Date('2025-03-09T00:00:00Z');
const NO_NAMES = { dns: [], ip: [], uri: [], email: [], other: [] };

function listed(commonName: string, notBefore: string, notAfter: string, fileName = 'certs/a.pem', line: number | 'binary' = 0): ListedCertificate {
  return {
    uri: `file:///w/${fileName}`,
    fileName,
    line: line === 'binary' ? undefined : line,
    certificate: certificateModel({ subjectCommonName: commonName, subjectAltNames: NO_NAMES, notBefore, notAfter }),
  };
}

describe('Certificates view list', () => {
  const expired = listed('old.test', '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z', 'certs/old.crt');
  const soon = listed('soon.test', '2024-12-09T00:00:00Z', '2025-03-30T00:00:00Z', 'certs/soon.pem');
  const later = listed('later.test', '2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'certs/bundle.pem', 20);
  const sameDayB = listed('b.test', '2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'certs/b.der', 'binary');

  it('sorts by expiry, soonest (expired) first, and breaks ties by name then file', () => {
    assert.deepEqual(
      sortByExpiry([later, sameDayB, soon, expired]).map((e) => e.certificate.subjectCommonName),
      ['old.test', 'soon.test', 'b.test', 'later.test'],
    );
    const twin = listed('later.test', '2025-01-01T00:00:00Z', '2030-01-01T00:00:00Z', 'certs/a.pem', 3);
    assert.deepEqual(
      sortByExpiry([later, twin]).map((e) => e.fileName),
      ['certs/a.pem', 'certs/bundle.pem'],
    );
  });

  it('describes each entry with its validity phrase, its place in the tooltip, and its status', () => {
    assert.deepEqual(listedFacts(soon, NOW, 30).description, 'expires in 21 days');
    assert.ok(listedFacts(soon, NOW, 30).tooltip.includes('File: certs/soon.pem:1'));
    assert.equal(listedFacts(soon, NOW, 30).status, 'expiring-soon');
    assert.equal(listedFacts(expired, NOW, 30).description, 'expired 67 days ago');
    assert.equal(listedFacts(expired, NOW, 30).status, 'expired');
    assert.equal(listedFacts(sameDayB, NOW, 30).description, 'expires in 5 years');
    assert.ok(listedFacts(sameDayB, NOW, 30).tooltip.includes('File: certs/b.der'));
    assert.equal(listedFacts(later, NOW, 30).label, 'later.test');
    assert.ok(listedFacts(later, NOW, 30).tooltip.includes('File: certs/bundle.pem:21'));
  });

  it('names the manifest value a certificate sits in, and orders the certificates of one value by their index', () => {
    const inSecret = (index: number, commonName: string): ListedCertificate => ({
      ...listed(commonName, '2025-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'k8s/web.yaml', 7),
      index,
      source: 'tls.crt of Secret shop/web',
    });
    const facts = listedFacts(inSecret(0, 'web.shop.svc'), NOW, 30);
    assert.equal(facts.description, 'expires in 10 months · tls.crt of Secret shop/web');
    assert.deepEqual(facts.tooltip.slice(-2), ['File: k8s/web.yaml:8', 'In: tls.crt of Secret shop/web']);
    assert.deepEqual(
      sortByExpiry([inSecret(1, 'same'), inSecret(0, 'same')]).map((e) => e.index),
      [0, 1],
    );
  });

  it('asks the server only about manifests that may hold a certificate: PEM, base64 PEM, base64 DER', async () => {
    const { certificatePem } = await certificateExpiringIn(30, 'probe.test');
    const der = certificatePem.replace(/-----[^-]+-----|\s/g, '');
    assert.equal(mayHoldCertificates(`data:\n  ca.crt: |\n    ${certificatePem.split('\n').join('\n    ')}`), true);
    assert.equal(mayHoldCertificates(`data:\n  tls.crt: ${base64(certificatePem)}\n`), true);
    assert.equal(mayHoldCertificates(`binaryData:\n  root.der: ${der}\n`), true);
    assert.equal(mayHoldCertificates('kind: PeerAuthentication\nspec:\n  mtls: {mode: STRICT}\n'), false);
    assert.equal(mayHoldCertificates(`data:\n  password: ${Buffer.from('hunter2').toString('base64')}\n`), false);
  });

  it('counts what the badge shows: expired and expiring soon, by the setting', () => {
    assert.deepEqual(attentionCount([expired, soon, later, sameDayB], NOW, 30), { expired: 1, soon: 1 });
    assert.deepEqual(attentionCount([expired, soon, later], NOW, 0), { expired: 1, soon: 0 });
  });
});
