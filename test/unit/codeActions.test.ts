import * as assert from 'node:assert/strict';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { quickFixes } from '../../server/src/service/codeActions';
import { validateYaml } from '../../server/src/service/validation/index';

const uri = 'file:///w/pa.yaml';

describe('quick fixes', () => {
  it('turns a case mistake in an enum into the right value', () => {
    const diagnostics = validateYaml(
      parseYaml('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: strict\n'),
      createDefaultRegistry(),
    );
    const [action] = quickFixes(uri, diagnostics);
    assert.equal(action.title, 'Change to STRICT');
    assert.equal(action.kind, 'quickfix');
    assert.deepEqual(action.edit?.changes?.[uri], [{ range: { start: { line: 4, character: 10 }, end: { line: 4, character: 16 } }, newText: 'STRICT' }]);
  });

  it('offers nothing for diagnostics without a fix, or that are not ours', () => {
    const diagnostics = validateYaml(
      parseYaml('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: MUTUAL\n'),
      createDefaultRegistry(),
    );
    assert.equal(diagnostics.length, 1);
    assert.deepEqual(quickFixes(uri, diagnostics), []);
    const foreign = { ...diagnostics[0], source: 'other', data: { title: 'x', replacement: 'y' } };
    assert.deepEqual(quickFixes(uri, [foreign]), []);
    const malformed = { ...diagnostics[0], data: { title: 3 } };
    assert.deepEqual(quickFixes(uri, [malformed]), []);
  });
});
