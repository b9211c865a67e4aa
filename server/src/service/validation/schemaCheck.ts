import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { checkRule, isDuration } from '../../cel';
import type { JsonSchema } from '../../schema/jsonSchema';
import { describeLocation, isPlaceholder, pairKey, type CheckContext, type Location } from './context';
import { closestName } from '../../documents/similarNames';

type ValueType = 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';

/** Checks a YAML node against a structural schema, as the API server would, reporting into ctx. */
export function checkNode(node: Node | null, schema: JsonSchema, location: Location, ctx: CheckContext): void {
  if (!node || isAlias(node)) return;
  if (isScalar(node) && node.value === null) return; // null means "absent" to the API server
  if (isPlaceholder(node)) {
    ctx.information(ctx.range(node), 'placeholder', `${describeLocation(location)} holds a placeholder; replace it with a real value before applying.`);
    return;
  }
  if (!checkType(node, schema, location, ctx)) return;
  if (isScalar(node)) checkScalar(node, schema, location, ctx);
  else if (isMap(node)) checkMap(node, schema, location, ctx);
  else if (isSeq(node)) checkSeq(node, schema, location, ctx);
  checkCelRules(node, schema, location, ctx);
}

function typeOf(node: Node): ValueType | undefined {
  if (isMap(node)) return 'object';
  if (isSeq(node)) return 'array';
  if (!isScalar(node)) return undefined;
  switch (typeof node.value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(node.value) ? 'integer' : 'number';
    case 'bigint':
      return 'integer';
    default:
      return undefined;
  }
}

// Shared lists, as every node of a resource asks: a list made per node was garbage at once.
const INT_OR_STRING: readonly ValueType[] = ['integer', 'string'];
const NUMBER_TYPES: readonly ValueType[] = ['number', 'integer'];
const SINGLE_TYPES: ReadonlyMap<string, readonly ValueType[]> = new Map(
  (['object', 'array', 'string', 'integer', 'boolean'] as const).map((type) => [type, [type]]),
);

/** The types a schema accepts; undefined when it accepts anything. */
function acceptedTypes(schema: JsonSchema): readonly ValueType[] | undefined {
  if (schema['x-kubernetes-int-or-string']) return INT_OR_STRING;
  if (schema.type) return schema.type === 'number' ? NUMBER_TYPES : (SINGLE_TYPES.get(schema.type) ?? [schema.type]);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.every((alt) => alt.type)) return alternatives.flatMap((alt) => acceptedTypes(alt) ?? []);
  return undefined;
}

const TYPE_NAMES: Record<ValueType, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
};

function checkType(node: Node, schema: JsonSchema, location: Location, ctx: CheckContext): boolean {
  const accepted = acceptedTypes(schema);
  const actual = typeOf(node);
  if (!accepted || !actual || accepted.includes(actual)) return true;
  if (ctx.isTemplated(node)) return false;
  const expected = accepted.map((t) => TYPE_NAMES[t]).join(' or ');
  if (accepted.includes('string') && isScalar(node) && (actual === 'integer' || actual === 'number' || actual === 'boolean')) {
    const text = String(node.source ?? node.value);
    ctx.error(
      ctx.range(node),
      'wrong-type',
      `${describeLocation(location)} must be a string, but YAML reads ${text} as ${TYPE_NAMES[actual]}. Quote it: "${text}".`,
      {
        title: `Quote ${text}`,
        replacement: JSON.stringify(text),
      },
    );
    return false;
  }
  ctx.error(ctx.range(node), 'wrong-type', `${describeLocation(location)} must be ${expected}, not ${TYPE_NAMES[actual]}.`);
  return false;
}

function checkScalar(node: Scalar, schema: JsonSchema, location: Location, ctx: CheckContext): void {
  if (ctx.isTemplated(node)) return;
  const value = node.value;
  if (schema.enum && !schema.enum.includes(value as string)) {
    const caseMatch = typeof value === 'string' ? schema.enum.find((a) => typeof a === 'string' && a.toLowerCase() === value.toLowerCase()) : undefined;
    const hint = caseMatch !== undefined ? ` Did you mean ${JSON.stringify(caseMatch)}? Values are case-sensitive.` : '';
    const fix = typeof caseMatch === 'string' ? { title: `Change to ${caseMatch}`, replacement: caseMatch } : undefined;
    ctx.error(
      ctx.range(node),
      'enum-value',
      `${JSON.stringify(value)} is not a valid value for ${describeLocation(location)}. Use one of: ${schema.enum.join(', ')}.${hint}`,
      fix,
    );
    return;
  }
  if (typeof value === 'string') {
    const length = schema.minLength !== undefined || schema.maxLength !== undefined ? codePoints(value) : 0;
    if (schema.minLength !== undefined && length < schema.minLength) {
      ctx.error(
        ctx.range(node),
        'out-of-range',
        schema.minLength === 1
          ? `${describeLocation(location)} must not be empty.`
          : `${describeLocation(location)} must be at least ${schema.minLength} characters long (it has ${length}).`,
      );
    }
    if (schema.maxLength !== undefined && length > schema.maxLength)
      ctx.error(ctx.range(node), 'out-of-range', `${describeLocation(location)} must be at most ${schema.maxLength} characters long (it has ${length}).`);
    if (schema.pattern && !matchesPattern(schema.pattern, value))
      ctx.error(ctx.range(node), 'pattern-mismatch', `${JSON.stringify(value)} is not a valid ${describeLocation(location)}: it must match ${schema.pattern}.`);
    if (schema.format) checkStringFormat(value, schema.format, location, node, ctx);
  } else if (typeof value === 'number') {
    checkNumberBounds(value, schema, location, node, ctx);
  }
}

