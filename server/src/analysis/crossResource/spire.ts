import { finding, label, type AnalysisFinding } from '../finding';
import { namespaceOf, type Resource } from '../resources';
import type { WorkspaceModel } from '../workspaceModel';

// SPIRE issues the identities the mesh checks: its trust domain has to be the one agents join and
// the one Istio is told to expect. A mismatch is accepted by every API server and fails at run
// time (an agent cannot attest, principals match no workload), so each is a warning.

interface Placed {
  resource: Resource;
  value: string;
  range: AnalysisFinding['range'];
}

/** The trust domains SPIRE servers and agents of the workspace are configured with. */
export function spireTrustDomains(model: WorkspaceModel, side: 'server' | 'agent'): Placed[] {
  return model
    .of('', 'ConfigMap')
    .flatMap((resource) =>
      (resource.spire ?? []).flatMap((facts) =>
        facts.side === side && facts.trustDomain ? [{ resource, value: facts.trustDomain.value, range: facts.trustDomain.range }] : [],
      ),
    );
}

export function spireRules(model: WorkspaceModel): AnalysisFinding[] {
  const servers = spireTrustDomains(model, 'server');
  const agents = spireTrustDomains(model, 'agent');
  const findings: AnalysisFinding[] = [];
  const serverDomains = new Set(servers.map((s) => s.value));
  if (serverDomains.size > 0)
    for (const agent of agents) {
      if (serverDomains.has(agent.value)) continue;
      const server = servers[0];
      findings.push(
        at(
          agent,
          'spire-trust-domain-mismatch',
          `This SPIRE agent joins trust domain ${agent.value}, but the SPIRE server in this workspace (${label(server.resource)}) serves ${[...serverDomains].join(', ')}: the agent cannot attest to it, and no workload on its node gets an identity.`,
        ),
      );
    }
  const meshDomains = model
    .of('install.istio.io', 'IstioOperator')
    .flatMap((operator) => (operator.meshTrustDomain ? [{ operator, value: operator.meshTrustDomain }] : []));
  for (const server of servers)
    for (const { operator, value } of meshDomains) {
      if (value === server.value) continue;
      findings.push(
        at(
          server,
          'spire-trust-domain-mismatch',
          `SPIRE issues identities in ${server.value}, but ${label(operator)} sets Istio's meshConfig.trustDomain to ${value}. Istio's SPIRE setup needs the two to be the same (its guide sets meshConfig.trustDomain to SPIRE's trust_domain); principals written for ${value} match no identity SPIRE issues.`,
        ),
      );
    }
  findings.push(...agentSocketFindings(model));
  return findings;
}

/** Where the agent listens when its config names no socket_path (run_posix.go's default at v1.15.3). */
const DEFAULT_AGENT_SOCKET = '/tmp/spire-agent/public/api.sock';

/**
 * The agent serves the Workload API on a Unix socket; workloads (and the SPIFFE CSI driver that
 * Istio's SPIRE setup mounts into them) reach it only through a volume the agent's pod shares.
 * A socket outside every volume its pod mounts stays inside the agent's container.
 */
function agentSocketFindings(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const configMap of model.of('', 'ConfigMap')) {
    const agents = (configMap.spire ?? []).filter((facts) => facts.side === 'agent');
    if (!agents.length || configMap.name === undefined) continue;
    const namespace = namespaceOf(configMap);
    const pods = model.workloadsIn(namespace).filter((workload) => workload.workload?.volumes?.configMaps.includes(configMap.name!));
    for (const facts of agents) {
      const socket = facts.socketPath?.value ?? DEFAULT_AGENT_SOCKET;
      if (!socket.startsWith('/')) continue;
      const directory = socket.slice(0, socket.lastIndexOf('/')) || '/';
      for (const pod of pods) {
        const mounts = pod.workload!.volumes!.mountPaths;
        // Paths a template writes are only known once rendered.
        if (mounts.some((mount) => mount.includes('{{') || !mount.startsWith('/'))) continue;
        const within = (mount: string) => directory === mount.replace(/\/+$/, '') || directory.startsWith(`${mount.replace(/\/+$/, '')}/`);
        if (mounts.some(within)) continue;
        const where = facts.socketPath ? `its socket_path ${socket}` : `the default socket ${socket} (no socket_path is set)`;
        const message = `The SPIRE agent serves the Workload API at ${where}, in no volume ${label(pod)} mounts: the socket stays inside the agent's container, and no workload or SPIFFE CSI driver on the node can reach it. Mount a shared volume (a hostPath) at ${directory}.`;
        if (facts.socketPath) findings.push({ ...finding(configMap, '', 'spire-agent-socket', 'warning', message), range: facts.socketPath.range });
        else findings.push(finding(configMap, '', 'spire-agent-socket', 'warning', message));
      }
    }
  }
  return findings;
}

function at(placed: Placed, code: 'spire-trust-domain-mismatch', message: string): AnalysisFinding {
  // The range is the trust_domain value inside the ConfigMap's data, placed in the manifest already.
  return { ...finding(placed.resource, '', code, 'warning', message), range: placed.range };
}
