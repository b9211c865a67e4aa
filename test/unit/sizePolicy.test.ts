import * as assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { MAX_CERTIFICATES, MAX_NESTING_DEPTH, MAX_PARSED_BYTES } from '../../server/src/documents/sizePolicy';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { completeAt } from '../../server/src/service/completion';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { hoverAt } from '../../server/src/service/hover';
import { documentSymbols } from '../../server/src/service/symbols';
import { validateYaml } from '../../server/src/service/validation/index';
import { bulkCertificates } from '../support/bulkCertificates';
import { objectsOf } from '../support/certificateDocuments';

const registry = createDefaultRegistry();

const policy = (name: string, mode = 'STRICT') => `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: ${name}
spec:
  mtls:
    mode: ${mode}
`;

/** A PeerAuthentication whose selector labels hold a value nested `depth` collections deep, written in `style`. */
function deepPolicy(depth: number, style: 'flow' | 'block sequence' | 'block map'): string {
  const head = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: deep\nspec:\n  selector:\n    matchLabels:\n      app: ';
  if (style === 'flow') return `${head}${'['.repeat(depth)}${']'.repeat(depth)}\n`;
  if (style === 'block sequence') return `${head}\n${'- '.repeat(depth)}x\n`;
  return `${head}\n${Array.from({ length: depth }, (_, i) => `${' '.repeat(8 + 2 * i)}k${i}:`).join('\n')} x\n`;
}

