import * as assert from 'node:assert/strict';
import type { Range } from 'vscode-languageserver-types';
import type { FoundObject } from '../../server/src/service/certificates/found';
import { base64, indent, lineCount, mintRootAndLeaf, objectsOf } from '../support/certificateDocuments';
import type { Minted, TestPki } from '../support/pki';

const range = (startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range => ({
  start: { line: startLine, character: startCharacter },
  end: { line: endLine, character: endCharacter },
});

/** [source, kind, subject CN or format] of each object: what was found and what it decoded to. */
function outline(objects: FoundObject[]): Array<[string, string, string | undefined]> {
  return objects.map((o) => [
    o.source,
    o.decoded.kind,
    o.decoded.kind === 'certificate' ? o.decoded.subjectCommonName : o.decoded.kind === 'privateKey' ? o.decoded.format : undefined,
  ]);
}

describe('finding certificates in documents', () => {
  let pki: TestPki;
  let root: Minted;
  let leaf: Minted;
  before(function () {
    this.timeout(30_000);
    ({ pki, root, leaf } = mintRootAndLeaf({ root: '/CN=Mesh Root', leaf: '/CN=checkout.shop.svc' }));
  });
  after(() => pki.dispose());

  describe('PEM and plain text files', () => {
    it('finds every block of a file with its exact lines, numbered in order', () => {
      const text = `# bundle\n${leaf.certificatePem}${root.certificatePem}`;
      const { found } = objectsOf(text);
      assert.deepEqual(outline(found.objects), [
        ['block 1', 'certificate', 'checkout.shop.svc'],
        ['block 2', 'certificate', 'Mesh Root'],
      ]);
      const second = 1 + lineCount(leaf.certificatePem);
      assert.deepEqual(found.objects[1].range, range(second, 0, second + lineCount(root.certificatePem) - 1, 25));
      assert.deepEqual(found.objects[1].mark, range(second, 0, second, 27));
      assert.equal(found.groups.length, 1);
    });

    it('reads a plaintext document that holds a BEGIN line, and nothing from one that does not', () => {
      const { found } = objectsOf(`Notes for the on-call engineer.\nThe root:\n${root.certificatePem}`, 'plaintext', 'untitled:Untitled-1');
      assert.deepEqual(outline(found.objects), [['block 1', 'certificate', 'Mesh Root']]);
      assert.deepEqual(objectsOf('just some notes, no certificates\n', 'plaintext', 'untitled:Untitled-2').found.groups, []);
    });

    it('keeps the exact DER each certificate was read from, for lint and chain checks', () => {
      const { found } = objectsOf(leaf.certificatePem);
      assert.deepEqual(found.objects[0].der, leaf.der);
    });
  });

  describe('YAML', () => {
    it('decodes base64 PEM in Secret data and places each object at the value', () => {
      const yaml = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: checkout-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${base64(leaf.certificatePem + root.certificatePem)}\n  tls.key: ${base64(leaf.keyPem)}\n`;
      const { found } = objectsOf(yaml, 'yaml');
      assert.deepEqual(outline(found.objects), [
        ['block 1 of tls.crt of Secret shop/checkout-tls', 'certificate', 'checkout.shop.svc'],
        ['block 2 of tls.crt of Secret shop/checkout-tls', 'certificate', 'Mesh Root'],
        ['tls.key of Secret shop/checkout-tls', 'privateKey', 'PKCS#8'],
      ]);
      const valueLength = base64(leaf.certificatePem + root.certificatePem).length;
      assert.deepEqual(found.objects[0].range, range(7, 11, 7, 11 + valueLength));
      assert.deepEqual(found.objects[1].range, found.objects[0].range);
      assert.deepEqual(
        found.groups.map((g) => g.secret?.key),
        ['tls.crt', 'tls.key'],
      );
      assert.equal(found.groups[0].secret!.secret, found.groups[1].secret!.secret);
    });

    it('finds PEM in stringData block scalars with the exact lines of each block', () => {
      const yaml = `kind: Secret\nmetadata: {name: web}\nstringData:\n  ca.crt: |\n${indent(root.certificatePem, 4)}\n`;
      const { found } = objectsOf(yaml, 'yaml');
      assert.deepEqual(outline(found.objects), [['ca.crt of Secret web', 'certificate', 'Mesh Root']]);
      assert.deepEqual(found.objects[0].range, range(4, 4, 4 + lineCount(root.certificatePem) - 1, 29));
      assert.deepEqual(found.objects[0].mark, range(4, 4, 4, 31));
    });

    it('reads all four keys of Istio cacerts, with DER (not PEM) base64 in one of them', () => {
      const yaml = [
        'apiVersion: v1',
        'kind: Secret',
        'metadata: {name: cacerts, namespace: istio-system}',
        'data:',
        `  ca-cert.pem: ${base64(root.certificatePem)}`,
        `  ca-key.pem: ${base64(root.keyPem)}`,
        `  root-cert.pem: ${base64(root.der)}`,
        `  cert-chain.pem: ${base64(root.certificatePem)}`,
      ].join('\n');
      assert.deepEqual(outline(objectsOf(yaml, 'yaml').found.objects), [
        ['ca-cert.pem of Secret istio-system/cacerts', 'certificate', 'Mesh Root'],
        ['ca-key.pem of Secret istio-system/cacerts', 'privateKey', 'PKCS#8'],
        ['root-cert.pem of Secret istio-system/cacerts', 'certificate', 'Mesh Root'],
        ['cert-chain.pem of Secret istio-system/cacerts', 'certificate', 'Mesh Root'],
      ]);
    });

    it('recognises a DER certificate under any key by its content, and leaves other data alone', () => {
      const yaml = `kind: Secret\nmetadata: {name: odd}\ndata:\n  client.der: ${base64(leaf.der)}\n  password: ${base64('hunter2')}\n  config.json: ${base64('{"a": 1}')}\n`;
      assert.deepEqual(outline(objectsOf(yaml, 'yaml').found.objects), [['client.der of Secret odd', 'certificate', 'checkout.shop.svc']]);
    });

    it('ignores garbage base64, even under tls.crt: the schema check reports it', () => {
      const yaml = `kind: Secret\nmetadata: {name: bad}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: not*base64!\n  tls.key: QUJD\n  ca.crt: ${base64('MIIB this is not DER')}\n`;
      assert.deepEqual(objectsOf(yaml, 'yaml').found.groups, []);
    });

    it('reads ConfigMap data (PEM) and binaryData (base64 DER)', () => {
      const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: trust, namespace: shop}\ndata:\n  root.pem: |\n${indent(root.certificatePem, 4)}\nbinaryData:\n  leaf.der: ${base64(leaf.der)}\n`;
      assert.deepEqual(outline(objectsOf(yaml, 'yaml').found.objects), [
        ['root.pem of ConfigMap shop/trust', 'certificate', 'Mesh Root'],
        ['leaf.der of ConfigMap shop/trust', 'certificate', 'checkout.shop.svc'],
      ]);
    });

    it('finds PEM in any block scalar, such as Linkerd trust anchors in Helm values, named by path', () => {
      const yaml = `identity:\n  issuer:\n    scheme: kubernetes.io/tls\nidentityTrustAnchorsPEM: |\n${indent(root.certificatePem + leaf.certificatePem, 2)}\n`;
      const { found } = objectsOf(yaml, 'yaml', 'file:///work/values.yaml');
      assert.deepEqual(outline(found.objects), [
        ['block 1 of identityTrustAnchorsPEM', 'certificate', 'Mesh Root'],
        ['block 2 of identityTrustAnchorsPEM', 'certificate', 'checkout.shop.svc'],
      ]);
      assert.equal(found.objects[1].range.start.line, 4 + lineCount(root.certificatePem));
    });

    it('reads base64 PEM anywhere (a webhook caBundle) and PEM written with \\n escapes', () => {
      const escaped = JSON.stringify(root.certificatePem);
      const yaml = `kind: MutatingWebhookConfiguration\nmetadata: {name: injector}\nwebhooks:\n  - name: a\n    clientConfig:\n      caBundle: ${base64(root.certificatePem)}\n---\nanchor: ${escaped}\n`;
      const { found } = objectsOf(yaml, 'yaml');
      assert.deepEqual(outline(found.objects), [
        ['webhooks[0].clientConfig.caBundle of MutatingWebhookConfiguration injector', 'certificate', 'Mesh Root'],
        ['anchor', 'certificate', 'Mesh Root'],
      ]);
      assert.deepEqual(found.objects[1].range, range(7, 8, 7, 8 + escaped.length));
    });

    it('decodes PEM whose line breaks a folded scalar loses, and says so on its first line', () => {
      const yaml = `anchors: >\n${indent(root.certificatePem, 2)}\n`;
      const [group] = objectsOf(yaml, 'yaml').found.groups;
      assert.deepEqual(outline(group.objects), [['anchors', 'certificate', 'Mesh Root']]);
      assert.equal(group.syntax.length, 1);
      assert.deepEqual(group.syntax[0].range, range(0, 9, 0, 10));
      assert.match(group.syntax[0].message, /folded block scalar \(>\) joins its lines/);
    });

    it('skips documents without certificates, and reuses the objects of unchanged documents after an edit', () => {
      const secret = `kind: Secret\nmetadata: {name: web}\ndata:\n  tls.crt: ${base64(leaf.certificatePem)}\n`;
      const first = objectsOf(`a: 1\n---\n${secret}`, 'yaml');
      const second = objectsOf(`a: 1\nb: 2\n---\n${secret}`, 'yaml', undefined, first.parsed);
      assert.equal(first.found.objects[0].range.start.line, 5);
      assert.equal(second.found.objects[0].range.start.line, 6);
      // The same decoded object: the Secret's document was not decoded again.
      assert.equal(second.found.objects[0].decoded, first.found.objects[0].decoded);
      assert.deepEqual(objectsOf('apiVersion: v1\nkind: Service\nmetadata: {name: x}\n', 'yaml').found.groups, []);
    });
  });
});
