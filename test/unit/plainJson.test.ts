import * as assert from 'node:assert/strict';
import { parseAllDocuments, type Document } from 'yaml';
import { plainJson } from '../../server/src/analysis/plainJson';

// Each document is one way a manifest can stray from plain maps, lists and scalars.
const CASES = [
  'apiVersion: v1\nkind: Secret\nmetadata: {name: a, labels: {app: web, tier: 2, on: true}}\ndata: {tls.crt: abc}\n',
  'kind: X\nspec:\n  ports: [80, 443, .inf, 0x1F, ~]\n  empty:\n  list:\n    - a: 1\n    - [x, y]\n',
  'base: &b {app: web}\nother: *b\n',
  'a: 1\n<<: {b: 2}\n',
  'a: 1\na: 2\nb: 3\n',
  '__proto__: {polluted: true}\nconstructor: 1\ntoString: 2\n',
  '1: one\n~: none\ntrue: yes\n2: two\n',
  '? [a, b]\n: list key\n',
  '%YAML 1.1\n---\nbase: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\nwhen: 2001-12-14\n',
  'tagged: !custom {a: 1}\nset: !!set {a, b}\nstr: !!str 12\n',
  'big: 123456789012345678901234567890\n',
];

const documentsOf = (text: string) => parseAllDocuments(text) as Document.Parsed[];

describe('plain JSON of a document', () => {
  for (const text of CASES)
    it(`reads ${JSON.stringify(text.slice(0, 40))} as yaml's toJSON does`, () => {
      for (const document of documentsOf(text)) {
        document.options.logLevel = 'error';
        const expected = document.toJSON() as unknown;
        const actual = plainJson(document);
        assert.deepEqual(actual, expected);
        assert.equal(JSON.stringify(actual), JSON.stringify(expected));
        assert.equal(Object.getPrototypeOf(actual), Object.getPrototypeOf(expected));
      }
    });

  it('throws what yaml throws for an alias to no anchor', () => {
    const [document] = documentsOf('a: *nowhere\n');
    assert.throws(() => document.toJSON());
    assert.throws(() => plainJson(document));
  });
});
