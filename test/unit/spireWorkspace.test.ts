import * as assert from 'node:assert/strict';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { resourcesOf } from '../../server/src/analysis/resources';
import { WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';

// The trust domain SPIRE issues identities in, against the agents that join it, Istio's
// meshConfig and the principals of AuthorizationPolicies (Istio 1.30.3's SPIRE sample layout).

function findings(files: Record<string, string>): string[] {
  const model = new WorkspaceModel(Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text))));
  return analyzeWorkspace(model)
    .filter(
      (f) =>
        f.code === 'spire-trust-domain-mismatch' || f.code === 'foreign-trust-domain' || f.code === 'spire-agent-socket' || f.code === 'spire-istio-identity',
    )
    .map((f) => `${f.uri.slice('file:///w/'.length)}:${f.range.start.line + 1}:${f.range.start.character} [${f.code}]`)
    .sort();
}

const configMap = (name: string, key: string, conf: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${name}, namespace: spire }\ndata:\n  ${key}: |\n${conf.replace(/^(?=.)/gm, '    ')}`;
const server = (td: string) => configMap('spire-server', 'server.conf', `server {\n  trust_domain = "${td}"\n  data_dir = "/run/spire/data"\n}\nplugins {}\n`);
const agent = (td: string) =>
  configMap(
    'spire-agent',
    'agent.conf',
    `agent {\n  data_dir = "/run/spire"\n  server_address = "spire-server"\n  server_port = "8081"\n  trust_domain = "${td}"\n}\nplugins {}\n`,
  );
const operator = (td: string) =>
  `apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: { name: istio, namespace: istio-system }\nspec:\n  meshConfig:\n    trustDomain: ${td}\n`;
const policy = (principal: string) =>
  `apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: { name: allow, namespace: shop }\nspec:\n  rules:\n  - from:\n    - source:\n        principals: ["${principal}"]\n`;

describe('SPIRE trust domains across the workspace', () => {
  it('says nothing when server, agent, Istio and principals agree', () => {
    assert.deepEqual(
      findings({
        'server.yaml': server('example.org'),
        'agent.yaml': agent('example.org'),
        'istio.yaml': operator('example.org'),
        'policy.yaml': policy('example.org/ns/shop/sa/web'),
      }),
      [],
    );
  });

  it("warns on an agent that joins another trust domain than the server's, at its trust_domain value", () => {
    assert.deepEqual(findings({ 'server.yaml': server('example.org'), 'agent.yaml': agent('example.com') }), [
      'agent.yaml:10:21 [spire-trust-domain-mismatch]',
    ]);
    assert.equal(agent('example.com').split('\n')[9].slice(21, 34), '"example.com"');
  });

  it("warns on a SPIRE server whose trust domain is not Istio's meshConfig.trustDomain", () => {
    assert.deepEqual(findings({ 'server.yaml': server('example.org'), 'istio.yaml': operator('cluster.local') }), [
      'server.yaml:7:21 [spire-trust-domain-mismatch]',
    ]);
  });

  it("takes principals in SPIRE's trust domain as the mesh's own, and still flags others", () => {
    // The analysis setting is left at cluster.local: SPIRE's domain is known from its config.
    assert.deepEqual(findings({ 'server.yaml': server('example.org'), 'policy.yaml': policy('example.org/ns/shop/sa/web') }), []);
    assert.deepEqual(findings({ 'server.yaml': server('example.org'), 'policy.yaml': policy('other.org/ns/shop/sa/web') }), [
      'policy.yaml:8:21 [foreign-trust-domain]',
    ]);
  });

  // Istio 1.30.3's spire-quickstart.yaml: the agent's socket at /run/secrets/workload-spiffe-uds/socket,
  // its DaemonSet mounting a hostPath volume at that directory.
  const agentWithSocket = (socket: string | undefined) =>
    configMap(
      'spire-agent',
      'agent.conf',
      `agent {\n  data_dir = "/run/spire"\n  server_address = "spire-server"\n  server_port = "8081"\n  trust_domain = "example.org"\n${socket ? `  socket_path = "${socket}"\n` : ''}}\nplugins {}\n`,
    );
  const daemonSet = (mountPath: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: { name: spire-agent, namespace: spire }
spec:
  selector: { matchLabels: { app: spire-agent } }
  template:
    metadata: { labels: { app: spire-agent } }
    spec:
      containers:
      - name: spire-agent
        image: ghcr.io/spiffe/spire-agent:1.15.3
        volumeMounts:
        - { name: spire-config, mountPath: /run/spire/config }
        - { name: spire-agent-socket-dir, mountPath: ${mountPath} }
      volumes:
      - { name: spire-config, configMap: { name: spire-agent } }
      - { name: spire-agent-socket-dir, hostPath: { path: /run/spire/agent-sockets, type: DirectoryOrCreate } }
`;

  it("warns when the agent's Workload API socket is in no volume its DaemonSet mounts", () => {
    const socket = '/run/secrets/workload-spiffe-uds/socket';
    assert.deepEqual(findings({ 'agent.yaml': agentWithSocket(socket), 'ds.yaml': daemonSet('/run/secrets/workload-spiffe-uds') }), []);
    // A mount above the socket's directory shares it too.
    assert.deepEqual(findings({ 'agent.yaml': agentWithSocket(socket), 'ds.yaml': daemonSet('/run/secrets') }), []);
    assert.deepEqual(findings({ 'agent.yaml': agentWithSocket(socket), 'ds.yaml': daemonSet('/run/secrets/other') }), [
      'agent.yaml:11:20 [spire-agent-socket]',
    ]);
    // No socket_path: SPIRE's default, /tmp/spire-agent/public/api.sock, reported on the ConfigMap.
    assert.deepEqual(findings({ 'agent.yaml': agentWithSocket(undefined), 'ds.yaml': daemonSet('/run/secrets/workload-spiffe-uds') }), [
      'agent.yaml:2:0 [spire-agent-socket]',
    ]);
    assert.deepEqual(findings({ 'agent.yaml': agentWithSocket(undefined), 'ds.yaml': daemonSet('/tmp/spire-agent/public') }), []);
    // A mount path a template writes is not judged; nor is an agent no workload of the workspace mounts.
    assert.deepEqual(findings({ 'agent.yaml': agentWithSocket(socket), 'ds.yaml': daemonSet('"{{ .Values.socketDir }}"') }), []);
    assert.deepEqual(findings({ 'agent.yaml': agentWithSocket(socket) }), []);
  });

  // Istio 1.30.3's samples/security/spire: clusterspiffeid.yaml, sleep-spire.yaml and the IstioOperator.
  const clusterSpiffeId = (template: string) => `apiVersion: spire.spiffe.io/v1alpha1
kind: ClusterSPIFFEID
metadata:
  name: example
spec:
  spiffeIDTemplate: "${template}"
  podSelector:
    matchLabels:
      spiffe.io/spire-managed-identity: "true"
`;
  const sleep = `apiVersion: apps/v1
kind: Deployment
metadata: { name: sleep, namespace: default }
spec:
  selector: { matchLabels: { app: sleep } }
  template:
    metadata:
      labels: { app: sleep, spiffe.io/spire-managed-identity: "true" }
    spec:
      containers: [{ name: sleep, image: curlimages/curl }]
`;

  it("warns on a ClusterSPIFFEID whose template does not give Istio's identity shape to pods it selects", () => {
    const istio = 'spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}';
    assert.deepEqual(findings({ 'id.yaml': clusterSpiffeId(istio), 'sleep.yaml': sleep, 'istio.yaml': operator('example.org') }), []);
    // Trim markers and a written-out trust domain are the same shape.
    assert.deepEqual(
      findings({
        'id.yaml': clusterSpiffeId('spiffe://example.org/ns/{{- .PodMeta.Namespace -}}/sa/{{ .PodSpec.ServiceAccountName }}'),
        'sleep.yaml': sleep,
        'istio.yaml': operator('example.org'),
      }),
      [],
    );
    const other = 'spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/{{ .PodSpec.ServiceAccountName }}';
    assert.deepEqual(findings({ 'id.yaml': clusterSpiffeId(other), 'sleep.yaml': sleep, 'istio.yaml': operator('example.org') }), [
      'id.yaml:6:2 [spire-istio-identity]',
    ]);
    // No Istio in the workspace, or no pod it selects: nothing to say.
    assert.deepEqual(findings({ 'id.yaml': clusterSpiffeId(other), 'sleep.yaml': sleep }), []);
    assert.deepEqual(
      findings({
        'id.yaml': clusterSpiffeId(other),
        'sleep.yaml': sleep.replace('spiffe.io/spire-managed-identity: "true"', 'tier: web'),
        'istio.yaml': operator('example.org'),
      }),
      [],
    );
    // matchExpressions and a namespaceSelector are read as the API server reads selectors.
    const withSelectors = (podSelector: string, namespaceSelector: string) =>
      clusterSpiffeId(other).replace(/ {2}podSelector:\n(.*\n)*/, `  podSelector: ${podSelector}\n  namespaceSelector: ${namespaceSelector}\n`);
    const defaultNamespace = 'apiVersion: v1\nkind: Namespace\nmetadata: { name: default, labels: { mesh: istio } }\n';
    const files = (podSelector: string, namespaceSelector: string) => ({
      'id.yaml': withSelectors(podSelector, namespaceSelector),
      'sleep.yaml': sleep,
      'ns.yaml': defaultNamespace,
      'istio.yaml': operator('example.org'),
    });
    assert.deepEqual(findings(files('{ matchExpressions: [{ key: app, operator: In, values: [sleep] }] }', '{ matchLabels: { mesh: istio } }')), [
      'id.yaml:6:2 [spire-istio-identity]',
    ]);
    assert.deepEqual(findings(files('{ matchExpressions: [{ key: app, operator: NotIn, values: [sleep] }] }', '{}')), []);
    assert.deepEqual(findings(files('{ matchLabels: { app: sleep } }', '{ matchLabels: { mesh: linkerd } }')), []);
  });
});
