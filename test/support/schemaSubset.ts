// A checker for the part of JSON Schema 2020-12 that docs/posture-report.schema.json uses (type,
// const, enum, required, properties, additionalProperties, items, $ref into $defs, minimum,
// maximum, pattern, format date-time). The repository has no JSON Schema validator of its own
// for plain JSON, and one schema does not justify a new dependency. Anything else in a schema is
// refused, so the schema cannot quietly grow beyond what this checks.

export interface SubsetSchema {
  [keyword: string]: unknown;
}

const KNOWN = new Set([
  '$schema',
  '$id',
  '$defs',
  'title',
  'description',
  'type',
  'const',
  'enum',
  'required',
  'properties',
  'additionalProperties',
  'items',
  '$ref',
  'minimum',
  'maximum',
  'pattern',
  'format',
]);
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface SchemaCheck {
  /** Where the value breaks the schema, as "path: what". */
  errors: string[];
  /** Object properties the schema does not describe (allowed, but the schema should know them). */
  undescribed: string[];
}

export function checkAgainstSchema(root: SubsetSchema, value: unknown): SchemaCheck {
  const errors: string[] = [];
  const undescribed: string[] = [];
  const resolve = (ref: string): SubsetSchema => {
    const match = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const target = match ? (root.$defs as Record<string, SubsetSchema> | undefined)?.[match[1]] : undefined;
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return target;
  };
  const visit = (schema: SubsetSchema, v: unknown, path: string): void => {
    for (const keyword of Object.keys(schema)) if (!KNOWN.has(keyword)) throw new Error(`${path}: keyword ${keyword} is outside the checked subset`);
    if (typeof schema.$ref === 'string') return visit(resolve(schema.$ref), v, path);
    const fail = (what: string): void => {
      errors.push(`${path || '/'}: ${what}`);
    };
    if ('const' in schema && v !== schema.const) fail(`is ${JSON.stringify(v)}, not ${JSON.stringify(schema.const)}`);
    if (Array.isArray(schema.enum) && !schema.enum.includes(v)) fail(`${JSON.stringify(v)} is not one of ${schema.enum.join(', ')}`);
    if (typeof schema.type === 'string' && !hasType(v, schema.type)) {
      fail(`is not of type ${schema.type}`);
      return;
    }
    if (typeof v === 'number') {
      if (typeof schema.minimum === 'number' && v < schema.minimum) fail(`${v} is below ${schema.minimum}`);
      if (typeof schema.maximum === 'number' && v > schema.maximum) fail(`${v} is above ${schema.maximum}`);
    }
    if (typeof v === 'string') {
      if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) fail(`${JSON.stringify(v)} does not match ${schema.pattern}`);
      if (schema.format === 'date-time' && !(ISO_DATE_TIME.test(v) && !Number.isNaN(Date.parse(v)))) fail(`${JSON.stringify(v)} is not a date-time`);
    }
    if (Array.isArray(v) && schema.items) v.forEach((item, i) => visit(schema.items as SubsetSchema, item, `${path}/${i}`));
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const object = v as Record<string, unknown>;
      for (const key of (schema.required as string[] | undefined) ?? []) if (!(key in object)) fail(`lacks required ${key}`);
      const properties = (schema.properties as Record<string, SubsetSchema> | undefined) ?? {};
      for (const [key, child] of Object.entries(object)) {
        if (properties[key]) visit(properties[key], child, `${path}/${key}`);
        else if (schema.additionalProperties && typeof schema.additionalProperties === 'object')
          visit(schema.additionalProperties as SubsetSchema, child, `${path}/${key}`);
        else undescribed.push(`${path}/${key}`);
      }
    }
  };
  visit(root, value, '');
  return { errors, undescribed };
}

function hasType(v: unknown, type: string): boolean {
  switch (type) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number';
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    default:
      throw new Error(`type ${type} is outside the checked subset`);
  }
}

/** Every property name the schema describes, anywhere in it. */
export function describedProperties(schema: unknown): Set<string> {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') for (const key of Object.keys(record.properties)) names.add(key);
    if (Array.isArray(record.required)) for (const key of record.required) names.add(String(key));
    for (const child of Object.values(record)) walk(child);
  };
  walk(schema);
  return names;
}
