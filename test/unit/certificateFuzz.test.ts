import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { Diagnostic, Range } from 'vscode-languageserver-types';
import { certificateDiagnostics } from '../../server/src/service/certificates/certificateDiagnostics';
import { certificateHoverAt } from '../../server/src/service/certificates/certificateHover';
import { isDecodedLabel } from '../../server/src/service/certificates/describe';
import { documentCertificates } from '../../server/src/service/certificates/documentCertificates';
import type { DocumentObjects } from '../../server/src/service/certificates/found';
import { certificateCodeLenses } from '../../server/src/service/codeLens';
import { base64, indent, mintRootAndLeaf, objectsOf } from '../support/certificateDocuments';
import { opensslCsr } from '../support/certificates';
import type { Minted, TestPki } from '../support/pki';
import { pick, seededRandom } from '../support/random';

const SEED = Number(process.env.FUZZ_SEED ?? 1421);
const CASES = Number(process.env.FUZZ_CASES ?? 1500);
const now = new Date('2026-11-22T12:00:00Z');

/** Characters that break PEM in the ways files really break: stray bytes, line ends, padding, markers. */
const NOISE = [
  '@',
  '=',
  '==',
  ' ',
  '-',
  '-----',
  '\r',
  '\n',
  '\r\n',
  '\t',
  '\u0000',
  'é',
  '🔒',
  'A',
  '/',
  '+',
  ':',
  '-----BEGIN CERTIFICATE-----\n',
  '-----END CERTIFICATE-----\n',
  '-----END PRIVATE KEY-----',
  'Proc-Type: 4,ENCRYPTED\n',
];
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function mutateText(random: () => number, text: string): string {
  let result = text;
  const steps = 1 + Math.floor(random() * 3);
  for (let i = 0; i < steps; i++) {
    const at = Math.floor(random() * (result.length + 1));
    const lines = result.split('\n');
    const line = Math.floor(random() * lines.length);
    switch (Math.floor(random() * 7)) {
      case 0:
        result = result.slice(0, at) + pick(random, NOISE) + result.slice(at + (random() < 0.5 ? 1 : 0));
        break;
      case 1:
        // A valid base64 character swapped for another: the PEM reads, the DER inside breaks.
        result = result.slice(0, at) + pick(random, [...BASE64]) + result.slice(at + 1);
        break;
      case 2:
        lines.splice(line, 1);
        result = lines.join('\n');
        break;
      case 3:
        lines.splice(line, 0, lines[Math.floor(random() * lines.length)]);
        result = lines.join('\n');
        break;
      case 4:
        result = result.slice(0, at);
        break;
      case 5:
        result = result.replace(
          random() < 0.5 ? 'BEGIN CERTIFICATE' : 'END CERTIFICATE',
          pick(random, ['BEGIN PRIVATE KEY', 'END X509 CRL', 'BEGIN CERTIFICATE REQUEST', 'END CERTIFICATE']),
        );
        break;
      default:
        result = result.replace(/\n/g, random() < 0.5 ? '\r\n' : '\n  ');
    }
  }
  return result;
}

function mutateBytes(random: () => number, bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes);
  const cut = random() < 0.3 ? Math.floor(random() * copy.length) : copy.length;
  for (let i = 0; i < 1 + Math.floor(random() * 4); i++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
  return copy.subarray(0, cut);
}

/** Where the services may be asked something: any line, any column. */
function randomPosition(random: () => number, text: string) {
  const lines = text.split(/\r\n|\r|\n/);
  const line = Math.floor(random() * lines.length);
  return { line, character: Math.floor(random() * (lines[line].length + 2)) };
}

function overlaps(a: Range, b: Range): boolean {
  return a.start.line <= b.end.line && b.start.line <= a.end.line;
}

/** Every object we decode is either read or explained by a diagnostic on it. */
function assertExplained(found: DocumentObjects, diagnostics: Diagnostic[]): void {
  for (const object of found.objects) {
    if (object.decoded.kind !== 'unreadable' || !isDecodedLabel(object.label)) continue;
    const explained = diagnostics.some((d) => (d.code === 'pem-syntax' || d.code === 'certificate-unreadable') && overlaps(d.range, object.range));
    assert.ok(explained, `unreadable ${object.source} without a diagnostic: ${object.decoded.reason}`);
  }
}

