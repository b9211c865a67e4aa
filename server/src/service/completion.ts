import { isMap, isSeq, type YAMLMap } from 'yaml';
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { parseYaml, type ParsedYaml } from '../documents/parsedDocument';
import { fieldDoc } from '../schema/docs/fieldDocs';
import type { JsonSchema } from '../schema/jsonSchema';
import { describeType, resolvePath } from '../schema/navigate';
import type { KindInfo, SchemaRegistry } from '../schema/registry';
import { closedSet as webhookClosedSet } from './admission/index';
import { pairKey } from './validation/context';
import { lookupResource } from './validation/resource';
import type { WorkspaceValues } from '../analysis/workspaceValues';
import { workspaceKeySuggestions, workspaceValueSuggestions, type Suggestion } from './workspaceCompletion';
import { locate, type PathStep } from './yamlPath';
import { offsetToPosition } from './yamlPositions';

const CURSOR_KEY = '__meshMtlsCursor__';
/** A line holding at most a partial key (and maybe a list dash) before the cursor. */
const KEY_PREFIX = /^(\s*)(- )?([A-Za-z0-9_.-]*)$/;

/**
 * Completion at an offset: keys of the mapping being written (with the right shape inserted),
 * enum values and booleans, and apiVersion/kind at the top of a resource.
 */
export function completeAt(text: string, parsed: ParsedYaml, offset: number, registry: SchemaRegistry, workspace?: WorkspaceValues): CompletionItem[] {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset) < 0 ? text.length : text.indexOf('\n', offset);
  const before = text.slice(lineStart, offset);
  const after = text.slice(offset, lineEnd);
  const keyLine = KEY_PREFIX.exec(before);
  if (keyLine && after.trim() === '') return completeKey(text, parsed, offset, lineStart, keyLine, registry, workspace);
  return completeValue(parsed, offset, registry, workspace);
}

function completeKey(
  text: string,
  parsed: ParsedYaml,
  offset: number,
  lineStart: number,
  keyLine: RegExpExecArray,
  registry: SchemaRegistry,
  workspace?: WorkspaceValues,
): CompletionItem[] {
  const [, indent, dash = '', prefix] = keyLine;
  // Reparse the cursor's --- segment with a marker key where the user is typing, so the
  // surrounding structure is exact; the rest of a long file plays no part.
  const segment = [...parsed.segments].reverse().find((s) => s.start <= lineStart) ?? { start: 0, text };
  if ('skippedBytes' in segment && segment.skippedBytes) return [];
  const end = segment.start + segment.text.length;
  const probe = `${text.slice(segment.start, lineStart)}${indent}${dash}${CURSOR_KEY}: x${text.slice(offset, Math.max(offset, end))}`;
  const probed = parseYaml(probe);
  const markerOffset = lineStart - segment.start + indent.length + dash.length + 1;
  const target = locate(probed, markerOffset);
  if (!target || target.on !== 'key' || !target.map) return [];
  const parentPath = target.path.slice(0, -1);
  const replace = rangeOf(parsed, offset - prefix.length, offset);
  const info = lookupResource(target.document, registry);
  if (!info) return parentPath.length === 0 ? rootSkeletons(registry, replace) : [];
  const resolved = resolvePath(info.schema, parentPath);
  if (!resolved) return [];
  if (workspace && dash && resolved.schema.type === 'string') {
    // A new item of a list of strings: the value itself, such as a principal.
    return suggestionItems(workspaceValueSuggestions(`${info.group}/${info.kind}`, parentPath, workspace), replace, '');
  }
  const present = new Set(presentKeys(target.map).filter((k) => k !== CURSOR_KEY));
  if (workspace && !resolved.schema.properties) {
    return suggestionItems(
      workspaceKeySuggestions(parentPath, workspace).filter((s) => !present.has(s.value)),
      replace,
      ': ',
    );
  }
  const properties = Object.entries(resolved.schema.properties ?? {}).filter(([name]) => !present.has(name) && !(parentPath.length === 0 && name === 'status'));
  return properties.map(([name, schema], index) =>
    keyItem(info, parentPath, name, schema, resolved.schema.required?.includes(name) ?? false, indent.length + dash.length, replace, index),
  );
}

