import * as assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { resourcesOf } from '../../server/src/analysis/resources';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';

// Linkerd's default inbound policy (config.linkerd.io/default-inbound-policy on the pod or its
// namespace) against the Servers that describe the ports a Service sends traffic to.

function analyzed(code: string, files: Record<string, string>) {
  const model = new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
  return analyzeWorkspace(model).filter((f) => f.code === code);
}

/** Where each finding of one code sits (file:line) and the port it names. */
function findings(code: string, files: Record<string, string>): string[] {
  return analyzed(code, files)
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1} ${/port (\d+) of/.exec(f.message)?.[1]}`)
    .sort();
}
const denied = (files: Record<string, string>) => findings('linkerd-default-deny', files);
const refused = (files: Record<string, string>) => findings('linkerd-default-policy-refuses', files);

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
/** The Service in front of web; extra metadata lines start on line 6, and spec lines on line 7 when there are none. */
const exposing = (spec: string[] = [], metadata: string[] = []) => `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
${metadata.map((line) => `  ${line}\n`).join('')}spec:
${spec.map((line) => `  ${line}\n`).join('')}  selector: { app: web }
  ports: [{ name: http, port: 80, targetPort: http }, { name: metrics, port: 9090 }]
`;
const service = exposing();
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

  it('leaves out the ports skip-inbound-ports takes out of the proxy, set on the pod or as its namespace default', () => {
    const skipping = (value: string) =>
      deployment().replace(
        '        linkerd.io/inject: enabled\n',
        `        linkerd.io/inject: enabled\n        config.linkerd.io/skip-inbound-ports: "${value}"\n`,
      );
    assert.deepEqual(denied({ 'ns.yaml': namespace('deny'), 'web.yaml': skipping('9090'), 'svc.yaml': service }), ['svc.yaml:2 8080']);
    assert.deepEqual(denied({ 'ns.yaml': namespace('deny'), 'web.yaml': skipping('8000-8999,9090'), 'svc.yaml': service }), []);
    // proxy-init skips an entry it cannot read, and keeps the port in the proxy.
    assert.deepEqual(denied({ 'ns.yaml': namespace('deny'), 'web.yaml': skipping(' 9090'), 'svc.yaml': service }), ['svc.yaml:2 8080', 'svc.yaml:2 9090']);
    const namespaceSkipping = namespace('deny').replace(
      'linkerd.io/inject: enabled\n',
      'linkerd.io/inject: enabled\n    config.linkerd.io/skip-inbound-ports: "8080"\n',
    );
    assert.deepEqual(denied({ 'ns.yaml': namespaceSkipping, 'web.yaml': deployment(), 'svc.yaml': service }), ['svc.yaml:2 9090']);
    // The pod's own value wins over the namespace's.
    assert.deepEqual(denied({ 'ns.yaml': namespaceSkipping, 'web.yaml': skipping('9090'), 'svc.yaml': service }), ['svc.yaml:2 8080']);
  });
  it('warns when an authenticated-only default meets clients from outside the cluster through a node port, load balancer or external IP', () => {
    const ns = namespace('all-authenticated');
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['type: LoadBalancer']) }), [
      'svc.yaml:7 8080',
      'svc.yaml:7 9090',
    ]);
    assert.deepEqual(refused({ 'ns.yaml': namespace('cluster-authenticated'), 'web.yaml': deployment(), 'svc.yaml': exposing(['type: NodePort']) }), [
      'svc.yaml:7 8080',
      'svc.yaml:7 9090',
    ]);
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['externalIPs: [203.0.113.7]']) }), [
      'svc.yaml:7 8080',
      'svc.yaml:7 9090',
    ]);
    const [message] = analyzed('linkerd-default-policy-refuses', { 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['type: NodePort']) }).map(
      (f) => f.message,
    );
    assert.match(
      message,
      /default inbound policy is all-authenticated \(namespace shop\).*Service shop\/web \(type NodePort\).*admits unauthenticated clients\.$/,
    );
    // Set on the pod, the policy is what the warning points at.
    assert.deepEqual(refused({ 'ns.yaml': namespace(), 'web.yaml': deployment('all-authenticated'), 'svc.yaml': exposing(['type: LoadBalancer']) }), [
      'web.yaml:11 8080',
      'web.yaml:11 9090',
    ]);
  });

  it("stays quiet for in-cluster Services, covered ports, policies that admit outside clients, and the proxy's own ports", () => {
    const ns = namespace('all-authenticated');
    // A ClusterIP Service's callers are pods, which can be meshed.
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': service }), []);
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['type: ClusterIP']) }), []);
    // A Server takes the port out of the default policy's hands.
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['type: LoadBalancer']), 'server.yaml': server('http') }), [
      'svc.yaml:7 9090',
    ]);
    for (const policy of ['all-unauthenticated', 'audit', 'deny']) {
      assert.deepEqual(refused({ 'ns.yaml': namespace(policy), 'web.yaml': deployment(), 'svc.yaml': exposing(['type: LoadBalancer']) }), [], policy);
    }
    // The cluster default (all-unauthenticated) admits everyone.
    assert.deepEqual(refused({ 'ns.yaml': namespace(), 'web.yaml': deployment(), 'svc.yaml': exposing(['type: LoadBalancer']) }), []);
    const gateway = exposing(['type: LoadBalancer']).replace(
      'ports: [{ name: http, port: 80, targetPort: http }, { name: metrics, port: 9090 }]',
      'ports: [{ name: mc-gateway, port: 4143 }, { name: mc-probe, port: 4191 }]',
    );
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': gateway }), []);
  });

  it('warns when cluster-unauthenticated meets an internet-facing load balancer that keeps the client address', () => {
    const ns = namespace('cluster-unauthenticated');
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['type: LoadBalancer', 'externalTrafficPolicy: Local']) }), [
      'svc.yaml:8 8080',
      'svc.yaml:8 9090',
    ]);
    // cluster-authenticated refuses the same clients for want of an identity, said once per port.
    assert.deepEqual(
      refused({
        'ns.yaml': namespace('cluster-authenticated'),
        'web.yaml': deployment(),
        'svc.yaml': exposing(['type: LoadBalancer', 'externalTrafficPolicy: Local']),
      }),
      ['svc.yaml:7 8080', 'svc.yaml:7 9090'],
    );
  });

  it('stays quiet for cluster-unauthenticated when the client address is rewritten or likely private', () => {
    const ns = namespace('cluster-unauthenticated');
    // An install whose --cluster-networks take in every address admits the internet's clients as in-cluster.
    const everyAddress = `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: linkerd-destination, namespace: linkerd }\nspec:\n  template:\n    spec:\n      containers:\n      - name: policy\n        command: ["/linkerd-policy-controller"]\n        args: ["--cluster-networks=0.0.0.0/0,::/0"]\n`;
    const localLb = exposing(['type: LoadBalancer', 'externalTrafficPolicy: Local']);
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': localLb, 'linkerd.yaml': everyAddress }), []);
    assert.equal(
      refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': localLb, 'linkerd.yaml': everyAddress.replace('0.0.0.0/0,::/0', '10.0.0.0/8') }).length,
      2,
    );
    // Cluster (the default) has kube-proxy put a node's address in place of the client's.
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['type: LoadBalancer']) }), []);
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['type: LoadBalancer', 'externalTrafficPolicy: Cluster']) }), []);
    // Node ports and external IPs may be reached from private networks, internal load balancers are.
    assert.deepEqual(refused({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': exposing(['type: NodePort', 'externalTrafficPolicy: Local']) }), []);
    assert.deepEqual(
      refused({
        'ns.yaml': ns,
        'web.yaml': deployment(),
        'svc.yaml': exposing(
          ['type: LoadBalancer', 'externalTrafficPolicy: Local'],
          ['annotations: { service.beta.kubernetes.io/aws-load-balancer-scheme: internal }'],
        ),
      }),
      [],
    );
    assert.deepEqual(
      refused({
        'ns.yaml': ns,
        'web.yaml': deployment(),
        'svc.yaml': exposing(['type: LoadBalancer', 'externalTrafficPolicy: Local']),
        'a.yaml': server('http'),
        'b.yaml': server(9090),
      }),
      [],
    );
  });

  it('does not count the kubelet among the callers', () => {
    // Probes reach a port no Service exposes; Linkerd admits them on every default server.
    const probed = deployment().replace(
      '        image: example/web\n',
      '        image: example/web\n        readinessProbe: { httpGet: { path: /ready, port: 8081 } }\n',
    );
    assert.deepEqual(refused({ 'ns.yaml': namespace('all-authenticated'), 'web.yaml': probed, 'svc.yaml': exposing(['type: ClusterIP']) }), []);
    assert.deepEqual(denied({ 'ns.yaml': namespace('deny'), 'web.yaml': probed, 'svc.yaml': exposing(['type: LoadBalancer']) }), [
      'svc.yaml:2 8080',
      'svc.yaml:2 9090',
    ]);
  });

  it('requires an identity on the ports proxy-require-identity-inbound-ports names, under any allow policy', () => {
    const requiring = (ports: string, policy?: string) =>
      deployment(policy).replace(
        '        linkerd.io/inject: enabled\n',
        `        linkerd.io/inject: enabled\n        config.linkerd.io/proxy-require-identity-inbound-ports: "${ports}"\n`,
      );
    const lb = exposing(['type: LoadBalancer']);
    // Line 11 is the annotation; the cluster default all-unauthenticated becomes authenticated on 8080 only.
    assert.deepEqual(refused({ 'ns.yaml': namespace(), 'web.yaml': requiring('8080'), 'svc.yaml': lb }), ['web.yaml:11 8080']);
    assert.deepEqual(refused({ 'ns.yaml': namespace('cluster-unauthenticated'), 'web.yaml': requiring('8000-8999, 9090'), 'svc.yaml': lb }), [
      'web.yaml:11 8080',
      'web.yaml:11 9090',
    ]);
    // The way out it offers is the annotation's, not another default policy.
    const [message] = analyzed('linkerd-default-policy-refuses', { 'ns.yaml': namespace(), 'web.yaml': requiring('8080'), 'svc.yaml': lb }).map(
      (f) => f.message,
    );
    assert.match(message, /or take the port out of config\.linkerd\.io\/proxy-require-identity-inbound-ports\.$/);
    // One unreadable entry and Linkerd ignores the list; audit is no allow policy; a ClusterIP Service brings meshed callers.
    assert.deepEqual(refused({ 'ns.yaml': namespace(), 'web.yaml': requiring('8080,http'), 'svc.yaml': lb }), []);
    assert.deepEqual(refused({ 'ns.yaml': namespace('audit'), 'web.yaml': requiring('8080'), 'svc.yaml': lb }), []);
    assert.deepEqual(refused({ 'ns.yaml': namespace(), 'web.yaml': requiring('8080'), 'svc.yaml': service }), []);
  });
});

describe("Linkerd's cluster default inbound policy from the policy controller in the workspace", () => {
  /** linkerd-destination as `linkerd install` renders it (edge-26.8.3's chart): the policy container's command and flags. */
  const destination = (flags: string[], name = 'linkerd-destination') => `apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name}, namespace: linkerd }
