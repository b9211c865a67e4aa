import * as assert from 'node:assert/strict';
import { closestName, editDistance } from '../../server/src/documents/similarNames';

/** The textbook full-table form of the same distance (optimal string alignment), to check the rolling rows against. */
function tableDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

describe('similar names', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps as one edit each', () => {
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('reviews', 'reveiws'), 1);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', ''), 3);
    assert.equal(editDistance('same', 'same'), 0);
    assert.equal(editDistance('ca', 'abc'), 3);
  });

  it('agrees with the full table on every pair of short strings over a small alphabet', () => {
    const words = [''];
    for (let length = 1; length <= 4; length++) for (const w of words.filter((x) => x.length === length - 1)) for (const c of 'abc') words.push(w + c);
    for (const a of words) for (const b of words) assert.equal(editDistance(a, b), tableDistance(a, b), `${a} / ${b}`);
  });

  it('suggests the nearest name only when it is close enough to be a typo', () => {
    assert.equal(closestName('bookinfo-reviwes', ['bookinfo-reviews', 'bookinfo-ratings']), 'bookinfo-reviews');
    assert.equal(closestName('Default', ['default', 'kube-system']), 'default');
    assert.equal(closestName('payments', ['orders', 'shipping']), undefined);
  });
});
