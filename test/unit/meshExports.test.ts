import * as assert from 'node:assert/strict';
import { parse } from 'yaml';
import { privateKeyPem } from '../../common/src/pki/keyPairs';
import { certManagerIssuerFiles, istioPluginCaFiles, LINKERD_ISSUER_NAME, linkerdIdentityFiles, tlsSecretFiles } from '../../common/src/pki/meshExports';
import { createDevCa, issueCertificate, type DevCa } from '../../common/src/pki/mint';
import type { OutputFile } from '../../common/src/pki/outputFiles';
import { certificatePem } from '../../common/src/pki/pkiFiles';
import { findPemBlocks } from '../../common/src/pem/blocks';
import { certificateDetails } from '../../common/src/x509/decode';
import { privateKeyMatchesCertificate } from '../../common/src/x509/keys';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { opensslOn } from '../support/certificates';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';

function byName(files: OutputFile[]): Record<string, string> {
  return Object.fromEntries(files.map((f) => [f.name, f.content]));
}

/** openssl verify on some of the export's files, in a scratch folder; `file` names one for the arguments. */
function verify(files: Record<string, string>, args: (file: (name: string) => string) => string[]): { status: number | null; output: string } {
  return opensslOn(files, ['verify', ...args((name) => name)]);
}

/** Every diagnostic our own server gives a manifest: a mesh export must draw none. */
function ourFindings(name: string, text: string): string[] {
  const parsed = parseDocument(`file:///export/${name}`, 'yaml', 1, text);
  return documentDiagnostics(parsed, createDefaultRegistry()).map((d) => `${d.range.start.line + 1}: [${String(d.code)}] ${d.message}`);
}

const ders = (pem: string) => findPemBlocks(pem).map((b) => b.der!);

