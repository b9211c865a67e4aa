/**
 * Go's time.ParseDuration, which Kubernetes uses for metav1.Duration fields such as cert-manager's
 * `duration` and `renewBefore`: a sign, then one or more decimal numbers each with a unit
 * (ns, us, µs, ms, s, m, h), like "2160h", "1h30m" or "1.5h". Days are not a unit.
 */
const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, μs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The duration in milliseconds, or undefined when Go would not parse the text. */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([-+]?)([\s\S]*)$/.exec(text)!;
  const body = match[2];
  if (body === '0') return 0;
  if (body === '') return undefined;
  let total = 0;
  const part = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const found = part.exec(body);
    if (!found) return undefined;
    total += Number(found[1]) * UNIT_MS[found[2]];
    at = part.lastIndex;
  }
  return match[1] === '-' ? -total : total;
}

/** "2160h" → "90 days"; for messages. */
export function describeDuration(ms: number): string {
  const units: Array<[number, string]> = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'minute'], [1000, 'second']];
  for (const [size, name] of units) {
    if (Math.abs(ms) >= size && Number.isInteger(ms / size)) return `${ms / size} ${name}${Math.abs(ms / size) === 1 ? '' : 's'}`;
  }
  return `${ms} ms`;
}
