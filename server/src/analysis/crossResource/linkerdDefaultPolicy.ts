import type { DiagnosticCode } from '../../documents/diagnostic';
import { parseCidr } from '../../../../common/src/net/cidr';
import { finding, label, type AnalysisFinding } from '../finding';
import { LINKERD_DEFAULT_INBOUND_POLICY, podAnnotationPath } from '../meshAnnotations';
import type { Resource } from '../resources';
import type { LinkerdInbound, WorkspaceModel } from '../workspaceModel';
import { exposedPorts } from './peerAuthentication';

/**
 * Linkerd's default inbound policy governs the ports no Server describes: the policy controller
 * gives each such port a default server whose authorizations come from the policy alone
 * (policy-controller/k8s/index/src/defaults.rs, DefaultPolicy::default_authzs, and
 * inbound/index.rs, default_inbound_server; linkerd/linkerd2 at version-2.20). The kubelet's
 * probes are admitted on every default server by a probe route of their own, whatever the
 * policy, so only the traffic Services send is weighed here. All of it is accepted by the API
 * server: warnings.
 */

/** What a rule says about one uncovered port a Service reaches: its message and where on the Service it belongs. */
interface Refusal {
  message: string;
  servicePath: string;
  /** The pod annotation that made the refusal, when it is not the default policy's. */
  podAnnotation?: string;
}

/**
 * For every meshed workload and every port a Service sends traffic to that no Server describes,
 * asks `judge` whether the default policy refuses that Service's callers; says it once per port.
 * The finding sits on the pod's annotation when the pod chose the policy (or another of its
 * annotations made the refusal), else on the Service.
 */
function uncoveredPortRefusals(
  model: WorkspaceModel,
  code: DiagnosticCode,
  judge: (inbound: LinkerdInbound, workload: Resource, service: Resource, port: number, targetPort: number) => Refusal | undefined,
): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const workload of model.workloads) {
    const inbound = model.linkerdInbound(workload);
    if (!inbound) continue;
    const covers = (port: number) =>
      inbound.servers.some(({ port: serverPort }) => {
        // A port a template writes, or none, is not known here: take it as covering.
        if (serverPort === undefined) return true;
        if (typeof serverPort === 'number') return serverPort === port;
        return workload.workload!.ports.find((p) => p.name === serverPort)?.port === port;
      });
    // A skipped port never reaches the proxy: neither a Server nor the default policy applies there.
    const reported = new Set<number>();
    for (const { service, port, targetPort } of exposedPorts(model, workload)) {
      if (reported.has(targetPort) || covers(targetPort) || inbound.skipped(targetPort)) continue;
      const refusal = judge(inbound, workload, service, port, targetPort);
      if (!refusal) continue;
      reported.add(targetPort);
      const annotation = refusal.podAnnotation ?? (inbound.defaultFrom === 'pod annotation' ? LINKERD_DEFAULT_INBOUND_POLICY : undefined);
      findings.push(
        annotation
          ? finding(workload, podAnnotationPath(workload, annotation), code, 'warning', refusal.message)
          : finding(service, refusal.servicePath, code, 'warning', refusal.message),
      );
    }
  }
  return findings;
}

/** With `deny` the proxy refuses every connection to an uncovered port: a Service that sends traffic there reaches nothing. */
export function linkerdDefaultDenyRules(model: WorkspaceModel): AnalysisFinding[] {
  return uncoveredPortRefusals(model, 'linkerd-default-deny', (inbound, workload, service, port, targetPort) =>
    inbound.defaultPolicy !== 'deny'
      ? undefined
      : {
          servicePath: '',
          message: `Linkerd refuses every connection to port ${targetPort} of ${label(workload)}: its default inbound policy is deny (${inbound.defaultFrom}) and no Server describes that port, yet ${label(service)} sends traffic to it (port ${port}). Add a Server for the port with an authorization, or another default policy.`,
        },
  );
}

/**
 * The injected proxy's own ports (pkg/k8s/labels.go; the chart's proxy.ports): its inbound port,
 * where only other proxies connect (a multicluster gateway's remote callers), and its admin port,
 * which Services expose for probing (the gateway again): the proxy's /live and /ready are probe
 * paths, admitted from the probe networks on every default server.
 */
function proxyPorts(workload: Resource): number[] {
  const annotations = workload.workload!.podAnnotations;
  const port = (name: string, fallback: number) => (/^\d+$/.test(annotations[name] ?? '') ? Number(annotations[name]) : fallback);
  return [port('config.linkerd.io/inbound-port', 4143), port('config.linkerd.io/admin-port', 4191)];
}

/** The default policies Linkerd reads as allowing (DefaultPolicy::Allow); deny and audit are not. */
const ALLOW_POLICIES = new Set(['all-authenticated', 'all-unauthenticated', 'cluster-authenticated', 'cluster-unauthenticated']);

const REQUIRE_IDENTITY = 'config.linkerd.io/proxy-require-identity-inbound-ports';

/**
 * The ports the pod's proxy-require-identity-inbound-ports names, read as the policy controller
 * reads them (policy-controller/k8s/index/src/ports.rs, parse_portset): ports and low-high ranges
 * separated by commas, each trimmed; one bad entry and the controller ignores the whole list.
 */
