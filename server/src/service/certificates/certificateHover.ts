import type { Hover, Position, Range } from 'vscode-languageserver-types';
import type { CertificateDetails, DecodedObject, SubjectAltNames } from '../../../../common/src/x509/model';
import { escapeUnsafe } from '../../../../common/src/x509/printable';
import { chainVerdict, isDecodedLabel, issuerPhrase, objectSummary } from './describe';
import type { DocumentObjects } from './found';

/** Hover on an object: its lens summary, and for certificates validity in UTC and local time. */
export function certificateHoverAt(found: DocumentObjects, position: Position, now: Date, options: { timeZone: string }): Hover | undefined {
  for (const group of found.groups) {
    const index = group.objects.findIndex((o) => contains(o.range, position));
    if (index < 0) continue;
    const object = group.objects[index];
    if (object.decoded.kind === 'unreadable' && !isDecodedLabel(object.label)) return undefined;
    const lines = [`**${escape(objectSummary(object.decoded, now))}**`, '', ...details(object.decoded, options.timeZone)];
    const verdict = object.decoded.kind === 'certificate' ? chainVerdict(group) : undefined;
    if (verdict) lines.push('', escape(verdict));
    lines.push('', `*${escape(object.source)}*`);
    return { contents: { kind: 'markdown', value: lines.join('\n') }, range: object.range };
  }
  return undefined;
}

function details(decoded: DecodedObject, timeZone: string): string[] {
  switch (decoded.kind) {
    case 'certificate':
      return certificateLines(decoded, timeZone);
    case 'csr':
      return [`Subject: ${code(decoded.subject || '(empty)')}`, ...sanLines(decoded.subjectAltNames)];
    case 'privateKey':
      return [`Format: ${decoded.format}${decoded.encrypted ? ', encrypted' : ', not encrypted'}`];
    case 'publicKey':
      return [`Key: ${decoded.publicKey.description}`, `SPKI SHA-256: ${code(decoded.publicKey.spkiSha256)}`];
    case 'unreadable':
      return [];
  }
}

function certificateLines(c: CertificateDetails, timeZone: string): string[] {
  return [
    `Subject: ${code(c.subject || '(empty)')}`,
    `Issuer: ${code(c.issuer || '(empty)')} (${issuerPhrase(c)})`,
    ...sanLines(c.subjectAltNames),
    '',
    '| | UTC | Local time |',
    '|---|---|---|',
    `| Not before | ${utc(c.notBefore)} | ${local(c.notBefore, timeZone)} |`,
    `| Not after | ${utc(c.notAfter)} | ${local(c.notAfter, timeZone)} |`,
    '',
    `Local time is the language server's time zone, ${timeZone}.`,
    '',
    `Serial ${code(c.serialNumber)} · ${c.isCA ? `CA${c.pathLength !== undefined ? `, path length ${c.pathLength}` : ''}` : 'not a CA'} · ${c.signatureAlgorithm}`,
    `SHA-256 ${code(c.fingerprints.sha256)}`,
  ];
}

function sanLines(names: SubjectAltNames): string[] {
  const all = [
    ...names.dns.map((n) => `DNS ${n}`),
    ...names.ip.map((n) => `IP ${n}`),
    ...names.uri.map((n) => `URI ${n}`),
    ...names.email.map((n) => `email ${n}`),
    ...names.other,
  ];
  if (all.length === 0) return ['No subject alternative names'];
  const shown = all.slice(0, 8).map(code).join(', ');
  return [`Names: ${shown}${all.length > 8 ? `, and ${all.length - 8} more` : ''}`];
}

/** "2026-11-22 12:00 UTC". */
function utc(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d\d\.\d{3}Z$/, ' UTC');
}

/** "2026-11-22 13:00 CET" in the given zone. */
function local(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')} ${part('timeZoneName')}`;
}

function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

/** Names come from certificates anyone can write: control and bidi characters are shown escaped (\u202E). */
function code(text: string): string {
  return `\`${escapeUnsafe(text).replace(/`/g, "'")}\``;
}

/** …and markdown must not read them as markup. */
function escape(text: string): string {
  return escapeUnsafe(text).replace(/[\\`*_[\]<>]/g, (c) => `\\${c}`);
}
