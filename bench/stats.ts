import { performance } from 'node:perf_hooks';

// Timing, statistics and the table of `npm run bench`: every row has a target, and a run that
// misses one exits non-zero.

export const WARMUP = 3;

export const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)];
export const p95 = (values: number[]) => sorted(values)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)];
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

/** Runs `fn` WARMUP times untimed, then `runs` times timed; returns the times in run order. */
export async function timings(runs: number, fn: (run: number) => unknown): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await fn(-1 - i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn(i);
    times.push(performance.now() - start);
  }
  return times;
}

/** Runs `measure` WARMUP times, then `runs` times; returns what it measured each time (its own clock: an exchange with the server). */
export async function samples(runs: number, measure: () => Promise<number>): Promise<number[]> {
  for (let i = 0; i < WARMUP; i++) await measure();
  const measured: number[] = [];
  for (let i = 0; i < runs; i++) measured.push(await measure());
  return measured;
}

/** Wall time of one call of `fn`, for `interleaved`. */
export function wallTime(fn: () => unknown): () => Promise<number> {
  return async () => {
    const start = performance.now();
    await fn();
    return performance.now() - start;
  };
}

/**
 * Runs several measurements in turns (a, b, c, a, b, c, …) so that whatever else the shared
 * machine is doing weighs on each alike and the ratios between them hold. Each resolves to its own
 * time: `wallTime` for work in this process, the exchange's own clock for a message to the server.
 */
export async function interleaved(runs: number, measurements: Array<() => Promise<number>>): Promise<number[][]> {
  for (let i = 0; i < WARMUP; i++) for (const measure of measurements) await measure();
  const times = measurements.map(() => [] as number[]);
  for (let i = 0; i < runs; i++) for (const [k, measure] of measurements.entries()) times[k].push(await measure());
  return times;
}

export type Unit = 'ms' | 'MB';

/** What a row must meet: a bound on its value, or on its ratio to its reference. */
export type Target = { max: number; stretch?: number } | { maxRatio: number; stretchRatio?: number };

export interface Row {
  name: string;
  unit: Unit;
  /** Which statistic the target bounds. */
  statistic: 'median' | 'p95' | 'peak';
  samples: number[];
  reference: string;
  /** The reference's own value, in the row's unit (its median when it was sampled). */
  referenceValue: number;
  target: Target;
}

export function value(row: Row): number {
  return row.statistic === 'p95' ? p95(row.samples) : row.statistic === 'peak' ? Math.max(...row.samples) : median(row.samples);
}

export function met(row: Row): boolean {
  const v = value(row);
  return 'max' in row.target ? v <= row.target.max : v <= row.target.maxRatio * row.referenceValue;
}

function stretchMet(row: Row): boolean | undefined {
  const v = value(row);
  if ('max' in row.target) return row.target.stretch === undefined ? undefined : v <= row.target.stretch;
  return row.target.stretchRatio === undefined ? undefined : v <= row.target.stretchRatio * row.referenceValue;
}

function targetText(row: Row): string {
  const stretch = 'max' in row.target ? row.target.stretch : row.target.stretchRatio;
  const bound = 'max' in row.target ? `≤ ${row.target.max} ${row.unit}` : `≤ ${row.target.maxRatio}x`;
  const suffix = 'max' in row.target ? ` ${row.unit}` : 'x';
  return `${row.statistic} ${bound}${stretch === undefined ? '' : ` (stretch ${stretch}${suffix})`}`;
}

function verdict(row: Row): string {
  if (!met(row)) return 'MISSED';
  return stretchMet(row) === false ? 'met (stretch missed)' : stretchMet(row) ? 'met (stretch met)' : 'met';
}

const figure = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(v >= 10 ? 1 : 2));

export function printTable(rows: Row[], heading: string, legend: string[]): void {
  const table = [
    ['case', 'n', 'p50', 'p95', 'unit', 'reference', 'ref', 'ratio', 'target', 'verdict'],
    ...rows.map((r) => [
      r.name,
      String(r.samples.length),
      figure(median(r.samples)),
      figure(p95(r.samples)),
      r.unit,
      r.reference,
      figure(r.referenceValue),
      `${(value(r) / r.referenceValue).toFixed(2)}x`,
      targetText(r),
      verdict(r),
    ]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  console.log(`${heading}\n`);
  console.log(line(table[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table.slice(1)) console.log(line(row));
  console.log('');
  for (const note of legend) console.log(note);
}
