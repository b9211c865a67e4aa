import {
  CERTIFICATE_LABELS,
  CERTIFICATE_STATUSES,
  CHECK_LABELS,
  MESH_KINDS,
  MESH_LABELS,
  MODE_LABELS,
  STRICT_LABELS,
  STRICT_STATUSES,
  day,
  placeText,
  plaintextPorts,
  plural,
  refName,
  workloadName,
  workloadsAllowingEveryone,
} from './labels';
import type { PostureReport, ResourceRef } from './postureReport';

// The report as a pull-request comment: the summary table first, then what blocks STRICT, the
// ports that take plaintext, who allows everyone and what expires. Long lists fold into
// <details> and are cut with a count, so the comment stays under GitHub's limit.

/** GitHub refuses a comment body longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Lists longer than this fold into <details>. */
const FOLD_AFTER = 10;
/** Row limits tried in turn until the comment fits. */
const ROW_LIMITS = [200, 50, 15, 5];

/** The report as Markdown that fits a pull-request comment. */
export function renderMarkdown(report: PostureReport): string {
  for (const limit of ROW_LIMITS) {
    const text = render(report, limit);
    if (text.length <= GITHUB_COMMENT_LIMIT) return text;
  }
  // Even five rows a list is too long (thousands of namespaces): keep the summary, cut the rest.
  const text = render(report, 1);
  const note = '\n\n_The report was cut here to fit a comment: run `mesh-mtls report --format html` for all of it._\n';
  if (text.length <= GITHUB_COMMENT_LIMIT) return text;
  const cut = text.lastIndexOf('\n', GITHUB_COMMENT_LIMIT - note.length - 1);
  return text.slice(0, cut) + note;
}

