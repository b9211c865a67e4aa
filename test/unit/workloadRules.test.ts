import * as assert from 'node:assert/strict';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';

function model(files: Record<string, string>): WorkspaceModel {
  return new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
}
/** "file:line severity [code]" for each finding of these codes, sorted. */
function findings(files: Record<string, string>, codes: string[]): string[] {
  return analyzeWorkspace(model(files))
    .filter((f) => codes.includes(f.code))
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1} ${f.severity} [${f.code}]`)
    .sort();
}
function messages(files: Record<string, string>, code: string): string[] {
  return analyzeWorkspace(model(files))
    .filter((f) => f.code === code)
    .map((f) => f.message);
}

/** A workload with a selector block (as YAML lines under `spec:`) and pod labels; upstream's validLabels are {a: b}. */
const workload = (kind: string, selector: string, podLabels: string, apiVersion = 'apps/v1', extraSpec = '') => `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: abc, namespace: default}
spec:
${selector}${extraSpec}  template:
    metadata:
      labels: ${podLabels}
    spec:
      containers: [{name: app, image: example/app}]
`;
const SELECTOR = ['workload-selector'];

describe('workload selector against the pod template (kubernetes pkg/apis/apps/validation)', () => {
  for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']) {
    it(`${kind}: accepts a selector its pods match (upstream validation_test.go success cases, validLabels a=b)`, () => {
      assert.deepEqual(findings({ 'w.yaml': workload(kind, '  selector: {matchLabels: {a: b}}\n', '{a: b, extra: x}') }, SELECTOR), []);
    });
    it(`${kind}: refuses "nil selector", "empty selector" and "selector_doesnt_match" (upstream TestValidate${kind} error cases)`, () => {
      assert.deepEqual(findings({ 'w.yaml': workload(kind, '', '{a: b}') }, SELECTOR), ['w.yaml:4 error [workload-selector]']);
      assert.deepEqual(findings({ 'w.yaml': workload(kind, '  selector: {}\n', '{a: b}') }, SELECTOR), ['w.yaml:5 error [workload-selector]']);
      assert.deepEqual(findings({ 'w.yaml': workload(kind, '  selector: {matchLabels: {foo: bar}}\n', '{a: b}') }, SELECTOR), [
        'w.yaml:8 error [workload-selector]',
      ]);
    });
  }

  it('reads matchExpressions as the API server does: In, NotIn, Exists, DoesNotExist', () => {
    const expressions = (list: string, labels: string) =>
      findings({ 'w.yaml': workload('Deployment', `  selector:\n    matchExpressions: ${list}\n`, labels) }, SELECTOR).length;
    assert.equal(expressions('[{key: a, operator: In, values: [b, c]}]', '{a: c}'), 0);
    assert.equal(expressions('[{key: a, operator: In, values: [b, c]}]', '{a: d}'), 1);
    assert.equal(expressions('[{key: a, operator: NotIn, values: [b]}]', '{x: y}'), 0);
    assert.equal(expressions('[{key: a, operator: NotIn, values: [b]}]', '{a: b}'), 1);
    assert.equal(expressions('[{key: a, operator: Exists}]', '{a: anything}'), 0);
    assert.equal(expressions('[{key: a, operator: Exists}]', '{b: c}'), 1);
    assert.equal(expressions('[{key: a, operator: DoesNotExist}]', '{b: c}'), 0);
    assert.equal(expressions('[{key: a, operator: DoesNotExist}]', '{a: b}'), 1);
  });

  it('refuses malformed requirements (apimachinery ValidateLabelSelectorRequirement)', () => {
    const problem = (requirement: string) =>
      messages({ 'w.yaml': workload('Deployment', `  selector:\n    matchExpressions: [${requirement}]\n`, '{a: b}') }, 'workload-selector');
    assert.match(problem('{key: a, operator: In, values: []}')[0], /values must be given when the operator is In/);
    assert.match(problem('{key: a, operator: Exists, values: [b]}')[0], /values must be empty when the operator is Exists/);
    assert.match(problem('{key: a, operator: Equals, values: [b]}')[0], /"Equals" is no operator/);
  });

  it('names the pod labels in the message, and the kind the API server refuses', () => {
    const [message] = messages({ 'w.yaml': workload('StatefulSet', '  selector: {matchLabels: {app: web}}\n', '{app: api}') }, 'workload-selector');
    assert.match(message, /app=api/);
    assert.match(message, /refuses this StatefulSet/);
  });

  it('checks a Job only with manualSelector: true (upstream ValidateJobSpec); otherwise the API server makes the selector', () => {
    assert.deepEqual(findings({ 'j.yaml': workload('Job', '', '{a: b}', 'batch/v1') }, SELECTOR), []);
    assert.deepEqual(findings({ 'j.yaml': workload('Job', '', '{a: b}', 'batch/v1', '  manualSelector: true\n') }, SELECTOR), [
      'j.yaml:4 error [workload-selector]',
    ]);
    assert.deepEqual(
      findings({ 'j.yaml': workload('Job', '  selector: {matchLabels: {foo: bar}}\n', '{a: b}', 'batch/v1', '  manualSelector: true\n') }, SELECTOR),
      ['j.yaml:9 error [workload-selector]'],
    );
    // An empty selector is allowed on a Job: it selects every pod, its own included.
    assert.deepEqual(findings({ 'j.yaml': workload('Job', '  selector: {}\n', '{a: b}', 'batch/v1', '  manualSelector: true\n') }, SELECTOR), []);
  });

  it('leaves Pod-less kinds, other API versions and Argo Rollouts alone', () => {
    assert.deepEqual(findings({ 'w.yaml': workload('Rollout', '  selector: {matchLabels: {foo: bar}}\n', '{a: b}', 'argoproj.io/v1alpha1') }, SELECTOR), []);
    assert.deepEqual(findings({ 'w.yaml': workload('Deployment', '', '{a: b}', 'extensions/v1beta1') }, SELECTOR), []);
  });

  it('never judges a selector or labels a Helm template writes', () => {
    const chart = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
spec:
  selector:
    matchLabels:
      {{- include "app.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "app.labels" . | nindent 8 }}
    spec:
      containers: [{name: app, image: example/app}]
`;
    assert.deepEqual(findings({ 'templates/deployment.yaml': chart }, SELECTOR), []);
    const values = workload('Deployment', '  selector: {matchLabels: {app: "{{ .Values.name }}"}}\n', '{app: "{{ .Values.other }}"}');
    assert.deepEqual(findings({ 'templates/d.yaml': values }, SELECTOR), []);
    const missing = `apiVersion: apps/v1
kind: Deployment
metadata: {name: abc}
spec:
  {{- include "app.selector" . | nindent 2 }}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers: [{name: app, image: example/app}]
`;
    assert.deepEqual(findings({ 'templates/d.yaml': missing }, SELECTOR), []);
  });
});
