import { guarded } from '../../../../common/src/log/guarded';
import { NEWEST_VERSIONS, type TargetVersions } from '../../../../common/src/versions';
import { DiagnosticSeverity, type Diagnostic, type Position } from 'vscode-languageserver-types';
import { diagnostic } from '../../documents/diagnostic';
import type { Document } from 'yaml';
import type { ParsedYaml } from '../../documents/parsedDocument';
import { skippedMessage, type SkippedPart } from '../../documents/sizePolicy';
import { isRenderedDuplicate } from '../../documents/templateDuplicates';
import { branchRenderings } from '../../documents/templates';
import { parseYaml } from '../../documents/parsedDocument';
import type { JsonSchema } from '../../schema/jsonSchema';
import type { KindInfo, SchemaRegistry } from '../../schema/registry';
import { CheckContext } from './context';
import { isMap, isScalar } from 'yaml';
import { KIND_RULES } from '../admission/index';
import { ResourceView, type Rule } from '../admission/resourceView';
import { identify } from './resource';
import { checkNode } from './schemaCheck';

const UNCHECKED = { 'x-kubernetes-preserve-unknown-fields': true } as const;

/** A kind's schema as a document is checked against it, made once per schema rather than per resource. */
const checkedSchemas = new WeakMap<JsonSchema, JsonSchema>();

/** The schema with `status` unchecked: controllers write it; exported manifests carry it, and it is not the user's to check. */
function checkedSchema(schema: JsonSchema): JsonSchema {
  let checked = checkedSchemas.get(schema);
  if (!checked) checkedSchemas.set(schema, (checked = { ...schema, properties: { ...schema.properties, status: UNCHECKED } }));
  return checked;
}

/** What one YAML document contributed, and the line it started on when it was checked. */
interface DocumentResult {
  ours: boolean;
  diagnostics: Diagnostic[];
  startLine: number;
  /** The versions checked against (see versionsKey). */
  versions: string;
}

/**
 * Results by document object, per registry. The parser reuses the document objects of unchanged
 * `---` segments (see segments.ts), so after an edit only the edited resource is checked again;
 * the others' diagnostics move with the lines inserted or removed above them.
 */
const results = new WeakMap<SchemaRegistry, WeakMap<Document.Parsed, DocumentResult>>();
const partialResults = new WeakMap<SchemaRegistry, WeakMap<Document.Parsed, DocumentResult>>();

export interface ValidationOptions {
  /** The documents are patches (a kustomization lists the file): partial resources, whose missing fields the base supplies. */
  partial?: boolean;
  /** The releases the cluster runs; the newest when not given. */
  versions?: TargetVersions;
}

/**
 * Checks every document of a YAML stream. Files holding none of our kinds get no diagnostics at
 * all, syntax errors included: plain YAML is other tools' business.
 */
/** A template's renderings (see branchRenderings), parsed once per parse of the template. */
const renderingsOf = new WeakMap<ParsedYaml, ParsedYaml[]>();

/**
 * A template with `else` branches is checked as each of its renderings, so fields from
 * alternative branches are never read as set together; a problem found in any rendering is
 * reported once.
 */
