const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Says where `now` stands in a validity window, as a person would:
 * "expires in 23 days", "expired 3 days ago", "not valid until 2 days from now".
 */
export function describeValidity(notBefore: Date, notAfter: Date, now: Date): string {
  if (now.getTime() < notBefore.getTime()) return `not valid until ${span(notBefore.getTime() - now.getTime())} from now`;
  const left = notAfter.getTime() - now.getTime();
  if (left < 0) return `expired ${span(-left)} ago`;
  return `expires in ${span(left)}`;
}

/** A duration in the largest unit that keeps it readable, rounded to the nearest whole unit. */
export function span(ms: number): string {
  if (ms < HOUR) return plural(Math.max(1, Math.round(ms / MINUTE)), 'minute');
  if (ms < 2 * DAY) return plural(Math.round(ms / HOUR), 'hour');
  if (ms < 90 * DAY) return plural(Math.round(ms / DAY), 'day');
  if (ms < 2 * 365 * DAY) return plural(Math.round(ms / (30.44 * DAY)), 'month');
  return plural(Math.round(ms / (365.25 * DAY)), 'year');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/**
 * The phrase a CodeLens shows: "expires in 12 days" while the time left is counted in days or
 * less (under 90 days: the reader should plan the renewal), "valid for 11 months" beyond that, and
 * the plain phrase once the certificate is expired or not valid yet.
 */
export function validitySummary(notBefore: Date, notAfter: Date, now: Date): string {
  const left = notAfter.getTime() - now.getTime();
  if (now.getTime() < notBefore.getTime() || left < 90 * DAY) return describeValidity(notBefore, notAfter, now);
  return `valid for ${span(left)}`;
}
