import type { CodeLens } from 'vscode-languageserver-types';
import { ShowLocationsCommand } from '../../../common/src/protocol';
import { label } from '../analysis/finding';
import { namespaceOf, rangeAt, type Resource } from '../analysis/resources';
import { record } from '../analysis/read';
import { ztunnelTargets } from '../analysis/crossResource/ambient';
import { exposedPorts } from '../analysis/crossResource/peerAuthentication';
import { istioInboundBypass } from '../analysis/meshAnnotations';
import { policySelector, serverSelector, type LinkerdInbound, type WorkspaceModel } from '../analysis/workspaceModel';

/**
 * Effective mTLS where people look for it: above each PeerAuthentication, which workloads it
 * decides and in which mode (and which override it); above each workload, the mode it gets and
 * from where. Clicking lists the workloads (in VS Code; other editors show the title).
 */
export function mtlsCodeLenses(uri: string, model: WorkspaceModel): CodeLens[] {
  const lenses: CodeLens[] = [];
  const here = model.resources.filter((r) => r.uri === uri);
  for (const pa of here.filter((r) => r.kind === 'PeerAuthentication' && r.group === 'security.istio.io')) {
    const scope = model.policyScope(pa);
    const decided = scope.filter((w) => model.effectiveMtls(w).source === pa);
    const overridden = scope.length - decided.length;
    // In ambient mode ztunnel enforces DISABLE as PERMISSIVE: a policy over sidecars and ambient workloads gives each its own.
    const modes = new Map<string, number>();
    for (const w of decided) {
      const { mode, written } = model.effectiveMtls(w);
      const shown = written ? `${mode} (ambient: ${written} acts as ${mode})` : mode;
      modes.set(shown, (modes.get(shown) ?? 0) + 1);
    }
    const mode = modes.size ? [...modes].map(([shown, n]) => `${shown} for ${count(n)}`).join('; ') : undefined;
    // Workloads whose mode this policy decides, and those in its scope a narrower policy decides.
    const ports = [
      ...new Set(decided.flatMap((w) => [...model.effectiveMtls(w).ports].filter(([, p]) => p.source === pa).map(([port, p]) => `port ${port} ${p.mode}`))),
    ];
    const own = (pa.body?.spec as { mtls?: { mode?: unknown } } | undefined)?.mtls?.mode;
    const narrower = overridden ? `; ${overridden} more ${overridden === 1 ? 'is' : 'are'} decided by a narrower policy` : '';
    let title: string;
    if (policySelector(pa) && namespaceOf(pa) === model.settings.rootNamespace)
      title = 'Ignored: Istio reads no selector on a PeerAuthentication in the root namespace';
    else if (scope.length === 0) title = 'Applies to no workload in this workspace';
    else if (mode) title = `${mode}${ports.length ? `; ${ports.join(', ')}` : ''}${narrower}`;
    else title = `${typeof own === 'string' ? own : 'UNSET'}, but narrower policies decide its ${count(scope.length)}`;
    lenses.push(lens(pa, title, decided.length ? decided : scope));
  }
  // Who enforces an AuthorizationPolicy: ztunnel for the ambient workloads it selects (their L4 attributes only), sidecars for the rest.
  for (const policy of here.filter((r) => r.kind === 'AuthorizationPolicy' && r.group === 'security.istio.io')) {
    const ambient = ztunnelTargets(model, policy);
    if (!ambient.length) continue;
    const sidecars = model.policyScope(policy).length - ambient.length;
    lenses.push(
      lens(
        policy,
        `Enforced by ztunnel for ${count(ambient.length)} in ambient mode (L4 attributes only)${sidecars ? `, by sidecars for ${count(sidecars)}` : ''}`,
        ambient,
      ),
    );
  }
  for (const server of here.filter((r) => r.kind === 'Server' && r.group === 'policy.linkerd.io')) {
    const selector = serverSelector(server);
    const port = record(server.body?.spec).port;
    const selected = selector ? model.selectWorkloads(namespaceOf(server), selector) : [];
    if (selected.length) lenses.push(lens(server, `Describes port ${String(port ?? '?')} of ${count(selected.length)}`, selected));
  }
  for (const workload of here.filter((r) => r.workload)) {
    const linkerd = model.linkerdInbound(workload);
    if (linkerd) {
      const ports = linkerd.servers.map(({ server, port }) => `port ${String(port ?? '?')} by Server ${server.name}`);
      ports.push(
        ...candidatePorts(model, workload)
          .filter((port) => linkerd.skipped(port))
          .map((port) => `port ${port} plaintext (skips the proxy)`),
      );
      lenses.push(
        lens(
          workload,
          `Linkerd inbound: ${ports.length ? `${ports.join(', ')}; other ports ` : ''}${linkerd.defaultPolicy} (${linkerd.defaultFrom})${opaquePorts(model, workload, linkerd)}`,
          [...linkerd.servers.map((s) => s.server), ...(linkerd.defaultSource ? [linkerd.defaultSource] : [])],
        ),
      );
    }
    // Istio's mode means nothing to a workspace with no Istio resource in it (a Linkerd mesh, say).
    if (!model.usesIstio) continue;
    const effective = model.effectiveMtls(workload);
    const ports = [...effective.ports].map(([port, p]) => `port ${port} ${p.mode}${p.written ? ` (${p.written} acts as ${p.mode})` : ''}`);
    ports.push(...plaintextPorts(model, workload));
    const origin = effective.source
      ? `${effective.written ? `${effective.written} ` : ''}from ${label(effective.source)}${effective.written ? ` acts as ${effective.mode}` : ''}`
      : "Istio's default: no PeerAuthentication applies";
    const mtls = `mTLS ${effective.mode} (${origin})${ports.length ? `; ${ports.join(', ')}` : ''}`;
    const waypoint = effective.ambient ? model.waypointFor(workload) : undefined;
    const title = effective.ambient
      ? `Ambient (ztunnel): ${mtls}; ${waypoint ? `waypoint ${waypoint.name} (from ${waypoint.from})` : 'no waypoint, so L4 policy only'}`
      : mtls;
    lenses.push(lens(workload, title, effective.source ? [effective.source] : []));
  }
  return lenses;
}

