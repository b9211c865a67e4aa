import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ParsedYaml } from '../documents/parsedDocument';
import type { JsonSchema } from '../schema/jsonSchema';
import type { SchemaRegistry } from '../schema/registry';
import { overlapsTemplate } from '../documents/templates';
import { diagnostic } from './diagnostic';
import { offsetsToRange } from './yamlPositions';

/** Checks every document of a YAML stream: syntax first, then each manifest against the schema of its kind. */
export function validateYaml(parsed: ParsedYaml, registry: SchemaRegistry): Diagnostic[] {
  const results: Diagnostic[] = [];
  for (const document of parsed.documents) {
    results.push(...syntaxDiagnostics(document, parsed));
    const schema = schemaFor(document, registry);
    if (schema && document.contents) checkNode(document.contents, schema, [], parsed, results);
  }
  return results;
}

function syntaxDiagnostics(document: Document.Parsed, parsed: ParsedYaml): Diagnostic[] {
  return document.errors.map((error) => {
    const range = offsetsToRange(parsed.lineCounter, error.pos[0], error.pos[1]);
    return error.code === 'DUPLICATE_KEY'
      ? diagnostic(range, DiagnosticSeverity.Error, 'duplicate-key', 'This key appears twice in the same mapping; Kubernetes would keep only one of the values.')
      : diagnostic(range, DiagnosticSeverity.Error, 'yaml-syntax', firstLine(error.message));
  });
}

function schemaFor(document: Document.Parsed, registry: SchemaRegistry): JsonSchema | undefined {
  const apiVersion = document.get('apiVersion');
  const kind = document.get('kind');
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  return registry.lookup(apiVersion, kind);
}

function checkNode(node: Node, schema: JsonSchema, path: string[], parsed: ParsedYaml, out: Diagnostic[]): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isScalar(pair.key) || !pair.value) continue;
      const key = String(pair.key.value);
      const child = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (child) checkNode(pair.value as Node, child, [...path, key], parsed, out);
    }
  } else if (isSeq(node)) {
    if (!schema.items) return;
    node.items.forEach((item, index) => checkNode(item as Node, schema.items!, [...path, String(index)], parsed, out));
  } else if (isScalar(node) && schema.enum && node.value !== null) {
    checkEnum(node.value, node.range, schema.enum, path, parsed, out);
  }
}

function checkEnum(value: unknown, range: Node['range'], allowed: NonNullable<JsonSchema['enum']>, path: string[], parsed: ParsedYaml, out: Diagnostic[]): void {
  if (allowed.includes(value as string)) return;
  if (range && overlapsTemplate(parsed.templateSpans, range[0], range[1])) return; // known only once rendered
  const caseMatch = typeof value === 'string' ? allowed.find((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase()) : undefined;
  const hint = caseMatch !== undefined ? ` Did you mean ${JSON.stringify(caseMatch)}? Values are case-sensitive.` : '';
  const message = `${JSON.stringify(value)} is not a valid value for ${path.join('.')}. Use one of: ${allowed.join(', ')}.${hint}`;
  if (range) out.push(diagnostic(offsetsToRange(parsed.lineCounter, range[0], range[1]), DiagnosticSeverity.Error, 'enum-value', message));
}

function firstLine(message: string): string {
  return message.split('\n')[0];
}
