// The workspace as one cluster: every resource of every file, indexed the way the rules ask
// (by kind, by namespace), with Istio's effective mTLS computed per workload and port.

import { namespaceOf, type Resource } from './resources';

export interface AnalysisSettings {
  /** Istio's root namespace: a PeerAuthentication there without a selector applies mesh-wide. */
  rootNamespace: string;
  trustDomain: string;
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = { rootNamespace: 'istio-system', trustDomain: 'cluster.local' };

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

export interface EffectiveMtls {
  mode: MtlsMode;
  /** The PeerAuthentication that decided the mode; absent when Istio's default (PERMISSIVE) applies. */
  source?: Resource;
  /** Port-level modes (container ports) from the workload's own PeerAuthentication. */
  ports: Map<number, { mode: MtlsMode; source: Resource }>;
}

const key = (group: string, kind: string) => `${group}/${kind}`;

/**
 * One resource per name: a workspace may define the same object in several files (overlays,
 * migration steps, docs showing it before and after); those are versions of one object, not rivals.
 */
export function distinctObjects(resources: Resource[]): Resource[] {
  const seen = new Map<string, Resource>();
  for (const resource of resources) seen.set(`${resource.group}/${resource.kind}/${resource.clusterScoped ? '' : namespaceOf(resource)}/${resource.name ?? `#${seen.size}`}`, resource);
  return [...seen.values()];
}

export function matchesLabels(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector) return true;
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

function modeOf(value: unknown): MtlsMode | undefined {
  return value === 'STRICT' || value === 'PERMISSIVE' || value === 'DISABLE' ? value : undefined;
}

export class WorkspaceModel {
  private readonly kinds = new Map<string, Resource[]>();
  readonly workloads: Resource[] = [];
  private readonly workloadsByNamespace = new Map<string, Resource[]>();
  /** Namespaces with a Namespace resource in the workspace. */
  readonly definedNamespaces = new Set<string>();
  private readonly effective = new Map<Resource, EffectiveMtls>();

  constructor(
    readonly resources: Resource[],
    readonly settings: AnalysisSettings = DEFAULT_ANALYSIS_SETTINGS,
  ) {
    for (const resource of resources) {
      const k = key(resource.group, resource.kind);
      const list = this.kinds.get(k);
      if (list) list.push(resource);
      else this.kinds.set(k, [resource]);
      if (resource.kind === 'Namespace' && resource.group === '' && resource.name) this.definedNamespaces.add(resource.name);
      if (resource.workload) {
        this.workloads.push(resource);
        const ns = namespaceOf(resource);
        const list = this.workloadsByNamespace.get(ns);
        if (list) list.push(resource);
        else this.workloadsByNamespace.set(ns, [resource]);
      }
    }
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

  /** Whether the workspace holds resources of this kind in this namespace: only then is a missing one evidence. */
  defines(group: string, kind: string, namespace?: string): boolean {
    return this.of(group, kind).some((r) => namespace === undefined || r.clusterScoped || namespaceOf(r) === namespace);
  }

  find(group: string, kind: string, name: string, namespace?: string): Resource | undefined {
    return this.of(group, kind).find((r) => r.name === name && (namespace === undefined || r.clusterScoped || namespaceOf(r) === namespace));
  }

  /** Service accounts a namespace has: ServiceAccount resources and those its workloads run as. */
  serviceAccountsIn(namespace: string): Set<string> {
    const names = new Set(this.of('', 'ServiceAccount').filter((r) => namespaceOf(r) === namespace && r.name).map((r) => r.name!));
    for (const workload of this.workloadsIn(namespace)) names.add(workload.workload!.serviceAccount);
    return names;
  }

  /** Whether the workspace says anything about a namespace's service accounts (a ServiceAccount or a workload in it). */
  knowsServiceAccountsOf(namespace: string): boolean {
    return this.workloadsIn(namespace).length > 0 || this.of('', 'ServiceAccount').some((r) => namespaceOf(r) === namespace);
  }

  /** Whether a namespace is known at all: a Namespace resource, or anything placed in it. */
  knowsNamespace(namespace: string): boolean {
    return this.definedNamespaces.has(namespace) || this.resources.some((r) => !r.clusterScoped && r.namespace === namespace);
  }

  selectWorkloads(namespace: string, selector: Record<string, string> | undefined): Resource[] {
    return this.workloadsIn(namespace).filter((w) => matchesLabels(selector, w.workload!.podLabels));
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
    return this.of('', 'Service').find((s) => s.name === name && namespaceOf(s) === namespace);
  }

  /** Istio's effective mTLS for a workload: mesh-wide, then namespace, then workload policy, then its port-level settings. */
  effectiveMtls(workload: Resource): EffectiveMtls {
    const cached = this.effective.get(workload);
    if (cached) return cached;
    const namespace = namespaceOf(workload);
    const policies = this.istio('PeerAuthentication');
    const selectorOf = (pa: Resource) => (pa.body?.spec as { selector?: { matchLabels?: Record<string, string> } } | undefined)?.selector?.matchLabels;
    const modeIn = (pa: Resource) => modeOf((pa.body?.spec as { mtls?: { mode?: unknown } } | undefined)?.mtls?.mode);
    const result: EffectiveMtls = { mode: 'PERMISSIVE', ports: new Map() };
    const apply = (pa: Resource | undefined) => {
      const mode = pa && modeIn(pa);
      if (pa && mode) {
        result.mode = mode;
        result.source = pa;
      }
    };
    apply(policies.find((pa) => namespaceOf(pa) === this.settings.rootNamespace && !selectorOf(pa)));
    if (namespace !== this.settings.rootNamespace) apply(policies.find((pa) => namespaceOf(pa) === namespace && !selectorOf(pa)));
    const own = policies.find((pa) => namespaceOf(pa) === namespace && selectorOf(pa) && matchesLabels(selectorOf(pa), workload.workload!.podLabels));
    apply(own);
    const portLevel = (own?.body?.spec as { portLevelMtls?: Record<string, { mode?: unknown }> } | undefined)?.portLevelMtls;
    for (const [port, setting] of Object.entries(portLevel ?? {})) {
      const mode = modeOf(setting?.mode);
      if (mode && own && /^\d+$/.test(port)) result.ports.set(Number(port), { mode, source: own });
    }
    this.effective.set(workload, result);
    return result;
  }

  /** The mode traffic to one port of a workload meets. */
  modeAtPort(workload: Resource, port: number | undefined): { mode: MtlsMode; source?: Resource } {
    const effective = this.effectiveMtls(workload);
    const atPort = port === undefined ? undefined : effective.ports.get(port);
    return atPort ?? { mode: effective.mode, source: effective.source };
  }
}
