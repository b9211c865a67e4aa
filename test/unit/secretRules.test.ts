import * as assert from 'node:assert/strict';
import { opensslSelfSigned } from '../support/certificates';
import { NEWEST_VERSIONS } from '../../common/src/versions';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { expectDiagnostics as expect } from '../support/expectDiagnostics';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const leaf = opensslSelfSigned('web.shop.svc', ['basicConstraints=critical,CA:FALSE']);
const ca = opensslSelfSigned('Shop Intermediate CA', ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign']);

const tlsSecret = (data: string) => `apiVersion: v1
kind: Secret
metadata: { name: web-tls, namespace: shop }
type: kubernetes.io/tls
${data}`;

const cacerts = (data: string, namespace = 'istio-system') => `apiVersion: v1
kind: Secret
metadata: { name: cacerts, namespace: ${namespace} }
${data}`;

describe('TLS and plug-in CA Secrets', () => {
  it('a kubernetes.io/tls Secret holds a certificate and a key, as base64 in data or PEM in stringData', () => {
    expect('secret-content', tlsSecret(`data:\n  tls.crt: ${b64(leaf.certificatePem)}\n  tls.key: ${b64(leaf.privateKeyPem)}\n`));
    expect('secret-content', tlsSecret(`stringData:\n  tls.crt: |\n${indent(leaf.certificatePem)}  tls.key: |\n${indent(leaf.privateKeyPem)}`));
  });

  it('reports missing keys, swapped contents and a key in both data and stringData', () => {
    const [message] = expect('secret-content', tlsSecret(`⟦data⟧:\n  tls.crt: ${b64(leaf.certificatePem)}\n`));
    assert.match(message, /tls\.key is missing/);
    expect(
      'secret-content',
      tlsSecret(`data:\n  tls.crt: ⟦${b64(leaf.privateKeyPem)}⟧\n  tls.key: ⟦${b64(leaf.certificatePem)}⟧\n  ca.crt: ⟦${b64('hello')}⟧\n`),
    );
    expect(
      'secret-content',
      tlsSecret(
        `data:\n  tls.crt: ${b64(leaf.certificatePem)}\n  tls.key: ${b64(leaf.privateKeyPem)}\nstringData:\n  ⟦tls.key⟧: |\n${indent(leaf.privateKeyPem)}`,
      ),
    );
  });

  it('leaves templated and Opaque Secrets alone', () => {
    expect('secret-content', tlsSecret('data:\n  tls.crt: {{ .Values.cert | b64enc }}\n  tls.key: {{ .Values.key | b64enc }}\n'));
    expect('secret-content', 'apiVersion: v1\nkind: Secret\nmetadata: { name: db }\ntype: Opaque\ndata:\n  password: aGk=\n');
  });

  it('cacerts holds the four plug-in CA files, ca-cert.pem a CA certificate', () => {
    const good = `data:\n  ca-cert.pem: ${b64(ca.certificatePem)}\n  ca-key.pem: ${b64(ca.privateKeyPem)}\n  root-cert.pem: ${b64(ca.certificatePem)}\n  cert-chain.pem: ${b64(ca.certificatePem)}\n`;
    expect('istio-cacerts', cacerts(good));
    const [message] = expect('istio-cacerts', cacerts(`⟦data⟧:\n  ca-cert.pem: ${b64(ca.certificatePem)}\n  ca-key.pem: ${b64(ca.privateKeyPem)}\n`));
    assert.match(message, /root-cert\.pem, cert-chain\.pem are missing/);
    assert.match(message, /refuses to start/);
    expect('istio-cacerts', cacerts(good.replace(`ca-cert.pem: ${b64(ca.certificatePem)}`, `ca-cert.pem: ⟦${b64(leaf.certificatePem)}⟧`)));
    expect('istio-cacerts', cacerts(good, 'shop').replace('namespace: shop', '⟦namespace⟧: shop'));
  });

  it('cacerts may use the tls.crt/tls.key/ca.crt layout cert-manager writes', () => {
    expect(
      'istio-cacerts',
      cacerts(
        `type: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(ca.certificatePem)}\n  tls.key: ${b64(ca.privateKeyPem)}\n  ca.crt: ${b64(ca.certificatePem)}\n`,
      ),
    );
    expect('istio-cacerts', cacerts(`type: kubernetes.io/tls\n⟦data⟧:\n  tls.crt: ${b64(ca.certificatePem)}\n  tls.key: ${b64(ca.privateKeyPem)}\n`));
    expect('istio-cacerts', cacerts('⟦stringData⟧: {}\n'));
  });
});

// Follows pilot/pkg/bootstrap/istio_ca.go (createIstioCA, detectSigningCABundleAndCRL, checkCABundleCompleteness) at 1.26.0 and 1.27.0.
describe('the plug-in CA Secret as each Istio release reads it', () => {
  const check = (text: string, istio: string) => validateYaml(parseYaml(text), createDefaultRegistry(), { versions: { ...NEWEST_VERSIONS, istio } });
  const partial = cacerts(`data:\n  ca-cert.pem: ${b64(ca.certificatePem)}\n  ca-key.pem: ${b64(ca.privateKeyPem)}\n`);

  it('says an incomplete bundle stops istiod from 1.27, and is silently replaced by a self-signed root before', () => {
    const [newer] = check(partial, '1.27');
    assert.match(String(newer.message), /refuses to start/);
    const [older] = check(partial, '1.26');
    assert.match(String(older.message), /Istio 1\.26 ignores an incomplete plug-in CA.*self-signed root/);
    // The API server stores the Secret either way: a warning, never an error.
    for (const d of [newer, older]) assert.equal(d.severity, DiagnosticSeverity.Warning);
  });

  it('reads the tls.crt layout whenever tls.crt is there, even beside the istio files', () => {
    const both = cacerts(
      `data:\n  tls.crt: ${b64(ca.certificatePem)}\n  ca-cert.pem: ${b64(ca.certificatePem)}\n  ca-key.pem: ${b64(ca.privateKeyPem)}\n  root-cert.pem: ${b64(ca.certificatePem)}\n  cert-chain.pem: ${b64(ca.certificatePem)}\n`,
    );
    const [finding] = check(both, '1.31');
    assert.match(String(finding.message), /tls\.key, ca\.crt are missing/);
  });

  it('says an empty cacerts is ignored, at every release', () => {
    for (const istio of ['1.20', '1.31'])
      assert.match(String(check(cacerts('stringData: {}\n'), istio)[0].message), /ignores it and signs workload certificates with its own self-signed root/);
  });

  it("keeps the API server's own refusal an error: a kubernetes.io/tls Secret without tls.key", () => {
    const [refused] = check(tlsSecret(`data:\n  tls.crt: ${b64(leaf.certificatePem)}\n`), '1.31');
    assert.equal(refused.severity, DiagnosticSeverity.Error);
    const [content] = check(tlsSecret(`data:\n  tls.crt: ${b64(leaf.privateKeyPem)}\n  tls.key: ${b64(leaf.privateKeyPem)}\n`), '1.31');
    assert.equal(content.severity, DiagnosticSeverity.Warning);
  });
});

function indent(pem: string): string {
  return pem
    .split('\n')
    .filter(Boolean)
    .map((line) => `    ${line}\n`)
    .join('');
}