spec:
  selector: { matchLabels: { linkerd.io/control-plane-component: destination } }
  template:
    metadata:
      labels: { linkerd.io/control-plane-component: destination }
    spec:
      containers:
      - name: destination
        image: cr.l5d.io/linkerd/controller:edge-26.8.3
        args: [destination, -addr=:8086]
      - command: ["/linkerd-policy-controller"]
        args:
        - --control-plane-namespace=linkerd
${flags.map((flag) => `        - ${flag}\n`).join('')}        image: cr.l5d.io/linkerd/policy-controller:edge-26.8.3
        name: policy
`;
  const shop = (controller: string, ns = namespace()) => ({ 'ns.yaml': ns, 'web.yaml': deployment(), 'svc.yaml': service, 'linkerd.yaml': controller });
  const inbound = (files: Record<string, string>) => {
    const model = new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
    const web = model.workloads.find((w) => w.name === 'web')!;
    return model.linkerdInbound(web)!;
  };

  it('takes --default-policy as the cluster default, in either form the flag parser reads, and names the controller', () => {
    const written = inbound(shop(destination(['--default-policy=deny'])));
    assert.deepEqual(
      [written.defaultPolicy, written.defaultFrom, written.defaultSource?.name],
      ['deny', 'cluster default: --default-policy of Deployment linkerd/linkerd-destination', 'linkerd-destination'],
    );
    assert.equal(inbound(shop(destination(['--default-policy', 'all-authenticated']))).defaultPolicy, 'all-authenticated');
    // The ports no Server describes are then refused, which only that flag says.
    assert.deepEqual(denied(shop(destination(['--default-policy=deny']))), ['svc.yaml:2 8080', 'svc.yaml:2 9090']);
    assert.deepEqual(denied(shop(destination(['--default-policy=all-unauthenticated']))), []);
  });

  it('lets the namespace and pod annotations win over it, as the policy controller does', () => {
    const annotated = inbound(shop(destination(['--default-policy=deny']), namespace('all-authenticated')));
    assert.deepEqual([annotated.defaultPolicy, annotated.defaultFrom, annotated.defaultSource], ['all-authenticated', 'namespace shop', undefined]);
  });

  it("keeps Linkerd's own default when the flag is templated, not a policy, missing, or controllers disagree", () => {
    const builtIn = (controller: string) => {
      const found = inbound(shop(controller));
      return [found.defaultPolicy, found.defaultFrom, found.defaultSource];
    };
    const linkerds = ['all-unauthenticated', 'cluster default', undefined];
    assert.deepEqual(builtIn(destination(['--default-policy={{.Values.proxy.defaultInboundPolicy}}'])), linkerds);
    // linkerd2's cli/cmd/testdata/install_output.golden renders a test value the controller would refuse to start with.
    assert.deepEqual(builtIn(destination(['--default-policy=default-allow-policy'])), linkerds);
    assert.deepEqual(builtIn(destination(['--cluster-networks=10.0.0.0/8'])), linkerds);
    assert.deepEqual(
      builtIn(`${destination(['--default-policy=deny'])}---\n${destination(['--default-policy=all-authenticated'], 'linkerd-destination-east')}`),
      linkerds,
    );
    // Two copies of the same install (an overlay and its base) agree.
    assert.equal(inbound(shop(`${destination(['--default-policy=deny'])}---\n${destination(['--default-policy=deny'])}`)).defaultPolicy, 'deny');
  });
});
