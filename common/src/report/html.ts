import {
  CERTIFICATE_LABELS,
  CERTIFICATE_STATUSES,
  CHECK_LABELS,
  MESH_KINDS,
  MESH_LABELS,
  MODE_LABELS,
  PORT_MODES,
  STRICT_LABELS,
  day,
  placeText,
  plaintextPorts,
  plural,
  portModeCounts,
  refName,
  workloadName,
  workloadsAllowingEveryone,
} from './labels';
import type { CertificateEntry, NamespacePosture, PostureReport, ResourceRef } from './postureReport';

// The report as one page that opens anywhere, offline: inline CSS and SVG only, no script and
// nothing fetched, light or dark as the reader's system is, and printable. Every text from the
// report goes through escapeHtml: resource names and messages come from files anyone can write.

/** Text safe in HTML element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const h = escapeHtml;

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --good: #1a7f37; --warn: #9a6700; --bad: #cf222e; --info: #0969da; --idle: #818b98; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #161b22; --line: #3d444d;
    --good: #3fb950; --warn: #d29922; --bad: #f85149; --info: #4493f8; --idle: #9198a1; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 72rem; padding: 1.5rem; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
.meta, .note { color: var(--muted); }
code, pre { font: .9em/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
pre { background: var(--panel); border: 1px solid var(--line); padding: .75rem; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--panel); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(11rem, 1fr)); gap: .75rem; margin: 1rem 0; }
.card { background: var(--panel); border: 1px solid var(--line); padding: .6rem .8rem; }
.card strong { display: block; font-size: 1.5rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr)); gap: 1rem; }
figure { margin: 0; } figcaption { font-weight: 600; margin-bottom: .25rem; }
svg { max-width: 100%; height: auto; } svg text { fill: var(--fg); font: 12px system-ui, sans-serif; }
.track { fill: var(--panel); stroke: var(--line); } .axis { stroke: var(--muted); } .now { stroke: var(--info); stroke-dasharray: 4 3; }
.s-good { fill: var(--good); color: var(--good); } .s-warn { fill: var(--warn); color: var(--warn); } .s-bad { fill: var(--bad); color: var(--bad); }
.s-info { fill: var(--info); color: var(--info); } .s-idle { fill: var(--idle); color: var(--idle); }
.badge { font-weight: 600; }
.legend { list-style: none; padding: 0; margin: .25rem 0; display: flex; flex-wrap: wrap; gap: .25rem 1rem; }
.legend span { display: inline-block; width: .8em; height: .8em; margin-right: .3em; background: currentColor; }
.blockers { margin: .25rem 0 0 1.25rem; padding: 0; }
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --panel: #fff; --line: #999; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  section, figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  pre { white-space: pre-wrap; }
}
`;

type Tone = 'good' | 'warn' | 'bad' | 'info' | 'idle';
const MESH_TONES: Record<string, Tone> = { 'istio-sidecar': 'info', 'istio-ambient': 'info', linkerd: 'good', none: 'bad', unknown: 'idle' };
const MODE_TONES: Record<string, Tone> = { mtls: 'good', 'mtls-or-plaintext': 'warn', plaintext: 'bad', refused: 'idle', unknown: 'idle' };
const CERT_TONES: Record<string, Tone> = { expired: 'bad', expiring: 'warn', valid: 'good', 'not-yet-valid': 'idle' };
const STRICT_TONES: Record<string, Tone> = { strict: 'good', ready: 'info', blocked: 'bad', 'not-applicable': 'idle' };
/** Certificates drawn on the timeline; the table below it lists them all. */
const TIMELINE_MARKS = 60;

