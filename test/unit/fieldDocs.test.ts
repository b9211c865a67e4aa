import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments, parse } from 'yaml';
import { DOCUMENTED_SCOPE, docPaths } from '../../server/src/schema/docs/docPaths';
import { FIELD_DOCS, type FieldDoc } from '../../server/src/schema/docs/fieldDocs';
import type { JsonSchema } from '../../server/src/schema/jsonSchema';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { ROOT } from '../rig/paths';

const registry = createDefaultRegistry();

/** Every documentation key of a kind over all its served versions, with each version's schema. */
function keysOf(groupKind: string): Map<string, JsonSchema[]> {
  const keys = new Map<string, JsonSchema[]>();
  for (const info of registry.all().filter((i) => `${i.group}/${i.kind}` === groupKind)) {
    for (const [key, schema] of docPaths(info.schema)) keys.set(key, [...(keys.get(key) ?? []), schema]);
  }
  return keys;
}

function docsOf(groupKind: string): Array<[string, FieldDoc]> {
  return Object.entries(FIELD_DOCS[groupKind] ?? {});
}

describe('hand-written field documentation', () => {
  for (const [groupKind, inScope] of Object.entries(DOCUMENTED_SCOPE)) {
    describe(groupKind, () => {
      const keys = keysOf(groupKind);

      it('is served by the registry', () => assert.ok(keys.size > 0, `no schema for ${groupKind}`));

      it('documents every field in scope', () => {
        const missing = [...keys.keys()].filter((key) => inScope(key) && !FIELD_DOCS[groupKind]?.[key]);
        assert.deepEqual(missing, [], `undocumented: ${missing.join(', ')}`);
      });

      it('documents no field that the schemas do not have', () => {
        assert.deepEqual(
          docsOf(groupKind)
            .map(([key]) => key)
            .filter((key) => !keys.has(key)),
          [],
        );
      });

      it('explains every value of every documented enum, and only those', () => {
        const problems: string[] = [];
        for (const [key, doc] of docsOf(groupKind)) {
          const allowed = new Set((keys.get(key) ?? []).flatMap((schema) => schema.enum ?? []).map(String));
          if (allowed.size === 0) {
            if (doc.values) problems.push(`${key}: values given but the field has no enum`);
            continue;
          }
          const explained = new Set(Object.keys(doc.values ?? {}));
          const unexplained = [...allowed].filter((value) => !explained.has(value));
          const unknown = [...explained].filter((value) => !allowed.has(value));
          if (unexplained.length) problems.push(`${key}: no word on ${unexplained.join(', ')}`);
          if (unknown.length) problems.push(`${key}: explains values the schema lacks: ${unknown.join(', ')}`);
        }
        assert.deepEqual(problems, []);
      });

      it('gives examples that are YAML with the field at the top', () => {
        const bad = docsOf(groupKind).filter(([key, doc]) => {
          if (!doc.example) return false;
          const docs = parseAllDocuments(doc.example);
          if (docs.length !== 1 || docs[0].errors.length) return true;
          const top = key.split('.').pop()!.replace(/\[\]$/, '');
          const value = parse(doc.example) as unknown;
          return top !== '*' && !(value && typeof value === 'object' && !Array.isArray(value) && top in value);
        });
        assert.deepEqual(
          bad.map(([key]) => key),
          [],
        );
      });
    });
  }

  it('is written in our own words: no run of eight words from the upstream CRD descriptions', function () {
    const crds = path.join(ROOT, '..', 'shared', 'crds');
    if (!existsSync(crds)) {
      console.log(`    (no ${crds}: the shared CRDs are not beside the project)`);
      this.skip();
    }
    const upstream = new Set<string>();
    // The shared CRDs, and the ones kept in the repository (schemas/crds: spire-controller-manager's).
    for (const root of [crds, path.join(ROOT, 'schemas', 'crds')]) {
      for (const family of readdirSync(root).filter((name) => !name.endsWith('.md'))) {
        for (const file of readdirSync(path.join(root, family))) {
          for (const text of descriptions(parse(readFileSync(path.join(root, family, file), 'utf8')))) for (const run of runs(text)) upstream.add(run);
        }
      }
    }
    const copied: string[] = [];
    for (const [groupKind, docs] of Object.entries(FIELD_DOCS)) {
      for (const [key, doc] of Object.entries(docs)) {
        for (const text of [doc.text, ...Object.values(doc.values ?? {})]) {
          const hit = runs(text).find((run) => upstream.has(run));
          if (hit) copied.push(`${groupKind} ${key}: "${hit}"`);
        }
      }
    }
    assert.deepEqual(copied, []);
  });
});

function descriptions(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(descriptions);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, inner]) => (key === 'description' && typeof inner === 'string' ? [inner] : descriptions(inner)));
}

/** Every run of eight consecutive words, lower-cased, punctuation dropped. */
function runs(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .split(/[^a-z0-9.:/-]+/)
    .filter(Boolean);
  const result: string[] = [];
  for (let i = 0; i + 8 <= words.length; i++) result.push(words.slice(i, i + 8).join(' '));
  return result;
}