describe('fuzzing the certificate services', () => {
  let pki: TestPki;
  let root: Minted;
  let leaf: Minted;
  let pemSeeds: string[];
  before(function () {
    this.timeout(30_000);
    ({ pki, root, leaf } = mintRootAndLeaf({ root: '/CN=Fuzz Root', leaf: '/CN=fuzz.shop.svc' }));
    const encrypted = execFileSync('openssl', ['pkcs8', '-topk8', '-v2', 'aes-128-cbc', '-passout', 'pass:x', '-in', leaf.keyFile], { encoding: 'utf8' });
    pemSeeds = [
      leaf.certificatePem + root.certificatePem,
      leaf.certificatePem + leaf.keyPem,
      opensslCsr([]) + encrypted,
      root.certificatePem.replace(/\n/g, '\r\n'),
    ];
  });
  after(() => pki.dispose());

  /** One mutated input in one of the places certificates hide, with the language it is read as. */
  function input(random: () => number): { text: string; languageId: string } {
    const pem = mutateText(random, pick(random, pemSeeds));
    switch (Math.floor(random() * 6)) {
      case 0:
        return { text: pem, languageId: 'pem' };
      case 1:
        return { text: `notes\n${pem}\nmore notes`, languageId: 'plaintext' };
      case 2:
        return {
          text: `kind: Secret\nmetadata: {name: f}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${base64(pem)}\n  tls.key: ${base64(mutateText(random, leaf.keyPem))}\n`,
          languageId: 'yaml',
        };
      case 3:
        // The base64 itself damaged, or DER bytes damaged before encoding.
        return {
          text: `kind: Secret\nmetadata: {name: f}\ndata:\n  tls.crt: ${mutateText(random, base64(leaf.certificatePem))}\n  ca.crt: ${base64(mutateBytes(random, root.der))}\n  x.der: ${base64(mutateBytes(random, leaf.der))}\n`,
          languageId: 'yaml',
        };
      case 4:
        return {
          text: `identityTrustAnchorsPEM: ${pick(random, ['|', '>', '|-', ''])}\n${indent(pem, Math.floor(random() * 4))}\nnext: 1\n`,
          languageId: 'yaml',
        };
      default:
        return {
          text: mutateText(
            random,
            `kind: ConfigMap\nmetadata: {name: f}\ndata:\n  ca.pem: |\n${indent(pem, 4)}\nbinaryData:\n  leaf.der: ${base64(leaf.der)}\n`,
          ),
          languageId: 'yaml',
        };
    }
  }

  it(`survives ${CASES} mutated PEM, DER and base64 inputs: every object is decoded or explained (seed ${SEED})`, function () {
    this.timeout(300_000); // a guard against a hang, not a speed check
    const random = seededRandom(SEED);
    let objects = 0;
    for (let i = 0; i < CASES; i++) {
      const { text, languageId } = input(random);
      try {
        const { found } = objectsOf(text, languageId);
        const sibling = { name: 'key.pem', text: mutateText(random, leaf.keyPem) };
        const diagnostics = certificateDiagnostics(found, { now, expiringSoonDays: 30, inGitWorkTree: random() < 0.5, siblings: [sibling] });
        for (const d of diagnostics)
          assert.ok(d.range.start.line >= 0 && d.range.start.character >= 0 && typeof d.message === 'string' && d.message.length > 0);
        assertExplained(found, diagnostics);
        for (const lens of certificateCodeLenses('file:///fuzz', found, now)) assert.ok(lens.command && lens.command.title.length > 0);
        for (let k = 0; k < 3; k++) certificateHoverAt(found, randomPosition(random, text), now, { timeZone: 'UTC' });
        JSON.stringify(documentCertificates(found));
        objects += found.objects.length;
      } catch (error) {
        assert.fail(`${(error as Error).stack}\ncase ${i} (FUZZ_SEED=${SEED}, ${languageId}):\n${text.slice(0, 3000)}`);
      }
    }
    // The inputs were certificates before mutation: most still hold objects to check.
    assert.ok(objects > CASES, `only ${objects} objects in ${CASES} cases`);
  });
});
