import * as assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { segmentStarts } from '../../server/src/documents/segments';
import { textChange } from '../../server/src/documents/textChange';
import { MAX_DOCUMENT_BYTES as MAX_SEGMENT_BYTES, MAX_PARSED_BYTES } from '../../server/src/documents/sizePolicy';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { generateManifest } from '../../bench/manifest';
import { pick, seededRandom } from '../support/random';

const registry = createDefaultRegistry();

/** Every node's range in document order, so two parses can be compared offset by offset. */
function ranges(text: string, parsed = parseYaml(text)): string {
  return JSON.stringify(parsed.documents.map((d) => [d.range, d.errors.map((e) => e.pos), JSON.stringify(d.contents?.toJSON())]));
}

describe('incremental parsing', () => {
  const base = generateManifest(2_000);

  it('reparses only the edited --- segment and reuses the others', () => {
    const first = parseYaml(base);
    const at = base.length - 40;
    const edited = parseYaml(`${base.slice(0, at)}x${base.slice(at)}`, first);
    const changed = edited.segments.filter((segment, i) => segment.documents[0] !== first.segments[i].documents[0]);
    assert.equal(edited.segments.length, first.segments.length);
    assert.equal(changed.length, 1);
    assert.equal(changed[0], edited.segments[edited.segments.length - 1]);
  });

  it('gives the same documents, offsets and diagnostics as a fresh parse, edit after edit', function () {
    this.timeout(30_000); // a guard against hangs, not a speed check: each step parses twice
    const random = seededRandom(20261124);
    const edits = ['x', '\n', '', ': ', '---\n', '  - ', '"', '{{ .Values.x }}', 'mode: Strict\n', '\n---\n'];
    let text = generateManifest(800);
    let previous = parseYaml(text);
    for (let step = 0; step < 40; step++) {
      const at = Math.floor(random() * text.length);
      const removed = Math.floor(random() * 4);
      text = text.slice(0, at) + pick(random, edits) + text.slice(at + removed);
      const incremental = parseYaml(text, previous);
      const fresh = parseYaml(text);
      assert.equal(ranges(text, incremental), ranges(text, fresh), `offsets differ after edit ${step}`);
      assert.deepEqual(incremental.lineCounter.lineStarts, fresh.lineCounter.lineStarts, `line starts differ after edit ${step}`);
      assert.deepEqual(validateYaml(incremental, registry), validateYaml(fresh, registry), `diagnostics differ after edit ${step}`);
      previous = incremental;
    }
  });

  it('finds the cuts, line starts and template actions around an edit as a fresh parse finds them in the whole text', function () {
    this.timeout(30_000); // a guard against hangs, not a speed check: 3,000 steps parse twice
    // Small texts and edits made of the characters the incremental search depends on: `---`,
    // directives, `...` markers, line ends of every kind, braces that may join into `{{`.
    const random = seededRandom(20261203);
    const pieces = ['-', '---', '--- ', '---\n', '\n', '\r\n', '\r', '%', '%YAML 1.2\n', '...', '...\n', '{', '}', 'a: 1', ' ', 'k: v\n', '\u2028'];
    let text = 'a: 1\n---\nb: 2\n---\nc: 3\n';
    let previous = parseYaml(text);
    let incrementalSteps = 0;
    for (let step = 0; step < 3_000; step++) {
      const at = Math.floor(random() * (text.length + 1));
      const removed = random() < 0.3 ? Math.floor(random() * 5) : 0;
      text = text.slice(0, at) + (random() < 0.8 ? pick(random, pieces) : '') + text.slice(at + removed);
      if (text.length > 300 || (text.includes('{{') && random() < 0.2)) text = text.slice(0, 120).replaceAll('{', '');
      const incremental = parseYaml(text, previous);
      const fresh = parseYaml(text);
      const where = `after edit ${step}: ${JSON.stringify(text)}`;
      assert.deepEqual(incremental.cuts, fresh.cuts, `cuts ${where}`);
      assert.deepEqual(
        incremental.segments.map((segment) => [segment.start, segment.text]),
        fresh.segments.map((segment) => [segment.start, segment.text]),
        `segments ${where}`,
      );
      assert.deepEqual(incremental.lineCounter.lineStarts, fresh.lineCounter.lineStarts, `line starts ${where}`);
      assert.deepEqual(incremental.templateSpans, fresh.templateSpans, `template spans ${where}`);
      assert.equal(ranges(text, incremental), ranges(text, fresh), `offsets ${where}`);
      if (!previous.template) incrementalSteps++;
      previous = incremental;
    }
    assert.ok(incrementalSteps > 1_000, `only ${incrementalSteps} edits went the incremental way`);
  });

  it('finds where two versions of a text differ as a character-by-character comparison does', () => {
    const random = seededRandom(7);
    const naive = (before: string, after: string) => {
      let start = 0;
      while (start < before.length && start < after.length && before[start] === after[start]) start++;
      let suffix = 0;
      while (suffix < Math.min(before.length, after.length) - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
      return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
    };
    for (let round = 0; round < 500; round++) {
      const length = Math.floor(random() * 3_000);
      const before = Array.from({ length }, () => pick(random, ['a', 'b', '\n'])).join('');
      const at = Math.floor(random() * (length + 1));
      const removed = Math.floor(random() * 40);
      const inserted = Array.from({ length: Math.floor(random() * 40) }, () => pick(random, ['a', 'b', '\n'])).join('');
      const after = before.slice(0, at) + inserted + before.slice(at + removed);
      assert.deepEqual(textChange(before, after), naive(before, after), `round ${round}`);
    }
  });

  it('cuts only at --- lines, and keeps streams with directives or ... markers whole', () => {
    assert.deepEqual(segmentStarts('a: 1\n---\nb: 2\n--- # c\nc: 3\n'), [0, 5, 14]);
    assert.deepEqual(segmentStarts('a: "x\n---y"\n'), [0]);
    assert.deepEqual(segmentStarts('%YAML 1.2\n---\na: 1\n'), [0]);
    assert.deepEqual(segmentStarts('a: 1\n...\n---\nb: 2\n'), [0]);
  });

  it('bounds the work on huge files and says what it skipped', function () {
    this.timeout(30_000);
    const resource = 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: { name: p }\nspec:\n  mtls: { mode: STRICT }\n';
    const huge = `${resource}  selector:\n    matchLabels:\n${'      k: v\n'.repeat(MAX_SEGMENT_BYTES / 11 + 1)}`;
    const tenMegabytes = [resource, huge, ...Array.from({ length: 12 }, () => `${resource}# ${'x'.repeat(MAX_PARSED_BYTES / 5)}\n`)].join('---\n');
    assert.ok(tenMegabytes.length > 10_000_000);
    const parsed = parseYaml(tenMegabytes);
    const parsedBytes = parsed.segments.filter((s) => !s.skippedBytes).reduce((sum, s) => sum + s.text.length, 0);
    assert.ok(parsedBytes <= MAX_PARSED_BYTES, `parsed ${parsedBytes} bytes`);
    // One diagnostic for the file, on the first line left out, saying what each part was.
    const skipped = validateYaml(parsed, registry).filter((d) => d.code === 'analysis-skipped');
    assert.equal(skipped.length, 1);
    const hugeLine = tenMegabytes.slice(0, tenMegabytes.indexOf(huge)).split('\n').length - 2;
    assert.equal(skipped[0].range.start.line, hugeLine);
    const left = parsed.segments.find((s) => s.skipped === 'file')!;
    const leftDocuments = tenMegabytes.slice(left.start).match(/^---$/gm)!.length;
    const leftLine = tenMegabytes.slice(0, left.start).split('\n').length;
    assert.match(skipped[0].message as string, new RegExp(`1 YAML document over 1 MB each \\(1(\\.\\d)? MB\\), from line ${hugeLine + 1}`));
    assert.match(
      skipped[0].message as string,
      new RegExp(`${leftDocuments} YAML documents \\(\\d+(\\.\\d)? MB\\) past the first 4 MB read per file, from line ${leftLine}`),
    );
  });

  it('keeps a single very long line bounded: one document, checked or skipped, never both', () => {
    const line = `apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: { name: p, labels: { a: "${'y'.repeat(2_000_000)}" } }\n`;
    const diagnostics = validateYaml(parseYaml(line), registry);
    assert.deepEqual(
      diagnostics.map((d) => d.code),
      ['analysis-skipped'],
    );
    assert.equal(diagnostics[0].range.end.character <= 200, true);
  });
});
