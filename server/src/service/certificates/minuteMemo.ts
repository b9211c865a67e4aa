import type { ObjectGroup } from './found';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * What the certificate services say about a group, kept for the clock's minute. A group keeps its
 * chain memo wherever its resource moves (documentObjects.ts), so a keystroke elsewhere in a
 * manifest says nothing again about its unchanged Secrets. Messages and lens titles count time in
 * minutes at the finest, so the minute is the key; a group with a validity bound (or the
 * expiring-soon threshold) within two minutes of the clock may change its verdict within the
 * minute, and is worked out afresh every time.
 */
export class MinuteMemo<T> {
  private readonly entries = new WeakMap<ObjectGroup['chain'], { minute: number; expiringSoonDays: number; value: T }>();

  get(group: ObjectGroup, now: Date, expiringSoonDays: number, compute: () => T): T {
    const at = now.getTime();
    const minute = Math.floor(at / MINUTE);
    const known = this.entries.get(group.chain);
    if (known && known.minute === minute && known.expiringSoonDays === expiringSoonDays) return known.value;
    const value = compute();
    if (nearBound(group, at, expiringSoonDays)) this.entries.delete(group.chain);
    else this.entries.set(group.chain, { minute, expiringSoonDays, value });
    return value;
  }
}

function nearBound(group: ObjectGroup, now: number, expiringSoonDays: number): boolean {
  return group.objects.some(({ decoded }) => {
    if (decoded.kind !== 'certificate') return false;
    const notAfter = Date.parse(decoded.notAfter);
    return near(Date.parse(decoded.notBefore), now) || near(notAfter, now) || near(notAfter - expiringSoonDays * DAY, now);
  });
}

function near(bound: number, now: number): boolean {
  return Math.abs(bound - now) < 2 * MINUTE;
}
