import * as assert from 'node:assert/strict';
import { describeValidity, validitySummary } from '../../common/src/time/validityPhrase';

const DAY = 86_400_000;
const now = new Date('2026-11-22T12:00:00Z');
const at = (days: number) => new Date(now.getTime() + days * DAY);

describe('describeValidity', () => {
  it('counts days left, rounding a few seconds of drift to the nearest day', () => {
    assert.equal(describeValidity(at(-60), new Date(at(23).getTime() - 5_000), now), 'expires in 23 days');
    assert.equal(describeValidity(at(-60), at((1 / 24) * 30), now), 'expires in 30 hours');
    assert.equal(describeValidity(at(-60), at((1 / (24 * 60)) * 20), now), 'expires in 20 minutes');
  });

  it('says how long ago an expired certificate expired', () => {
    assert.equal(describeValidity(at(-90), at(-3), now), 'expired 3 days ago');
    assert.equal(describeValidity(at(-900), at(-1), now), 'expired 24 hours ago');
    assert.equal(describeValidity(at(-900), at(-2), now), 'expired 2 days ago');
    assert.equal(describeValidity(at(-900), at(-400), now), 'expired 13 months ago');
  });

  it('uses months and years for long lifetimes', () => {
    assert.equal(describeValidity(at(-1), at(335), now), 'expires in 11 months');
    assert.equal(describeValidity(at(-1), at(3650), now), 'expires in 10 years');
  });

  it('says when a certificate is not valid yet', () => {
    assert.equal(describeValidity(at(2), at(90), now), 'not valid until 2 days from now');
  });
});

describe('validitySummary', () => {
  it('says "expires in" while days are counted, "valid for" once months are', () => {
    assert.equal(validitySummary(at(-10), at(12), now), 'expires in 12 days');
    assert.equal(validitySummary(at(-10), at(89), now), 'expires in 89 days');
    assert.equal(validitySummary(at(-10), at(91), now), 'valid for 3 months');
    assert.equal(validitySummary(at(-10), at(335), now), 'valid for 11 months');
  });

  it('keeps the expired and not-yet-valid phrases', () => {
    assert.equal(validitySummary(at(-90), at(-3), now), 'expired 3 days ago');
    assert.equal(validitySummary(at(2), at(400), now), 'not valid until 2 days from now');
  });
});
