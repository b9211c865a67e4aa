import { atLeast } from '../../../../common/src/versions';
import { finding, label, type AnalysisFinding } from '../finding';
import { labels, list, record } from '../read';
import { namespaceOf, type Resource } from '../resources';
import { serverAuthorizationMigration } from './linkerdMigration';
import { selectorFix } from './selectorFix';
import { distinctObjects, matchesLabels, serverSelector, type WorkspaceModel } from '../workspaceModel';

const GROUP = 'policy.linkerd.io';

/** The kinds a Linkerd reference names, spelt as Linkerd's controller reads them: without regard to case. */
const KINDS = new Map(['Server', 'HTTPRoute', 'GRPCRoute', 'Namespace', 'ServiceAccount'].map((kind) => [kind.toLowerCase(), kind]));

function kindOf(ref: { kind?: unknown }): string | undefined {
  return typeof ref.kind === 'string' ? (KINDS.get(ref.kind.toLowerCase()) ?? ref.kind) : undefined;
}

interface TargetRef {
  group?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

/** Linkerd policy across files: targets that must exist, identities that must be real, servers that must select pods. */
export function linkerdRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const policy of model.of(GROUP, 'AuthorizationPolicy')) {
    const ref = record(record(policy.body?.spec).targetRef);
    const target = { ...ref, kind: kindOf(ref) } as TargetRef;
    const ns = namespaceOf(policy);
    if (typeof target.name !== 'string') continue;
    const group = target.kind === 'HTTPRoute' ? (target.group ?? GROUP) : GROUP;
    if (
      (target.kind === 'Server' || target.kind === 'HTTPRoute') &&
      model.defines(group, target.kind, ns) &&
      !model.find(group, target.kind, target.name, ns)
    ) {
      findings.push(
        finding(
          policy,
          'spec.targetRef.name',
          'linkerd-missing-target',
          'warning',
          `No ${target.kind} ${target.name} in namespace ${ns}: this AuthorizationPolicy authorizes nothing.`,
        ),
      );
    }
  }
  const cluster = model.linkerdInstallNetworks();
  const installedNetworks = cluster && { networks: cluster.networks, from: `--cluster-networks of ${label(cluster.controller)}` };
  for (const authorization of model.of(GROUP, 'ServerAuthorization')) {
    const ns = namespaceOf(authorization);
    const server = (authorization.body?.spec as { server?: { name?: unknown } } | undefined)?.server;
    if (typeof server?.name === 'string' && model.defines(GROUP, 'Server', ns) && !model.find(GROUP, 'Server', server.name, ns)) {
      findings.push(
        finding(
          authorization,
          'spec.server.name',
          'linkerd-missing-target',
          'warning',
          `No Server ${server.name} in namespace ${ns}: this ServerAuthorization authorizes nothing.`,
        ),
      );
    }
    findings.push(
      finding(
        authorization,
        'kind',
        'linkerd-server-authorization-deprecated',
        'information',
        `ServerAuthorization still works (only its v1alpha1 version is deprecated), but Linkerd's newer AuthorizationPolicy says the same with a MeshTLSAuthentication and a NetworkAuthentication, and can also authorize single routes.`,
        serverAuthorizationMigration(authorization, model.settings.versions.linkerd, installedNetworks),
      ),
    );
  }
  for (const authentication of model.of(GROUP, 'MeshTLSAuthentication')) {
    list(record(authentication.body?.spec).identityRefs).forEach((item, i) => {
      const ref = record(item) as TargetRef;
      if (kindOf(ref) !== 'ServiceAccount' || typeof ref.name !== 'string' || ref.name === '*') return;
      const ns = typeof ref.namespace === 'string' ? ref.namespace : namespaceOf(authentication);
      if (!model.knowsServiceAccountsOf(ns) || model.serviceAccountsIn(ns).has(ref.name)) return;
      findings.push(
        finding(
          authentication,
          `spec.identityRefs.${i}.name`,
          'unknown-service-account',
          'warning',
          `No service account ${ref.name} in namespace ${ns}: no ServiceAccount of that name, and no workload there runs as it.`,
        ),
      );
    });
  }
  findings.push(...unauthorizedServers(model), ...overlappingServers(model));
  for (const server of model.of(GROUP, 'Server')) {
    const ns = namespaceOf(server);
    const selector = serverSelector(server);
    if (!selector || model.workloadsIn(ns).length === 0 || model.selectWorkloads(ns, selector).length > 0) continue;
    findings.push(
      finding(
        server,
        'spec.podSelector',
        'selector-no-workload',
        'warning',
        `No workload in namespace ${ns} has the labels ${Object.entries(selector)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}: ${label(server)} describes no pod's port.`,
        selectorFix(model, server, 'spec.podSelector.matchLabels', selector, ns),
      ),
    );
  }
  return findings;
}

