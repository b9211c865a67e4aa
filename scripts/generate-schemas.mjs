#!/usr/bin/env node
// Derives the structure of the mesh kinds from upstream CustomResourceDefinitions.
//
//   node scripts/generate-schemas.mjs --out server/src/schema/generated/crds.json CRD_FILE_OR_DIR...
//
// For every served version of every CRD it keeps what validation, completion and hover need
// (types, properties, list and map shapes, enums, required, patterns, bounds, formats, defaults,
// one-of groups, the x-kubernetes-* markers and CEL rules) and drops upstream descriptions: the
// field documentation is our own (server/src/schema/docs). Subtrees that repeat are stored once
// under "$defs" and referenced, which keeps the committed output small and the diff readable.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';

const KEEP = new Set([
  'type',
  'properties',
  'items',
  'additionalProperties',
  'required',
  'enum',
  'pattern',
  'format',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'uniqueItems',
  'nullable',
  'default',
  'oneOf',
  'anyOf',
  'allOf',
  'not',
  'x-kubernetes-int-or-string',
  'x-kubernetes-preserve-unknown-fields',
  'x-kubernetes-validations',
  'x-kubernetes-list-type',
  'x-kubernetes-list-map-keys',
  'x-kubernetes-map-type',
  'x-kubernetes-embedded-resource',
]);
const SCHEMA_MAPS = new Set(['properties']);
const SCHEMA_VALUES = new Set(['items', 'additionalProperties', 'not']);
const SCHEMA_LISTS = new Set(['oneOf', 'anyOf', 'allOf']);
const MIN_SHARED_LENGTH = 160;

function usage(message) {
  process.stderr.write(`generate-schemas: ${message}\nusage: node scripts/generate-schemas.mjs --out FILE CRD_FILE_OR_DIR...\n`);
  process.exit(2);
}

function yamlFiles(path) {
  if (statSync(path).isDirectory())
    return readdirSync(path)
      .sort()
      .flatMap((name) => yamlFiles(join(path, name)));
  return /\.ya?ml$/.test(path) ? [path] : [];
}

/** Keeps the structural keywords of a schema node, recursively. */
function strip(node) {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const out = {};
  for (const key of Object.keys(node).sort()) {
    if (!KEEP.has(key)) continue;
    const value = node[key];
    if (SCHEMA_MAPS.has(key))
      out[key] = Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, strip(value[k])]),
      );
    else if (SCHEMA_VALUES.has(key)) out[key] = typeof value === 'object' ? strip(value) : value;
    else if (SCHEMA_LISTS.has(key)) out[key] = value.map(strip);
    else if (key === 'x-kubernetes-validations')
      out[key] = value.map(({ rule, message, messageExpression, reason, fieldPath }) => ({ rule, message, messageExpression, reason, fieldPath }));
    else out[key] = value;
  }
  return out;
}

/** Moves repeated subtrees into defs, bottom-up, so shared parts may reference other shared parts. */
function share(kinds) {
  const counts = new Map();
  const serialize = (node) => JSON.stringify(node);
  const count = (node) => {
    if (typeof node !== 'object' || node === null) return;
    for (const child of childSchemas(node)) count(child);
    const text = serialize(node);
    if (text.length >= MIN_SHARED_LENGTH) counts.set(text, (counts.get(text) ?? 0) + 1);
  };
  for (const kind of kinds) count(kind.schema);

  const defs = {};
  const names = new Map();
  const replace = (node, hint) => {
    if (typeof node !== 'object' || node === null) return node;
    const text = serialize(node);
    const rebuilt = mapChildren(node, replace);
    if ((counts.get(text) ?? 0) < 2) return rebuilt;
    let name = names.get(text);
    if (!name) {
      name = `${hint}-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
      names.set(text, name);
      defs[name] = rebuilt;
    }
    return { $ref: `#/$defs/${name}` };
  };
  for (const kind of kinds) kind.schema = mapChildren(kind.schema, replace);
  return Object.fromEntries(
    Object.keys(defs)
      .sort()
      .map((k) => [k, defs[k]]),
  );
}

function childSchemas(node) {
  const out = [];
  for (const key of SCHEMA_MAPS) if (node[key]) out.push(...Object.values(node[key]));
  for (const key of SCHEMA_VALUES) if (typeof node[key] === 'object') out.push(node[key]);
  for (const key of SCHEMA_LISTS) if (node[key]) out.push(...node[key]);
  return out;
}

function mapChildren(node, fn) {
  const out = { ...node };
  for (const key of SCHEMA_MAPS) if (node[key]) out[key] = Object.fromEntries(Object.entries(node[key]).map(([k, v]) => [k, fn(v, k)]));
  for (const key of SCHEMA_VALUES) if (typeof node[key] === 'object') out[key] = fn(node[key], key);
  for (const key of SCHEMA_LISTS) if (node[key]) out[key] = node[key].map((v) => fn(v, key));
  return out;
}

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
if (outIndex < 0 || !args[outIndex + 1]) usage('--out FILE is required');
const out = args[outIndex + 1];
const inputs = args.filter((_, i) => i !== outIndex && i !== outIndex + 1);
if (inputs.length === 0) usage('no CRD files given');

const kinds = [];
for (const file of inputs.flatMap(yamlFiles)) {
  for (const doc of YAML.parseAllDocuments(readFileSync(file, 'utf8'))) {
    const crd = doc.toJS();
    if (crd?.kind !== 'CustomResourceDefinition') continue;
    const { group, names, scope, versions } = crd.spec;
    const storage = versions.find((v) => v.storage)?.name;
    for (const v of versions) {
      if (v.served === false || !v.schema?.openAPIV3Schema) continue;
      kinds.push({
        group,
        version: v.name,
        kind: names.kind,
        scope,
        storageVersion: storage,
        deprecated: v.deprecated === true,
        ...(v.deprecationWarning ? { deprecationWarning: v.deprecationWarning } : {}),
        schema: strip(v.schema.openAPIV3Schema),
      });
    }
  }
}
kinds.sort((a, b) => `${a.group}/${a.kind}/${a.version}`.localeCompare(`${b.group}/${b.kind}/${b.version}`));
const $defs = share(kinds);
const generated = {
  comment: 'Generated by scripts/generate-schemas.mjs from upstream CRDs; do not edit by hand.',
  $defs,
  kinds,
};
writeFileSync(out, `${JSON.stringify(generated, null, 1)}\n`);
process.stderr.write(`generate-schemas: ${kinds.length} kind versions, ${Object.keys($defs).length} shared definitions -> ${out}\n`);
