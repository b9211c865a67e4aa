import { finding, label, type AnalysisFinding } from '../finding';
import type { Resource } from '../resources';
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
  return findings;
}

function at(placed: Placed, code: 'spire-trust-domain-mismatch', message: string): AnalysisFinding {
  // The range is the trust_domain value inside the ConfigMap's data, placed in the manifest already.
  return { ...finding(placed.resource, '', code, 'warning', message), range: placed.range };
}
