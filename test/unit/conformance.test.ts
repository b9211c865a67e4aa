import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { caseErrors, spireFindingsOf, type ConformanceSuite, type Project } from '../conformance/conformanceCase';
import { ROOT } from '../rig/paths';

const PROJECTS: Project[] = ['istio', 'linkerd', 'cert-manager', 'spire', 'spire-controller-manager'];
/** The share of upstream-invalid cases that should get an error; the table shows where each project stands. */
const TARGET = 0.97;

interface Agreement {
  invalidWithError: number;
  validWithoutError: number;
}

function suitesOf(project: Project): ConformanceSuite[] {
  const dir = path.join(__dirname, '..', 'conformance', project);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith('.js'));
  } catch {
    return [];
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return names.sort().map((name) => (require(path.join(dir, name)) as { suite: ConformanceSuite }).suite);
}

function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '-';
}

describe('conformance with the upstream validation tests', () => {
  const committed = JSON.parse(readFileSync(path.join(ROOT, 'test', 'conformance', 'agreement.json'), 'utf8')) as Record<Project, Agreement>;
  const rows: string[] = [];
  after(() => {
    if (!rows.length) return;
    console.log(
      [
        '',
        `    | project | upstream-invalid cases | with an error (target ${TARGET * 100}%) | upstream-valid cases | without an error | deliberate differences |`,
        '    |---|---|---|---|---|---|',
        ...rows.map((row) => `    ${row}`),
      ].join('\n'),
    );
  });

  for (const project of PROJECTS) {
    it(`${project}: every upstream-valid case gets no error, and upstream-invalid ones an error at or above the committed figures`, () => {
      const suites = suitesOf(project);
      const invalid: string[] = [];
      const missed: string[] = [];
      const valid: string[] = [];
      const falseErrors: string[] = [];
      const differences: string[] = [];
      const missingWarnings: string[] = [];
      for (const suite of suites) {
        assert.match(suite.source, /^[\w.-]+\/[\w.-]+@[0-9a-f]{7,40} \S+/, `a suite must name its upstream file at a commit: ${suite.source}`);
        for (const testCase of suite.cases) {
          const label = `${suite.source.split(' ').slice(1).join(' ')} "${testCase.name}"`;
          if (testCase.differs) {
            differences.push(`${label}: ${testCase.differs}`);
            continue;
          }
          const errors = caseErrors(testCase);
          if (
            testCase.warning &&
            testCase.spire &&
            !spireFindingsOf(testCase.spire).some((f) => f.severity === 'warning' && f.text.startsWith(`${testCase.warning}:`))
          ) {
            missingWarnings.push(`${label}: no ${testCase.warning} warning`);
          }
          if (testCase.valid) {
            valid.push(label);
            if (errors.length) falseErrors.push(`${label}: ${errors.join('; ')}`);
          } else {
            invalid.push(label);
            if (!errors.length) missed.push(label);
          }
        }
      }
      const agreement: Agreement = { invalidWithError: invalid.length - missed.length, validWithoutError: valid.length - falseErrors.length };
      rows.push(
        `| ${project} | ${invalid.length} | ${agreement.invalidWithError} (${percent(agreement.invalidWithError, invalid.length)}) | ${valid.length} | ${agreement.validWithoutError} (${percent(agreement.validWithoutError, valid.length)}) | ${differences.length} |`,
      );
      if (missed.length) console.log(`    ${project}: upstream-invalid cases without an error:\n${missed.map((m) => `      ${m}`).join('\n')}`);
      assert.deepEqual(falseErrors, [], 'upstream-valid cases with an error');
      assert.deepEqual(missingWarnings, [], 'cases whose upstream test expects a warning');
      assert.ok(
        agreement.invalidWithError >= committed[project].invalidWithError,
        `${agreement.invalidWithError} upstream-invalid cases get an error, fewer than the committed ${committed[project].invalidWithError}`,
      );
      assert.ok(
        agreement.validWithoutError >= committed[project].validWithoutError,
        `${agreement.validWithoutError} upstream-valid cases pass, fewer than the committed ${committed[project].validWithoutError}`,
      );
    });
  }
});
