import type { Range } from 'vscode-languageserver-types';
import {
  controllerConfigFacts,
  ignoresNamespace,
  RECONCILED_KINDS,
  reconcilesClass,
  type ControllerConfigFacts,
  type ReconciledKind,
} from '../../spire/controllerFacts';
import { finding, label, type AnalysisFinding } from '../finding';
import { labels } from '../read';
import { namespaceOf, rangeAt, type Resource } from '../resources';
import { selects, selectsKnown, type SelectorRequirement, type WorkloadSelector } from '../labelSelector';
import type { WorkspaceModel } from '../workspaceModel';
import { spireTrustDomains } from './spire';

// spire-controller-manager's objects against the controller's own config and the SPIRE server it
// writes to, as far as the workspace shows them.

const GROUP = 'spire.spiffe.io';

function spec(resource: Resource): Record<string, unknown> {
  const value = resource.body?.spec;
  return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

const TRUST_DOMAIN = /^[a-z0-9._-]+$/;

/** The trust domain of a literal SPIFFE ID (a templated value is null in the body, and skipped). */
function trustDomainOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.startsWith('spiffe://')) return undefined;
  // Actions after the trust domain do not change it: text/template writes the literal text as is.
  const domain = value.slice('spiffe://'.length).split('/')[0];
  return TRUST_DOMAIN.test(domain) ? domain : undefined;
}

/** A spire-controller-manager config of the workspace: a ControllerManagerConfig file, or one held in a ConfigMap. */
interface ControllerConfig {
  resource: Resource;
  facts: ControllerConfigFacts;
  /** Where its trustDomain is written. */
  range: Range;
}

function controllerConfigs(model: WorkspaceModel): ControllerConfig[] {
  const held = model
    .of('', 'ConfigMap')
    .flatMap((resource) =>
      (resource.controllerConfigs ?? []).map((facts) => ({ resource, facts, range: facts.trustDomain?.range ?? rangeAt(resource, 'data') })),
    );
  const files = model
    .of(GROUP, 'ControllerManagerConfig')
    .flatMap((resource) => (resource.controllerConfigs ?? []).map((facts) => ({ resource, facts, range: rangeAt(resource, 'trustDomain') })));
  return [...held, ...files];
}

/** An object's spec.className as the controller reads it (absent is ""), or undefined when a template writes it. */
function classNameOf(resource: Resource): string | undefined {
  const value = spec(resource).className;
  if (value === undefined) return '';
  return typeof value === 'string' ? value : undefined;
}

/** Whether the config's controller takes up this object: it reconciles its kind and its class. Undefined when not known. */
function reconciledBy(config: ControllerConfig, resource: Resource): boolean | undefined {
  const enabled = config.facts.reconciles[resource.kind as ReconciledKind];
  if (enabled === false) return false;
  const className = classNameOf(resource);
  const byClass = className === undefined ? undefined : reconcilesClass(config.facts, className);
  if (byClass === false) return false;
  return enabled === null || byClass === undefined ? undefined : true;
}

export function spireControllerRules(model: WorkspaceModel): AnalysisFinding[] {
  const configs = controllerConfigs(model);
  // A config a Helm `range` writes stands for any number of controllers.
  const single = configs.length === 1 && !configs[0].resource.repeated ? configs[0] : undefined;
  return [...trustDomainFindings(model, configs, single), ...(single ? classFindings(model, single) : [])];
}

/** What the controller does not create for an object it ignores. */
const CREATES: Record<ReconciledKind, string> = {
  ClusterSPIFFEID: 'no pod gets an entry from it',
  ClusterStaticEntry: 'its entry is never created',
  ClusterFederatedTrustDomain: 'no federation relationship is created for it',
};

/**
 * The controller takes up only objects of its own class, and class-less ones when it watches them
 * (reconcileClass in pkg/spireentry/reconciler.go and pkg/spirefederationrelationship/reconciler.go
 * at v0.6.6). The API server and the webhook accept any className, so one the workspace's only
 * controller does not take up is a warning.
 */
