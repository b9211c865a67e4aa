/**
 * Go's time.ParseDuration, which Kubernetes uses for metav1.Duration fields such as cert-manager's
 * `duration` and `renewBefore`: a sign, then one or more decimal numbers each with a unit
 * (ns, us, µs, ms, s, m, h), like "2160h", "1h30m" or "1.5h". Days are not a unit.
 */
const UNIT_NS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX = (1n << 63n) - 1n;

/**
 * The duration in milliseconds, or undefined when Go would not parse the text. Counted in nanoseconds
 * as Go does (an int64: "3000000h" is refused), with the fraction of a part rounded through a float
 * the way Go's leadingFraction does, so "0.3333333333333333333h" is 20 minutes exactly.
 */
export function parseGoDuration(text: string): number | undefined {
  const match = /^([-+]?)([\s\S]*)$/.exec(text)!;
  const body = match[2];
  if (body === '0') return 0;
  if (body === '') return undefined;
  let total = 0n;
  const part = /(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/y;
  let at = 0;
  while (at < body.length) {
    part.lastIndex = at;
    const found = part.exec(body);
    if (!found || (found[1] === '' && !found[2])) return undefined;
    const unit = UNIT_NS[found[3]];
    total += BigInt(found[1] || '0') * unit + fractionNs(found[2] ?? '', unit);
    if (total > MAX + 1n) return undefined;
    at = part.lastIndex;
  }
  if (match[1] !== '-' && total > MAX) return undefined;
  return Number(match[1] === '-' ? -total : total) / 1e6;
}

/** Go's leadingFraction and its float64 scaling: digits past what an int64 holds only grow the scale. */
function fractionNs(digits: string, unit: bigint): bigint {
  let f = 0n;
  let scale = 1;
  let overflow = false;
  for (const digit of digits) {
    if (overflow) continue;
    if (f > MAX / 10n) {
      overflow = true;
      continue;
    }
    const next = f * 10n + BigInt(digit);
    if (next > MAX + 1n) {
      overflow = true;
      continue;
    }
    f = next;
    scale *= 10;
  }
  return BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
}

/** "2160h" → "90 days"; for messages. */
export function describeDuration(ms: number): string {
  const units: Array<[number, string]> = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  for (const [size, name] of units) {
    if (Math.abs(ms) >= size && Number.isInteger(ms / size)) return `${ms / size} ${name}${Math.abs(ms / size) === 1 ? '' : 's'}`;
  }
  return `${ms} ms`;
}
