import * as assert from 'node:assert/strict';
import { resourcesOf } from '../../server/src/analysis/resources';
import { parseYaml } from '../../server/src/documents/parsedDocument';

const policy = (name: string) => `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ${name}
  namespace: shop
spec:
  action: ALLOW
  rules:
    - from:
        - source:
            principals: ["cluster.local/ns/shop/sa/web", "cluster.local/ns/shop/sa/api"]
`;

const PATHS = ['', 'kind', 'metadata', 'metadata.name', 'metadata.namespace', 'spec', 'spec.action', 'spec.action=', 'spec.rules.0.from.0.source.principals.1'];

const rangesOf = (text: string, previous?: ReturnType<typeof parseYaml>) => {
  const yaml = parseYaml(text, previous);
  return { yaml, ranges: resourcesOf('file:///w/policies.yaml', yaml).map((r) => PATHS.map((p) => r.ranges.get(p))) };
};

describe('resource ranges', () => {
  it('finds each field where it is written, read only when asked', () => {
    const text = policy('a');
    const [[document, kind, metadata, name, namespace, spec, action, actionValue, principal]] = rangesOf(text).ranges;
    const lines = text.split('\n');
    const at = (r: typeof kind) => lines[r!.start.line].slice(r!.start.character, r!.end.character);
    assert.deepEqual(document!.start, { line: 0, character: 0 });
    assert.deepEqual(
      [at(kind), at(metadata), at(name), at(namespace), at(spec), at(action), at(actionValue)],
      ['kind', 'metadata', 'a', 'shop', 'spec', 'action', 'ALLOW'],
    );
    assert.equal(at(principal), '"cluster.local/ns/shop/sa/api"');
  });

  it('after lines are added above a resource, gives the ranges a fresh parse gives', () => {
    const before = `${policy('a')}---\n${policy('b')}`;
    const first = rangesOf(before);
    // Read once before the edit, so the moved resource shares what was read.
    assert.ok(first.ranges[1][8]);
    const after = `# a comment\n# and another\n${before}`;
    const edited = rangesOf(after, first.yaml).ranges;
    assert.deepEqual(edited, rangesOf(after).ranges);
    assert.equal(edited[1][8]!.start.line, first.ranges[1][8].start.line + 2);
  });

  it('gives the same ranges read from a kept tree as from a parse of the text again', () => {
    const text = `# leading\r\n${policy('a').replace(/\n/g, '\r\n')}---\n${policy('b')}`;
    const read = (keepTree: boolean) => resourcesOf('file:///w/policies.yaml', parseYaml(text), keepTree).map((r) => PATHS.map((p) => r.ranges.get(p)));
    const kept = read(true);
    assert.equal(kept.length, 2);
    assert.ok(kept.every((ranges) => ranges.every(Boolean)));
    assert.deepEqual(kept, read(false));
  });

  it('read first after the next parse moved its reused tree, gives the ranges of the text it was built from', () => {
    const uri = 'file:///w/policies.yaml';
    const before = `${policy('a')}---\n${policy('b')}`;
    const first = parseYaml(before);
    const built = resourcesOf(uri, first, true);
    const after = `# a comment\n# and another\n${before}`;
    const second = parseYaml(after, first);
    // The tree is the same object, its offsets moved to where it is in the new text.
    assert.equal(second.documents[1], first.documents[1]);
    assert.deepEqual(
      built.map((r) => PATHS.map((p) => r.ranges.get(p))),
      rangesOf(before).ranges,
    );
    assert.deepEqual(
      resourcesOf(uri, second, true).map((r) => PATHS.map((p) => r.ranges.get(p))),
      rangesOf(after).ranges,
    );
  });

  it('records the spec fields of the kinds the rules read, not of every kind', () => {
    const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  ingressClassName: nginx\n';
    const [resource] = resourcesOf('file:///w/web.yaml', parseYaml(ingress));
    assert.equal(resource.ranges.get('spec.ingressClassName'), undefined);
    assert.deepEqual(resource.ranges.get('metadata.name')?.start, { line: 2, character: 17 });
    // Workloads are reported at their selector and pod template (workload-selector, mesh annotations).
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n';
    const [workload] = resourcesOf('file:///w/web.yaml', parseYaml(deployment));
    assert.deepEqual(workload.ranges.get('spec.replicas')?.start, { line: 4, character: 2 });
  });
});
