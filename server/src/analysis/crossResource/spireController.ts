import { finding, label, type AnalysisFinding } from '../finding';
import { labels } from '../read';
import { namespaceOf, type Resource } from '../resources';
import { selects, type SelectorRequirement, type WorkloadSelector } from '../labelSelector';
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

/** What Istio's SPIRE integration needs an identity to look like: spiffe://<trust domain>/ns/<namespace>/sa/<service account>. */
const ISTIO_IDENTITY = /^spiffe:\/\/(\{\{\.TrustDomain\}\}|[^/{}]+)\/ns\/\{\{\.PodMeta\.Namespace\}\}\/sa\/\{\{\.PodSpec\.ServiceAccountName\}\}$/;

/**
 * Istio reads a workload's identity, in its proxies and in AuthorizationPolicy principals, as
 * spiffe://<td>/ns/<namespace>/sa/<service account>; Istio's SPIRE guide (and its sample's
 * ClusterSPIFFEID, samples/security/spire at 1.30.3) gives pods exactly that template. A template
 * of another shape for pods of a workspace that uses Istio gives them identities no principal
 * names and that Istio's proxies do not take as theirs. Accepted by the API server: a warning.
 */
export function spireIstioIdentityRules(model: WorkspaceModel): AnalysisFinding[] {
  // Istio's policies, or its installation (Istio's SPIRE sample installs it with an IstioOperator).
  if (!model.usesIstio && model.of('install.istio.io', 'IstioOperator').length === 0) return [];
  const findings: AnalysisFinding[] = [];
  for (const identity of model.of(GROUP, 'ClusterSPIFFEID')) {
    const template = identity.spiffeIDTemplate;
    if (template === undefined) continue;
    const normalized = template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, action: string) => `{{${action}}}`);
    if (ISTIO_IDENTITY.test(normalized)) continue;
    const podSelector = labelSelector(spec(identity).podSelector);
    const namespaceSelector = labelSelector(spec(identity).namespaceSelector);
    // A selector this cannot read (a template writes it) might select anything: say nothing.
    if (!podSelector || !namespaceSelector) continue;
    const selected = model.workloads.filter((workload) => {
      if (!selects(podSelector, workload.workload!.podLabels)) return false;
      if (namespaceSelector.matchExpressions.length === 0 && Object.keys(namespaceSelector.matchLabels).length === 0) return true;
      // The namespace's labels as the workspace defines them; a namespace it does not define is not known to match.
      const namespace = model.find('', 'Namespace', namespaceOf(workload));
      return namespace !== undefined && selects(namespaceSelector, { ...namespace.labels, 'kubernetes.io/metadata.name': namespaceOf(workload) });
    });
    if (selected.length === 0) continue;
    findings.push(
      finding(
        identity,
        'spec.spiffeIDTemplate',
        'spire-istio-identity',
        'warning',
        `This template does not give pods Istio's identity shape, spiffe://{{ .TrustDomain }}/ns/{{ .PodMeta.Namespace }}/sa/{{ .PodSpec.ServiceAccountName }}. It selects ${label(selected[0])}${selected.length > 1 ? ` and ${selected.length - 1} more` : ''} in a workspace that uses Istio: AuthorizationPolicy principals (trust-domain/ns/namespace/sa/account) match no identity it issues, and Istio's proxies do not take it as the workload's.`,
      ),
    );
  }
  return findings;
}

/** A label selector of a ClusterSPIFFEID's body, or undefined when a part is not plain (templated). An absent one selects everything. */
function labelSelector(value: unknown): WorkloadSelector | undefined {
  if (value === undefined || value === null) return { written: false, matchLabels: {}, matchExpressions: [], unknown: false };
  if (typeof value !== 'object') return undefined;
  const { matchLabels, matchExpressions } = value as { matchLabels?: unknown; matchExpressions?: unknown };
  const plainLabels = matchLabels === undefined ? {} : labels(matchLabels);
  // A value a template writes reads as null: the selector is not known.
  if (!plainLabels || Object.keys(plainLabels).length !== Object.keys(matchLabels ?? {}).length) return undefined;
  const requirements: SelectorRequirement[] = [];
  for (const item of Array.isArray(matchExpressions) ? matchExpressions : matchExpressions === undefined ? [] : [undefined]) {
    const { key, operator, values } = (item ?? {}) as { key?: unknown; operator?: unknown; values?: unknown };
    if (typeof key !== 'string' || typeof operator !== 'string') return undefined;
    const strings = Array.isArray(values) ? values.filter((v): v is string => typeof v === 'string') : [];
    requirements.push({ key, operator, values: strings });
  }
  return { written: true, matchLabels: plainLabels, matchExpressions: requirements, unknown: false };
}
