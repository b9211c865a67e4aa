import * as assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { validateYaml } from '../../server/src/service/validation/index';
import { marked } from './marked';

/**
 * Validates marked text: each ⟦range⟧ must carry exactly one diagnostic of `code`, and nothing
 * else may be reported. Returns the messages in order.
 */
export function expectDiagnostics(code: string, source: string): string[] {
  const { text, ranges } = marked(source);
  const diagnostics = validateYaml(parseYaml(text), createDefaultRegistry());
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range]),
    ranges.map((range) => [code, range]),
    diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n'),
  );
  return diagnostics.map((d) => d.message as string);
}
