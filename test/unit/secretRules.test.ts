import * as assert from 'node:assert/strict';
import { opensslSelfSigned } from '../support/certificates';
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
    expect('secret-content', tlsSecret(`data:\n  tls.crt: ⟦${b64(leaf.privateKeyPem)}⟧\n  tls.key: ⟦${b64(leaf.certificatePem)}⟧\n  ca.crt: ⟦${b64('hello')}⟧\n`));
    expect('secret-content', tlsSecret(`data:\n  tls.crt: ${b64(leaf.certificatePem)}\n  tls.key: ${b64(leaf.privateKeyPem)}\nstringData:\n  ⟦tls.key⟧: |\n${indent(leaf.privateKeyPem)}`));
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
    expect('istio-cacerts', cacerts(good.replace(`ca-cert.pem: ${b64(ca.certificatePem)}`, `ca-cert.pem: ⟦${b64(leaf.certificatePem)}⟧`)));
    expect('istio-cacerts', cacerts(good, 'shop').replace('namespace: shop', '⟦namespace⟧: shop'));
  });

  it('cacerts may use the tls.crt/tls.key/ca.crt layout cert-manager writes', () => {
    expect('istio-cacerts', cacerts(`type: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(ca.certificatePem)}\n  tls.key: ${b64(ca.privateKeyPem)}\n  ca.crt: ${b64(ca.certificatePem)}\n`));
    expect('istio-cacerts', cacerts(`type: kubernetes.io/tls\n⟦data⟧:\n  tls.crt: ${b64(ca.certificatePem)}\n  tls.key: ${b64(ca.privateKeyPem)}\n`));
    expect('istio-cacerts', cacerts('⟦stringData⟧: {}\n'));
  });
});

function indent(pem: string): string {
  return pem.split('\n').filter(Boolean).map((line) => `    ${line}\n`).join('');
}
