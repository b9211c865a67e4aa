import * as assert from 'node:assert/strict';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { istioInboundBypass, istioValueProblem, linkerdValueProblem } from '../../server/src/analysis/meshAnnotations';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { mtlsCodeLenses } from '../../server/src/service/mtlsLenses';

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

  it('refuses a selector written on a Job the API server makes the selector of (upstream TestValidateJob, "`selector` not auto-generated")', () => {
    const job = (selector: string) => workload('Job', selector, '{a: b}', 'batch/v1').replace('name: abc', 'name: myjob');
    assert.deepEqual(findings({ 'j.yaml': job('') }, SELECTOR), []);
    assert.deepEqual(findings({ 'j.yaml': job('  selector: {matchLabels: {a: b}}\n') }, SELECTOR), ['j.yaml:5 error [workload-selector]']);
    // The generated labels themselves select: the Job's name, and its uid, which only the cluster knows.
    assert.deepEqual(findings({ 'j.yaml': job('  selector: {matchLabels: {job-name: myjob, controller-uid: 1a2b3c}}\n') }, SELECTOR), []);
    assert.deepEqual(findings({ 'j.yaml': job('  selector: {matchLabels: {job-name: other}}\n') }, SELECTOR), ['j.yaml:5 error [workload-selector]']);
  });

  it('checks a Job with manualSelector: true against its template (upstream ValidateJobSpec)', () => {
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

describe('workload selector, YAML as kubectl reads it', () => {
  it('never judges labels a merge key writes (kubectl applies <<, this parser leaves it a key)', () => {
    const merged = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector:
    matchLabels: &labels
      app: web
  template:
    metadata:
      labels:
        <<: *labels
        tier: front
    spec:
      containers: [{name: app, image: example/app}]
`;
    assert.deepEqual(findings({ 'w.yaml': merged }, SELECTOR), []);
    // An alias of the whole map is read as the map it names.
    const aliased = merged.replace('        <<: *labels\n        tier: front', '        app: api').replace('labels:\n        app: api', 'labels: *labels');
    assert.deepEqual(findings({ 'w.yaml': aliased }, SELECTOR), []);
    const mismatched = merged.replace('        <<: *labels\n        tier: front', '        app: api');
    assert.deepEqual(findings({ 'w.yaml': mismatched }, SELECTOR), ['w.yaml:10 error [workload-selector]']);
  });
});

describe('Istio capture annotations (istio/istio pkg/kube/inject/validate.go at 1.30.3)', () => {
  it('takes what validatePortList and validateCIDRList take', () => {
    for (const [name, value] of [
      ['traffic.sidecar.istio.io/excludeInboundPorts', '15020, 8080'],
      ['traffic.sidecar.istio.io/excludeInboundPorts', ''],
      ['traffic.sidecar.istio.io/includeInboundPorts', '*'],
      ['traffic.sidecar.istio.io/excludeOutboundPorts', '0,65535'],
      ['traffic.sidecar.istio.io/includeOutboundIPRanges', '*'],
      ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/8,fd00::/8'],
      ['traffic.sidecar.istio.io/excludeOutboundIPRanges', '169.254.169.254/32'],
      ['traffic.sidecar.istio.io/excludeOutboundIPRanges', ''],
    ])
      assert.equal(istioValueProblem(name, value), undefined, `${name}: ${value}`);
  });
  it('refuses ranges, out-of-range ports, trailing commas, spaces in CIDR lists and * where only includes take it', () => {
    for (const [name, value] of [
      ['traffic.sidecar.istio.io/excludeInboundPorts', '8000-8080'],
      ['traffic.sidecar.istio.io/excludeInboundPorts', '65536'],
      ['traffic.sidecar.istio.io/excludeInboundPorts', '80,'],
      ['traffic.sidecar.istio.io/excludeInboundPorts', '*'],
      ['traffic.sidecar.istio.io/excludeOutboundPorts', 'mysql'],
      ['traffic.sidecar.istio.io/includeInboundPorts', '-1'],
      ['traffic.sidecar.istio.io/excludeOutboundIPRanges', '10.0.0.0/8, 172.16.0.0/12'],
      ['traffic.sidecar.istio.io/excludeOutboundIPRanges', '10.0.0.1'],
      ['traffic.sidecar.istio.io/excludeOutboundIPRanges', '*'],
      ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/33'],
      ['traffic.sidecar.istio.io/includeOutboundIPRanges', '010.0.0.0/8'],
      ['traffic.sidecar.istio.io/includeOutboundIPRanges', '10.0.0.0/08'],
      ['traffic.sidecar.istio.io/includeOutboundIPRanges', 'fe80::1%eth0/64'],
    ])
      assert.ok(istioValueProblem(name, value), `${name}: ${value}`);
  });
  it('knows which ports bypass the sidecar inbound', () => {
    const excluded = istioInboundBypass({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000' })!;
    assert.equal(excluded(9000), 'traffic.sidecar.istio.io/excludeInboundPorts');
    assert.equal(excluded(8080), undefined);
    const included = istioInboundBypass({ 'traffic.sidecar.istio.io/includeInboundPorts': '8080' })!;
    assert.equal(included(8080), undefined);
    assert.equal(included(9000), 'traffic.sidecar.istio.io/includeInboundPorts');
    assert.equal(istioInboundBypass({ 'traffic.sidecar.istio.io/includeInboundPorts': '*' }), undefined);
    // An explicit include list wins: istio-iptables reads the exclusions only with * (capture/run.go handleInboundPortsInclude).
    const both = istioInboundBypass({ 'traffic.sidecar.istio.io/includeInboundPorts': '8080,9000', 'traffic.sidecar.istio.io/excludeInboundPorts': '9000' })!;
    assert.equal(both(9000), undefined);
    assert.equal(istioInboundBypass({ 'traffic.sidecar.istio.io/includeInboundPorts': '' })!(8080), 'traffic.sidecar.istio.io/includeInboundPorts');
    assert.equal(istioInboundBypass({ 'traffic.sidecar.istio.io/excludeInboundPorts': '80-90' }), undefined);
  });
});

describe('Linkerd capture annotations (linkerd2 pkg/inject at version-2.20, proxy-init pkg/util/portrange.go at proxy-init/v2.4.9)', () => {
  it('reads ports and ranges as ParsePortRange does (upstream TestParsePortRange, TestParsePortRange_Errors)', () => {
    for (const value of ['23-23', '25-27', '0-65535', '33', '25,443,587,3306,5432,11211', '25,443-447,3306,5432-5435,11211'])
      assert.equal(linkerdValueProblem('config.linkerd.io/skip-outbound-ports', value), undefined, value);
    for (const value of ['notanumber', 'not-number', '-23-25', '-23', '25-23', '65536-65539', '23-notanumber'])
      assert.ok(linkerdValueProblem('config.linkerd.io/skip-inbound-ports', value), value);
  });
  it('warns of spaces, which proxy-init does not trim from its list', () => {
    assert.match(linkerdValueProblem('config.linkerd.io/skip-outbound-ports', '25, 443')!, /spaces/);
    // opaque-ports entries are trimmed (GetPortRanges), and may name a container port.
    assert.equal(linkerdValueProblem('config.linkerd.io/opaque-ports', '4320-4325, 3306, mysql'), undefined);
    assert.ok(linkerdValueProblem('config.linkerd.io/opaque-ports', '3306-'));
  });
  it('takes the six default inbound policies only', () => {
    for (const value of ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'])
      assert.equal(linkerdValueProblem('config.linkerd.io/default-inbound-policy', value), undefined);
    assert.ok(linkerdValueProblem('config.linkerd.io/default-inbound-policy', 'all-authenticted'));
    // audit is in pkg/k8s/labels.go from version-2.16, not at version-2.15.
    assert.match(linkerdValueProblem('config.linkerd.io/default-inbound-policy', 'audit', '2.15')!, /audit comes with Linkerd 2.16/);
    assert.equal(linkerdValueProblem('config.linkerd.io/default-inbound-policy', 'audit', '2.16'), undefined);
  });
});

const podWith = (annotations: Record<string, string>, labels = '{app: web}') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: ${labels}
      annotations: ${JSON.stringify(annotations)}
    spec:
      containers: [{name: app, image: example/web, ports: [{containerPort: 8080, name: http}, {containerPort: 9000, name: admin}]}]
`;
const ANNOTATION_CODES = ['mesh-annotation-value', 'mesh-annotation-placement'];

describe('mesh annotations where the meshes read them', () => {
  it('an Istio value the injector refuses is an error where Istio injects the pod, a warning where it may; a Linkerd one it skips is a warning', () => {
    const bad = podWith({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000-9001' });
    const injected = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {istio-injection: enabled}\n';
    assert.deepEqual(findings({ 'w.yaml': bad, 'ns.yaml': injected }, ANNOTATION_CODES), ['w.yaml:9 error [mesh-annotation-value]']);
    assert.deepEqual(findings({ 'w.yaml': bad, 'ns.yaml': injected.replace('istio-injection: enabled', 'istio.io/rev: canary') }, ANNOTATION_CODES), [
      'w.yaml:9 error [mesh-annotation-value]',
    ]);
    assert.deepEqual(
      findings(
        { 'w.yaml': podWith({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000-9001' }, '{app: web, sidecar.istio.io/inject: "true"}') },
        ANNOTATION_CODES,
      ),
      ['w.yaml:9 error [mesh-annotation-value]'],
    );
    assert.deepEqual(findings({ 'w.yaml': bad }, ANNOTATION_CODES), ['w.yaml:9 warning [mesh-annotation-value]']);
    assert.match(messages({ 'w.yaml': bad }, 'mesh-annotation-value')[0], /Where Istio injects them/);
    assert.deepEqual(findings({ 'w.yaml': podWith({ 'config.linkerd.io/skip-inbound-ports': '9000-8000' }) }, ANNOTATION_CODES), [
      'w.yaml:9 warning [mesh-annotation-value]',
    ]);
    assert.deepEqual(findings({ 'w.yaml': podWith({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000' }) }, ANNOTATION_CODES), []);
  });
  it('skips the Istio check on pods that opt out of injection', () => {
    const text = podWith({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000-9001' }, '{app: web, sidecar.istio.io/inject: "false"}');
    assert.deepEqual(findings({ 'w.yaml': text }, ANNOTATION_CODES), []);
  });
  it('checks Linkerd values on a Namespace, where the injector reads them too', () => {
    const ns = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  annotations:
    config.linkerd.io/default-inbound-policy: all-authenticted
    config.linkerd.io/skip-outbound-ports: "3306"
`;
    assert.deepEqual(findings({ 'ns.yaml': ns }, ANNOTATION_CODES), ['ns.yaml:6 warning [mesh-annotation-value]']);
  });
  it('warns where a mesh never reads the annotation, and says where it belongs', () => {
    // The seed: skip-outbound-ports on a Service.
    const service = `apiVersion: v1
kind: Service
metadata:
  name: my-service
  annotations:
    config.linkerd.io/skip-outbound-ports: "3306"  # MySQL
    config.linkerd.io/opaque-ports: "3306"
    traffic.sidecar.istio.io/excludeInboundPorts: "9000"
spec:
  selector: {app: web}
  ports: [{port: 80}]
`;
    assert.deepEqual(findings({ 's.yaml': service }, ANNOTATION_CODES), [
      's.yaml:6 warning [mesh-annotation-placement]',
      's.yaml:8 warning [mesh-annotation-placement]',
    ]);
    const ns = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    traffic.sidecar.istio.io/excludeOutboundPorts: "25"\n';
    assert.match(messages({ 'ns.yaml': ns }, 'mesh-annotation-placement')[0], /on pods only, never on a Namespace/);
    const onDeployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    config.linkerd.io/skip-inbound-ports: "9000"
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: example/web}]
`;
    assert.match(messages({ 'd.yaml': onDeployment }, 'mesh-annotation-placement')[0], /move it to spec.template.metadata.annotations/);
  });
  it('never judges a templated annotation value', () => {
    const chart = podWith({}).replace('annotations: {}', 'annotations:\n        traffic.sidecar.istio.io/excludeInboundPorts: {{ .Values.excluded | quote }}');
    assert.deepEqual(findings({ 'templates/w.yaml': chart }, ANNOTATION_CODES), []);
  });
});

const strictPolicy = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec:
  mtls: {mode: STRICT}
`;
const webService = (targetPort: string) => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: ${targetPort}}]
`;

describe('STRICT workloads whose sidecar a Service port bypasses', () => {
  it('warns on excludeInboundPorts naming a port a Service targets, by number or by name', () => {
    const deployment = podWith({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000' });
    for (const target of ['9000', 'admin'])
      assert.deepEqual(findings({ 'w.yaml': deployment, 's.yaml': webService(target), 'pa.yaml': strictPolicy }, ['mtls-port-bypass']), [
        'w.yaml:9 warning [mtls-port-bypass]',
      ]);
    const [message] = messages({ 'w.yaml': deployment, 's.yaml': webService('9000'), 'pa.yaml': strictPolicy }, 'mtls-port-bypass');
    assert.match(message, /Port 9000 of Deployment shop\/web bypasses the sidecar.*Service shop\/web.*plaintext.*PeerAuthentication shop\/default/);
  });
  it('warns on includeInboundPorts that leaves the targeted port out', () => {
    const deployment = podWith({ 'traffic.sidecar.istio.io/includeInboundPorts': '8080' });
    assert.deepEqual(findings({ 'w.yaml': deployment, 's.yaml': webService('9000'), 'pa.yaml': strictPolicy }, ['mtls-port-bypass']), [
      'w.yaml:9 warning [mtls-port-bypass]',
    ]);
    assert.deepEqual(findings({ 'w.yaml': deployment, 's.yaml': webService('8080'), 'pa.yaml': strictPolicy }, ['mtls-port-bypass']), []);
  });
  it('says nothing under PERMISSIVE, or when a port-level setting is not STRICT', () => {
    const deployment = podWith({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000' });
    const permissive = strictPolicy.replace('STRICT', 'PERMISSIVE');
    assert.deepEqual(findings({ 'w.yaml': deployment, 's.yaml': webService('9000'), 'pa.yaml': permissive }, ['mtls-port-bypass']), []);
    const portLevel = `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  mtls: {mode: STRICT}
  portLevelMtls:
    9000: {mode: PERMISSIVE}
`;
    assert.deepEqual(findings({ 'w.yaml': deployment, 's.yaml': webService('9000'), 'pa.yaml': portLevel }, ['mtls-port-bypass']), []);
  });
  it('shows the bypassed port as plaintext in the workload lens', () => {
    const files = { 'w.yaml': podWith({ 'traffic.sidecar.istio.io/excludeInboundPorts': '9000' }), 's.yaml': webService('9000'), 'pa.yaml': strictPolicy };
    const titles = mtlsCodeLenses('file:///w/w.yaml', model(files)).map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => /port 9000 plaintext \(bypasses the sidecar\)/.test(t)),
      titles.join('\n'),
    );
  });
});
