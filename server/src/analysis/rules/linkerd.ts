import { finding, label, type AnalysisFinding } from '../finding';
import { labels, list, record } from '../read';
import { namespaceOf } from '../resources';
import { serverAuthorizationMigration } from './linkerdMigration';
import { selectorFix } from './selectorFix';
import { serverSelector, type WorkspaceModel } from '../workspaceModel';

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
    if ((target.kind === 'Server' || target.kind === 'HTTPRoute') && model.defines(group, target.kind, ns) && !model.find(group, target.kind, target.name, ns)) {
      findings.push(finding(policy, 'spec.targetRef.name', 'linkerd-missing-target', 'warning', `No ${target.kind} ${target.name} in namespace ${ns}: this AuthorizationPolicy authorizes nothing.`));
    }
  }
  for (const authorization of model.of(GROUP, 'ServerAuthorization')) {
    const ns = namespaceOf(authorization);
    const server = (authorization.body?.spec as { server?: { name?: unknown } } | undefined)?.server;
    if (typeof server?.name === 'string' && model.defines(GROUP, 'Server', ns) && !model.find(GROUP, 'Server', server.name, ns)) {
      findings.push(finding(authorization, 'spec.server.name', 'linkerd-missing-target', 'warning', `No Server ${server.name} in namespace ${ns}: this ServerAuthorization authorizes nothing.`));
    }
    findings.push(finding(authorization, 'kind', 'linkerd-server-authorization-deprecated', 'information', `ServerAuthorization still works (only its v1alpha1 version is deprecated), but Linkerd's newer AuthorizationPolicy says the same with a MeshTLSAuthentication and a NetworkAuthentication, and can also authorize single routes.`, serverAuthorizationMigration(authorization, model.settings.versions.linkerd)));
  }
  for (const authentication of model.of(GROUP, 'MeshTLSAuthentication')) {
    list(record(authentication.body?.spec).identityRefs).forEach((item, i) => {
      const ref = record(item) as TargetRef;
      if (kindOf(ref) !== 'ServiceAccount' || typeof ref.name !== 'string' || ref.name === '*') return;
      const ns = typeof ref.namespace === 'string' ? ref.namespace : namespaceOf(authentication);
      if (!model.knowsServiceAccountsOf(ns) || model.serviceAccountsIn(ns).has(ref.name)) return;
      findings.push(finding(authentication, `spec.identityRefs.${i}.name`, 'unknown-service-account', 'warning', `No service account ${ref.name} in namespace ${ns}: no ServiceAccount of that name, and no workload there runs as it.`));
    });
  }
  findings.push(...unauthorizedServers(model));
  for (const server of model.of(GROUP, 'Server')) {
    const ns = namespaceOf(server);
    const selector = serverSelector(server);
    if (!selector || model.workloadsIn(ns).length === 0 || model.selectWorkloads(ns, selector).length > 0) continue;
    findings.push(finding(server, 'spec.podSelector', 'selector-no-workload', 'warning', `No workload in namespace ${ns} has the labels ${Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(', ')}: ${label(server)} describes no pod's port.`, selectorFix(model, server, 'spec.podSelector.matchLabels', selector, ns)));
  }
  return findings;
}

/**
 * A Server no policy authorizes: once a Server describes a port, Linkerd lets through only what
 * is explicitly authorized there, so every request to that port is refused. Said only where the
 * workspace writes Linkerd authorizations for the namespace (otherwise they live elsewhere).
 */
function unauthorizedServers(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  const policies = model.of(GROUP, 'AuthorizationPolicy');
  const legacy = model.of(GROUP, 'ServerAuthorization');
  const routes = [...model.of(GROUP, 'HTTPRoute'), ...model.of('gateway.networking.k8s.io', 'HTTPRoute'), ...model.of('gateway.networking.k8s.io', 'GRPCRoute')];
  for (const server of model.of(GROUP, 'Server')) {
    const ns = namespaceOf(server);
    const inNamespace = (r: { namespace?: string; clusterScoped: boolean }) => namespaceOf(r as never) === ns;
    if (!policies.some(inNamespace) && !legacy.some(inNamespace)) continue;
    const routesOfServer = new Set(routes.filter((route) => inNamespace(route) && list(record(route.body?.spec).parentRefs).some((ref) => kindOf(record(ref)) === 'Server' && record(ref).name === server.name)).map((route) => `${route.kind}/${route.name}`));
    const byPolicy = policies.some((policy) => {
      if (!inNamespace(policy)) return false;
      const target = record(record(policy.body?.spec).targetRef);
      const kind = kindOf(target);
      if (kind === 'Namespace') return true;
      if (kind === 'Server') return target.name === server.name;
      return (kind === 'HTTPRoute' || kind === 'GRPCRoute') && routesOfServer.has(`${kind}/${String(target.name)}`);
    });
    const byLegacy = legacy.some((authorization) => {
      if (!inNamespace(authorization)) return false;
      const target = record(record(authorization.body?.spec).server);
      if (typeof target.name === 'string') return target.name === server.name;
      const selector = labels(record(target.selector).matchLabels);
      return selector !== undefined && Object.entries(selector).every(([k, v]) => server.labels[k] === v);
    });
    if (byPolicy || byLegacy) continue;
    const port = record(server.body?.spec).port;
    findings.push(finding(server, 'metadata.name', 'linkerd-server-unauthorized', 'warning', `No AuthorizationPolicy or ServerAuthorization in namespace ${ns} authorizes ${label(server)} (or a route on it): once a Server describes port ${String(port ?? '?')}, Linkerd refuses every request to it that no policy allows. Add an AuthorizationPolicy targeting it.`));
  }
  return findings;
}