/** The length of a string in code points, as `[...value].length` counts it (a lone surrogate is one), without the array. */
function codePoints(value: string): number {
  let count = value.length;
  for (let i = 0; i < value.length - 1; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

function checkStringFormat(value: string, format: string, location: Location, node: Scalar, ctx: CheckContext): void {
  switch (format) {
    case 'duration':
      if (!isDuration(value))
        ctx.error(
          ctx.range(node),
          'invalid-format',
          `${JSON.stringify(value)} is not a duration. Write a number with a unit, such as 90s, 15m, 1h30m or 2160h.`,
        );
      return;
    case 'date-time':
      if (!/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(Date.parse(value))) {
        ctx.error(
          ctx.range(node),
          'invalid-format',
          `${JSON.stringify(value)} is not an RFC 3339 timestamp such as 2026-01-31T12:00:00Z (${describeLocation(location)}).`,
        );
      }
      return;
    case 'byte':
      if (!BASE64_TEXT.test(value) || (/\s/.test(value) ? base64Length(value) : value.length) % 4 !== 0) {
        ctx.error(ctx.range(node), 'invalid-format', `${describeLocation(location)} must be base64-encoded. To give plain text, move it to stringData.`);
      }
      return;
    default:
      return;
  }
}

/** Base64 with white space anywhere in it (a Secret's data, wrapped or not). */
const BASE64_TEXT = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

/** The characters of text BASE64_TEXT accepts, its white space left out, counted without copying it (Secret values run to kilobytes). */
function base64Length(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    // Past BASE64_TEXT every character is the alphabet, '=' or white space; the alphabet and '=' are the ASCII ones from '+' on.
    if (unit >= 0x2b && unit <= 0x7a) length++;
  }
  return length;
}

const INT_BOUNDS: Record<string, [number, number]> = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] };

function checkNumberBounds(value: number, schema: JsonSchema, location: Location, node: Scalar, ctx: CheckContext): void {
  const exclusiveMin = schema.exclusiveMinimum === true;
  const exclusiveMax = schema.exclusiveMaximum === true;
  if (schema.minimum !== undefined && (exclusiveMin ? value <= schema.minimum : value < schema.minimum)) {
    ctx.error(
      ctx.range(node),
      'out-of-range',
      `${describeLocation(location)} must be ${exclusiveMin ? 'greater than' : 'at least'} ${schema.minimum} (it is ${value}).`,
    );
  } else if (schema.maximum !== undefined && (exclusiveMax ? value >= schema.maximum : value > schema.maximum)) {
    ctx.error(
      ctx.range(node),
      'out-of-range',
      `${describeLocation(location)} must be ${exclusiveMax ? 'less than' : 'at most'} ${schema.maximum} (it is ${value}).`,
    );
  } else if (schema.format && INT_BOUNDS[schema.format]) {
    const [min, max] = INT_BOUNDS[schema.format];
    if (value < min || value > max)
      ctx.error(ctx.range(node), 'out-of-range', `${describeLocation(location)} does not fit in ${schema.format} (${min} to ${max}).`);
  }
}

const patterns = new Map<string, RegExp | null>();

/** CRD patterns are Go RE2 expressions; the few RE2-only constructs are rewritten, and an untranslatable one is never reported. */
function matchesPattern(pattern: string, value: string): boolean {
  let regex = patterns.get(pattern);
  if (regex === undefined) {
    try {
      const flags = pattern.startsWith('(?i)') ? 'iu' : 'u';
      regex = new RegExp(pattern.replace(/^\(\?i\)/, ''), flags);
    } catch {
      regex = null;
    }
    patterns.set(pattern, regex);
  }
  return regex === null || regex.test(value);
}

