import * as assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { resourcesOf } from '../../server/src/analysis/resources';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';

// Linkerd's default inbound policy (config.linkerd.io/default-inbound-policy on the pod or its
// namespace) against the Servers that describe the ports a Service sends traffic to.

function denied(files: Record<string, string>): string[] {
  const model = new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
  return analyzeWorkspace(model)
    .filter((f) => f.code === 'linkerd-default-deny')
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1} ${/port (\d+) of/.exec(f.message)?.[1]}`)
    .sort();
}

const namespace = (policy?: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  annotations:\n    linkerd.io/inject: enabled\n${policy ? `    config.linkerd.io/default-inbound-policy: ${policy}\n` : ''}`;
const deployment = (podPolicy?: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata:
      labels: { app: web }
      annotations:
        linkerd.io/inject: enabled
${podPolicy ? `        config.linkerd.io/default-inbound-policy: ${podPolicy}\n` : ''}    spec:
      containers:
      - name: web
        image: example/web
        ports: [{ name: http, containerPort: 8080 }, { name: metrics, containerPort: 9090 }]
`;
const service = `apiVersion: v1
kind: Service
metadata: { name: web, namespace: shop }
spec:
  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }, { name: metrics, port: 9090 }]
`;
const server = (port: string | number) => `apiVersion: policy.linkerd.io/v1beta3
kind: Server
metadata: { name: web-${port}, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  port: ${port}
`;

describe("Linkerd's default inbound policy against its Servers", () => {
  it('warns on each port a Service reaches that no Server describes when the namespace denies by default', () => {
    assert.deepEqual(denied({ 'ns.yaml': namespace('deny'), 'web.yaml': deployment(), 'svc.yaml': service }), ['svc.yaml:2 8080', 'svc.yaml:2 9090']);
    // A Server by port name covers 8080; 9090 is still refused.
    assert.deepEqual(denied({ 'ns.yaml': namespace('deny'), 'web.yaml': deployment(), 'svc.yaml': service, 'server.yaml': server('http') }), [
      'svc.yaml:2 9090',
    ]);
    assert.deepEqual(
      denied({ 'ns.yaml': namespace('deny'), 'web.yaml': deployment(), 'svc.yaml': service, 'a.yaml': server('http'), 'b.yaml': server(9090) }),
      [],
    );
  });

  it("puts the warning on the pod's annotation when the pod sets deny, and says nothing for other policies", () => {
    assert.deepEqual(denied({ 'ns.yaml': namespace(), 'web.yaml': deployment('deny'), 'svc.yaml': service }), ['web.yaml:11 8080', 'web.yaml:11 9090']);
    // The pod's own policy wins over the namespace's.
    assert.deepEqual(denied({ 'ns.yaml': namespace('deny'), 'web.yaml': deployment('all-authenticated'), 'svc.yaml': service }), []);
    assert.deepEqual(denied({ 'ns.yaml': namespace('cluster-authenticated'), 'web.yaml': deployment(), 'svc.yaml': service }), []);
  });
});