function completeValue(parsed: ParsedYaml, offset: number, registry: SchemaRegistry, workspace?: WorkspaceValues): CompletionItem[] {
  const target = locate(parsed, offset);
  if (!target || target.on !== 'value') return [];
  const replace = target.node?.range ? rangeOf(parsed, target.node.range[0], target.node.range[1]) : rangeOf(parsed, offset, offset);
  if (target.path.length === 1 && (target.path[0] === 'apiVersion' || target.path[0] === 'kind'))
    return apiVersionOrKind(target.path[0], target.document.get('kind'), registry, replace);
  const info = lookupResource(target.document, registry);
  if (!info) return [];
  const resolved = resolvePath(info.schema, target.path);
  if (!resolved) return [];
  const doc = fieldDoc(`${info.group}/${info.kind}`, target.path, resolved.mapKeys);
  const closedSet = webhookClosedSet(`${info.group}/${info.kind}`, target.path);
  const values = resolved.schema.enum ?? closedSet ?? (resolved.schema.type === 'boolean' ? [true, false] : []);
  if (workspace && resolved.schema.items?.type === 'string' && isSeq(target.node) && target.node.flow) {
    // Inside a flow list ([a, |]): a new item at the cursor.
    return suggestionItems(workspaceValueSuggestions(`${info.group}/${info.kind}`, [...target.path, 0], workspace), rangeOf(parsed, offset, offset), '');
  }
  if (values.length === 0 && workspace && resolved.schema.type === 'string')
    return suggestionItems(workspaceValueSuggestions(`${info.group}/${info.kind}`, target.path, workspace), replace, '');
  return values.map((value, index) => ({
    label: String(value),
    kind: CompletionItemKind.EnumMember,
    sortText: String(index).padStart(3, '0'),
    documentation: doc?.values?.[String(value)] ? { kind: MarkupKind.Markdown, value: doc.values[String(value)] } : undefined,
    textEdit: { range: replace, newText: String(value) },
  }));
}

function apiVersionOrKind(field: PathStep, kind: unknown, registry: SchemaRegistry, replace: Range): CompletionItem[] {
  const kinds = registry.all().filter((info) => info.kind !== 'Secret');
  if (field === 'kind') {
    return [...new Set(kinds.map((info) => info.kind))]
      .sort()
      .map((name) => ({ label: name, kind: CompletionItemKind.Class, textEdit: { range: replace, newText: name } }));
  }
  const matching = typeof kind === 'string' ? kinds.filter((info) => info.kind === kind) : kinds;
  return [...new Set(matching.map((info) => info.apiVersion))].map((apiVersion, index) => {
    const info = matching.find((candidate) => candidate.apiVersion === apiVersion)!;
    return {
      label: apiVersion,
      kind: CompletionItemKind.Module,
      detail: info.deprecated ? 'deprecated' : info.version === info.preferredVersion ? 'current version' : undefined,
      tags: info.deprecated ? [1] : undefined,
      sortText: `${info.version === info.preferredVersion ? 0 : info.deprecated ? 2 : 1}${String(index).padStart(3, '0')}`,
      textEdit: { range: replace, newText: apiVersion },
    };
  });
}

/** At the top of an empty document: one skeleton per kind, apiVersion and kind together. */
function rootSkeletons(registry: SchemaRegistry, replace: Range): CompletionItem[] {
  return registry
    .all()
    .filter((info) => info.version === info.preferredVersion && info.kind !== 'Secret')
    .map((info) => ({
      label: `${info.kind} (${info.apiVersion})`,
      kind: CompletionItemKind.Snippet,
      filterText: `apiVersion kind ${info.kind}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: {
        range: replace,
        newText: `apiVersion: ${info.apiVersion}\nkind: ${info.kind}\nmetadata:\n  name: \${1:name}\n${info.scope === 'Namespaced' ? '  namespace: ${2:default}\n' : ''}spec:\n  $0`,
      },
    }));
}

function keyItem(
  info: KindInfo,
  parentPath: PathStep[],
  name: string,
  schema: JsonSchema,
  required: boolean,
  column: number,
  replace: Range,
  index: number,
): CompletionItem {
  const doc = fieldDoc(`${info.group}/${info.kind}`, [...parentPath, name]);
  const child = ' '.repeat(column + 2);
  let snippet: string;
  if (schema.type === 'object' || (schema.properties && !schema.type)) snippet = `${name}:\n${child}$0`;
  else if (schema.type === 'array') snippet = schema.items?.type === 'object' ? `${name}:\n${child}- $0` : `${name}:\n${child}- $0`;
  else if (schema.enum) snippet = `${name}: \${1|${schema.enum.map((v) => String(v).replace(/[,|]/g, '\\$&')).join(',')}|}`;
  else if (schema.type === 'boolean') snippet = `${name}: \${1|true,false|}`;
  else snippet = `${name}: $0`;
  return {
    label: name,
    kind: CompletionItemKind.Property,
    detail: `${describeType(schema)}${required ? ' · required' : ''}`,
    documentation: doc ? { kind: MarkupKind.Markdown, value: doc.text } : undefined,
    sortText: `${required ? 0 : 1}${String(index).padStart(4, '0')}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range: replace, newText: snippet },
  };
}

/** Workspace values as completion items; `after` follows a key (": ") and is empty for values. */
function suggestionItems(suggestions: Suggestion[], replace: Range, after: string): CompletionItem[] {
  return suggestions.map((suggestion, index) => ({
    label: suggestion.value,
    kind: CompletionItemKind.Value,
    detail: suggestion.detail,
    sortText: String(index).padStart(4, '0'),
    textEdit: { range: replace, newText: `${suggestion.value}${after}` },
  }));
}

function presentKeys(map: YAMLMap): string[] {
  return isMap(map) ? map.items.map(pairKey).filter((k): k is string => k !== undefined) : [];
}

function rangeOf(parsed: ParsedYaml, start: number, end: number): Range {
  return { start: offsetToPosition(parsed.lineCounter, start), end: offsetToPosition(parsed.lineCounter, end) };
}
