import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { getLanguageService } from 'yaml-language-server';

// The peers the bench measures against, set up as their users would, in this process.

// Bundled into out/bench.js, so the project root is one folder up.
export const ROOT = path.resolve(__dirname, '..');
const SCHEMA_URI = 'file:///mesh-mtls-combined.schema.json';

/**
 * One schema for yaml-language-server, built from what `mesh-mtls schema` prints: each resource
 * schema applies when apiVersion and kind match, the way a user wires CRD schemas into it.
 */
function combinedSchema(): object {
  const printed = JSON.parse(
    execFileSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'schema'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ) as Record<string, object>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    allOf: Object.entries(printed).map(([key, schema]) => {
      const kind = key.slice(key.lastIndexOf('/') + 1);
      const apiVersion = key.slice(0, key.lastIndexOf('/'));
      return { if: { properties: { apiVersion: { const: apiVersion }, kind: { const: kind } }, required: ['apiVersion', 'kind'] }, then: schema };
    }),
  };
}

/**
 * yaml's Node build, which yaml-language-server and most Node programs load; our bundles use its
 * browser build (see scripts/bundle.mjs), so the bench shows both parses.
 */
export function yamlNodeBuild(): typeof import('yaml') {
  // A path, not a package name: only require() loads that very file rather than the package's exports.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(ROOT, 'node_modules', 'yaml', 'dist', 'index.js')) as typeof import('yaml');
}

export async function createYamlLanguageServer() {
  const schema = combinedSchema();
  const service = getLanguageService({
    schemaRequestService: (uri: string) =>
      uri === SCHEMA_URI ? Promise.resolve(JSON.stringify(schema)) : Promise.reject(new Error(`the bench fetches nothing (${uri})`)),
    workspaceContext: { resolveRelativePath: (relative: string, resource: string) => new URL(relative, resource).toString() },
  });
  service.configure({ validate: true, hover: true, completion: true, isKubernetes: true, schemas: [{ uri: SCHEMA_URI, fileMatch: ['*.yaml'], schema }] });
  const version = (JSON.parse(readFileSync(require.resolve('yaml-language-server/package.json'), 'utf8')) as { version: string }).version;
  return { version, doValidation: service.doValidation.bind(service), doComplete: service.doComplete.bind(service) };
}