/**
 * The policies that authorize a Server's traffic: AuthorizationPolicies targeting it, its
 * namespace, or a route attached to it (`routesOfServer`, as "HTTPRoute/name"), and
 * ServerAuthorizations naming or selecting it, all in its namespace.
 */
export function serverAuthorizations(model: WorkspaceModel, server: Resource, routesOfServer: Set<string> = new Set()): Resource[] {
  const { policies, legacy } = authorizationsIn(model, namespaceOf(server));
  const byPolicy = policies.filter((policy) => {
    const target = record(record(policy.body?.spec).targetRef);
    const kind = kindOf(target);
    if (kind === 'Namespace') return true;
    if (kind === 'Server') return target.name === server.name;
    return (kind === 'HTTPRoute' || kind === 'GRPCRoute') && routesOfServer.has(`${kind}/${String(target.name)}`);
  });
  const byLegacy = legacy.filter((authorization) => {
    const target = record(record(authorization.body?.spec).server);
    if (typeof target.name === 'string') return target.name === server.name;
    const selector = labels(record(target.selector).matchLabels);
    return selector !== undefined && Object.entries(selector).every(([k, v]) => server.labels[k] === v);
  });
  return [...byPolicy, ...byLegacy];
}

/** Linkerd's authorizations by namespace, gathered once per model: every Server asks for its namespace's. */
const authorizationsByModel = new WeakMap<WorkspaceModel, Map<string, { policies: Resource[]; legacy: Resource[] }>>();

function authorizationsIn(model: WorkspaceModel, namespace: string): { policies: Resource[]; legacy: Resource[] } {
  let byNamespace = authorizationsByModel.get(model);
  if (!byNamespace) {
    byNamespace = new Map();
    authorizationsByModel.set(model, byNamespace);
    const bucket = (ns: string) => {
      let entry = byNamespace!.get(ns);
      if (!entry) byNamespace!.set(ns, (entry = { policies: [], legacy: [] }));
      return entry;
    };
    for (const policy of model.of(GROUP, 'AuthorizationPolicy')) bucket(namespaceOf(policy)).policies.push(policy);
    for (const authorization of model.of(GROUP, 'ServerAuthorization')) bucket(namespaceOf(authorization)).legacy.push(authorization);
  }
  return byNamespace.get(namespace) ?? { policies: [], legacy: [] };
}

/** The proxy protocols whose requests meet HTTP routes, the kubelet probe route among them (policy-controller/grpc/src/inbound.rs, to_server). */
const HTTP_ROUTED = new Set(['unknown', 'HTTP/1', 'HTTP/2']);

/**
 * A Server no policy authorizes. Traffic that nothing admits follows the Server's `accessPolicy`
 * (Linkerd 2.16+, `deny` when unset; before 2.16 always denied): only `deny` refuses it, `audit`
 * and the allow policies let some or all of it through (policy-controller/k8s/index/src/
 * inbound/index.rs, client_authzs). Even then the kubelet's probes get through on an HTTP port
 * while no HTTPRoute is attached to the Server (default_inbound_http_routes). Said only where the workspace writes
 * Linkerd authorizations for the namespace (otherwise they live elsewhere).
 */
function unauthorizedServers(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const hasAccessPolicy = atLeast(model.settings.versions.linkerd, '2.16');
  const policies = model.of(GROUP, 'AuthorizationPolicy');
  const legacy = model.of(GROUP, 'ServerAuthorization');
  const routes = [
    ...model.of(GROUP, 'HTTPRoute'),
    ...model.of('gateway.networking.k8s.io', 'HTTPRoute'),
    ...model.of('gateway.networking.k8s.io', 'GRPCRoute'),
  ];
  for (const server of model.of(GROUP, 'Server')) {
    const ns = namespaceOf(server);
    const inNamespace = (r: { namespace?: string; clusterScoped: boolean }) => namespaceOf(r as never) === ns;
    if (!policies.some(inNamespace) && !legacy.some(inNamespace)) continue;
    const accessPolicy = record(server.body?.spec).accessPolicy;
    if (hasAccessPolicy && accessPolicy !== undefined && accessPolicy !== 'deny') continue;
    const routesOfServer = new Set(
      routes
        .filter(
          (route) =>
            inNamespace(route) && list(record(route.body?.spec).parentRefs).some((ref) => kindOf(record(ref)) === 'Server' && record(ref).name === server.name),
        )
        .map((route) => `${route.kind}/${route.name}`),
    );
    if (serverAuthorizations(model, server, routesOfServer).length) continue;
    const port = String(record(server.body?.spec).port ?? '?');
    const protocol = record(server.body?.spec).proxyProtocol ?? 'unknown';
    const probes = !HTTP_ROUTED.has(String(protocol))
      ? `the kubelet's probes included, since its proxyProtocol is ${String(protocol)}`
      : routesOfServer.size
        ? "the kubelet's probes included, since an HTTPRoute is attached to it"
        : "except the kubelet's HTTP probes of the pods' probe paths";
    const fallback = hasAccessPolicy
      ? `, and its accessPolicy is ${accessPolicy === undefined ? 'deny (unset)' : 'deny'}: Linkerd refuses every other request to port ${port}, ${probes}. Add an AuthorizationPolicy targeting it, or set accessPolicy: audit to watch the traffic before enforcing.`
      : `: Linkerd ${model.settings.versions.linkerd} refuses every other request to port ${port}, ${probes}. Add an AuthorizationPolicy targeting it.`;
    findings.push(
      finding(
        server,
        'metadata.name',
        'linkerd-server-unauthorized',
        'warning',
        `No AuthorizationPolicy or ServerAuthorization in namespace ${ns} authorizes ${label(server)} (or a route on it)${fallback}`,
      ),
    );
  }
  return findings;
}

