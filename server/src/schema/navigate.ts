import type { JsonSchema } from './jsonSchema';

export interface ResolvedPath {
  schema: JsonSchema;
  /** The schema of the object or list holding the value (absent at the root). */
  parent?: JsonSchema;
  /** Indexes of path steps that are keys of a free-form map (matched by additionalProperties). */
  mapKeys: Set<number>;
}

/** The schema of the value at a path below `schema`, following properties, map values and list items. */
export function resolvePath(schema: JsonSchema, path: Array<string | number>): ResolvedPath | undefined {
  let current: JsonSchema = schema;
  let parent: JsonSchema | undefined;
  const mapKeys = new Set<number>();
  for (const [index, step] of path.entries()) {
    let next: JsonSchema | undefined;
    if (typeof step === 'number') {
      next = current.items;
    } else {
      next = current.properties?.[step];
      if (!next && typeof current.additionalProperties === 'object') {
        next = current.additionalProperties;
        mapKeys.add(index);
      }
    }
    if (!next) return undefined;
    parent = current;
    current = next;
  }
  return { schema: current, parent, mapKeys };
}

/** A short description of a schema's type, as a person would say it: "list of strings", "map of string to integer". */
export function describeType(schema: JsonSchema): string {
  if (schema['x-kubernetes-int-or-string']) return 'integer or string';
  switch (schema.type) {
    case 'array':
      return schema.items ? `list of ${plural(describeType(schema.items))}` : 'list';
    case 'object':
      if (typeof schema.additionalProperties === 'object' && !schema.properties) return `map of string to ${describeType(schema.additionalProperties)}`;
      return 'object';
    case undefined:
      return schema['x-kubernetes-preserve-unknown-fields'] ? 'any value' : 'value';
    default:
      return schema.format ? `${schema.type} (${schema.format})` : schema.type;
  }
}

function plural(text: string): string {
  if (text.startsWith('list of') || text.startsWith('map of')) return text;
  return text.replace(/^(\w+)/, (word) => (word === 'object' ? 'objects' : `${word}s`));
}
