import { finding, label, type AnalysisFinding } from '../finding';
import type { Resource } from '../resources';
import type { WorkspaceModel } from '../workspaceModel';
import { spireTrustDomains } from './spire';

// spire-controller-manager writes its objects to a SPIRE server, which refuses an entry whose
// SPIFFE ID or parent ID lies outside its trust domain (pkg/server/api/entry.go, "is not a member
// of trust domain") and a federation relationship with its own trust domain
// (pkg/server/api/trustdomain/v1/service.go, "unable to create federation relationship for server
// trust domain"), at spiffe/spire v1.15.3. The API server accepts both; which SPIRE server the
// controller talks to is not written anywhere the workspace shows, so these are warnings, and only
// where the workspace has exactly one SPIRE server trust domain.

const GROUP = 'spire.spiffe.io';

function spec(resource: Resource): Record<string, unknown> {
  const value = resource.body?.spec;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** The trust domain of a literal SPIFFE ID (a templated value is null in the body, and skipped). */
function trustDomainOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('spiffe://') || value.includes('{{')) return undefined;
  return value.slice('spiffe://'.length).split('/')[0] || undefined;
}

export function spireControllerRules(model: WorkspaceModel): AnalysisFinding[] {
  const servers = spireTrustDomains(model, 'server');
  const domains = new Set(servers.map((s) => s.value));
  if (domains.size !== 1) return [];
  const [own] = domains;
  const server = label(servers[0].resource);
  const findings: AnalysisFinding[] = [];
  const outside = (resource: Resource, field: string, what: string) => {
    const domain = trustDomainOf(spec(resource)[field]);
    if (domain && domain !== own)
      findings.push(
        finding(
          resource,
          `spec.${field}`,
          'spire-trust-domain-mismatch',
          'warning',
          `${what} is in trust domain ${domain}, but the SPIRE server in this workspace (${server}) serves ${own}: SPIRE refuses entries outside its trust domain, so the controller cannot create this one.`,
        ),
      );
  };
  for (const entry of model.of(GROUP, 'ClusterStaticEntry')) {
    outside(entry, 'spiffeID', 'The spiffeID');
    outside(entry, 'parentID', 'The parentID');
  }
  // A template with actions is unknown in the body; one written out whole names its trust domain.
  for (const identity of model.of(GROUP, 'ClusterSPIFFEID')) outside(identity, 'spiffeIDTemplate', 'The SPIFFE ID this template renders');
  for (const federation of model.of(GROUP, 'ClusterFederatedTrustDomain')) {
    if (spec(federation).trustDomain !== own) continue;
    findings.push(
      finding(
        federation,
        'spec.trustDomain',
        'spire-trust-domain-mismatch',
        'warning',
        `${own} is the trust domain of the SPIRE server in this workspace (${server}) itself: SPIRE refuses a federation relationship with its own trust domain.`,
      ),
    );
  }
  return findings;
}