export function validateYaml(parsed: ParsedYaml, registry: SchemaRegistry, options: ValidationOptions = {}): Diagnostic[] {
  let renderings = renderingsOf.get(parsed);
  if (!renderings)
    renderingsOf.set(parsed, (renderings = parsed.template ? branchRenderings(parsed.template).map((text) => parseYaml(text, undefined, parsed.chart)) : []));
  if (renderings.length === 0) return validateParsed(parsed, registry, options);
  const seen = new Set<string>();
  return renderings
    .flatMap((rendering) => validateParsed(rendering, registry, options))
    .filter((d) => {
      const key = `${d.range.start.line}:${d.range.start.character}:${d.range.end.line}:${d.range.end.character}:${String(d.code)}:${d.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort(byPosition);
}

function validateParsed(parsed: ParsedYaml, registry: SchemaRegistry, options: ValidationOptions): Diagnostic[] {
  const byRegistry = options.partial ? partialResults : results;
  const versions = options.versions ?? NEWEST_VERSIONS;
  const key = versionsKey(versions);
  let cache = byRegistry.get(registry);
  if (!cache) byRegistry.set(registry, (cache = new WeakMap()));
  let ours = false;
  const diagnostics: Diagnostic[] = [];
  for (const document of parsed.documents) {
    const startLine = parsed.lineCounter.linePos(document.range[0]).line - 1;
    let result = cache.get(document);
    // A result holds for the versions it was checked against: a change of the settings checks again.
    if (!result || result.versions !== key) {
      const { ours, diagnostics } = checkDocument(document, parsed, registry, options.partial === true, versions);
      cache.set(document, (result = { ours, diagnostics, startLine, versions: key }));
    }
    ours ||= result.ours;
    diagnostics.push(...moveLines(result.diagnostics, startLine - result.startLine));
  }
  if (!ours && !parsed.segments.some((segment) => segment.skippedBytes && MESH_API_VERSION.test(segment.text))) return [];
  return [...skippedDiagnostic(skippedParts(parsed)), ...diagnostics];
}

/** Whether unparsed text declares one of our groups or a TLS Secret, read from its lines alone. */
const MESH_API_VERSION =
  /^\s*(apiVersion:\s*["']?(security\.istio\.io|networking\.istio\.io|policy\.linkerd\.io|cert-manager\.io|spire\.spiffe\.io)\/|type:\s*["']?kubernetes\.io\/tls)/m;

/** One string per set of versions, so that equal settings share results. */
function versionsKey(versions: TargetVersions): string {
  return `${versions.istio} ${versions.linkerd} ${versions.certManager} ${versions.spire} ${versions.spireOrigin ?? ''}`;
}

function checkDocument(
  document: Document.Parsed,
  parsed: ParsedYaml,
  registry: SchemaRegistry,
  partial: boolean,
  versions: TargetVersions,
): { ours: boolean; diagnostics: Diagnostic[] } {
  const written = parsed.template ? { text: parsed.template.source, inChart: parsed.chart !== undefined } : undefined;
  const ctx = new CheckContext(parsed.lineCounter, parsed.templateSpans, parsed.defaults, versions, parsed.text, written);
  const found = identify(document, registry, ctx);
  // Syntax errors count in any document of a file that is ours; the caller drops them otherwise.
  // Go's YAML reader (kubectl's) takes a quoted scalar whose continuation lines sit no deeper than
  // its key, as generated CRD descriptions often are; this parser refuses it and every line after.
  // In another project's object that is no error of ours to report: kubectl applies it.
  const goAccepts = found.status === 'foreign' && namesItsKind(document) && document.errors[0]?.code === 'MISSING_CHAR';
  if (found.status === 'foreign') return { ours: false, diagnostics: goAccepts ? [] : syntaxDiagnostics(document, parsed) };
  if (found.status === 'resource') {
    const { info } = found.resource;
    checkNode(document.contents, checkedSchema(info.schema), { key: found.resource.kindNode }, ctx);
    const rules = rulesOf(info);
    // A patch is checked for what it writes; what it leaves out, and how its fields combine, is the base's.
    if (rules && isMap(document.contents) && !partial) {
      const view = new ResourceView(info, document.contents, ctx);
      // A rule that throws loses its own findings only.
      for (const rule of rules) guarded(`${info.kind} rule ${rule.name || 'anonymous'}`, () => rule(view), undefined);
    }
  }
  const checked = partial ? ctx.diagnostics.filter((d) => d.code !== 'required-field') : ctx.diagnostics;
  if (document.errors.length === 0) return { ours: true, diagnostics: checked.sort(byPosition) };
  return { ours: true, diagnostics: [...syntaxDiagnostics(document, parsed), ...checked.sort(byPosition)] };
}

const kindRules = new WeakMap<KindInfo, Rule[] | null>();

/** A kind's admission rules, looked up once per kind rather than by a key string built per resource. */
function rulesOf(info: KindInfo): Rule[] | undefined {
  let rules = kindRules.get(info);
  if (rules === undefined) kindRules.set(info, (rules = KIND_RULES[`${info.group}/${info.kind}`] ?? null));
  return rules ?? undefined;
}

/** Whether a document states its apiVersion and kind as plain strings at the top. */
function namesItsKind(document: Document.Parsed): boolean {
  const root = document.contents;
  if (!isMap(root)) return false;
  const text = (key: string) =>
    root.items.some(
      (pair) => isScalar(pair.key) && pair.key.value === key && isScalar(pair.value) && typeof pair.value.value === 'string' && pair.value.value !== '',
    );
  return text('apiVersion') && text('kind');
}

function moveLines(diagnostics: Diagnostic[], delta: number): Diagnostic[] {
  if (delta === 0) return diagnostics;
  const move = (position: Position): Position => ({ line: position.line + delta, character: position.character });
  return diagnostics.map((d) => ({ ...d, range: { start: move(d.range.start), end: move(d.range.end) } }));
}

/** The parts of a YAML file left out (see segments.ts), with the lines they start on. */
function skippedParts(parsed: ParsedYaml): SkippedPart[] {
  // A loop, not flatMap: a file of hundreds of resources would make an empty list for each segment read whole.
  const parts: SkippedPart[] = [];
  for (const segment of parsed.segments) {
    if (!segment.skipped) continue;
    const at = segment.skipped === 'depth' ? (segment.skippedAt ?? segment.start) : segment.start;
    const line = parsed.lineCounter.linePos(at).line - 1;
    const lineStart = parsed.lineCounter.lineStarts[line] ?? 0;
    const lineEnd = parsed.text.indexOf('\n', lineStart);
    const width = parsed.text.slice(lineStart, Math.min(lineEnd < 0 ? parsed.text.length : lineEnd, lineStart + 200)).trimEnd().length;
    parts.push({ reason: segment.skipped, line, count: segment.skippedDocuments ?? 1, bytes: segment.skippedBytes ?? 0, width });
  }
  return parts;
}

/** The one information diagnostic of a file read only in part (see sizePolicy.ts), on the first line left out. */
export function skippedDiagnostic(parts: SkippedPart[]): Diagnostic[] {
  if (parts.length === 0) return [];
  const first = parts.reduce((a, b) => (b.line < a.line ? b : a));
  const range = { start: { line: first.line, character: 0 }, end: { line: first.line, character: first.width } };
  return [diagnostic(range, DiagnosticSeverity.Information, 'analysis-skipped', skippedMessage(parts))];
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function syntaxDiagnostics(document: Document.Parsed, parsed: ParsedYaml): Diagnostic[] {
  const ctx = new CheckContext(parsed.lineCounter, parsed.templateSpans, parsed.defaults);
  for (const error of document.errors) {
    const range = ctx.range({ range: [error.pos[0], error.pos[1], error.pos[1]] });
    if (error.code === 'DUPLICATE_KEY') {
      if (isRenderedDuplicate(document, error.pos[0], parsed))
        ctx.error(range, 'duplicate-key', 'This key appears twice in the same mapping; Kubernetes would keep only one of the values.');
    } else ctx.error(range, 'yaml-syntax', error.message.split('\n')[0]);
  }
  return ctx.diagnostics;
}