/** Ports a STRICT sidecar workload leaves out of its inbound capture: whatever reaches them is plaintext. */
function plaintextPorts(model: WorkspaceModel, workload: Resource): string[] {
  const bypass = istioInboundBypass(workload.workload!.podAnnotations);
  if (!bypass || model.inAmbient(workload)) return [];
  return candidatePorts(model, workload)
    .filter((port) => bypass(port) && model.modeAtPort(workload, port).mode === 'STRICT')
    .map((port) => `port ${port} plaintext (bypasses the sidecar)`);
}

/** A workload's container ports and the ports its Services send traffic to, in order. */
/**
 * The pod's opaque ports, grouped by where the list comes from: proxied and under the same policy
 * and mTLS as the others, only with no protocol detection, so they are named apart from the policy.
 */
function opaquePorts(model: WorkspaceModel, workload: Resource, linkerd: LinkerdInbound): string {
  const bySource = new Map<string, number[]>();
  for (const port of candidatePorts(model, workload)) {
    const from = linkerd.skipped(port) ? undefined : linkerd.opaque(port);
    if (from !== undefined) bySource.set(from, [...(bySource.get(from) ?? []), port]);
  }
  return [...bySource].map(([from, ports]) => `; port${ports.length > 1 ? 's' : ''} ${ports.join(', ')} opaque: ${from}`).join('');
}

function candidatePorts(model: WorkspaceModel, workload: Resource): number[] {
  const ports = new Set([...workload.workload!.ports.map((p) => p.port), ...exposedPorts(model, workload).map((e) => e.targetPort)]);
  return [...ports].sort((a, b) => a - b);
}

const count = (n: number) => `${n} workload${n === 1 ? '' : 's'}`;

function lens(resource: Resource, title: string, targets: Resource[]): CodeLens {
  const at = rangeAt(resource, 'kind').start;
  const locations = targets.map((t) => ({ uri: t.uri, range: rangeAt(t, 'metadata.name') }));
  return { range: { start: at, end: at }, command: { title, command: ShowLocationsCommand, arguments: [resource.uri, at, locations] } };
}
