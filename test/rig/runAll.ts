import * as path from 'node:path';
import { ensureCodeServer, startCodeServer } from './codeServer';
import { writeMintedExamples } from './examples';
import { runIntegrationSuite } from './integration';
import { runMocha, testFiles, type SuiteResult } from './mocha';
import { OUT_TEST } from './paths';
import { exitOnSignals } from './process';
import { ensureSystemPackages } from './system';

// `npm test`: every suite, in order of cost, then one closing line the CI reads.
type Suite = { name: string; run: () => Promise<SuiteResult> };

const log = (line: string) => console.log(line);

const SUITES: Suite[] = [
  { name: 'unit', run: () => runMocha('unit', testFiles(path.join(OUT_TEST, 'unit'))) },
  { name: 'protocol', run: () => runMocha('protocol', testFiles(path.join(OUT_TEST, 'protocol'))) },
  {
    name: 'integration',
    run: async () => {
      ensureSystemPackages(log);
      const server = await startCodeServer({ bin: await ensureCodeServer(log) });
      try {
        return await runIntegrationSuite(server, log);
      } finally {
        await server.stop();
      }
    },
  },
  {
    name: 'ui',
    run: () => {
      ensureSystemPackages(log);
      return runMocha('ui', testFiles(path.join(OUT_TEST, 'ui')));
    },
  },
];

async function main(argv: string[]): Promise<number> {
  exitOnSignals();
  const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1]?.split(',') : undefined;
  await writeMintedExamples();
  const results: SuiteResult[] = [];
  for (const suite of SUITES.filter((s) => !only || only.includes(s.name))) {
    log(`\n=== ${suite.name} ===`);
    try {
      results.push(await suite.run());
    } catch (error) {
      // A suite that cannot start counts as one failure, never as silence.
      log(`${suite.name} could not run: ${(error as Error).stack ?? String(error)}`);
      results.push({ name: suite.name, passed: 0, failed: 1, skipped: 0 });
    }
  }
  log('\nsuite        passed  failed  skipped');
  for (const r of results) log(`${r.name.padEnd(12)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${String(r.skipped).padStart(7)}`);
  const total = results.reduce((t, r) => ({ passed: t.passed + r.passed, failed: t.failed + r.failed, skipped: t.skipped + r.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
  return total.failed > 0 || total.passed === 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
