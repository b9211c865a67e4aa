import { MarkupKind, type Hover, type Position, type Range } from 'vscode-languageserver-types';
import type { DecodedObject } from '../../../../common/src/x509/model';
import { objectTitle } from '../codeLens';
import type { DocumentObjects } from './documentObjects';

/** Hover over a certificate, request or key: what its lens says, and for a certificate its validity in UTC and local time. */
export function certificateHover(found: DocumentObjects, position: Position, now: Date): Hover | undefined {
  const object = found.objects.find((o) => contains(o.range, position));
  if (!object) return undefined;
  const lines = [`**${escape(objectTitle(object.decoded, now))}**`, '', ...details(object.decoded), '', `_${escape(object.source)}_`];
  return { range: object.range, contents: { kind: MarkupKind.Markdown, value: lines.join('\n') } };
}

function details(decoded: DecodedObject): string[] {
  if (decoded.kind !== 'certificate') return [];
  const sans = Object.entries(decoded.subjectAltNames).flatMap(([kind, values]) => (values as string[]).map((v) => `${kind.toUpperCase()}:${v}`));
  return [
    `Subject: ${code(decoded.subject || '(empty)')}  `,
    `Issuer: ${code(decoded.issuer || '(empty)')}  `,
    ...(sans.length ? [`Names: ${sans.map(code).join(', ')}  `] : []),
    `Valid from ${both(decoded.notBefore)}  `,
    `Valid until ${both(decoded.notAfter)}  `,
    `${decoded.isCA ? `CA${decoded.pathLength !== undefined ? `, path length ${decoded.pathLength}` : ''}` : 'Not a CA'} · ${decoded.signatureAlgorithm}  `,
    `SHA-256 ${code(decoded.fingerprints.sha256)}`,
  ];
}

/** UTC, then the language server's local time (its machine's time zone). */
function both(iso: string): string {
  const date = new Date(iso);
  const local = date.toLocaleString('en-GB', { timeZoneName: 'short' });
  return `${date.toISOString().replace('T', ' ').replace(/\.000Z$/, ' UTC')} (local: ${local})`;
}

function contains(range: Range, position: Position): boolean {
  const after = position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const before = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return after && before;
}

// Certificate fields are attacker-controlled: nothing in them may turn into markdown.
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}
