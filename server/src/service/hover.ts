import { isScalar } from 'yaml';
import { atLeast, NEWEST_VERSIONS, PROJECT_NAMES, type TargetVersions } from '../../../common/src/versions';
import type { Hover } from 'vscode-languageserver-types';
import type { ParsedYaml } from '../documents/parsedDocument';
import { fieldDoc } from '../schema/docs/fieldDocs';
import { describeType, resolvePath } from '../schema/navigate';
import type { JsonSchema } from '../schema/jsonSchema';
import type { SchemaRegistry } from '../schema/registry';
import { lookupResource } from './validation/resource';
import { locate } from './yamlPath';
import { offsetsToRange } from './yamlPositions';

/** Hover on a field or a value of a known kind: what it is, its type, allowed values and their meaning. */
export function hoverAt(parsed: ParsedYaml, offset: number, registry: SchemaRegistry, versions: TargetVersions = NEWEST_VERSIONS): Hover | undefined {
  const target = locate(parsed, offset);
  if (!target || !target.node || target.path.length === 0 || target.on === 'blank') return undefined;
  const info = lookupResource(target.document, registry);
  if (!info) return undefined;
  const resolved = resolvePath(info.schema, target.path);
  if (!resolved) return undefined;
  const last = target.path[target.path.length - 1];
  // A list item is named after its list: "principals item" reads better than "3".
  const name =
    typeof last === 'number'
      ? `${String(
          target.path
            .slice(0, -1)
            .filter((step) => typeof step === 'string')
            .pop() ?? 'list',
        )} item`
      : last;
  const doc = fieldDoc(`${info.group}/${info.kind}`, target.path, resolved.mapKeys);
  const lines: string[] = [];
  lines.push(`**${name}** · \`${describeType(resolved.schema)}\`${typeof last === 'string' && isRequired(resolved.parent, last) ? ' · required' : ''}`);
  if (doc) lines.push('', doc.text);
  else lines.push('', generatedSummary(info.kind, target.path));
  const value = target.on === 'value' && isScalar(target.node) ? target.node.value : undefined;
  if (resolved.schema.enum) {
    if (doc?.values && typeof value === 'string' && doc.values[value]) lines.push('', `**${value}**: ${doc.values[value]}`);
    else if (doc?.values) lines.push('', ...resolved.schema.enum.map((v) => `- \`${v}\`${doc.values?.[String(v)] ? `: ${doc.values[String(v)]}` : ''}`));
    else lines.push('', `Allowed values: ${resolved.schema.enum.map((v) => `\`${v}\``).join(', ')}`);
  }
  if (resolved.schema.default !== undefined) lines.push('', `Default: \`${JSON.stringify(resolved.schema.default)}\``);
  else if (doc?.default) lines.push('', `Default: ${doc.default}`);
  for (const note of doc?.older ?? []) {
    const target = versions[note.project];
    if (!atLeast(target, note.since)) lines.push('', `**Before ${PROJECT_NAMES[note.project]} ${note.since}** (you target ${target}): ${note.text}`);
  }
  if (doc?.example) lines.push('', '```yaml', doc.example, '```');
  const range = target.node.range;
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    range: range ? offsetsToRange(parsed.lineCounter, range[0], range[1]) : undefined,
  };
}

function isRequired(parent: JsonSchema | undefined, name: string): boolean {
  return parent?.required?.includes(name) ?? false;
}

function generatedSummary(kind: string, path: Array<string | number>): string {
  const where = path.filter((step) => typeof step === 'string').join('.');
  return `Field \`${where}\` of ${kind}.`;
}
