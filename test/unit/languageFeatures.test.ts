import * as assert from 'node:assert/strict';
import type { MarkupContent, TextEdit } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { completeAt } from '../../server/src/service/completion';
import { hoverAt } from '../../server/src/service/hover';
import { documentSymbols } from '../../server/src/service/symbols';
import { withCursor } from '../support/cursor';

const registry = createDefaultRegistry();

function complete(source: string) {
  const { text, offset } = withCursor(source);
  return completeAt(text, parseYaml(text), offset, registry);
}

function hover(source: string): string | undefined {
  const { text, offset } = withCursor(source);
  return (hoverAt(parseYaml(text), offset, registry)?.contents as MarkupContent | undefined)?.value;
}

describe('completion', () => {
  it('offers the keys of the mapping being written, without those already present', () => {
    const items = complete('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: STRICT\n  |\n');
    assert.deepEqual(
      items.map((i) => i.label),
      ['portLevelMtls', 'selector'],
    );
  });

  it('completes a partial key, replacing what was typed, and inserts the right shape', () => {
    const items = complete('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mt|\n');
    const mtls = items.find((i) => i.label === 'mtls')!;
    assert.deepEqual((mtls.textEdit as TextEdit).range, { start: { line: 3, character: 2 }, end: { line: 3, character: 4 } });
    assert.equal((mtls.textEdit as TextEdit).newText, 'mtls:\n    $0');
    const nested = complete('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    |\n');
    assert.equal((nested.find((i) => i.label === 'mode')!.textEdit as TextEdit).newText, 'mode: ${1|UNSET,DISABLE,PERMISSIVE,STRICT|}');
  });

  it('offers enum values with what each means', () => {
    const items = complete('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: |\n');
    assert.deepEqual(
      items.map((i) => i.label),
      ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'],
    );
    assert.match((items[3].documentation as MarkupContent).value, /plaintext connections are rejected/);
  });

  it('offers list-item keys inside a list of objects', () => {
    const items = complete('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nspec:\n  rules:\n    - |\n');
    assert.deepEqual(items.map((i) => i.label).sort(), ['from', 'to', 'when']);
  });

  it('offers apiVersions for the kind, the current one first, and kinds', () => {
    const versions = complete('apiVersion: |\nkind: Server\n');
    assert.deepEqual(versions.map((i) => i.label).sort(), [
      'policy.linkerd.io/v1alpha1',
      'policy.linkerd.io/v1beta1',
      'policy.linkerd.io/v1beta2',
      'policy.linkerd.io/v1beta3',
    ]);
    assert.equal([...versions].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0].label, 'policy.linkerd.io/v1beta3');
    assert.ok(complete('apiVersion: cert-manager.io/v1\nkind: |\n').some((i) => i.label === 'ClusterIssuer'));
  });

  it('offers resource skeletons in an empty document, and nothing inside foreign kinds', () => {
    assert.ok(complete('|').some((i) => i.label === 'PeerAuthentication (security.istio.io/v1)'));
    assert.deepEqual(complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  |\n'), []);
  });
});

describe('hover', () => {
  it('explains a documented field with its type and an example', () => {
    const text = hover('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  port|LevelMtls:\n    "80": { mode: DISABLE }\n')!;
    assert.match(text, /^\*\*portLevelMtls\*\* · `map of string to object`/);
    assert.match(text, /Needs a `selector` with `matchLabels`/);
    assert.match(text, /```yaml/);
  });

  it('explains the security meaning of the value under the cursor', () => {
    const text = hover('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  mtls:\n    mode: PERMI|SSIVE\n')!;
    assert.match(text, /\*\*PERMISSIVE\*\*: Accept both mutual TLS and plaintext/);
  });

  it('summarises an undocumented field from the schema, marking required ones', () => {
    const text = hover('apiVersion: cert-manager.io/v1\nkind: Issuer\nspec:\n  acme:\n    externalAccountBinding:\n      key|ID: k\n')!;
    assert.match(text, /^\*\*keyID\*\* · `string` · required\n\nField `spec.acme.externalAccountBinding.keyID` of Issuer\./);
  });

  it('shows the default behaviour our docs give, and a list item reads its list', () => {
    assert.match(hover('apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nspec:\n  act|ion: DENY\n')!, /\n\nDefault: ALLOW/);
    const item = hover(
      'apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nspec:\n  rules:\n    - from:\n        - source:\n            principals:\n              - cluster.local/ns/a/s|a/b\n',
    )!;
    assert.match(item, /^\*\*principals item\*\* · `string`\n/);
    assert.match(item, /ns\/<namespace>\/sa\/|\/ns\/.*\/sa\//);
  });

  it('says nothing outside known kinds or on unknown fields', () => {
    assert.equal(hover('apiVersion: apps/v1\nkind: Deployment\nspec:\n  repl|icas: 1\n'), undefined);
    assert.equal(hover('apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nspec:\n  bo|gus: 1\n'), undefined);
  });
});

describe('document symbols', () => {
  it('lists one symbol per resource with name and namespace, fields below', () => {
    const yaml = parseYaml(
      'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata:\n  name: default\n  namespace: istio-system\nspec:\n  mtls:\n    mode: STRICT\n---\napiVersion: apps/v1\nkind: Deployment\n',
    );
    const [symbol, ...rest] = documentSymbols(yaml, registry);
    assert.equal(rest.length, 0);
    assert.equal(symbol.name, 'PeerAuthentication default · istio-system');
    assert.deepEqual(
      symbol.children?.map((c) => c.name),
      ['apiVersion', 'kind', 'metadata', 'spec'],
    );
    assert.equal(symbol.children?.[3].children?.[0].children?.[0].detail, 'STRICT');
  });
});
