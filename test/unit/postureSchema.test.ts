import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from '../rig/paths';
import { POSTURE_EXPECTED, postureFixtureReport } from '../support/postureFixture';
import { checkAgainstSchema, describedProperties, type SubsetSchema } from '../support/schemaSubset';

// The posture report's published contract: docs/posture-report.schema.json must accept the
// report (the golden and a fresh one), describe every field it has, and the prose in
// docs/posture-report.md must name every field the schema does.

const schema = JSON.parse(readFileSync(path.join(ROOT, 'docs', 'posture-report.schema.json'), 'utf8')) as SubsetSchema;
const golden = (): Record<string, unknown> => JSON.parse(readFileSync(path.join(POSTURE_EXPECTED, 'report.json'), 'utf8')) as Record<string, unknown>;

describe('posture report JSON schema', () => {
  it('is draft 2020-12', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  it('accepts the golden report and describes every field in it', () => {
    assert.deepEqual(checkAgainstSchema(schema, golden()), { errors: [], undescribed: [] });
  });

  it('accepts the report as computed now', () => {
    const report = JSON.parse(JSON.stringify(postureFixtureReport())) as unknown;
    assert.deepEqual(checkAgainstSchema(schema, report), { errors: [], undescribed: [] });
  });

  it('rejects a report missing a required field, with a value outside an enum or of the wrong type', () => {
    const report = golden() as {
      formatVersion: unknown;
      summary: Record<string, unknown>;
      namespaces: Array<{ workloads: Array<{ ports: Array<Record<string, unknown>> }> }>;
    };
    delete report.summary.bypassedPorts;
    report.namespaces[0].workloads[0].ports[0].mode = 'tls';
    report.formatVersion = '1';
    const { errors } = checkAgainstSchema(schema, report);
    assert.deepEqual(errors, [
      '/formatVersion: is "1", not 1',
      '/summary: lacks required bypassedPorts',
      '/namespaces/0/workloads/0/ports/0/mode: "tls" is not one of mtls, mtls-or-plaintext, plaintext, refused, unknown',
    ]);
  });

  it('notices a field the schema does not describe', () => {
    const report = golden() as { certificates: Array<Record<string, unknown>> };
    report.certificates[0].serial = '01';
    assert.deepEqual(checkAgainstSchema(schema, report).undescribed, ['/certificates/0/serial']);
  });

  it('has every field documented in docs/posture-report.md', () => {
    const prose = readFileSync(path.join(ROOT, 'docs', 'posture-report.md'), 'utf8');
    const missing = [...describedProperties(schema)].filter((name) => !prose.includes(`\`${name}\``));
    assert.deepEqual(missing, []);
  });
});