/** The report as one self-contained HTML page: inline CSS and SVG, no scripts, light and dark, printable. */
export function renderHtml(report: PostureReport): string {
  const title = `Mesh posture: ${report.roots.join(', ')}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    // Nothing on this page may load or run anything: the policy says so to the browser too.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${h(title)}</h1>`,
    `<p class="meta">Generated ${h(report.generatedAt)} by ${h(report.tool.name)} ${h(report.tool.version)} (report format ${report.formatVersion}). Root namespace ${h(report.settings.rootNamespace)}, trust domain ${h(report.settings.trustDomain)}; certificates expiring within ${report.settings.expiringSoonDays} days are flagged. Lint findings: ${report.findings.error} errors, ${report.findings.warning} warnings, ${report.findings.information} information.</p>`,
    '</header>',
    '<main>',
    summarySection(report),
    strictSection(report),
    portsSection(report),
    authorizationSection(report),
    certificatesSection(report),
    namespacesSection(report),
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function ref(r: ResourceRef): string {
  return `${h(refName(r))} <code>${h(placeText(r))}</code>`;
}

function badge(tone: Tone, text: string): string {
  return `<span class="badge s-${tone}">${h(text)}</span>`;
}

function table(caption: string, header: string[], rows: string[][]): string {
  if (!rows.length) return `<p class="note">${h(caption)}: none.</p>`;
  return [
    '<table>',
    `<caption class="note">${h(caption)}</caption>`,
    `<thead><tr>${header.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((row) => `<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${cell}</th>` : `<td>${cell}</td>`)).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function summarySection(report: PostureReport): string {
  const s = report.summary;
  const card = (value: number, label: string) => `<div class="card"><strong>${value}</strong>${h(label)}</div>`;
  return [
    '<section aria-labelledby="summary">',
    '<h2 id="summary">Summary</h2>',
    '<div class="cards">',
    card(s.namespaces, 'namespaces'),
    card(s.workloads, 'workloads'),
    card(s.plaintextPorts, 'exposed meshed ports taking plaintext'),
    card(s.bypassedPorts, 'ports bypassing the proxy'),
    card(s.workloadsAllowingEveryone, 'meshed workloads allowing everyone'),
    card(s.certificates.expired + s.certificates.expiring, 'certificates expired or expiring'),
    '</div>',
    '<div class="charts">',
    barChart(
      'mesh',
      'Workloads by mesh',
      MESH_KINDS.map((k) => ({ label: MESH_LABELS[k], value: s.byMesh[k], tone: MESH_TONES[k] })),
    ),
    stackedBar(
      'modes',
      'Inbound ports by mode',
      (() => {
        const counts = portModeCounts(report);
        return PORT_MODES.map((m) => ({ label: MODE_LABELS[m], value: counts[m], tone: MODE_TONES[m] }));
      })(),
    ),
    '</div>',
    '</section>',
  ].join('\n');
}

interface Bar {
  label: string;
  value: number;
  tone: Tone;
}

/** Horizontal bars, one per value, with the number written beside each. */
function barChart(id: string, caption: string, bars: Bar[]): string {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowHeight = 24;
  const labelWidth = 110;
  const width = 360;
  const span = width - labelWidth - 40;
  const rows = bars.map((b, i) => {
    const y = i * rowHeight;
    const w = (b.value / max) * span;
    return [
      `<text x="0" y="${y + 16}">${h(b.label)}</text>`,
      `<rect class="track" x="${labelWidth}" y="${y + 4}" width="${span}" height="16"/>`,
      `<rect class="s-${b.tone}" x="${labelWidth}" y="${y + 4}" width="${w.toFixed(1)}" height="16"><title>${h(`${b.label}: ${b.value}`)}</title></rect>`,
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + 16}">${b.value}</text>`,
    ].join('');
  });
  return figure(id, caption, width, bars.length * rowHeight, rows.join('\n'), bars);
}

/** One bar split by share, for parts of a whole. */
function stackedBar(id: string, caption: string, parts: Bar[]): string {
  const total = parts.reduce((sum, p) => sum + p.value, 0);
  const width = 360;
  let x = 0;
  const segments = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const w = (p.value / total) * width;
      const segment = `<rect class="s-${p.tone}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="28"><title>${h(`${p.label}: ${p.value}`)}</title></rect>`;
      x += w;
      return segment;
    });
  const body = total ? segments.join('\n') : `<rect class="track" x="0" y="0" width="${width}" height="28"/>`;
  return figure(id, caption, width, 28, body, parts);
}