function classFindings(model: WorkspaceModel, config: ControllerConfig): AnalysisFinding[] {
  const { className: own, watchClassless } = config.facts;
  if (own === null) return [];
  const findings: AnalysisFinding[] = [];
  const where = `the spire-controller-manager config in this workspace (${label(config.resource)})`;
  for (const kind of Object.keys(RECONCILED_KINDS) as ReconciledKind[]) {
    if (config.facts.reconciles[kind] === false) continue;
    for (const object of model.of(GROUP, kind)) {
      const className = classNameOf(object);
      if (className === undefined || reconcilesClass(config.facts, className) !== false) continue;
      const message =
        className === ''
          ? `This ${kind} sets no className, and ${where} has className ${own} without watchClassless: true, so the controller takes up only objects of class ${own} and ignores this one; ${CREATES[kind]}. Set className: ${own} here, or watchClassless: true in the config.`
          : own === ''
            ? `This ${kind} has className ${className}, but ${where} sets no className, so the controller takes up only objects without one and ignores this one; ${CREATES[kind]}.`
            : `This ${kind} has className ${className}, but ${where} has className ${own}: the controller takes up only objects of its own class${watchClassless ? ' and those without one' : ''}, so it ignores this one; ${CREATES[kind]}.`;
      findings.push(finding(object, className === '' ? 'metadata.name' : 'spec.className', 'spire-controller-class', 'warning', message));
    }
  }
  return findings;
}

