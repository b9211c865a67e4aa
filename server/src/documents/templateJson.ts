import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { ParsedYaml } from './parsedDocument';
import { releaseNamespaceOf } from './helmChart';
import { isReleaseNamespace } from './helmDefaults';
import { overlapsTemplate } from './templates';

/**
 * Fields whose value identifies something other resources refer to by the same expression: a
 * chart writes `namespace: {{ .Release.Namespace }}` on each of its resources and
 * `app: {{ include "x.name" . }}` on both a selector and the pods, so the same expression stands
 * for the same value. These keep their template text; see `templateJson`.
 */
const IDENTIFYING = new Set(['labels', 'matchLabels', 'selector', 'podSelector']);
const IDENTIFYING_FIELDS = new Set(['metadata.name', 'metadata.namespace', 'serviceAccountName']);
/**
 * Keys whose templated value keeps its text too, though it identifies nothing: a container's
 * image, whose tag names the SPIRE release a workload runs (see common/src/spireRelease.ts), must read as a
 * template there, not as no image at all.
 */
const WRITTEN_KEYS = new Set(['image']);

/**
 * A document as JSON with its template values read for what they are: unknown. A templated value
 * is null (present, value unknown) so that no rule checks or reports it, except names, namespaces
 * and labels, which keep their template text as written: resources written with the same
 * expression stay together, and a message naming one quotes what the reader wrote. A templated
 * key is left out: the field it names is unknown.
 */
export function templateJson(document: Document.Parsed, parsed: ParsedYaml): unknown {
  const template = parsed.template;
  if (!template) return document.toJSON();
  const templated = (node: Node) => (node.range ? overlapsTemplate(parsed.templateSpans, node.range[0], node.range[1]) : false);
  const chart = parsed.chart;
  const unquote = (text: string) => (/^(["']).*\1$/s.test(text) ? text.slice(1, -1) : text);
  const written = (node: Node): string => {
    const [start, end] = node.range!;
    // What the same expression renders with the chart's defaults, even where they leave it out: it names the same thing.
    const rendered = parsed.defaults?.find((d) => d.start <= start && end <= d.end);
    if (rendered) return unquote(rendered.text);
    const text = unquote(template.source.slice(start, end).trim());
    return chart && isReleaseNamespace(text, chart) ? releaseNamespaceOf(chart) : text;
  };
  const read = (node: Node | null | undefined, path: string, identifying: boolean): unknown => {
    if (!node) return null;
    if (isAlias(node)) return (node.resolve(document) as Node | undefined)?.toJSON() ?? null;
    if (isScalar(node)) return templated(node) ? (identifying ? written(node) : null) : node.toJSON();
    if (isSeq(node)) return node.items.map((item) => read(item as Node, path, identifying));
    if (isMap(node)) {
      const object: Record<string, unknown> = {};
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || templated(pair.key as Node)) continue;
        const key = String(pair.key.value);
        if (key === '<<') Object.assign(object, (pair.value as Node | null)?.toJSON() ?? {});
        else
          object[key] = read(
            pair.value as Node,
            path ? `${path}.${key}` : key,
            identifying ||
              IDENTIFYING.has(key) ||
              IDENTIFYING_FIELDS.has(path ? `${path}.${key}` : key) ||
              key === 'serviceAccountName' ||
              WRITTEN_KEYS.has(key),
          );
      }
      return object;
    }
    return (node as Node).toJSON();
  };
  return read(document.contents, '', false);
}