/**
 * Text that Markdown and GitHub's HTML filter show as written: resource names and messages come
 * from the files, and a `|` would break a table, a `<` start a tag, a `*` or `_` emphasis.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|#~!]/g, (c) => `\\${c}`);
}

const e = escapeMarkdown;

/** A code span that holds `text` whatever backticks it has. */
function code(text: string): string {
  // GitHub splits table cells at a `|` even inside a code span, unless it is escaped.
  const clean = text.replace(/[\r\n]+/g, ' ').replace(/\|/g, '\\|');
  const run = Math.max(0, ...[...clean.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(run + 1);
  return `${fence}${run ? ' ' : ''}${clean}${run ? ' ' : ''}${fence}`;
}

function ref(r: ResourceRef): string {
  return `${e(refName(r))} (${code(placeText(r))})`;
}

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

/** A list cut to `limit` rows with a count of the rest, folded into <details> when long. */
function section(title: string, summary: string, header: string[], rows: string[][], limit: number): string[] {
  if (!rows.length) return [];
  const shown = table(header, rows.slice(0, limit));
  if (rows.length > limit) shown.push('', `_…and ${plural(rows.length - limit, 'more row')}, left out to fit a comment._`);
  const body = rows.length > FOLD_AFTER ? ['<details>', `<summary>${e(summary)}</summary>`, '', ...shown, '', '</details>'] : shown;
  return [`### ${title}`, '', ...body, ''];
}

function render(report: PostureReport, limit: number): string {
  const s = report.summary;
  const counts = <K extends string>(keys: readonly K[], values: Record<K, number>, labels: Record<K, string>) =>
    keys.map((k) => `${values[k]} ${labels[k]}`).join(', ');
  const lines: string[] = [
    '## Mesh posture',
    '',
    `${e(report.roots.join(', '))}, ${day(report.generatedAt)} (${e(report.tool.name)} ${e(report.tool.version)}, report format ${report.formatVersion})`,
    '',
    ...table(
      ['', 'Count'],
      [
        ['Namespaces', `${s.namespaces}`],
        ['Workloads', `${s.workloads}: ${counts(MESH_KINDS, s.byMesh, MESH_LABELS)}`],
        ['Exposed meshed ports taking plaintext', `${s.plaintextPorts}`],
        ['Ports bypassing the proxy', `${s.bypassedPorts}`],
        ['Meshed workloads allowing everyone', `${s.workloadsAllowingEveryone}`],
        ['Certificates', counts(CERTIFICATE_STATUSES, s.certificates, CERTIFICATE_LABELS)],
        ['Namespaces and STRICT mTLS', counts(STRICT_STATUSES, s.strict, STRICT_LABELS)],
        ['Lint findings', `${report.findings.error} errors, ${report.findings.warning} warnings, ${report.findings.information} information`],
      ],
    ),
    '',
  ];

  const istio = report.namespaces.filter((n) => n.strict.status !== 'not-applicable');
  if (istio.length) {
    lines.push('### PERMISSIVE to STRICT', '');
    for (const n of istio.slice(0, limit)) {
      lines.push(`- **${e(n.name)}**: ${STRICT_LABELS[n.strict.status]}`);
      for (const check of n.strict.checks.filter((c) => !c.ok)) {
        lines.push(`  - ${e(CHECK_LABELS[check.id])}: ${e(check.detail)}`);
        for (const blocker of check.blockers.slice(0, limit)) lines.push(`    - ${ref(blocker)}`);
        if (check.blockers.length > limit) lines.push(`    - _…and ${plural(check.blockers.length - limit, 'more')}_`);
      }
      if (n.strict.apply) {
        const fence = '`'.repeat(Math.max(3, ...[...n.strict.apply.matchAll(/`+/g)].map((m) => m[0].length + 1)));
        lines.push('', '  <details>', `  <summary>PeerAuthentication to apply in ${e(n.name)}</summary>`, '', `  ${fence}yaml`);
        lines.push(
          ...n.strict.apply
            .trimEnd()
            .split('\n')
            .map((l) => `  ${l}`),
          `  ${fence}`,
          '',
          '  </details>',
          '',
        );
      }
    }
    if (istio.length > limit) lines.push(`- _…and ${plural(istio.length - limit, 'more namespace')}_`);
    lines.push('');
  }

  const ports = plaintextPorts(report);
  lines.push(
    ...section(
      'Ports taking plaintext',
      plural(ports.length, 'port'),
      ['Workload', 'Port', 'Mode', 'Why', 'Where'],
      ports.map(({ workload, port }) => [
        e(workloadName(workload)),
        `${port.port}${port.name ? ` (${e(port.name)})` : ''}`,
        port.bypassedBy ? `${MODE_LABELS[port.mode]}, bypassed` : MODE_LABELS[port.mode],
        e(port.reason),
        code(placeText(port.decidedBy ?? workload.at)),
      ]),
      limit,
    ),
  );

  const callers = report.namespaces.flatMap((n) => n.workloads.flatMap((w) => w.plaintextCallers.map((c) => ({ w, c }))));
  lines.push(
    ...section(
      'Plaintext callers',
      plural(callers.length, 'caller'),
      ['Workload', 'Caller', 'Why', 'Where'],
      callers.map(({ w, c }) => [e(workloadName(w)), e(c.caller), e(c.reason), code(placeText(c.at))]),
      limit,
    ),
  );

  const open = workloadsAllowingEveryone(report);
  lines.push(
    ...section(
      'Meshed workloads allowing everyone',
      plural(open.length, 'workload'),
      ['Workload', 'DENY in force', 'Where'],
      open.map((w) => [
        e(workloadName(w)),
        w.authorization.deny.length ? w.authorization.deny.map((d) => e(d.name)).join(', ') : 'none',
        code(placeText(w.at)),
      ]),
      limit,
    ),
  );

  const identities = report.identities.filter((i) => i.status === 'missing' || i.status === 'foreign-trust-domain');
  lines.push(
    ...section(
      'Identities no service account carries',
      plural(identities.length, 'identity', 'identities'),
      ['Identity', 'Status', 'Named by'],
      identities.map((i) => [e(i.identity), i.status, ref(i.policy)]),
      limit,
    ),
  );

  const due = report.certificates.filter((c) => c.status === 'expired' || c.status === 'expiring');
  lines.push(
    ...section(
      'Certificates expired or expiring',
      plural(due.length, 'certificate'),
      ['Subject', 'Status', 'Not after', 'Days left', 'Where'],
      due.map((c) => [e(c.subject), CERTIFICATE_LABELS[c.status], day(c.notAfter), `${c.daysLeft}`, `${code(placeText(c.at))} ${e(c.where)}`]),
      limit,
    ),
  );

  if (report.managedCertificates.length) {
    lines.push(
      ...section(
        'cert-manager Certificates',
        plural(report.managedCertificates.length, 'Certificate'),
        ['Certificate', 'Duration', 'Renews before expiry', 'Secret here'],
        report.managedCertificates.map((m) => [ref(m.ref), code(m.duration), code(m.renewBefore), m.secretInWorkspace ? 'yes' : 'no']),
        limit,
      ),
    );
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
