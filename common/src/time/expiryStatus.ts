const DAY = 24 * 60 * 60 * 1000;

export type ExpiryStatus = 'not-yet-valid' | 'expired' | 'expiring-soon' | 'valid';

/**
 * Where a validity window stands at `now`. "Soon" is relative to the lifetime as well as to the
 * setting: a 24-hour workload certificate with 10 hours left is routine, not news. It takes both:
 * fewer than `soonDays` days left, and less than a third of the lifetime. `soonDays` 0 never warns.
 */
export function expiryStatus(notBefore: Date, notAfter: Date, now: Date, soonDays: number): ExpiryStatus {
  const left = notAfter.getTime() - now.getTime();
  if (left < 0) return 'expired';
  if (now.getTime() < notBefore.getTime()) return 'not-yet-valid';
  const lifetime = notAfter.getTime() - notBefore.getTime();
  return left < soonDays * DAY && left < lifetime / 3 ? 'expiring-soon' : 'valid';
}