function checkMap(node: YAMLMap, schema: JsonSchema, location: Location, ctx: CheckContext): void {
  // The fields present are gathered only for a schema that asks about them: most maps' schemas do not.
  const present =
    schema.required?.length || schema.minProperties !== undefined || schema.maxProperties !== undefined || schema.allOf || schema.oneOf || schema.anyOf
      ? new Map<string, Pair>()
      : undefined;
  const additional = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
  const checksUnknown = schema.properties !== undefined && !additional && !schema['x-kubernetes-preserve-unknown-fields'];
  for (const pair of node.items) {
    const name = pairKey(pair);
    if (name === undefined) continue;
    present?.set(name, pair);
    const key = pair.key as Scalar;
    const child = schema.properties?.[name] ?? additional;
    if (child) {
      checkNode(pair.value as Node | null, child, { parent: location, step: name, key }, ctx);
    } else if (checksUnknown && !ctx.isTemplated(key)) {
      const suggestion = closestName(name, Object.keys(schema.properties ?? {}));
      const container = location.parent ? describeLocation(location) : 'the resource';
      // A warning: the API server drops unknown fields, and only strict clients (kubectl) refuse them.
      ctx.warning(
        ctx.range(key),
        'unknown-field',
        `${container} has no field "${name}".${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        suggestion ? { title: `Change to ${suggestion}`, replacement: suggestion } : undefined,
      );
    }
  }
  if (present) checkPresence(node, schema, location, present, ctx);
}

/** What a map's schema says of its fields as a whole: required ones, how many, which combinations. */
function checkPresence(node: YAMLMap, schema: JsonSchema, location: Location, present: Map<string, Pair>, ctx: CheckContext): void {
  const isSet = (name: string) => {
    const value = present.get(name)?.value as Node | null | undefined;
    return value !== undefined && value !== null && !(isScalar(value) && value.value === null);
  };
  // A templated key (`{{ toYaml .Values.issuerRef | nindent 4 }}`) may be any field: what is missing here is unknown.
  const open = ctx.hasTemplates && node.items.some((pair) => isScalar(pair.key) && ctx.isTemplated(pair.key));
  for (const name of open ? [] : (schema.required ?? [])) {
    // An error, as the API server refuses the resource without it (kubectl apply says so too);
    // while a resource is being written, it shows what is still to fill in.
    if (!isSet(name))
      ctx.error(
        ctx.locationRange(location, node),
        'required-field',
        `${describeLocation(location) === '(root)' ? 'The resource' : describeLocation(location)} needs the field "${name}".`,
      );
  }
  const count = present.size;
  if (!open && schema.minProperties !== undefined && count < schema.minProperties) {
    ctx.error(
      ctx.locationRange(location, node),
      'out-of-range',
      schema.minProperties === 1
        ? `${describeLocation(location)} must not be empty.`
        : `${describeLocation(location)} needs at least ${schema.minProperties} entries.`,
    );
  }
  if (schema.maxProperties !== undefined && count > schema.maxProperties)
    ctx.error(ctx.locationRange(location, node), 'out-of-range', `${describeLocation(location)} allows at most ${schema.maxProperties} entries.`);
  if (!open) checkAlternatives(node, schema, location, present, isSet, ctx);
}

/** Fields named by `required` anywhere inside a one-of/any-of/not combination. */
function requiredNames(schema: JsonSchema): string[] {
  const names = [...(schema.required ?? [])];
  for (const alt of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) names.push(...requiredNames(alt));
  if (schema.not) names.push(...requiredNames(schema.not));
  return [...new Set(names)];
}

/** Whether the present fields satisfy a schema made of required/not/oneOf/anyOf/allOf. */
function satisfies(schema: JsonSchema, isSet: (name: string) => boolean): boolean {
  if (schema.required && !schema.required.every(isSet)) return false;
  if (schema.not && satisfies(schema.not, isSet)) return false;
  if (schema.allOf && !schema.allOf.every((alt) => satisfies(alt, isSet))) return false;
  if (schema.anyOf && !schema.anyOf.some((alt) => satisfies(alt, isSet))) return false;
  if (schema.oneOf && schema.oneOf.filter((alt) => satisfies(alt, isSet)).length !== 1) return false;
  return true;
}

function checkAlternatives(
  node: YAMLMap,
  schema: JsonSchema,
  location: Location,
  present: Map<string, Pair>,
  isSet: (name: string) => boolean,
  ctx: CheckContext,
): void {
  if (!schema.allOf && !schema.oneOf && !schema.anyOf) return;
  const groups = [...(schema.allOf ?? []).flatMap((part) => (part.oneOf || part.anyOf ? [part] : [])), ...(schema.oneOf || schema.anyOf ? [schema] : [])];
  for (const group of groups) {
    const structural = (group.oneOf ?? group.anyOf ?? []).every((alt) => !alt.type && !alt.properties);
    if (!structural) continue;
    const combination: JsonSchema = group.oneOf ? { oneOf: group.oneOf } : { anyOf: group.anyOf };
    if (satisfies(combination, isSet)) continue;
    const names = requiredNames(combination);
    const set = names.filter(isSet);
    if (set.length > 1) {
      const second = present.get(set[1])!;
      ctx.error(
        ctx.range(second.key as Node),
        'mutually-exclusive',
        `${describeLocation(location)}: set only one of ${names.map((n) => `"${n}"`).join(', ')} (found ${set.map((n) => `"${n}"`).join(' and ')}).`,
      );
    } else {
      ctx.error(ctx.locationRange(location, node), 'required-field', `${describeLocation(location)} needs one of ${names.map((n) => `"${n}"`).join(', ')}.`);
    }
  }
}

function checkSeq(node: YAMLSeq, schema: JsonSchema, location: Location, ctx: CheckContext): void {
  const items = node.items as Array<Node | null>;
  const itemSchema = schema.items;
  if (itemSchema) for (let index = 0; index < items.length; index++) checkNode(items[index], itemSchema, { parent: location, step: index }, ctx);
  if (schema.minItems !== undefined && items.length < schema.minItems) {
    ctx.error(
      ctx.locationRange(location, node),
      'out-of-range',
      schema.minItems === 1 ? `${describeLocation(location)} must not be empty.` : `${describeLocation(location)} needs at least ${schema.minItems} items.`,
    );
  }
  if (schema.maxItems !== undefined && items.length > schema.maxItems)
    ctx.error(
      ctx.locationRange(location, node),
      'out-of-range',
      `${describeLocation(location)} allows at most ${schema.maxItems} items (it has ${items.length}).`,
    );
  const listType = schema['x-kubernetes-list-type'];
  if (listType === 'set' || listType === 'map' || schema.uniqueItems) {
    const keys = schema['x-kubernetes-list-map-keys'];
    const seen = new Map<string, number>();
    items.forEach((item, index) => {
      if (!item || ctx.isTemplated(item)) return;
      const value = item.toJSON() as unknown;
      const identity =
        listType === 'map' && keys && value && typeof value === 'object'
          ? JSON.stringify(keys.map((k) => (value as Record<string, unknown>)[k]))
          : JSON.stringify(value);
      const first = seen.get(identity);
      if (first === undefined) seen.set(identity, index);
      else
        ctx.error(
          ctx.range(item),
          'duplicate-item',
          `${describeLocation(location)}[${index}] repeats ${describeLocation(location)}[${first}]${listType === 'map' && keys ? ` (same ${keys.join(', ')})` : ''}; each item must be unique.`,
        );
    });
  }
}

function checkCelRules(node: Node, schema: JsonSchema, location: Location, ctx: CheckContext): void {
  const rules = schema['x-kubernetes-validations'];
  if (!rules?.length || (ctx.hasTemplates && (ctx.isTemplated(node) || containsTemplate(node, ctx)))) return;
  const self = node.toJSON() as unknown;
  for (const { rule, message } of rules) {
    if (checkRule(rule, self) !== 'fail') continue;
    const text = `${describeLocation(location)}: ${message ?? `fails the rule ${rule}`}.`.replace(/\.\.$/, '.');
    const keys = failingKeys(node, rule);
    if (keys.length) for (const key of keys) ctx.error(ctx.range(key), 'crd-rule', text);
    else ctx.error(ctx.locationRange(location, node), 'crd-rule', text);
  }
}

/**
 * For a rule over every key of a map (`self.all(key, …)`, as for PeerAuthentication's port
 * numbers), the keys that break it, so the error sits on each of them rather than on the map.
 */
function failingKeys(node: Node, rule: string): Node[] {
  if (!isMap(node) || !EVERY_KEY.test(rule) || !closesAtEnd(rule.trim())) return [];
  return node.items.flatMap((pair) => {
    const key = pair.key as Node | null;
    if (!isScalar(key)) return [];
    return checkRule(rule, { [String(key.value)]: (pair.value as Node | null)?.toJSON() as unknown }) === 'fail' ? [key] : [];
  });
}

const EVERY_KEY = /^\s*self\.all\(\s*\w+\s*,/;

/** Whether the parenthesis opened by `self.all(` is the one that ends the rule. */
function closesAtEnd(rule: string): boolean {
  let depth = 0;
  for (let i = rule.indexOf('('); i < rule.length; i++) {
    if (rule[i] === '(') depth++;
    else if (rule[i] === ')' && --depth === 0) return i === rule.length - 1;
  }
  return false;
}

function containsTemplate(node: Node, ctx: CheckContext): boolean {
  if (isMap(node)) return node.items.some((pair) => ctx.isTemplated(pair.key as Node) || containsTemplate(pair.value as Node, ctx));
  if (isSeq(node)) return (node.items as Node[]).some((item) => containsTemplate(item, ctx));
  return ctx.isTemplated(node);
}
