import * as assert from 'node:assert/strict';
import { escapeHtml, renderHtml } from '../../common/src/report/html';
import { escapeMarkdown, GITHUB_COMMENT_LIMIT, renderMarkdown } from '../../common/src/report/markdown';
import type { PostureReport, WorkloadPosture } from '../../common/src/report/postureReport';
import { assertGolden, postureFixtureReport } from '../support/postureFixture';

// The HTML page and the Markdown comment of the posture report: goldens of the fixture's report,
// then what must hold for any report: nothing run or fetched, names escaped, comments that fit.

const HOSTILE = `<script>alert("x")</script>' onload='x' & "quoted" | *bold* \`tick\``;

/** The fixture's report with a hostile name on every namespace, workload, port and certificate. */
function hostileReport(): PostureReport {
  const report = postureFixtureReport();
  return {
    ...report,
    roots: [HOSTILE],
    namespaces: report.namespaces.map((n) => ({
      ...n,
      name: `${n.name}${HOSTILE}`,
      workloads: n.workloads.map((w) => ({
        ...w,
        name: `${w.name}${HOSTILE}`,
        meshReason: HOSTILE,
        ports: w.ports.map((p) => ({ ...p, name: HOSTILE, reason: HOSTILE })),
      })),
    })),
    certificates: report.certificates.map((c) => ({ ...c, subject: `CN=${HOSTILE}`, where: HOSTILE })),
    identities: report.identities.map((i) => ({ ...i, identity: HOSTILE })),
  };
}

/** The fixture's report with its shop workload copied `times` times: a report far too long for a comment if nothing were cut. */
function hugeReport(times: number): PostureReport {
  const report = postureFixtureReport();
  const shop = report.namespaces.find((n) => n.name === 'shop')!;
  const copies: WorkloadPosture[] = Array.from({ length: times }, (_, i) => shop.workloads.map((w) => ({ ...w, name: `${w.name}-${i}` }))).flat();
  const blocked = report.namespaces.filter((n) => n.strict.status === 'blocked');
  const namespaces = Array.from({ length: times }, (_, i) => blocked.map((n) => ({ ...n, name: `${n.name}-${i}` }))).flat();
  return {
    ...report,
    namespaces: [...report.namespaces.map((n) => (n === shop ? { ...shop, workloads: copies } : n)), ...namespaces],
    certificates: Array.from({ length: times }, () => report.certificates).flat(),
  };
}

describe('posture report renderers', () => {
  let report: PostureReport;
  before(() => {
    report = postureFixtureReport();
  });

  describe('HTML', () => {
    it('matches the golden report.html', () => {
      assertGolden('report.html', renderHtml(report));
    });

    it('runs and fetches nothing', () => {
      const html = renderHtml(report);
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /\b(src|href|xlink:href)\s*=/i);
      assert.doesNotMatch(html, /url\(|@import|https?:\/\//i);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'no event handler attributes');
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    });

    it('reads in light and dark and prints', () => {
      const html = renderHtml(report);
      assert.match(html, /@media \(prefers-color-scheme: dark\)/);
      assert.match(html, /@media print/);
      assert.match(html, /color-scheme: light dark/);
    });

    it('draws the charts inline: a bar per mesh kind, the port modes, a mark per certificate', () => {
      const html = renderHtml(report);
      assert.equal((html.match(/<svg /g) ?? []).length, 3);
      assert.equal((html.match(/<circle /g) ?? []).length, report.certificates.length);
      for (const mesh of ['Istio sidecar: 5', 'Linkerd: 1', 'No mesh: 1']) assert.ok(html.includes(`<title>${mesh}</title>`), mesh);
      assert.ok(html.includes('<title>mTLS or plaintext: 5</title>'));
    });

    it('uses table headers for columns and rows', () => {
      const html = renderHtml(report);
      assert.match(html, /<th scope="col">Workload<\/th>/);
      assert.match(html, /<th scope="row">Deployment shop\/web <code>shop\/web.yaml:2<\/code><\/th>/);
    });

    it('escapes every text from the report', () => {
      const html = renderHtml(hostileReport());
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /' onload='/);
      assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x&#39; &amp; '));
    });

    it('escapes the five characters HTML gives meaning to, and nothing else', () => {
      assert.equal(escapeHtml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
      assert.equal(escapeHtml('plain text: 1/2 | *'), 'plain text: 1/2 | *');
      assert.equal(escapeHtml('&amp;'), '&amp;amp;');
    });

    it('depends on the report only', () => {
      assert.equal(renderHtml(report), renderHtml(postureFixtureReport()));
      assert.ok(renderHtml(report).includes('Generated 2026-06-01T00:00:00.000Z'));
    });
  });

  describe('Markdown', () => {
    it('matches the golden report.md', () => {
      assertGolden('report.md', renderMarkdown(report));
    });

    it('starts with the summary table, then readiness, with places as text', () => {
      const md = renderMarkdown(report);
      const summary = md.indexOf('| Namespaces | 6 |');
      assert.ok(summary > 0 && summary < md.indexOf('### PERMISSIVE to STRICT'));
      assert.ok(md.includes('- **payments**: ready for STRICT'));
      assert.ok(md.includes('    - Service shop/frontend (`shop/frontend.yaml:'));
      assert.ok(md.includes('  ```yaml\n  apiVersion: security.istio.io/v1\n  kind: PeerAuthentication'));
      assert.doesNotMatch(md, /\]\(/, 'no links: places are plain text');
    });

    it('escapes names that would break tables, start tags or emphasis', () => {
      const md = renderMarkdown(hostileReport());
      assert.doesNotMatch(md, /<script/i);
      assert.ok(md.includes('&lt;script&gt;alert("x")&lt;/script&gt;\' onload=\'x\' &amp; "quoted" \\| \\*bold\\* \\`tick\\`'));
      assert.equal(escapeMarkdown('a|b\nc_d'), 'a\\|b c\\_d');
    });

    it('folds long lists and cuts them with a count to fit a comment', () => {
      const md = renderMarkdown(hugeReport(400));
      assert.ok(md.length <= GITHUB_COMMENT_LIMIT, `${md.length} characters`);
      assert.match(md, /<details>\n<summary>\d+ ports<\/summary>/);
      assert.match(md, /_…and \d+ more rows?, left out to fit a comment\._/);
      assert.ok(md.startsWith('## Mesh posture'));
    });

    it('cuts even a report whose every row is too long, at a line, and says so', () => {
      const report = postureFixtureReport();
      const long = 'x'.repeat(GITHUB_COMMENT_LIMIT);
      const md = renderMarkdown({ ...report, namespaces: report.namespaces.map((n) => ({ ...n, name: `${n.name}-${long}` })) });
      assert.ok(md.length <= GITHUB_COMMENT_LIMIT, `${md.length} characters`);
      assert.ok(md.startsWith('## Mesh posture'));
      assert.match(md, /\n\n_The report was cut here to fit a comment: run `mesh-mtls report --format html` for all of it\._\n$/);
    });

    it('keeps a short report whole', () => {
      const md = renderMarkdown(report);
      assert.doesNotMatch(md, /left out to fit a comment|<details>\n<summary>\d+ ports/);
      for (const p of ['9090 (scrape)', '9102 (admin)', '8080 (http)']) assert.ok(md.includes(p), p);
    });
  });
});
