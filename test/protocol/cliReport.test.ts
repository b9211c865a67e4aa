import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { renderHtml } from '../../common/src/report/html';
import { renderMarkdown } from '../../common/src/report/markdown';
import type { PostureReport } from '../../common/src/report/postureReport';
import { ROOT } from '../rig/paths';
import { GOLDEN_VERSION, POSTURE_EXPECTED } from '../support/postureFixture';

// `mesh-mtls report` run as users run it, on the posture fixture (test/fixtures/posture) at the
// goldens' time: the same report as the core's golden, the same renderers, and lint's exit code.

const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd: ROOT });
const FIXTURE = 'test/fixtures/posture';
const NOW = ['--now', '2026-06-01T00:00:00Z'];

function lintCounts(): PostureReport['findings'] {
  const found = JSON.parse(cli('lint', '--format', 'json', FIXTURE).stdout) as Array<{ severity: string }>;
  const count = (severity: string) => found.filter((f) => f.severity === severity).length;
  return { error: count('error'), warning: count('warning'), information: count('information') };
}

describe('mesh-mtls report', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'mm-report-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the JSON report of a folder: the golden, with the lint findings of the same files counted', () => {
    const result = cli('report', '--format', 'json', ...NOW, FIXTURE);
    assert.equal(result.status, 0, result.stderr);
    const report = JSON.parse(result.stdout) as PostureReport;
    assert.deepEqual(report.findings, lintCounts());
    assert.deepEqual(report.roots, [FIXTURE]);
    const golden = JSON.parse(readFileSync(path.join(POSTURE_EXPECTED, 'report.json'), 'utf8')) as PostureReport;
    assert.deepEqual({ ...report, tool: { ...report.tool, version: GOLDEN_VERSION }, findings: golden.findings }, golden);
  });

  it('renders Markdown and HTML (the default) with the same renderers, from the same report', () => {
    const report = JSON.parse(cli('report', '--format', 'json', ...NOW, FIXTURE).stdout) as PostureReport;
    assert.equal(cli('report', '--format', 'markdown', ...NOW, FIXTURE).stdout, renderMarkdown(report));
    const html = cli('report', ...NOW, FIXTURE).stdout;
    assert.equal(html, renderHtml(report));
    assert.doesNotMatch(html, /<script/i);
  });

  it('writes --output instead of printing, and counts expiry from --now', () => {
    const file = path.join(dir, 'posture.md');
    const result = cli('report', '--format', 'markdown', '--output', file, ...NOW, FIXTURE);
    assert.equal(result.status, 0);
    assert.equal(result.stdout, '');
    assert.match(readFileSync(file, 'utf8'), /payments/);
    // A year on, the certificate that was expiring has expired too.
    const later = JSON.parse(cli('report', '--format', 'json', '--now', '2027-06-01T00:00:00Z', FIXTURE).stdout) as PostureReport;
    const then = JSON.parse(cli('report', '--format', 'json', ...NOW, FIXTURE).stdout) as PostureReport;
    assert.ok(later.summary.certificates.expired > then.summary.certificates.expired);
  });

  it("exits as lint does: 1 at --fail-on's severity, 2 for a folder it cannot read or a wrong command line", () => {
    assert.equal(cli('report', '--format', 'json', '--fail-on', 'warning', ...NOW, FIXTURE).status, 1);
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: x, namespace: shop}\nspec:\n  mtls:\n    mode: Strict\n');
    const withError = cli('report', '--format', 'json', bad);
    assert.equal(withError.status, 1);
    assert.equal((JSON.parse(withError.stdout) as PostureReport).findings.error, 1);
    assert.equal(cli('report', path.join(dir, 'missing')).status, 2);
    for (const args of [['--format', 'pdf', FIXTURE], ['--now', 'yesterday', FIXTURE], ['--expiring-soon-days', '-1', FIXTURE], []]) {
      const result = cli('report', ...args);
      assert.equal(result.status, 2, args.join(' '));
      assert.match(result.stderr, /mesh-mtls/);
    }
  });
});
