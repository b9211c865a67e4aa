import * as assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { segmentStarts } from '../../server/src/documents/segments';
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
      assert.deepEqual(validateYaml(incremental, registry), validateYaml(fresh, registry), `diagnostics differ after edit ${step}`);
      previous = incremental;
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
