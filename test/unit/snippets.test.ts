import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { ROOT } from '../rig/paths';

/** A snippet body as VS Code inserts it when every placeholder keeps its default. */
function expand(body: string[]): string {
  return body
    .join('\n')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1')
    .replace(/\$\d+/g, '');
}

describe('snippets', () => {
  const snippets = JSON.parse(readFileSync(path.join(ROOT, 'snippets', 'yaml.code-snippets'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;

  it('cover the mesh set-ups users start from', () => {
    assert.ok(Object.keys(snippets).length >= 9);
    assert.ok(Object.values(snippets).every((s) => s.prefix.startsWith('mesh-')));
  });

  for (const [name, snippet] of Object.entries(snippets)) {
    it(`inserts a valid manifest: ${name}`, () => {
      const diagnostics = validateYaml(parseYaml(expand(snippet.body)), createDefaultRegistry());
      assert.deepEqual(
        diagnostics.filter((d) => d.severity !== DiagnosticSeverity.Information).map((d) => `${d.code}: ${d.message}`),
        [],
      );
    });
  }
});
