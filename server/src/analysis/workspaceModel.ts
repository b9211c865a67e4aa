// The workspace as one cluster: every resource of every file, indexed the way the rules ask
// (by kind, by namespace), with Istio's effective mTLS computed per workload and port.

import { parseCidr } from '../../../common/src/net/cidr';
import { atLeast, NEWEST_VERSIONS, type TargetVersions } from '../../../common/src/versions';
import {
  LINKERD_DEFAULT_INBOUND_POLICY,
  LINKERD_DEFAULT_OPAQUE_PORTS,
  LINKERD_DEFAULT_POLICIES,
  LINKERD_OPAQUE_PORTS,
  linkerdInboundBypass,
  linkerdOpaquePorts,
  linkerdValueProblem,
} from './meshAnnotations';
import { label } from './finding';
import { labels, record } from './read';
import { isTemplateText } from '../documents/templates';
import { namespaceOf, type Resource } from './resources';

export interface AnalysisSettings {
  /** Istio's root namespace: a PeerAuthentication there without a selector applies mesh-wide. */
  rootNamespace: string;
  trustDomain: string;
  /** The releases the cluster runs: cross-resource verdicts that changed between releases ask these. */
  versions: TargetVersions;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = { rootNamespace: 'istio-system', trustDomain: 'cluster.local', versions: NEWEST_VERSIONS };

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface LinkerdInbound {
  servers: Array<{ server: Resource; port: number | string | undefined }>;
  /** all-unauthenticated, all-authenticated, cluster-authenticated, cluster-unauthenticated, deny, audit. */
  defaultPolicy: string;
  /** In words: "pod annotation", "namespace NAME", "cluster default" (Linkerd's own), or the policy controller's flag. */
  defaultFrom: string;
  /** The workload running Linkerd's policy controller, when its `--default-policy` gives the cluster default that applies. */
  defaultSource?: Resource;
  /** The annotation that takes a port out of the proxy (skip-inbound-ports), or undefined for a port the proxy takes. */
  skipped: (port: number) => string | undefined;
  /** Where a port is made opaque (proxied as TCP, no protocol detection, mTLS all the same), or undefined for a port the proxy inspects. */
  opaque: (port: number) => string | undefined;
  /** What injects the proxy: "pod annotation linkerd.io/inject=enabled"; absent when only Servers select the pods. */
  injectedBy?: string;
}

export interface EffectiveMtls {
  mode: MtlsMode;
  /** The PeerAuthentication that decided the mode; absent when Istio's default (PERMISSIVE) applies. */
  source?: Resource;
  /** Port-level modes (container ports) from the workload's own PeerAuthentication. */
  ports: Map<number, { mode: MtlsMode; source: Resource; written?: MtlsMode }>;
  /** Enforced by ztunnel (ambient mode) rather than a sidecar. */
  ambient: boolean;
  /** The mode the policy wrote, when ztunnel enforces another (DISABLE acts as PERMISSIVE). */
  written?: MtlsMode;
}

/** The waypoint a Service's or workload's traffic goes through, as its istio.io/use-waypoint label (or its namespace's) names it. */
export interface Waypoint {
  name: string;
  namespace: string;
  /** Where the label is: "Service shop/web", "namespace shop", "pod template". */
  from: string;
}

export const DATAPLANE_MODE = 'istio.io/dataplane-mode';
export const USE_WAYPOINT = 'istio.io/use-waypoint';
/** The label the API server gives every Namespace, its name (NamespaceDefaultLabelName, k8s.io/api core/v1). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

const key = (group: string, kind: string) => `${group}/${kind}`;

/**
 * One resource per name: a workspace may define the same object in several files (overlays,
 * migration steps, docs showing it before and after); those are versions of one object, not rivals.
 * A resource a Helm `range` repeats is no definite object, so it is the rival of none.
 */
export function distinctObjects(resources: Resource[]): Resource[] {
  const seen = new Map<string, Resource>();
  for (const resource of resources)
    if (!resource.repeated)
      seen.set(`${resource.group}/${resource.kind}/${resource.clusterScoped ? '' : namespaceOf(resource)}/${resource.name ?? `#${seen.size}`}`, resource);
  return [...seen.values()];
}

export function matchesLabels(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The `spec.selector.matchLabels` of an Istio policy (PeerAuthentication, AuthorizationPolicy), when it is a map. */
export const policySelector = (policy: Resource) => labels(record(record(policy.body?.spec).selector).matchLabels);
/** The `spec.podSelector.matchLabels` of a Linkerd Server, when it is a map. */
export const serverSelector = (server: Resource) => labels(record(record(server.body?.spec).podSelector).matchLabels);
const modeIn = (pa: Resource) => modeOf(record(record(pa.body?.spec).mtls).mode);
/** Whether an Istio policy attaches by targetRef(s) (to a gateway, waypoint or Service) rather than by selector. */
export const attachesByTargetRef = (policy: Resource) => {
  const spec = record(policy.body?.spec);
  return Object.keys(record(spec.targetRef)).length > 0 || (Array.isArray(spec.targetRefs) && spec.targetRefs.length > 0);
};

function modeOf(value: unknown): MtlsMode | undefined {
  return value === 'STRICT' || value === 'PERMISSIVE' || value === 'DISABLE' ? value : undefined;
}

export class WorkspaceModel {
  private readonly kinds = new Map<string, Resource[]>();
  readonly workloads: Resource[] = [];
  private readonly workloadsByNamespace = new Map<string, Resource[]>();
  /** Whether any Istio resource or ambient label is in the workspace: only then do Istio's modes mean anything here. */
  readonly usesIstio: boolean;
  /** Whether anything carries istio.io/dataplane-mode: ambient: without it no workload is in ambient mode, and the ambient rules have nothing to say. */
  readonly mayHaveAmbient: boolean;
  /** Namespaces with a Namespace resource in the workspace. */
  readonly definedNamespaces = new Set<string>();
  private readonly effective = new Map<Resource, EffectiveMtls>();
  /** "<group>/<kind>/<namespace>/<name>" → resource; "<group>/<kind>/<namespace>" → present. Cluster kinds use "" for the namespace. */
  private readonly byName = new Map<string, Resource>();
  private readonly kindInNamespace = new Set<string>();
  private readonly seenNamespaces = new Set<string>();
  private readonly accounts = new Map<string, Set<string>>();
  /**
   * "<group>/<kind>/<namespace>" (or "<group>/<kind>/*" when the namespace is a template) of the
   * resources a Helm `range` repeats: any number of them, under names known only once rendered,
   * so a name missing there is no evidence.
   */
  private readonly open = new Set<string>();
  /** "<namespace>\0<label>=<value>" → the workloads whose pods carry that label: selectors look up one label, then check the rest. */
  private readonly byLabel = new Map<string, Resource[]>();

  constructor(
    readonly resources: Resource[],
    readonly settings: AnalysisSettings = DEFAULT_ANALYSIS_SETTINGS,
  ) {
    // An istio.io/dataplane-mode label (on a Namespace or a pod template) puts workloads in Istio's mesh too.
    this.mayHaveAmbient = resources.some((r) => r.labels[DATAPLANE_MODE] === 'ambient' || r.workload?.podLabels[DATAPLANE_MODE] === 'ambient');
    this.usesIstio = this.mayHaveAmbient || resources.some((r) => r.group === 'security.istio.io' || r.group === 'networking.istio.io');
    for (const resource of resources) {
      const { keys } = resource;
      if (resource.repeated) {
        this.open.add(!resource.clusterScoped && isTemplateText(resource.namespace) ? `${keys.kind}/*` : keys.scope);
        // Pods running as accounts named from the range item: the namespace's accounts are open too.
        if (resource.workload && isTemplateText(resource.workload.serviceAccount))
          this.open.add(`/ServiceAccount/${isTemplateText(resource.namespace) ? '*' : namespaceOf(resource)}`);
      }
      const list = this.kinds.get(keys.kind);
      if (list) list.push(resource);
      else this.kinds.set(keys.kind, [resource]);
      if (resource.kind === 'Namespace' && resource.group === '' && resource.name && !resource.repeated) this.definedNamespaces.add(resource.name);
      if (keys.name !== undefined) this.byName.set(keys.name, resource);
      this.kindInNamespace.add(keys.scope);
      if (!resource.clusterScoped && resource.namespace) this.seenNamespaces.add(resource.namespace);
      if (resource.kind === 'ServiceAccount' && resource.group === '' && resource.name) this.accountsOf(namespaceOf(resource)).add(resource.name);
      if (resource.workload) {
        const ns = namespaceOf(resource);
        this.accountsOf(ns).add(resource.workload.serviceAccount);
        this.workloads.push(resource);
        const inNamespace = this.workloadsByNamespace.get(ns);
        if (inNamespace) inNamespace.push(resource);
        else this.workloadsByNamespace.set(ns, [resource]);
        for (const labelKey of keys.labels ?? []) {
          const withLabel = this.byLabel.get(labelKey);
          if (withLabel) withLabel.push(resource);
          else this.byLabel.set(labelKey, [resource]);
        }
      }
    }
  }

  private accountsOf(namespace: string): Set<string> {
    let names = this.accounts.get(namespace);
    if (!names) this.accounts.set(namespace, (names = new Set()));
    return names;
  }

  of(group: string, kind: string): Resource[] {
    return this.kinds.get(key(group, kind)) ?? [];
  }

  /** Istio kinds across the API versions that serve them. */
  istio(kind: 'PeerAuthentication' | 'AuthorizationPolicy' | 'RequestAuthentication'): Resource[];
  istio(kind: 'DestinationRule' | 'ServiceEntry' | 'Sidecar'): Resource[];
  istio(kind: string): Resource[] {
    return this.of(kind === 'DestinationRule' || kind === 'ServiceEntry' || kind === 'Sidecar' ? 'networking.istio.io' : 'security.istio.io', kind);
  }

  workloadsIn(namespace: string): Resource[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  /** Whether the workspace holds resources of this kind in this namespace (any, when undefined): only then is a missing one evidence. */
  defines(group: string, kind: string, namespace?: string): boolean {
    if (this.isOpen(group, kind, namespace)) return false;
    if (namespace === undefined) return this.of(group, kind).length > 0;
    return this.kindInNamespace.has(`${key(group, kind)}/${namespace}`) || this.kindInNamespace.has(`${key(group, kind)}/`);
  }

  /** Whether a Helm `range` may add resources of this kind to this namespace (to any, when undefined). */
  private isOpen(group: string, kind: string, namespace?: string): boolean {
    const kindKey = key(group, kind);
    if (this.open.has(`${kindKey}/*`)) return true;
    if (namespace !== undefined) return this.open.has(`${kindKey}/${namespace}`) || this.open.has(`${kindKey}/`);
    return [...this.open].some((scope) => scope.startsWith(`${kindKey}/`));
  }

  find(group: string, kind: string, name: string, namespace?: string): Resource | undefined {
    if (namespace === undefined) return this.of(group, kind).find((r) => r.name === name);
    return this.byName.get(`${key(group, kind)}/${namespace}/${name}`) ?? this.byName.get(`${key(group, kind)}//${name}`);
  }

  /** Service accounts a namespace has: ServiceAccount resources and those its workloads run as. */
  serviceAccountsIn(namespace: string): Set<string> {
    return this.accounts.get(namespace) ?? new Set();
  }

  /** Whether the workspace says anything about a namespace's service accounts (a ServiceAccount or a workload in it). */
  knowsServiceAccountsOf(namespace: string): boolean {
    return !this.isOpen('', 'ServiceAccount', namespace) && (this.accounts.get(namespace)?.size ?? 0) > 0;
  }

  /** Whether a namespace is known at all: a Namespace resource, or anything placed in it. */
  knowsNamespace(namespace: string): boolean {
    // Namespaces a `range` makes may be any: read as known, so that none is reported missing.
    return this.definedNamespaces.has(namespace) || this.seenNamespaces.has(namespace) || this.isOpen('', 'Namespace');
  }

  selectWorkloads(namespace: string, selector: Record<string, string> | undefined): Resource[] {
    const first = selector && Object.entries(selector)[0];
    if (!first) return this.workloadsIn(namespace);
    const candidates = this.byLabel.get(`${namespace}\0${first[0]}=${first[1]}`) ?? [];
    return candidates.filter((w) => matchesLabels(selector, w.workload!.podLabels));
  }

  /**
   * The workloads an Istio policy covers: its selector's, else its namespace's, else (in the root
   * namespace) the mesh's. In the root namespace a selector picks workloads of every namespace for
   * AuthorizationPolicy and RequestAuthentication, and nothing for PeerAuthentication, which Istio
   * then ignores (pilot/pkg/model/policyattachment.go, pilot/pkg/security/authn/policy_applier.go).
   */
  policyScope(policy: Resource): Resource[] {
    const ns = namespaceOf(policy);
    const selector = policySelector(policy);
    const root = ns === this.settings.rootNamespace;
    if (selector && root) return policy.kind === 'PeerAuthentication' ? [] : this.workloads.filter((w) => matchesLabels(selector, w.workload!.podLabels));
    if (selector) return this.selectWorkloads(ns, selector);
    return root ? this.workloads : this.workloadsIn(ns);
  }

  /** Every definition of a Namespace (overlays and variants may each write one). */
  private namespaceDefinitions(namespace: string): Resource[] {
    return this.definedNamespaces.has(namespace) ? this.of('', 'Namespace').filter((r) => r.name === namespace && !r.repeated) : [];
  }

  /**
   * The labels a namespace carries as far as the workspace tells: those its Namespace
   * definitions agree on, and always kubernetes.io/metadata.name, which the API server sets to
   * the name on every Namespace (Kubernetes 1.21 and later). `complete` is false when the
   * workspace defines no such Namespace, or its definitions differ: then a label missing here
   * may still be there.
   */
  namespaceLabels(namespace: string): { labels: Record<string, string>; complete: boolean } {
    const definitions = this.namespaceDefinitions(namespace);
    const labels: Record<string, string> = {};
    let complete = definitions.length > 0;
    for (const definition of definitions)
      for (const [key, value] of Object.entries(definition.labels)) {
        if (definitions.every((other) => other.labels[key] === value)) labels[key] = value;
        else complete = false;
      }
    labels[NAMESPACE_NAME_LABEL] = namespace;
    return { labels, complete };
  }

  /**
   * The value the workspace's Namespace gives a label: undefined when it has none, null when the
   * workspace has no Namespace of that name or its definitions (an overlay's against its base's)
   * disagree, so that nothing is concluded from it.
   */
  namespaceLabel(namespace: string, key: string): string | undefined | null {
    if (key === NAMESPACE_NAME_LABEL) return namespace;
    const values = new Set(this.namespaceDefinitions(namespace).map((r) => r.labels[key]));
    return values.size === 1 ? [...values][0] : null;
  }

  /**
   * Whether Istio's injector gives a workload's pods a sidecar, as far as the workspace says, and
   * what decides it: the webhook is called for pods that ask for one (sidecar.istio.io/inject:
   * "true", an istio.io/rev label) or live in a namespace labelled for injection
   * (istio-injection: enabled, istio.io/rev), never for pods that opt out.
   */
  istioInjection(workload: Resource): { injection: 'on' | 'off' | 'unknown'; because?: string } {
    const { podAnnotations, podLabels } = workload.workload!;
    const ownLabel = podLabels['sidecar.istio.io/inject'];
    const own = ownLabel ?? podAnnotations['sidecar.istio.io/inject'];
    const where = ownLabel !== undefined ? 'pod label' : 'pod annotation';
    if (own === 'false') return { injection: 'off', because: `${where} sidecar.istio.io/inject=false` };
    if (own === 'true') return { injection: 'on', because: `${where} sidecar.istio.io/inject=true` };
    if ((podLabels['istio.io/rev'] ?? '') !== '') return { injection: 'on', because: `pod label istio.io/rev=${podLabels['istio.io/rev']}` };
    const ns = namespaceOf(workload);
    if (this.namespaceLabel(ns, 'istio-injection') === 'enabled') return { injection: 'on', because: `namespace ${ns} label istio-injection=enabled` };
    const revision = this.namespaceLabel(ns, 'istio.io/rev');
    if (revision) return { injection: 'on', because: `namespace ${ns} label istio.io/rev=${revision}` };
    return { injection: 'unknown' };
  }

  /**
   * Whether ztunnel carries a workload's traffic (ambient mode): its pod template says
   * istio.io/dataplane-mode: ambient, or its namespace does and the pod does not opt out with
   * `none`. A pod that gets a sidecar stays out of ambient, and a namespace that injects sidecars
   * is no ambient namespace (istio-cni's enablement selectors and podHasSidecar;
   * pkg/config/analysis/analyzers/util/in_mesh.go). Ambient mode begins with Istio 1.18; until
   * 1.21 only the namespace label enrolled, and a pod opted out with the annotation
   * ambient.istio.io/redirection: disabled (cni/pkg/util/podutil.go PodRedirectionEnabled).
   */
  inAmbient(workload: Resource): boolean {
    if (!this.mayHaveAmbient) return false;
    const cached = this.ambient.get(workload);
    if (cached !== undefined) return cached;
    const version = this.settings.versions.istio;
    const { podLabels, podAnnotations } = workload.workload!;
    const inject = podLabels['sidecar.istio.io/inject'] ?? podAnnotations['sidecar.istio.io/inject'];
    const podMode = atLeast(version, '1.22') ? podLabels[DATAPLANE_MODE] : podAnnotations['ambient.istio.io/redirection'] === 'disabled' ? 'none' : undefined;
    const ns = namespaceOf(workload);
    // Any definition of the namespace that injects sidecars keeps its pods out of ambient mode; all must enrol them.
    const injectingNamespace = this.namespaceDefinitions(ns).some((r) => r.labels['istio-injection'] === 'enabled' || (r.labels['istio.io/rev'] ?? '') !== '');
    const sidecar = inject === 'true' || (injectingNamespace && inject !== 'false');
    const enrolled = podMode === 'ambient' || (!injectingNamespace && this.namespaceLabel(ns, DATAPLANE_MODE) === 'ambient' && podMode !== 'none');
    const result = atLeast(version, '1.18') && !sidecar && enrolled;
    this.ambient.set(workload, result);
    return result;
  }
  private readonly ambient = new Map<Resource, boolean>();

  /**
   * The waypoint an object's traffic goes through: its own istio.io/use-waypoint label, else its
   * namespace's; `none` on the object opts out (pilot/pkg/serviceregistry/ambient/waypoints.go
   * fetchWaypointForTarget). Undefined when neither says so, or the namespace's labels are unknown.
   */
  waypointOf(object: Resource): Waypoint | undefined {
    const own = object.workload ? object.workload.podLabels : object.labels;
    const ns = namespaceOf(object);
    const named = (from: Record<string, string>, where: string): Waypoint | undefined => {
      const name = from[USE_WAYPOINT];
      return name && name !== 'none' ? { name, namespace: from['istio.io/use-waypoint-namespace'] || ns, from: where } : undefined;
    };
    if (own[USE_WAYPOINT] !== undefined) return named(own, object.workload ? `the pod template of ${label(object)}` : label(object));
    const name = this.namespaceLabel(ns, USE_WAYPOINT);
    if (!name) return undefined;
    const at = this.namespaceLabel(ns, 'istio.io/use-waypoint-namespace');
    return named({ [USE_WAYPOINT]: name, ...(at ? { 'istio.io/use-waypoint-namespace': at } : {}) }, `namespace ${ns}`);
  }

  /** Services whose selector picks a workload's pods. */
  servicesOf(workload: Resource): Resource[] {
    return this.selectingServicesIn(namespaceOf(workload)).filter((service) => matchesLabels(service.service!.selector, workload.workload!.podLabels));
  }

  /** The Services of a namespace that select pods, gathered once: several rules ask per workload. */
  private selectingServicesIn(namespace: string): Resource[] {
    if (!this.selectingServices) {
      this.selectingServices = new Map();
      for (const service of this.of('', 'Service')) {
        const selector = service.service?.selector;
        if (!selector || Object.keys(selector).length === 0) continue;
        const ns = namespaceOf(service);
        const list = this.selectingServices.get(ns);
        if (list) list.push(service);
        else this.selectingServices.set(ns, [service]);
      }
    }
    return this.selectingServices.get(namespace) ?? [];
  }
  private selectingServices?: Map<string, Resource[]>;

  /** The waypoint in front of an ambient workload: its own, else one of a Service that selects it. */
  waypointFor(workload: Resource): Waypoint | undefined {
    if (workload.workload!.podLabels[USE_WAYPOINT] !== undefined) return this.waypointOf(workload);
    for (const service of this.servicesOf(workload)) {
      const waypoint = this.waypointOf(service);
      if (waypoint) return waypoint;
    }
    return undefined;
  }

  /** The Service a mesh host names ("web", "web.shop", "web.shop.svc.cluster.local"), looked up from `fromNamespace`. */
  serviceForHost(host: string, fromNamespace: string): Resource | undefined {
    const suffix = '.svc.cluster.local';
    let name = host;
    let namespace = fromNamespace;
    const trimmed = host.endsWith(suffix) ? host.slice(0, -suffix.length) : host.endsWith('.svc') ? host.slice(0, -4) : host;
    const parts = trimmed.split('.');
    if (parts.length === 1) name = parts[0];
    else if (parts.length === 2) [name, namespace] = parts;
    else return undefined;
    return this.byName.get(`/Service/${namespace}/${name}`);
  }

  /** PeerAuthentications by namespace: the first without a selector, and those with one (in workspace order). */
  private peerPolicies: Map<string, { wide?: Resource; selecting: Resource[] }> | undefined;

  private policiesIn(namespace: string): { wide?: Resource; selecting: Resource[] } {
    if (!this.peerPolicies) {
      this.peerPolicies = new Map();
      for (const pa of this.istio('PeerAuthentication')) {
        const ns = namespaceOf(pa);
        let entry = this.peerPolicies.get(ns);
        if (!entry) this.peerPolicies.set(ns, (entry = { selecting: [] }));
        if (policySelector(pa)) entry.selecting.push(pa);
        else entry.wide ??= pa;
      }
    }
    return this.peerPolicies.get(namespace) ?? { selecting: [] };
  }

  /** Istio's effective mTLS for a workload: mesh-wide, then namespace, then workload policy, then its port-level settings. */
  effectiveMtls(workload: Resource): EffectiveMtls {
    const cached = this.effective.get(workload);
    if (cached) return cached;
    const namespace = namespaceOf(workload);
    const root = this.settings.rootNamespace;
    const ambient = this.inAmbient(workload);
    const result: EffectiveMtls = { mode: 'PERMISSIVE', ports: new Map(), ambient };
    const apply = (pa: Resource | undefined) => {
      const mode = pa && modeIn(pa);
      if (pa && mode) {
        result.mode = mode;
        result.source = pa;
      }
    };
    apply(this.policiesIn(root).wide);
    if (namespace !== root) apply(this.policiesIn(namespace).wide);
    // Istio ignores a PeerAuthentication with a selector in the root namespace (ComposePeerAuthentication).
    const own =
      namespace === root ? undefined : this.policiesIn(namespace).selecting.find((pa) => matchesLabels(policySelector(pa), workload.workload!.podLabels));
    apply(own);
    const portLevel = record(record(own?.body?.spec).portLevelMtls);
    for (const [port, setting] of Object.entries(portLevel)) {
      const mode = modeOf(record(setting).mode);
      if (mode && own && /^\d+$/.test(port))
        result.ports.set(Number(port), ambient && mode === 'DISABLE' ? { mode: 'PERMISSIVE', source: own, written: mode } : { mode, source: own });
    }
    // ztunnel only ever enforces STRICT or not: DISABLE lets plaintext in and mTLS too, as PERMISSIVE does
    // (pilot/pkg/serviceregistry/ambient/authorization.go convertedSelectorPeerAuthentications).
    if (ambient && result.mode === 'DISABLE') {
      result.mode = 'PERMISSIVE';
      result.written = 'DISABLE';
    }
    this.effective.set(workload, result);
    return result;
  }

  /**
   * The cluster's default inbound policy, when the workspace holds Linkerd's control plane: the
   * `--default-policy` its policy controller starts with (the chart's
   * `proxy.defaultInboundPolicy`). Undefined when none is written, when a value is not one
   * Linkerd takes (a template's, a test's), or when controllers disagree (several clusters in one
   * repository: which one a workload runs in is not written down).
   */
  linkerdClusterDefault(): { policy: string; controller: Resource } | undefined {
    const found = this.controllerFlag('defaultPolicy', (value) => LINKERD_DEFAULT_POLICIES.includes(value));
    return found && { policy: found.value, controller: found.controller };
  }

  /** The opaque ports the install gives pods that name none: the policy controller's `--default-opaque-ports` (as for linkerdClusterDefault), else the chart's default. */
  linkerdDefaultOpaquePorts(): { ports: string; controller?: Resource } {
    const found = this.controllerFlag('defaultOpaquePorts', (value) => !value.includes('{{') && linkerdValueProblem(LINKERD_OPAQUE_PORTS, value) === undefined);
    return found ? { ports: found.value, controller: found.controller } : { ports: LINKERD_DEFAULT_OPAQUE_PORTS };
  }

  /**
   * The cluster networks the install in the workspace gives its policy controller
   * (`--cluster-networks`, the chart's `clusterNetworks`), as for linkerdClusterDefault; undefined
   * when none is written, or when an entry is no CIDR (a template's).
   */
  linkerdInstallNetworks(): { networks: string[]; controller: Resource } | undefined {
    // Go's net.ParseCIDR, which the controller's parser calls, wants the prefix written.
    const found = this.controllerFlag('clusterNetworks', (value) => value.split(',').every((cidr) => cidr.includes('/') && parseCidr(cidr) !== undefined));
    return found && { networks: found.value.split(',').map((cidr) => cidr.trim()), controller: found.controller };
  }

  private controllerFlag(
    flag: 'defaultPolicy' | 'defaultOpaquePorts' | 'clusterNetworks',
    valid: (value: string) => boolean,
  ): { value: string; controller: Resource } | undefined {
    const key = `linkerd ${flag}`;
    if (this.clusterFlags.has(key)) return this.clusterFlags.get(key);
    const controllers = distinctObjects(this.workloads).filter((w) => w.workload?.linkerdController?.[flag] !== undefined);
    const values = new Set(controllers.map((c) => c.workload!.linkerdController![flag]!));
    const [value] = values;
    const found = values.size === 1 && valid(value) ? { value, controller: controllers[0] } : undefined;
    this.clusterFlags.set(key, found);
    return found;
  }
  private readonly clusterFlags = new Map<string, { value: string; controller: Resource } | undefined>();

  /**
   * Linkerd's inbound policy for a meshed workload: the Servers that describe its ports, and the
   * default policy for the other ports (pod annotation, then namespace annotation, then the
   * cluster default: the policy controller's flag when the workspace holds it, else Linkerd's
   * all-unauthenticated). Undefined when nothing in the workspace meshes it.
   */
  linkerdInbound(workload: Resource): LinkerdInbound | undefined {
    if (this.inbound.has(workload)) return this.inbound.get(workload);
    const inbound = this.readLinkerdInbound(workload);
    this.inbound.set(workload, inbound);
    return inbound;
  }
  private readonly inbound = new Map<Resource, LinkerdInbound | undefined>();

  private readLinkerdInbound(workload: Resource): LinkerdInbound | undefined {
    const ns = namespaceOf(workload);
    const namespace = this.find('', 'Namespace', ns);
    const pod = workload.workload!.podAnnotations;
    const injectedBy =
      pod['linkerd.io/inject'] !== undefined
        ? pod['linkerd.io/inject'] === 'enabled'
          ? 'pod annotation linkerd.io/inject=enabled'
          : undefined
        : namespace?.annotations['linkerd.io/inject'] === 'enabled'
          ? `namespace ${ns} annotation linkerd.io/inject=enabled`
          : undefined;
    const injected = injectedBy !== undefined;
    const servers = this.of('policy.linkerd.io', 'Server').filter((server) => {
      if (namespaceOf(server) !== ns) return false;
      const selector = serverSelector(server);
      return selector !== undefined && matchesLabels(selector, workload.workload!.podLabels);
    });
    if (!injected && servers.length === 0) return undefined;
    const fromPod = pod[LINKERD_DEFAULT_INBOUND_POLICY];
    const fromNamespace = namespace?.annotations[LINKERD_DEFAULT_INBOUND_POLICY];
    const cluster = (fromPod ?? fromNamespace) ? undefined : this.linkerdClusterDefault();
    return {
      servers: servers.map((server) => {
        const port = record(server.body?.spec).port;
        return { server, port: typeof port === 'number' || typeof port === 'string' ? port : undefined };
      }),
      defaultPolicy: fromPod ?? fromNamespace ?? cluster?.policy ?? 'all-unauthenticated',
      defaultFrom: fromPod
        ? 'pod annotation'
        : fromNamespace
          ? `namespace ${ns}`
          : cluster
            ? `cluster default: --default-policy of ${label(cluster.controller)}`
            : 'cluster default',
      ...(cluster ? { defaultSource: cluster.controller } : {}),
      // The namespace's config annotations are the pod's defaults (linkerd2 pkg/inject GetConfigOverride).
      skipped: linkerdInboundBypass({ ...namespace?.annotations, ...pod }) ?? (() => undefined),
      opaque: this.linkerdOpaque(workload, namespace),
      ...(injectedBy ? { injectedBy } : {}),
    };
  }

  /**
   * A meshed pod's opaque ports as the injector writes them (linkerd2 pkg/inject
   * CreateOpaquePortsPatch): its own annotation, else its namespace's, else the install's default
   * list, of which a pod keeps the ports it declares as container ports.
   */
  private linkerdOpaque(workload: Resource, namespace: Resource | undefined): (port: number) => string | undefined {
    const facts = workload.workload!;
    const own = facts.podAnnotations[LINKERD_OPAQUE_PORTS];
    const inherited = namespace?.annotations[LINKERD_OPAQUE_PORTS];
    if (own !== undefined || inherited !== undefined) {
      const opaque = linkerdOpaquePorts(own ?? inherited!, facts.ports);
      const from = own !== undefined ? `pod annotation ${LINKERD_OPAQUE_PORTS}` : `namespace ${namespaceOf(workload)} annotation ${LINKERD_OPAQUE_PORTS}`;
      return (port) => (opaque(port) ? from : undefined);
    }
    const defaults = this.linkerdDefaultOpaquePorts();
    const opaque = linkerdOpaquePorts(defaults.ports, facts.ports);
    const from = defaults.controller ? `--default-opaque-ports of ${label(defaults.controller)}` : `Linkerd's default opaque ports (${defaults.ports})`;
    return (port) => (opaque(port) && facts.ports.some((p) => p.port === port) ? from : undefined);
  }

  /** The mode traffic to one port of a workload meets. */
  modeAtPort(workload: Resource, port: number | undefined): { mode: MtlsMode; source?: Resource; written?: MtlsMode } {
    const effective = this.effectiveMtls(workload);
    const atPort = port === undefined ? undefined : effective.ports.get(port);
    return atPort ?? { mode: effective.mode, source: effective.source, ...(effective.written ? { written: effective.written } : {}) };
  }
}