function identityRequiredPorts(workload: Resource): (port: number) => boolean {
  const value = workload.workload!.podAnnotations[REQUIRE_IDENTITY];
  if (value === undefined) return () => false;
  const port = (text: string) => (/^\+?\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= 65535 ? Number(text) : undefined);
  const ranges: Array<[number, number]> = [];
  for (const entry of value.split(',')) {
    const dash = entry.indexOf('-');
    if (dash < 0 && entry.trim() === '') continue;
    const [low, high] = dash < 0 ? [port(entry), port(entry)] : [port(entry.slice(0, dash)), port(entry.slice(dash + 1))];
    if (low === undefined || high === undefined || low > high) return () => false;
    ranges.push([low, high]);
  }
  return (p) => ranges.some(([low, high]) => low <= p && p <= high);
}

/**
 * Annotations with which cloud providers make a LoadBalancer internal: its clients then come from
 * private networks, which the default cluster networks hold.
 */
const INTERNAL_LOAD_BALANCER: Record<string, (value: string) => boolean> = {
  'service.beta.kubernetes.io/aws-load-balancer-internal': (v) => v !== 'false',
  'service.beta.kubernetes.io/aws-load-balancer-scheme': (v) => v === 'internal',
  'service.beta.kubernetes.io/azure-load-balancer-internal': (v) => v === 'true',
  'networking.gke.io/load-balancer-type': (v) => v === 'Internal',
  'cloud.google.com/load-balancer-type': (v) => v === 'Internal',
  'service.beta.kubernetes.io/oci-load-balancer-internal': (v) => v === 'true',
  'service.beta.kubernetes.io/openstack-internal-load-balancer': (v) => v === 'true',
};

/**
 * How clients from outside the cluster reach a Service, if they do: a node port, a load balancer
 * or external IPs (what Kubernetes calls externally accessible, the Services on which
 * externalTrafficPolicy may be set).
 */
function outsideAccess(service: Resource): { how: string; path: string; internetFacing: boolean; keepsSource: boolean } | undefined {
  const facts = service.service;
  const keepsSource = facts?.externalTrafficPolicy === 'Local';
  if (facts?.type === 'LoadBalancer' || facts?.type === 'NodePort') {
    const internal = Object.entries(service.annotations).some(([key, value]) => INTERNAL_LOAD_BALANCER[key]?.(value));
    return { how: `type ${facts.type}`, path: 'spec.type', internetFacing: facts.type === 'LoadBalancer' && !internal, keepsSource };
  }
  if ((facts?.type === undefined || facts.type === 'ClusterIP') && facts?.externalIPs)
    return { how: 'externalIPs', path: 'spec.externalIPs', internetFacing: false, keepsSource };
  return undefined;
}

/**
 * The allow policies' limits on an uncovered port. `all-authenticated` and `cluster-authenticated`
 * admit only clients with a Linkerd identity (mTLS from a meshed proxy): whoever comes through a
 * node port, load balancer or external IP from outside the cluster has none; so does any allow
 * policy on a port the pod's proxy-require-identity-inbound-ports names. `cluster-
 * unauthenticated` admits any client whose address is in the cluster networks (`clusterNetworks`,
 * by default the private ranges): an internet-facing LoadBalancer with externalTrafficPolicy
 * Local hands the proxy the client's own address, which is outside them (with Cluster, kube-proxy
 * rewrites it to a node's address, normally inside). Ingress controllers and gateways are not
 * weighed: whether their proxies are meshed is not in the manifests that route to the Service.
 */
export function linkerdDefaultPolicyRefusalRules(model: WorkspaceModel): AnalysisFinding[] {
  // An install whose cluster networks take in every address (a /0) admits internet clients too.
  const everyAddressInCluster = model.linkerdInstallNetworks()?.networks.some((cidr) => parseCidr(cidr)?.prefix === 0) ?? false;
  return uncoveredPortRefusals(model, 'linkerd-default-policy-refuses', (inbound, workload, service, port, targetPort) => {
    const policy = inbound.defaultPolicy;
    const access = outsideAccess(service);
    if (!access || proxyPorts(workload).includes(targetPort)) return undefined;
    const where = `port ${targetPort} of ${label(workload)}: its default inbound policy is ${policy} (${inbound.defaultFrom}) and no Server describes that port`;
    // An allow policy turns authenticated on the ports the pod requires an identity on (default_inbound_server).
    const required = ALLOW_POLICIES.has(policy) && identityRequiredPorts(workload)(targetPort);
    if (policy === 'all-authenticated' || policy === 'cluster-authenticated' || required) {
      return {
        servicePath: access.path,
        ...(required ? { podAnnotation: REQUIRE_IDENTITY } : {}),
        message: `Linkerd refuses clients from outside the cluster on ${where}${required ? `, and the pod's ${REQUIRE_IDENTITY} names it` : ''}, so only meshed clients with a Linkerd identity get in; yet ${label(service)} (${access.how}) takes outside traffic to it (port ${port}), and that traffic carries no Linkerd mTLS. Add a Server for the port with an AuthorizationPolicy admitting those clients (a NetworkAuthentication for their addresses), ${required ? `or take the port out of ${REQUIRE_IDENTITY}` : 'or give the workload a default policy that admits unauthenticated clients'}.`,
      };
    }
    if (policy === 'cluster-unauthenticated' && access.internetFacing && access.keepsSource && !everyAddressInCluster) {
      return {
        servicePath: 'spec.externalTrafficPolicy',
        message: `Linkerd refuses clients from the internet on ${where}, so only addresses in the cluster networks (by default the private ranges) get in; yet ${label(service)}, an internet-facing LoadBalancer with externalTrafficPolicy: Local, brings its clients there (port ${port}) with their own addresses. Add a Server for the port with an AuthorizationPolicy and a NetworkAuthentication for the clients' addresses, set externalTrafficPolicy: Cluster, or choose all-unauthenticated.`,
      };
    }
    return undefined;
  });
}
