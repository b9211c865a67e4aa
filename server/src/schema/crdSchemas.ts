import type { JsonSchema } from './jsonSchema';

/** One served version of a CRD, as scripts/generate-schemas.mjs writes it. */
export interface CrdVersion {
  group: string;
  version: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  storageVersion: string;
  deprecated: boolean;
  deprecationWarning?: string;
  schema: JsonSchema;
}

interface GeneratedFile {
  $defs: Record<string, JsonSchema>;
  kinds: CrdVersion[];
}

/**
 * Loads the generated CRD schemas, replacing each `$ref` with the shared object it names, so the
 * validator walks plain objects. Repeated subtrees stay shared in memory, as they are on disk.
 */
export function loadCrdSchemas(): CrdVersion[] {
  // require, not import: a typed import of a 100 KB JSON file would slow every typecheck.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const file = require('./generated/crds.json') as GeneratedFile;
  const resolved = new Map<string, JsonSchema>();
  const resolve = (node: JsonSchema): JsonSchema => {
    if (node.$ref) {
      const name = node.$ref.replace('#/$defs/', '');
      let target = resolved.get(name);
      if (!target) {
        target = {};
        resolved.set(name, target); // set before filling, so a def that reaches itself terminates
        Object.assign(target, expand(file.$defs[name]));
      }
      return target;
    }
    return expand(node);
  };
  const expand = (node: JsonSchema): JsonSchema => {
    const out: JsonSchema = { ...node };
    if (node.properties) out.properties = Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, resolve(v)]));
    if (node.items) out.items = resolve(node.items);
    if (typeof node.additionalProperties === 'object') out.additionalProperties = resolve(node.additionalProperties);
    if (node.not) out.not = resolve(node.not);
    for (const key of ['oneOf', 'anyOf', 'allOf'] as const) if (node[key]) out[key] = node[key].map(resolve);
    return out;
  };
  return file.kinds.map((kind) => ({ ...kind, schema: resolve(kind.schema) }));
}
