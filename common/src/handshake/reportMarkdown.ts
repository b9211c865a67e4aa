// "Copy Report as Markdown" and the CLI's text output: the same facts the panel shows, as tables
// that paste into an issue or a pull request.

import type { CertificateDetails } from '../x509/model';
import { objectName } from '../x509/objectName';
import type { EndpointReport } from './endpointProbe';
import type { HandshakeReport } from './handshakeReport';
import type { ScenarioResult } from './scenarios';
import type { WireEvent } from './transcript';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const ms = (value: number | undefined) => (value === undefined ? '' : value.toFixed(1));
const OUTCOME = { pass: '✅ pass', fail: '❌ fail', skip: '— n/a' } as const;
const MODES = { required: 'mTLS required (STRICT)', optional: 'mTLS optional (PERMISSIVE)', tls: 'one-way TLS' } as const;

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`)].join('\n');
}

function chainLines(title: string, chain: CertificateDetails[]): string {
  if (chain.length === 0) return `**${title}:** none`;
  return [
    `**${title}:**`,
    '',
    ...chain.map((c, i) => `${i + 1}. ${objectName(c)} — issued by ${c.issuerCommonName ?? c.issuer}, valid until ${c.notAfter}, ${c.publicKey.description}`),
  ].join('\n');
}

function wireTable(events: WireEvent[]): string {
  return table(
    ['ms', 'from', 'message'],
    events.map((e) => [ms(e.at), e.from, `${e.what}${e.protection === 'decrypted' ? ' (decrypted)' : ''}`]),
  );
}

export function handshakeMarkdown(report: HandshakeReport): string {
  const parts = [
    `## mTLS handshake test: ${report.ok ? 'passed' : 'failed'}`,
    '',
    `Server mode: ${MODES[report.mode]}${report.plaintextClient ? ', plaintext client' : ''}. ${report.protocol ? `Negotiated ${report.protocol}, ${report.cipher ?? 'unknown cipher'}.` : 'No TLS session was negotiated.'} ${report.durationMs.toFixed(1)} ms in all.`,
    '',
  ];
  if (report.error) parts.push(`**Why it failed (${report.error.step}):** ${report.error.reason}`, '', `**Fix:** ${report.error.fix}`, '');
  parts.push(
    table(
      ['step', 'outcome', 'ms', 'what happened'],
      report.steps.map((s) => [s.name, OUTCOME[s.outcome], ms(s.at), s.detail]),
    ),
    '',
  );
  parts.push(chainLines('Server chain', report.serverChain), '', chainLines('Client chain', report.clientChain), '');
  if (report.clientIdentity) parts.push(`**Client identity:** ${report.clientIdentity}`, '');
  parts.push('### On the wire', '', wireTable(report.wire), '');
  return parts.join('\n');
}

export function scenariosMarkdown(results: ScenarioResult[]): string {
  const good = results.filter((r) => r.asExpected).length;
  return [
    `## mTLS scenarios: ${good} of ${results.length} as expected`,
    '',
    table(
      ['scenario', 'expected', 'actual', 'as expected', 'why'],
      results.map((r) => [
        r.name,
        r.expectedFailure ? `failure (${r.expectedFailure})` : r.expected,
        r.actualFailure ? `failure (${r.actualFailure})` : r.actual,
        r.asExpected ? '✅' : '❌',
        r.report.error?.reason ?? `${r.report.protocol ?? 'plaintext'}, echoed`,
      ]),
    ),
    '',
  ].join('\n');
}

export function endpointMarkdown(report: EndpointReport): string {
  const parts = [
    `## TLS endpoint ${report.host}:${report.port}: ${report.ok ? 'handshake completed' : 'handshake failed'}`,
    '',
    `${report.protocol ? `Negotiated ${report.protocol}, ${report.cipher ?? 'unknown cipher'}.` : 'No TLS session was negotiated.'} Client certificate ${report.certificateRequested === undefined ? 'request: not seen' : report.certificateRequested ? 'requested by the server' : 'not requested by the server'}; ${report.clientCertificateSent ? 'one was sent' : 'none was sent'}.`,
    '',
  ];
  for (const failure of [report.verifyFailure, report.serverRefusal?.failure])
    if (failure) parts.push(`**${failure.code}:** ${failure.reason}`, '', `**Fix:** ${failure.fix}`, '');
  parts.push(chainLines('The server presented', report.serverChain), '', '### On the wire', '', wireTable(report.wire), '');
  return parts.join('\n');
}