function figure(id: string, caption: string, width: number, height: number, body: string, legend: Bar[]): string {
  const summary = legend.map((b) => `${b.label} ${b.value}`).join(', ');
  return [
    '<figure>',
    `<figcaption id="${id}-title">${h(caption)}</figcaption>`,
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<desc id="${id}-desc">${h(summary)}</desc>`,
    body,
    '</svg>',
    `<ul class="legend">${legend.map((b) => `<li class="s-${b.tone}"><span></span>${h(`${b.label}: ${b.value}`)}</li>`).join('')}</ul>`,
    '</figure>',
  ].join('\n');
}

function strictSection(report: PostureReport): string {
  const istio = report.namespaces.filter((n) => n.strict.status !== 'not-applicable');
  const parts = ['<section aria-labelledby="strict">', '<h2 id="strict">PERMISSIVE to STRICT, per namespace</h2>'];
  if (!istio.length) parts.push('<p class="note">No namespace has Istio workloads.</p>');
  for (const n of istio) parts.push(readiness(n));
  parts.push('</section>');
  return parts.join('\n');
}

function readiness(n: NamespacePosture): string {
  const rows = n.strict.checks.map((c) => [
    h(CHECK_LABELS[c.id]),
    c.ok ? badge('good', 'ok') : badge('bad', 'blocks'),
    h(c.detail) + (c.blockers.length ? `<ul class="blockers">${c.blockers.map((b) => `<li>${ref(b)}</li>`).join('')}</ul>` : ''),
  ]);
  return [
    `<h3>${h(n.name)}: ${badge(STRICT_TONES[n.strict.status], STRICT_LABELS[n.strict.status])}</h3>`,
    table(`Readiness checks for ${n.name}`, ['Check', 'Result', 'Detail'], rows),
    n.strict.apply ? `<p>Nothing blocks STRICT. Apply:</p>\n<pre><code>${h(n.strict.apply)}</code></pre>` : '',
  ].join('\n');
}

function portsSection(report: PostureReport): string {
  const ports = plaintextPorts(report);
  const callers = report.namespaces.flatMap((n) => n.workloads.flatMap((w) => w.plaintextCallers.map((c) => ({ w, c }))));
  return [
    '<section aria-labelledby="plaintext">',
    '<h2 id="plaintext">Plaintext</h2>',
    table(
      `${plural(ports.length, 'port')} taking plaintext`,
      ['Workload', 'Port', 'Mode', 'Decided at', 'Why', 'Exposed by'],
      ports.map(({ workload, port }) => [
        h(workloadName(workload)),
        h(`${port.port}${port.name ? ` (${port.name})` : ''}`),
        badge(MODE_TONES[port.mode], port.bypassedBy ? `${MODE_LABELS[port.mode]}, bypassed` : MODE_LABELS[port.mode]),
        port.decidedBy ? `${h(port.level)}: ${ref(port.decidedBy)}` : h(port.level),
        h(port.reason),
        h(port.exposedBy.join(', ') || 'no Service'),
      ]),
    ),
    table(
      `${plural(callers.length, 'plaintext caller')}`,
      ['Workload', 'Caller', 'Why', 'Where'],
      callers.map(({ w, c }) => [h(workloadName(w)), h(c.caller), h(c.reason), `<code>${h(placeText(c.at))}</code>`]),
    ),
    '</section>',
  ].join('\n');
}

function authorizationSection(report: PostureReport): string {
  const open = workloadsAllowingEveryone(report);
  const governed = report.namespaces.flatMap((n) => n.workloads.filter((w) => w.authorization.deny.length || w.authorization.custom.length));
  return [
    '<section aria-labelledby="authorization">',
    '<h2 id="authorization">Authorization</h2>',
    table(
      `${plural(open.length, 'meshed workload')} with no ALLOW policy: every request the mesh lets through is allowed`,
      ['Workload', 'Service account', 'Where'],
      open.map((w) => [h(workloadName(w)), h(w.serviceAccount), `<code>${h(placeText(w.at))}</code>`]),
    ),
    table(
      `${plural(governed.length, 'workload')} under DENY or CUSTOM policies`,
      ['Workload', 'DENY', 'CUSTOM'],
      governed.map((w) => [h(workloadName(w)), w.authorization.deny.map(ref).join('<br>'), w.authorization.custom.map(ref).join('<br>')]),
    ),
    table(
      'Identities named by authorization policies',
      ['Identity', 'Status', 'Named by'],
      report.identities.map((i) => [
        `<code>${h(i.identity)}</code>`,
        badge(i.status === 'found' ? 'good' : i.status === 'unknown' ? 'idle' : 'bad', i.status),
        ref(i.policy),
      ]),
    ),
    '</section>',
  ].join('\n');
}

function certificatesSection(report: PostureReport): string {
  return [
    '<section aria-labelledby="certificates">',
    '<h2 id="certificates">Certificates</h2>',
    timeline(report),
    table(
      `${plural(report.certificates.length, 'certificate')}, soonest expiry first`,
      ['Subject', 'Status', 'Not before', 'Not after', 'Days left', 'Identity', 'Where'],
      report.certificates.map((c) => [
        h(c.subject) + (c.isCa ? ' <span class="note">(CA)</span>' : ''),
        badge(CERT_TONES[c.status], CERTIFICATE_LABELS[c.status]),
        h(day(c.notBefore)),
        h(day(c.notAfter)),
        `${c.daysLeft}`,
        c.identity ? `<code>${h(c.identity)}</code>` : '',
        `<code>${h(placeText(c.at))}</code> ${h(c.where)}`,
      ]),
    ),
    table(
      'cert-manager Certificates (issued in the cluster)',
      ['Certificate', 'Issuer', 'Duration', 'Renews before expiry', 'Secret in the workspace'],
      report.managedCertificates.map((m) => [
        ref(m.ref),
        h(m.issuer),
        `<code>${h(m.duration)}</code>`,
        `<code>${h(m.renewBefore)}</code>`,
        m.secretInWorkspace ? 'yes' : 'no',
      ]),
    ),
    '</section>',
  ].join('\n');
}

/** Each certificate's lifetime as a line, with a mark at its expiry and the report's time across all. */
function timeline(report: PostureReport): string {
  const shown: CertificateEntry[] = report.certificates.slice(0, TIMELINE_MARKS);
  if (!shown.length) return '<p class="note">No certificates in the workspace.</p>';
  const now = Date.parse(report.generatedAt);
  const times = shown.flatMap((c) => [Date.parse(c.notBefore), Date.parse(c.notAfter)]);
  const start = Math.min(now, ...times);
  const end = Math.max(now, ...times);
  const labelWidth = 220;
  const width = 720;
  const rowHeight = 18;
  const top = 20;
  const span = width - labelWidth - 10;
  const x = (t: number) => (labelWidth + ((t - start) / Math.max(1, end - start)) * span).toFixed(1);
  const height = top + shown.length * rowHeight + 6;
  const rows = shown.map((c, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    const label = c.subject.length > 32 ? `${c.subject.slice(0, 31)}…` : c.subject;
    const tip = `${c.subject}: ${CERTIFICATE_LABELS[c.status]}, ${day(c.notBefore)} to ${day(c.notAfter)} (${c.daysLeft} days left), ${placeText(c.at)}`;
    return [
      `<text x="0" y="${y + 4}">${h(label)}</text>`,
      `<line class="axis" x1="${x(Date.parse(c.notBefore))}" y1="${y}" x2="${x(Date.parse(c.notAfter))}" y2="${y}"/>`,
      `<circle class="s-${CERT_TONES[c.status]}" cx="${x(Date.parse(c.notAfter))}" cy="${y}" r="5"><title>${h(tip)}</title></circle>`,
    ].join('');
  });
  const body = [
    `<text x="${labelWidth}" y="12">${h(day(new Date(start).toISOString()))}</text>`,
    `<text x="${width - 10}" y="12" text-anchor="end">${h(day(new Date(end).toISOString()))}</text>`,
    `<line class="now" x1="${x(now)}" y1="${top - 4}" x2="${x(now)}" y2="${height}"/>`,
    `<text x="${x(now)}" y="${top - 6}" text-anchor="middle">now</text>`,
    ...rows,
  ].join('\n');
  const legend = CERTIFICATE_STATUSES.map((s) => ({ label: CERTIFICATE_LABELS[s], value: report.summary.certificates[s], tone: CERT_TONES[s] }));
  const note =
    report.certificates.length > shown.length
      ? `<p class="note">The ${TIMELINE_MARKS} soonest expiries are drawn; the table lists all ${report.certificates.length}.</p>`
      : '';
  return figure('timeline', 'Certificate lifetimes and expiry', width, height, body, legend) + note;
}

function namespacesSection(report: PostureReport): string {
  const parts = ['<section aria-labelledby="workloads">', '<h2 id="workloads">Workloads and ports</h2>'];
  for (const n of report.namespaces) {
    parts.push(`<h3>${h(n.name)}${n.at ? ` <code>${h(placeText(n.at))}</code>` : ''}</h3>`);
    parts.push(
      table(
        `${plural(n.workloads.length, 'workload')} in ${n.name}`,
        ['Workload', 'Mesh', 'Ports', 'ALLOW policies', 'Outbound bypass'],
        n.workloads.map((w) => [
          `${h(workloadName(w))} <code>${h(placeText(w.at))}</code>`,
          `${badge(MESH_TONES[w.mesh], MESH_LABELS[w.mesh])}<br><span class="note">${h(w.meshReason)}</span>`,
          w.ports.map((p) => `${h(String(p.port))} ${badge(MODE_TONES[p.mode], MODE_LABELS[p.mode])} <span class="note">(${h(p.level)})</span>`).join('<br>') ||
            'none',
          w.authorization.allow.map(ref).join('<br>') || (w.authorization.allowsEveryone ? 'none: allows everyone' : 'none'),
          w.outboundBypass.map((b) => `<code>${h(`${b.annotation}=${b.value}`)}</code>`).join('<br>') || 'none',
        ]),
      ),
    );
  }
  parts.push('</section>');
  return parts.join('\n');
}
