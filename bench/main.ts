import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { parseDocument } from '../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../server/src/schema/registry';
import { documentDiagnostics } from '../server/src/service/documentDiagnostics';
import { generateManifest } from './manifest';

// `npm run bench`: medians over repeated runs, each row against a reference measured in this
// same run on this same machine, so the ratio means something even where absolute times do not.

interface Row {
  name: string;
  reference: string;
  median: number;
  referenceMedian: number;
}

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;

function median(fn: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function main(): void {
  const text = generateManifest(10_000);
  const registry = createDefaultRegistry();
  const lineCount = text.split('\n').length;
  const floor = median(() => parseAllDocuments(text));
  const rows: Row[] = [
    {
      name: `server validation of a ${lineCount}-line multi-document manifest`,
      reference: 'yaml parseAllDocuments alone',
      median: median(() => documentDiagnostics(parseDocument('file:///bench.yaml', 'yaml', 1, text), registry)),
      referenceMedian: floor,
    },
  ];
  const table = [
    ['case', 'median ms', 'reference', 'reference ms', 'ratio'],
    ...rows.map((r) => [r.name, r.median.toFixed(1), r.reference, r.referenceMedian.toFixed(1), `${(r.median / r.referenceMedian).toFixed(2)}x`]),
  ];
  const widths = table[0].map((_, c) => Math.max(...table.map((row) => row[c].length)));
  const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c])).join(' | ')} |`;
  console.log(`Mesh mTLS benchmarks: median of ${RUNS} runs after ${WARMUP} warm-up runs, Node ${process.version}\n`);
  console.log(line(table[0]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table.slice(1)) console.log(line(row));
}

main();
