import { isMap, isScalar, type Node } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import { parseGoDuration } from '../../../../common/src/time/goDuration';
import type { DiagnosticCode } from '../../documents/diagnostic';
import { pairKey } from '../validation/context';
import type { Path, ResourceView } from './resourceView';

// Field readers shared by the cert-manager rules (certManager*.ts).

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function stringItems(r: ResourceView, path: Path, from?: Node): Array<{ node: Node; value: string }> {
  return r
    .items(path, from)
    .flatMap((node) => (isScalar(node) && typeof node.value === 'string' && !r.ctx.isTemplated(node) ? [{ node, value: node.value }] : []));
}

/** Keys written in a mapping, with their key nodes. */
export function writtenKeys(r: ResourceView, path: Path, from?: Node): string[] {
  const node = r.node(path, from);
  return isMap(node)
    ? node.items.flatMap((pair) => (pairKey(pair) !== undefined && !(isScalar(pair.value) && pair.value.value === null) ? [pairKey(pair)!] : []))
    : [];
}

/** Whether a string field is missing or empty, as Go's zero value (a templated value counts as set). */
export function isBlank(r: ResourceView, path: Path, from?: Node): boolean {
  if (!r.has(path, from)) return !r.mayHave(path, from);
  return r.value(path, from) === '';
}

/** A duration field: parsed, or reported when Go would not read it. */
export function duration(r: ResourceView, path: Path, from?: Node): number | undefined {
  const text = r.string(path, from);
  if (text === undefined) return undefined;
  const ms = parseGoDuration(text);
  if (ms === undefined) {
    const hint = /^\d+d$/.test(text)
      ? ` Days are not a unit: write ${Number(text.slice(0, -1)) * 24}h.`
      : ' Write hours, minutes and seconds, like 2160h or 1h30m.';
    r.ctx.error(
      r.valueRange(r.node(path, from)!),
      'cert-manager-duration',
      `"${text}" is not a duration.${hint}`,
      /^\d+d$/.test(text) ? { title: `Change to ${Number(text.slice(0, -1)) * 24}h`, replacement: `${Number(text.slice(0, -1)) * 24}h` } : undefined,
    );
  }
  return ms;
}

/**
 * Reports a field the webhook requires, left out or empty, as an error at the mapping that should
 * hold it. When the CRD schema has already noted the missing field (a warning), that note gives way
 * to this error, so the refusal is said once.
 */
export function refuseMissing(r: ResourceView, parent: Path, field: string, code: DiagnosticCode, message: string, from?: Node): void {
  // A templated entry of the parent map (`{{ toYaml .Values.spec | nindent 2 }}`) may render it.
  if (r.mayHave([...parent, field], from)) return;
  const range = r.rangeOf(r.has([...parent, field], from) ? [...parent, field] : parent, from);
  const note = `needs the field "${field}".`;
  const same = (a: Range, b: Range) =>
    a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
  const noted = r.ctx.diagnostics.findIndex(
    (d) => d.code === 'required-field' && same(d.range, range) && typeof d.message === 'string' && d.message.endsWith(note),
  );
  if (noted >= 0) r.ctx.diagnostics.splice(noted, 1);
  r.ctx.error(range, code, message);
}
