import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { Composer, Parser } from 'yaml';
import { composeDocuments, yamlTokens } from '../../server/src/documents/yamlStream';
import { generateManifest } from '../../bench/manifest';
import { ROOT } from '../rig/paths';
import { pick, seededRandom } from '../support/random';
import { FRAGMENTS, mutate, seeds } from '../support/yamlFuzz';

// yamlStream.ts takes its tokens from yaml 3's parser and composes them with yaml 2's composer.
// That holds while yaml 3 gives yaml 2's tokens for every text yaml 2 reads without error (on
// broken text yaml 3 differs where it fixed yaml 2's recovery, and both still report errors).
// Checked on the fixtures, the shared corpus and the upstream CRDs, and on mutations of our
// manifests with the characters that tripped yaml 3 before (see YAML3_HAZARDS).

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const CASES = Number(process.env.FUZZ_CASES ?? 3000);

/** Characters odd to a lexer: controls, JavaScript's other line ends, Unicode spaces, a BOM, lone surrogates. */
const ODD_CHARACTERS = [
  ...Array.from({ length: 31 }, (_, i) => String.fromCharCode(i + 1)),
  '\0',
  '\r',
  '\r\n',
  '\x7f',
  '\x85',
  '\xa0',
  '\u2000',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u3000',
  '\ufeff',
  '\ud800',
  '\udc00',
];

/** yaml 2's tokens, as segments.ts read them before: the reference. */
function reference(text: string, offset = 0): unknown[] {
  const parser = new Parser();
  parser.offset = offset;
  return [...parser.parse(text)];
}

function readsWithoutError(text: string): boolean {
  const composer = new Composer({ uniqueKeys: true, prettyErrors: false, strict: false });
  return [...composer.compose(reference(text) as Parameters<Composer['compose']>[0], true, text.length)].every((d) => d.errors.length === 0);
}

/** What must hold for one text; the message says which text failed. */
function agree(text: string, label: string): void {
  const tokens = yamlTokens(text);
  const documents = composeDocuments(tokens, text.length);
  if (readsWithoutError(text)) assert.deepEqual(tokens, reference(text), label);
  else assert.ok(documents.length === 0 || documents.some((d) => d.errors.length > 0), `${label}: yaml 2 reports errors, yaml 3's tokens compose without any`);
}

function yamlBelow(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlBelow(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

describe('yaml 3 tokens for yaml 2 composing', () => {
  const shared = path.join(ROOT, '..', 'shared');
  const files = [...yamlBelow(path.join(ROOT, 'test', 'fixtures')), ...yamlBelow(path.join(shared, 'corpus')), ...yamlBelow(path.join(shared, 'crds'))];

  it('gives yaml 2 tokens for every fixture, corpus manifest and upstream CRD yaml 2 reads without error', () => {
    assert.ok(files.length > 100, `only ${files.length} YAML files found`);
    let same = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      agree(text, file);
      if (readsWithoutError(text)) same++;
    }
    assert.ok(same > files.length / 2, `only ${same} of ${files.length} files read without error`);
  });

  it('places the tokens at the offset it is given, new lines reported as yaml 2 reports them', () => {
    const text = generateManifest(20);
    assert.deepEqual(yamlTokens(text, 1234), reference(text, 1234));
    const lines: number[] = [];
    const referenceLines: number[] = [];
    const referenceTokens = [...new Parser((offset) => referenceLines.push(offset)).parse(text)];
    assert.deepEqual(
      yamlTokens(text, 0, (offset) => lines.push(offset)),
      referenceTokens,
    );
    assert.deepEqual(lines, referenceLines);
    assert.equal(lines.length, text.split('\n').length);
  });

  it('reads the comments yaml 3.0.0-2 never finishes or misreads as yaml 2 does', () => {
    for (const text of ['#\r', '# a\rk: v\n', '#\u2028', 'k: v\n# c\u2029\n', '---\n# a\0b: c\nk: v\n']) {
      assert.deepEqual(yamlTokens(text), reference(text), JSON.stringify(text));
    }
  });

  it(`agrees on ${CASES} broken texts and ${CASES} with odd characters (seed ${SEED})`, function () {
    this.timeout(120_000); // a guard against a hang, not a speed check
    const random = seededRandom(SEED);
    const sources = seeds();
    for (let i = 0; i < CASES; i++) {
      const text = mutate(random, pick(random, sources));
      agree(text, `case ${i} (FUZZ_SEED=${SEED}):\n${text.slice(0, 2000)}`);
      let odd = pick(random, sources);
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(random() * (odd.length + 1));
        odd = odd.slice(0, at) + pick(random, random() < 0.8 ? ODD_CHARACTERS : FRAGMENTS) + odd.slice(at);
      }
      agree(odd, `odd case ${i} (FUZZ_SEED=${SEED}):\n${JSON.stringify(odd.slice(0, 2000))}`);
    }
  });
});