describe('mesh exports of a Dev CA', function () {
  this.timeout(60_000);
  let ca: DevCa;
  before(async () => {
    ca = await createDevCa({ name: 'Mesh Dev CA', intermediate: true });
  });

  it('Istio plug-in CA: the intermediate signs, cert-chain.pem runs from it to the root, openssl verifies it, the cacerts Secret carries all four', () => {
    const files = byName(istioPluginCaFiles(ca));
    assert.deepEqual(Object.keys(files), ['ca-cert.pem', 'ca-key.pem', 'root-cert.pem', 'cert-chain.pem', 'cacerts-secret.yaml']);
    assert.equal(files['cert-chain.pem'], files['ca-cert.pem'] + files['root-cert.pem']);
    assert.equal(certificateDetails(ders(files['ca-cert.pem'])[0]).subjectCommonName, 'Mesh Dev CA Intermediate');
    const result = verify(files, (file) => ['-CAfile', file('root-cert.pem'), '-untrusted', file('cert-chain.pem'), file('ca-cert.pem')]);
    assert.equal(result.status, 0, result.output);
    assert.equal(privateKeyMatchesCertificate({ pem: files['ca-key.pem'] }, ders(files['ca-cert.pem'])[0]), true);
    const secret = parse(files['cacerts-secret.yaml']);
    assert.deepEqual([secret.kind, secret.metadata.name, secret.metadata.namespace], ['Secret', 'cacerts', 'istio-system']);
    for (const key of ['ca-cert.pem', 'ca-key.pem', 'root-cert.pem', 'cert-chain.pem'])
      assert.equal(Buffer.from(secret.data[key], 'base64').toString(), files[key], key);
    assert.deepEqual(ourFindings('cacerts-secret.yaml', files['cacerts-secret.yaml']), []);
  });

  it('Istio refuses an Ed25519 CA, which its CA cannot sign with', async () => {
    const edwards = await createDevCa({ keyType: 'ed25519' });
    assert.throws(() => istioPluginCaFiles(edwards), /RSA or ECDSA keys, not Ed25519/);
  });

  it('Linkerd identity: the P-256 intermediate is the issuer, verified by openssl against the trust anchor, with Helm values that carry all three', async () => {
    const { files, mintedIssuer } = await linkerdIdentityFiles(ca);
    assert.equal(mintedIssuer, false);
    const named = byName(files);
    assert.deepEqual(Object.keys(named), ['ca.crt', 'issuer.crt', 'issuer.key', 'linkerd-identity-values.yaml']);
    const result = verify(named, (file) => ['-CAfile', file('ca.crt'), file('issuer.crt')]);
    assert.equal(result.status, 0, result.output);
    const values = parse(named['linkerd-identity-values.yaml']);
    assert.equal(values.identityTrustAnchorsPEM, named['ca.crt']);
    assert.equal(values.identity.issuer.tls.crtPEM, named['issuer.crt']);
    assert.equal(values.identity.issuer.tls.keyPEM, named['issuer.key']);
    assert.deepEqual(ourFindings('linkerd-identity-values.yaml', named['linkerd-identity-values.yaml']), []);
  });

  it('Linkerd identity: mints a P-256 issuer under the root when the intermediate is RSA, and refuses a non-P-256 root', async () => {
    const rsaIntermediate = (await createDevCa({ intermediate: { keyType: 'rsa-2048' } })).intermediate;
    const { files, mintedIssuer } = await linkerdIdentityFiles({ root: ca.root, intermediate: rsaIntermediate });
    assert.equal(mintedIssuer, true);
    const named = byName(files);
    const issuer = certificateDetails(ders(named['issuer.crt'])[0]);
    assert.deepEqual(
      [issuer.subjectCommonName, issuer.publicKey.algorithm, issuer.publicKey.curve, issuer.isCA, issuer.issuer],
      [LINKERD_ISSUER_NAME, 'ECDSA', 'P-256', true, 'CN=Mesh Dev CA'],
    );
    assert.equal(verify(named, (file) => ['-CAfile', file('ca.crt'), file('issuer.crt')]).status, 0);
    const rsa = await createDevCa({ keyType: 'rsa-2048' });
    await assert.rejects(linkerdIdentityFiles(rsa), /Linkerd takes ECDSA P-256 trust anchors only/);
    // DNS constraints that leave out the proxies' names would make every proxy certificate fail to verify.
    const constrained = await createDevCa({ nameConstraints: { permittedDns: ['shop.svc.cluster.local'] } });
    await assert.rejects(
      linkerdIdentityFiles(constrained),
      /Linkerd names its proxies under identity\.linkerd\.cluster\.local, and that is outside what .* may certify \(DNS:shop\.svc\.cluster\.local\)/,
    );
  });

  it('cert-manager CA Issuer: a TLS Secret with the signing CA and its chain, and an Issuer naming it; our checks find nothing', () => {
    const [file] = certManagerIssuerFiles(ca, 'shop-ca', 'shop');
    assert.equal(file.name, 'shop-ca-issuer.yaml');
    assert.equal(file.secret, true);
    const [secret, issuer] = file.content.split('\n---\n').map((doc) => parse(doc));
    assert.deepEqual([secret.type, secret.metadata.name, secret.metadata.namespace], ['kubernetes.io/tls', 'shop-ca-ca', 'shop']);
    assert.deepEqual(issuer, {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'shop-ca', namespace: 'shop' },
      spec: { ca: { secretName: 'shop-ca-ca' } },
    });
    const chain = Buffer.from(secret.data['tls.crt'], 'base64').toString();
    assert.equal(chain, certificatePem(ca.intermediate!.certificate) + certificatePem(ca.root.certificate));
    assert.deepEqual(ourFindings(file.name, file.content), []);
    assert.throws(() => certManagerIssuerFiles(ca, 'Shop_CA', 'shop'), /Issuer name "Shop_CA" must be lower-case letters/);
  });

  it('Kubernetes TLS Secret: tls.crt the chain, tls.key its key, ca.crt the root; our checks find the pair matched', async () => {
    const issued = await issueCertificate(ca, { profile: 'server', dns: ['web.shop.svc'] });
    const [file] = tlsSecretFiles(
      { chainPem: issued.chain.map(certificatePem).join(''), keyPem: privateKeyPem(issued.key), caPem: certificatePem(issued.root) },
      'web-tls',
      'shop',
    );
    const secret = parse(file.content);
    assert.equal(secret.type, 'kubernetes.io/tls');
    assert.equal(findPemBlocks(Buffer.from(secret.data['tls.crt'], 'base64').toString()).length, 2);
    assert.deepEqual(ourFindings(file.name, file.content), []);
  });
});
