import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as assert from 'node:assert/strict';
import type { PostureReport } from '../../common/src/report/postureReport';
import { resourcesOf } from '../../server/src/analysis/resources';
import { DEFAULT_ANALYSIS_SETTINGS, WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseDocument, type ParsedDocument } from '../../server/src/documents/parsedDocument';
import { certificatesOf, certificatesOfFile, postureReport, type CertificateSource, type PostureInput } from '../../server/src/report/posture';
import { ROOT } from '../rig/paths';

// The posture fixture (test/fixtures/posture, described in its README) read as the editor reads a
// workspace, and its report at a fixed time, so the goldens do not drift with the clock.

export const POSTURE_FIXTURE = path.join(ROOT, 'test', 'fixtures', 'posture');
export const POSTURE_EXPECTED = path.join(POSTURE_FIXTURE, 'expected');
export const POSTURE_NOW = new Date('2026-06-01T00:00:00Z');
/** The tool version in the goldens: the real one would change them at every release. */
export const GOLDEN_VERSION = '0.0.0-golden';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'expected' ? [] : filesUnder(file);
    return /\.(ya?ml|pem|der)$/.test(entry.name) ? [file] : [];
  });
}

/** The report of parsed documents (and certificate files read as bytes) as one workspace, as the editor and the CLI read theirs. */
export function postureOf(documents: ParsedDocument[], input: Omit<PostureInput, 'model' | 'certificates'>, files: CertificateSource[] = []): PostureReport {
  const model = new WorkspaceModel(
    documents.flatMap((d) => (d.yaml ? resourcesOf(d.uri, d.yaml) : [])),
    DEFAULT_ANALYSIS_SETTINGS,
  );
  return postureReport({ model, certificates: [...documents.map(certificatesOf), ...files], ...input });
}

export function postureFixtureReport(): PostureReport {
  const files = filesUnder(POSTURE_FIXTURE).sort();
  const manifests = files.filter((file) => /\.ya?ml$/.test(file));
  const documents = manifests.map((file) => parseDocument(pathToFileURL(file).href, 'yaml', 0, readFileSync(file, 'utf8')));
  // Certificate files as mesh-mtls report and the editor read them: bytes, PEM or DER.
  const certificateFiles = files.filter((file) => !manifests.includes(file)).map((file) => certificatesOfFile(pathToFileURL(file).href, readFileSync(file)));
  const report = postureOf(
    documents,
    {
      pathOf: (uri) => path.relative(POSTURE_FIXTURE, new URL(uri).pathname).split(path.sep).join('/'),
      now: POSTURE_NOW,
      expiringSoonDays: 30,
      // What `lint test/fixtures/posture` reports: the three warnings the README lists.
      findings: { error: 0, warning: 3, information: 0 },
      roots: ['test/fixtures/posture'],
    },
    certificateFiles,
  );
  return { ...report, tool: { ...report.tool, version: GOLDEN_VERSION } };
}

/** Compares `actual` with the committed golden file; UPDATE_GOLDEN=1 rewrites the file instead. */
export function assertGolden(name: string, actual: string): void {
  const file = path.join(POSTURE_EXPECTED, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(POSTURE_EXPECTED, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  assert.ok(existsSync(file), `${name} has no golden yet: run the test with UPDATE_GOLDEN=1 and review the file`);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from its golden (UPDATE_GOLDEN=1 rewrites it; review the diff)`);
}