describe('size policy', () => {
  describe('deep nesting', () => {
    for (const depth of [1_000, 100_000]) {
      for (const style of ['flow', 'block sequence'] as const) {
        it(`leaves out a document nested ${depth.toLocaleString('en-US')} deep (${style}) and checks the others`, () => {
          const text = `${policy('first', 'STRIKT')}---\n${deepPolicy(depth, style)}---\n${policy('last', 'STRIKT')}`;
          const parsed = parseYaml(text);
          const diagnostics = validateYaml(parsed, registry);
          const skipped = diagnostics.filter((d) => d.code === 'analysis-skipped');
          assert.equal(skipped.length, 1);
          // The line where the nesting passes the bound: the selector value's line.
          assert.equal(
            skipped[0].range.start.line,
            text.split('\n').findIndex((line, i) => i > 8 && /^\s*(app: )?[[-]/.test(line)),
          );
          assert.match(
            skipped[0].message as string,
            new RegExp(`1 YAML document nested deeper than ${MAX_NESTING_DEPTH} levels, from line ${skipped[0].range.start.line + 1}`),
          );
          assert.ok(!diagnostics.some((d) => /call stack/i.test(d.message as string)));
          // Both shallow documents are checked as usual.
          assert.equal(diagnostics.filter((d) => d.code === 'enum-value').length, 2);
          // Every reader of the parse answers: the deep document is not among them.
          assert.deepEqual(
            documentSymbols(parsed, registry).map((s) => s.name),
            ['PeerAuthentication first', 'PeerAuthentication last'],
          );
          const inside = text.indexOf('x\n', text.indexOf('matchLabels')) - 1;
          assert.equal(hoverAt(parsed, inside, registry), undefined);
          assert.deepEqual(completeAt(text, parsed, inside, registry), []);
        });
      }
    }

    it('checks a document nested right up to the bound, block style', () => {
      // The root, spec, selector and matchLabels maps are four levels; the label's value adds the rest.
      const atBound = parseYaml(deepPolicy(MAX_NESTING_DEPTH - 4, 'block map'));
      assert.ok(!validateYaml(atBound, registry).some((d) => d.code === 'analysis-skipped'));
      assert.deepEqual(
        documentSymbols(atBound, registry).map((s) => s.name),
        ['PeerAuthentication deep'],
      );
      const past = parseYaml(deepPolicy(MAX_NESTING_DEPTH - 3, 'block map'));
      assert.deepEqual(
        validateYaml(past, registry).map((d) => d.code),
        ['analysis-skipped'],
      );
      assert.deepEqual(documentSymbols(past, registry), []);
    });

    it('keeps a deep document left out after an edit elsewhere, at its moved line', () => {
      const text = `${policy('first')}---\n${deepPolicy(1_000, 'flow')}`;
      const first = parseYaml(text);
      const edited = parseYaml(`# a comment\n${text}`, first);
      const [before] = validateYaml(first, registry).filter((d) => d.code === 'analysis-skipped');
      const [after] = validateYaml(edited, registry).filter((d) => d.code === 'analysis-skipped');
      assert.equal(after.range.start.line, before.range.start.line + 1);
      assert.equal(edited.segments[1].skipped, 'depth');
      assert.equal(edited.segments[1].text, first.segments[1].text);
    });
  });

  describe('one diagnostic per file', () => {
    it('gives a 6 MB manifest of thousands of documents one analysis-skipped diagnostic, on the first line left out', function () {
      this.timeout(60_000); // a guard against hangs, not a speed check
      const documents: string[] = [];
      for (let size = 0, i = 0; size < 6_000_000; i++) size += documents[documents.push(policy(`p${i}`)) - 1].length + 4;
      const text = documents.join('---\n');
      const parsed = parseYaml(text);
      const skipped = validateYaml(parsed, registry).filter((d) => d.code === 'analysis-skipped');
      assert.equal(skipped.length, 1);
      const documentsParsed = parsed.documents.length;
      assert.ok(parsed.segments.filter((s) => !s.skipped).reduce((sum, s) => sum + s.text.length, 0) <= MAX_PARSED_BYTES);
      const leftOut = parsed.segments[documentsParsed];
      assert.equal(leftOut.skipped, 'file');
      assert.equal(skipped[0].range.start.line, text.slice(0, leftOut.start).split('\n').length - 1);
      const count = (documents.length - documentsParsed).toLocaleString('en-US');
      assert.match(
        skipped[0].message as string,
        new RegExp(
          `^Not checked, to keep the editor responsive: ${count} YAML documents \\(\\d+(\\.\\d)? MB\\) past the first 4 MB read per file, from line ${skipped[0].range.start.line + 1}\\.`,
        ),
      );
    });
  });

  describe('certificates', () => {
    it(`decodes the first ${MAX_CERTIFICATES.toLocaleString('en-US')} blocks of a bundle and counts the rest in one diagnostic`, () => {
      const text = bulkCertificates(MAX_CERTIFICATES + 250);
      const { parsed, found } = objectsOf(text);
      assert.equal(found.objects.length, MAX_CERTIFICATES);
      assert.ok(found.objects.every((o) => o.decoded.kind === 'certificate'));
      const linesPerBlock = text.slice(0, text.indexOf('-----END')).split('\n').length;
      const skipped = documentDiagnostics(parsed, registry).filter((d) => d.code === 'analysis-skipped');
      assert.equal(skipped.length, 1);
      assert.equal(skipped[0].range.start.line, MAX_CERTIFICATES * linesPerBlock);
      assert.equal(skipped[0].range.end.character, '-----BEGIN CERTIFICATE-----'.length);
      assert.match(
        skipped[0].message as string,
        new RegExp(
          `250 PEM blocks past the first ${MAX_CERTIFICATES.toLocaleString('en-US')} decoded per file, from line ${MAX_CERTIFICATES * linesPerBlock + 1}`,
        ),
      );
    });

    it('decodes again only the block an edit changed', () => {
      const blocks = bulkCertificates(21).split(/(?<=-----END CERTIFICATE-----\n)/);
      const first = objectsOf(blocks.slice(0, 20).join(''));
      // Block 3 replaced by another certificate: its bytes change, the others' stay.
      const edited = objectsOf([...blocks.slice(0, 2), blocks[20], ...blocks.slice(3, 20)].join(''), 'pem', undefined, first.parsed);
      assert.equal(edited.found.objects.length, 20);
      const reused = edited.found.objects.map((o, i) => o.decoded === first.found.objects[i].decoded);
      assert.deepEqual(
        reused,
        Array.from({ length: 20 }, (_, i) => i !== 2),
      );
      assert.match(JSON.stringify(edited.found.objects[2].decoded), /bulk-00000020/);
    });
  });
});