/** What a Server selects: pods or external workloads, by a selector that may take them all. */
function selectionOf(server: Resource): { kind: string; key: string; all: boolean; matchLabels?: Record<string, string> } | undefined {
  const spec = record(server.body?.spec);
  const kind = spec.podSelector !== undefined ? 'podSelector' : spec.externalWorkloadSelector !== undefined ? 'externalWorkloadSelector' : undefined;
  if (!kind || !spec[kind] || typeof spec[kind] !== 'object') return undefined;
  const selector = record(spec[kind]);
  const matchLabels = labels(selector.matchLabels) ?? {};
  const expressions = list(selector.matchExpressions);
  const key = JSON.stringify([Object.entries(matchLabels).sort(([a], [b]) => a.localeCompare(b)), expressions]);
  // Workloads are matched by labels only: a selector with expressions is compared as written.
  return { kind, key, all: Object.keys(matchLabels).length === 0 && expressions.length === 0, ...(expressions.length ? {} : { matchLabels }) };
}

/**
 * Servers describing the same port of the same pods. Before Linkerd 2.18 the admission webhook
 * refused a Server whose port equals another's and whose selector equals it or either selects
 * every pod; overlaps it did not see were resolved in no defined order. From 2.18 all are
 * admitted and the oldest Server (by creation, then name) wins the port (linkerd2#13676:
 * policy-controller/runtime/src/admission.rs, k8s/index/src/inbound/index.rs reindex_servers).
 */
function overlappingServers(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const version = model.settings.versions.linkerd;
  const admitted = atLeast(version, '2.18');
  const servers = distinctObjects(model.of(GROUP, 'Server'));
  for (const server of servers) {
    const ns = namespaceOf(server);
    const port = record(server.body?.spec).port;
    const mine = selectionOf(server);
    if (!mine || (typeof port !== 'number' && typeof port !== 'string')) continue;
    for (const other of servers) {
      if (other === server || namespaceOf(other) !== ns || record(other.body?.spec).port !== port) continue;
      const theirs = selectionOf(other);
      if (!theirs || theirs.kind !== mine.kind) continue;
      const plain = mine.all || theirs.all || mine.key === theirs.key;
      const shared =
        mine.kind === 'podSelector' && !plain && mine.matchLabels && theirs.matchLabels
          ? model.selectWorkloads(ns, mine.matchLabels).filter((w) => matchesLabels(theirs.matchLabels, w.workload!.podLabels))
          : [];
      if (!plain && shared.length === 0) continue;
      const what = plain ? `the same ${mine.kind === 'podSelector' ? 'pods' : 'external workloads'}` : `${label(shared[0])}`;
      const message =
        !admitted && plain
          ? `${label(other)} already describes port ${String(port)} of ${what}: Linkerd ${version}'s admission webhook refuses whichever of the two is applied second (overlapping Servers are admitted from Linkerd 2.18).`
          : admitted
            ? `${label(other)} also describes port ${String(port)} of ${what}: Linkerd applies only the older of the two (by creation time, then name) to that port, and ignores the other there.`
            : `${label(other)} also describes port ${String(port)} of ${what}: Linkerd ${version} applies one of the two to that port, and which one is not defined (from 2.18, the older).`;
      findings.push(finding(server, 'spec.port', 'linkerd-server-overlap', !admitted && plain ? 'error' : 'warning', message));
    }
  }
  return findings;
}