// The SPIRE server refuses an entry whose SPIFFE ID or parent ID lies outside its trust domain
// (pkg/server/api/entry.go, "is not a member of trust domain") and a federation relationship with
// its own trust domain (pkg/server/api/trustdomain/v1/service.go, "unable to create federation
// relationship for server trust domain"), at spiffe/spire v1.15.3. The controller checks each ID a
// ClusterSPIFFEID renders against its configured trustDomain before it asks SPIRE (renderSPIFFEID,
// pkg/spireentry/entries.go at v0.6.6), but passes a ClusterStaticEntry's IDs on unchecked. The API
// server accepts all of it, so these are warnings, said where the workspace names one trust domain.
function trustDomainFindings(model: WorkspaceModel, configs: ControllerConfig[], single: ControllerConfig | undefined): AnalysisFinding[] {
  const servers = spireTrustDomains(model, 'server');
  const domains = new Set(servers.map((s) => s.value));
  const serverDomain = domains.size === 1 ? [...domains][0] : undefined;
  const server = serverDomain !== undefined ? label(servers[0].resource) : undefined;
  const findings: AnalysisFinding[] = [];
  const warn = (resource: Resource, path: string, message: string) => findings.push(finding(resource, path, 'spire-trust-domain-mismatch', 'warning', message));
  if (serverDomain !== undefined)
    for (const config of configs) {
      const domain = config.facts.trustDomain?.value;
      if (domain === undefined || domain === serverDomain) continue;
      findings.push({
        ...finding(config.resource, '', 'spire-trust-domain-mismatch', 'warning', ''),
        range: config.range,
        message: `The controller is configured for trust domain ${domain}, but the SPIRE server in this workspace (${server}) serves ${serverDomain}. Every ID the controller renders for pods lies in ${domain} (it checks them against that domain, and its default parent ID is spiffe://${domain}/spire/agent/...), and SPIRE refuses entries outside its own trust domain: no pod gets an identity.`,
      });
    }
  // The controller's own trust domain, where the workspace's only controller takes the object up.
  const controllerDomain = (resource: Resource) => {
    const domain = single?.facts.trustDomain?.value;
    return domain !== undefined && reconciledBy(single!, resource) === true ? domain : undefined;
  };
  const configName = single ? label(single.resource) : '';
  for (const entry of model.of(GROUP, 'ClusterStaticEntry'))
    for (const [field, what] of [
      ['spiffeID', 'The spiffeID'],
      ['parentID', 'The parentID'],
    ]) {
      const domain = trustDomainOf(spec(entry)[field]);
      if (domain === undefined) continue;
      if (serverDomain !== undefined) {
        if (domain !== serverDomain)
          warn(
            entry,
            `spec.${field}`,
            `${what} is in trust domain ${domain}, but the SPIRE server in this workspace (${server}) serves ${serverDomain}: SPIRE refuses entries outside its trust domain, so the controller cannot create this one.`,
          );
        continue;
      }
      const expected = controllerDomain(entry);
      if (expected !== undefined && domain !== expected)
        warn(
          entry,
          `spec.${field}`,
          `${what} is in trust domain ${domain}, but the controller that takes this entry up (${configName}) is configured for ${expected}, the trust domain its SPIRE server must serve for the controller's own entries to be accepted. The controller passes a ClusterStaticEntry's IDs to SPIRE unchecked, and SPIRE refuses an entry outside its trust domain: this one is never created.`,
        );
    }
  for (const identity of model.of(GROUP, 'ClusterSPIFFEID')) {
    // The template as written: one with actions names its trust domain when it writes it out. In
    // a chart only the body's value is known, a literal one where Helm writes none of it.
    const domain = trustDomainOf(identity.spiffeIDTemplate ?? spec(identity).spiffeIDTemplate);
    if (domain === undefined) continue;
    const expected = controllerDomain(identity);
    if (expected !== undefined && domain !== expected)
      warn(
        identity,
        'spec.spiffeIDTemplate',
        `This template writes trust domain ${domain}, but the controller that takes it up is configured for ${expected} (${configName}). The controller checks each SPIFFE ID it renders against its own trust domain and drops it before SPIRE sees it ("expected trust domain"): no pod this selects gets an entry, and each counts in the status's podEntryRenderFailures.`,
      );
    else if (serverDomain !== undefined && domain !== serverDomain)
      warn(
        identity,
        'spec.spiffeIDTemplate',
        `The SPIFFE ID this template renders is in trust domain ${domain}, but the SPIRE server in this workspace (${server}) serves ${serverDomain}: SPIRE refuses entries outside its trust domain, so the controller cannot create this one.`,
      );
  }
  for (const federation of model.of(GROUP, 'ClusterFederatedTrustDomain')) {
    const own = serverDomain ?? controllerDomain(federation);
    if (own === undefined || spec(federation).trustDomain !== own) continue;
    const whose =
      serverDomain !== undefined
        ? `the SPIRE server in this workspace (${server})`
        : `the controller that takes this object up (${configName}), and so of its SPIRE server,`;
    warn(federation, 'spec.trustDomain', `${own} is the trust domain of ${whose} itself: SPIRE refuses a federation relationship with its own trust domain.`);
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
  const configs = controllerConfigs(model);
  // Without a config in the workspace, the controller's defaults are the best guess of what it skips.
  const skipping = configs.length ? configs.map((config) => config.facts) : [controllerConfigFacts({})];
  // A namespace some controller skips, or may skip, gets no entries from it: its pods are not judged.
  const skipped = (namespace: string) => skipping.some((facts) => ignoresNamespace(facts, namespace) !== false);
  for (const identity of model.of(GROUP, 'ClusterSPIFFEID')) {
    const template = identity.spiffeIDTemplate;
    if (template === undefined) continue;
    // One no controller takes up issues nothing (spire-controller-class says so where it is sure).
    if (configs.length && configs.every((config) => reconciledBy(config, identity) === false)) continue;
    const normalized = template.replace(/\{\{-?\s*(.*?)\s*-?\}\}/g, (_, action: string) => `{{${action}}}`);
    if (ISTIO_IDENTITY.test(normalized)) continue;
    const podSelector = labelSelector(spec(identity).podSelector);
    const namespaceSelector = labelSelector(spec(identity).namespaceSelector);
    // A selector this cannot read (a template writes it) might select anything: say nothing.
    if (!podSelector || !namespaceSelector) continue;
    const selected = model.workloads.filter((workload) => {
      if (!selects(podSelector, workload.workload!.podLabels)) return false;
      const namespace = namespaceOf(workload);
      if (skipped(namespace)) return false;
      // The namespace's labels as far as the workspace tells (its name label always): one that
      // depends on labels not known is not taken as selected.
      const { labels: known, complete } = model.namespaceLabels(namespace);
      return selectsKnown(namespaceSelector, known, complete) === true;
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
