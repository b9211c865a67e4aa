import * as assert from 'node:assert/strict';
import { verdictText } from '../../common/src/x509/verdictText';
import { fileObjects, withChain } from '../../client/src/certificates/fileObjects';
import { verifyChain } from '../../common/src/x509/chain';
import type { CertificateDetails } from '../../common/src/x509/model';
import { caExtensions, DAY_MS, leafExtensions, TestPki, type Minted } from '../support/pki';

describe('Verify Chain verdicts in words', () => {
  const pki = new TestPki();
  let root: Minted;
  let intermediate: Minted;
  let leaf: Minted;
  let known: CertificateDetails[];

  before(() => {
    root = pki.mint({ subject: '/O=Test/CN=Test Root', extensions: caExtensions(1) });
    intermediate = pki.mint({ subject: '/O=Test/CN=Test Intermediate', issuer: root, extensions: caExtensions(0) });
    leaf = pki.mint({ subject: '/CN=web.test', issuer: intermediate, extensions: leafExtensions('web.test') });
    const pem = [leaf, intermediate, root].map((c) => c.certificatePem).join('');
    known = fileObjects(new TextEncoder().encode(pem), 'all.pem').map((o) => o.decoded as CertificateDetails);
  });

  after(() => pki.dispose());

  it('names the path, leaf to root, when the chain verifies', () => {
    const verdict = verifyChain([leaf.der, intermediate.der], [root.der], new Date());
    assert.equal(verdictText(verdict, known, 'certs/root.pem'), 'Chain verified: web.test → Test Intermediate → Test Root (trusting certs/root.pem).');
  });

  it('names the first failing link and the reason when it does not', () => {
    const missing = verifyChain([leaf.der], [root.der], new Date());
    assert.equal(
      verdictText(missing, known, 'certs/root.pem'),
      'Chain does not verify: at the leaf, web.test, its issuer is neither in the file nor among the trusted certificates (trusting certs/root.pem).',
    );
    const stranger = pki.mint({ subject: '/CN=Other Root', extensions: caExtensions() });
    const untrusted = verifyChain([leaf.der, intermediate.der, root.der], [stranger.der], new Date());
    assert.equal(
      verdictText(untrusted, known, 'other.pem'),
      'Chain does not verify: at certificate 3 of the path, Test Root, it is self-signed and not among the trusted certificates (trusting other.pem).',
    );
  });

  it('says which certificate expired', () => {
    const old = pki.mint({
      subject: '/CN=old.test',
      issuer: intermediate,
      extensions: leafExtensions('old.test'),
      notBefore: new Date(Date.now() - 90 * DAY_MS),
      notAfter: new Date(Date.now() - DAY_MS),
    });
    const verdict = verifyChain([old.der, intermediate.der], [root.der], new Date());
    const oldDecoded = fileObjects(new TextEncoder().encode(old.certificatePem), 'old.pem')[0].decoded as CertificateDetails;
    assert.equal(verdictText(verdict, [oldDecoded, ...known], 'root.pem'), 'Chain does not verify: at the leaf, old.test, it has expired (trusting root.pem).');
  });

  it('reads a bundle decoded in the client as a chain, as the server would', () => {
    const pem = [leaf, intermediate, root].map((c) => c.certificatePem).join('');
    const located = withChain(fileObjects(new TextEncoder().encode(pem), 'bundle.pem'));
    assert.equal(located.chain?.verified, true);
    assert.equal(located.chain?.endIndex, 2);
    assert.equal(withChain(fileObjects(new TextEncoder().encode(leaf.certificatePem), 'leaf.pem')).chain, undefined);
  });
});
