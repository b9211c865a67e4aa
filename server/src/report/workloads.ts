import type {
  AuthorizationPosture,
  MeshKind,
  OutboundBypass,
  PlaintextCaller,
  PortMode,
  PortPosture,
  ResourceRef,
  WorkloadPosture,
} from '../../../common/src/report/postureReport';
import { exposedPorts } from '../analysis/crossResource/peerAuthentication';
import { tlsSettings } from '../analysis/crossResource/destinationRule';
import { serverAuthorizations } from '../analysis/crossResource/linkerd';
import { label } from '../analysis/finding';
import { ISTIO_EXCLUDE_INBOUND, istioInboundBypass, LINKERD_SKIP_OUTBOUND } from '../analysis/meshAnnotations';
import { list, record, text } from '../analysis/read';
import { namespaceOf, type Resource } from '../analysis/resources';
import type { LinkerdInbound, MtlsMode, WorkspaceModel } from '../analysis/workspaceModel';

// One workload's posture: which mesh carries it, what each inbound port meets and why, what
// leaves the proxy, who sends it plaintext and which policies authorize its callers. Read from
// the workspace model only, so the editor's lenses and this report never disagree.

/** How the report names a resource and places it. */
export type RefOf = (resource: Resource) => ResourceRef;

const ISTIO_OUTBOUND = ['traffic.sidecar.istio.io/excludeOutboundPorts', 'traffic.sidecar.istio.io/excludeOutboundIPRanges'];

export function meshOf(model: WorkspaceModel, workload: Resource): { mesh: MeshKind; reason: string } {
  if (model.inAmbient(workload)) {
    const own = workload.workload!.podLabels['istio.io/dataplane-mode'] === 'ambient';
    return {
      mesh: 'istio-ambient',
      reason: own ? 'pod label istio.io/dataplane-mode=ambient' : `namespace ${namespaceOf(workload)} label istio.io/dataplane-mode=ambient`,
    };
  }
  const istio = model.istioInjection(workload);
  if (istio.injection === 'on') return { mesh: 'istio-sidecar', reason: istio.because! };
  const linkerd = model.linkerdInbound(workload);
  if (linkerd?.injectedBy) return { mesh: 'linkerd', reason: linkerd.injectedBy };
  if (istio.injection === 'off') return { mesh: 'none', reason: `${istio.because!} (and no Linkerd injection)` };
  const ns = namespaceOf(workload);
  // The namespace's labels and annotations decide injection; a namespace the workspace lacks says nothing.
  if (!model.definedNamespaces.has(ns)) return { mesh: 'unknown', reason: `namespace ${ns} is not in the workspace, so its injection labels are unknown` };
  return { mesh: 'none', reason: 'no injection label or annotation for Istio or Linkerd on the pods or their namespace' };
}

const ISTIO_MODE: Record<MtlsMode, PortMode> = { STRICT: 'mtls', PERMISSIVE: 'mtls-or-plaintext', DISABLE: 'plaintext' };

export function workloadPosture(model: WorkspaceModel, workload: Resource, refOf: RefOf): WorkloadPosture {
  const { mesh, reason } = meshOf(model, workload);
  const exposed = exposedPorts(model, workload);
  const ports = [...new Set([...workload.workload!.ports.map((p) => p.port), ...exposed.map((e) => e.targetPort)])].sort((a, b) => a - b);
  const ref = refOf(workload);
  return {
    kind: workload.kind,
    name: workload.name ?? '(unnamed)',
    namespace: namespaceOf(workload),
    at: { file: ref.file, line: ref.line },
    serviceAccount: workload.workload!.serviceAccount,
    mesh,
    meshReason: reason,
    ports: ports.map((port) => {
      const named = workload.workload!.ports.find((p) => p.port === port)?.name;
      const posture = portPosture(model, workload, mesh, port, refOf);
      return {
        port,
        ...(named ? { name: named } : {}),
        ...posture,
        exposedBy: exposed.filter((e) => e.targetPort === port).map((e) => `${namespaceOf(e.service)}/${e.service.name ?? ''}:${e.port}`),
      };
    }),
    outboundBypass: outboundBypass(model, workload, mesh, refOf),
    plaintextCallers: mesh === 'none' || mesh === 'unknown' ? [] : plaintextCallers(model, workload, refOf),
    authorization: authorizationOf(model, workload, mesh, refOf),
  };
}

type PortVerdict = Omit<PortPosture, 'port' | 'name' | 'exposedBy'>;

function portPosture(model: WorkspaceModel, workload: Resource, mesh: MeshKind, port: number, refOf: RefOf): PortVerdict {
  if (mesh === 'none') return { mode: 'plaintext', level: 'no-mesh', reason: 'No mesh proxy: the application takes the connection as it comes.' };
  if (mesh === 'unknown')
    return { mode: 'unknown', level: 'unknown-mesh', reason: 'Whether a mesh proxy takes the port depends on labels the workspace does not show.' };
  if (mesh === 'linkerd') return linkerdPort(model, workload, model.linkerdInbound(workload)!, port, refOf);
  const bypass = mesh === 'istio-sidecar' ? istioInboundBypass(workload.workload!.podAnnotations)?.(port) : undefined;
  if (bypass)
    return {
      mode: 'plaintext',
      level: 'bypass',
      reason: `Bypasses the sidecar: ${bypass === ISTIO_EXCLUDE_INBOUND ? `${bypass} names it` : `${bypass} leaves it out`}.`,
      bypassedBy: bypass,
      decidedBy: refOf(workload),
    };
  const effective = model.effectiveMtls(workload);
  const atPort = model.modeAtPort(workload, port);
  const mode = ISTIO_MODE[atPort.mode];
  const written = atPort.written ? ` (written ${atPort.written}, which ztunnel enforces as ${atPort.mode})` : '';
  if (!atPort.source) return { mode, level: 'default', reason: `${atPort.mode} by Istio's default: no PeerAuthentication applies${written}.` };
  const source = atPort.source;
  const level = effective.ports.has(port)
    ? 'port'
    : record(source.body?.spec).selector !== undefined
      ? 'workload'
      : namespaceOf(source) === model.settings.rootNamespace
        ? 'mesh'
        : 'namespace';
  const scope = { port: 'port level', workload: 'selects the workload', mesh: 'mesh-wide', namespace: 'namespace-wide' }[level];
  return { mode, level, reason: `${atPort.mode} from ${label(source)} (${scope})${written}.`, decidedBy: refOf(source) };
}

const LINKERD_DEFAULT_MODE: Record<string, PortMode> = {
  'all-unauthenticated': 'mtls-or-plaintext',
  'cluster-unauthenticated': 'mtls-or-plaintext',
  audit: 'mtls-or-plaintext',
  'all-authenticated': 'mtls',
  'cluster-authenticated': 'mtls',
  deny: 'refused',
};

function linkerdPort(model: WorkspaceModel, workload: Resource, inbound: LinkerdInbound, port: number, refOf: RefOf): PortVerdict {
  const skipped = inbound.skipped(port);
  if (skipped) return { mode: 'plaintext', level: 'bypass', reason: `Skips the proxy: ${skipped} names it.`, bypassedBy: skipped, decidedBy: refOf(workload) };
  const verdict = linkerdPolicyAt(model, workload, inbound, port, refOf);
  const opaqueBy = inbound.opaque(port);
  // Opaque changes how the proxy reads the bytes, not who may connect: meshed clients still come in over mTLS.
  return opaqueBy
    ? { ...verdict, reason: `${verdict.reason} Opaque (${opaqueBy}): proxied as TCP without protocol detection, mTLS as for any port.`, opaqueBy }
    : verdict;
}

/** What Linkerd's inbound policy makes of a port the proxy takes: its Server's, else the default policy. */
function linkerdPolicyAt(model: WorkspaceModel, workload: Resource, inbound: LinkerdInbound, port: number, refOf: RefOf): PortVerdict {
  const server = inbound.servers.find(({ port: serverPort }) =>
    typeof serverPort === 'number' ? serverPort === port : workload.workload!.ports.find((p) => p.name === serverPort)?.port === port,
  )?.server;
  if (server) {
    const authorizations = serverAuthorizations(model, server);
    if (authorizations.length === 0) {
      const access = text(record(server.body?.spec).accessPolicy) ?? 'deny';
      const mode = LINKERD_DEFAULT_MODE[access] ?? 'refused';
      return {
        mode,
        level: 'server',
        reason: `${label(server)} describes it and nothing authorizes it: its accessPolicy ${access} applies.`,
        decidedBy: refOf(server),
      };
    }
    const open = authorizations.some(admitsUnauthenticated);
    return {
      mode: open ? 'mtls-or-plaintext' : 'mtls',
      level: 'server',
      reason: `${label(server)} describes it; ${open ? 'an authorization admits clients without a mesh identity' : 'its authorizations require a mesh identity'}.`,
      decidedBy: refOf(server),
    };
  }
  const mode = LINKERD_DEFAULT_MODE[inbound.defaultPolicy] ?? 'mtls-or-plaintext';
  const level =
    inbound.defaultFrom === 'pod annotation'
      ? 'workload'
      : inbound.defaultSource
        ? 'mesh'
        : inbound.defaultFrom === 'cluster default'
          ? 'default'
          : 'namespace';
  const namespace = level === 'namespace' ? model.find('', 'Namespace', namespaceOf(workload)) : undefined;
  const decidedBy = level === 'workload' ? refOf(workload) : inbound.defaultSource ? refOf(inbound.defaultSource) : namespace ? refOf(namespace) : undefined;
  return {
    mode,
    level,
    reason: `No Server describes it: the default inbound policy ${inbound.defaultPolicy} (${inbound.defaultFrom}) applies.`,
    ...(decidedBy ? { decidedBy } : {}),
  };
}

/** Whether a Linkerd authorization lets in clients that have no mesh identity. */
function admitsUnauthenticated(authorization: Resource): boolean {
  const spec = record(authorization.body?.spec);
  if (authorization.kind === 'ServerAuthorization') return record(spec.client).unauthenticated === true;
  // An AuthorizationPolicy requires every authentication it lists; without a MeshTLSAuthentication, identity is not among them.
  return !list(spec.requiredAuthenticationRefs).some((ref) => record(ref).kind === 'MeshTLSAuthentication');
}

function outboundBypass(model: WorkspaceModel, workload: Resource, mesh: MeshKind, refOf: RefOf): OutboundBypass[] {
  const at = refOf(workload);
  const place = { file: at.file, line: at.line };
  const pod = workload.workload!.podAnnotations;
  if (mesh === 'istio-sidecar')
    return ISTIO_OUTBOUND.filter((name) => (pod[name] ?? '').trim() !== '').map((annotation) => ({ annotation, value: pod[annotation], at: place }));
  if (mesh === 'linkerd') {
    const namespace = model.find('', 'Namespace', namespaceOf(workload));
    const value = pod[LINKERD_SKIP_OUTBOUND] ?? namespace?.annotations[LINKERD_SKIP_OUTBOUND];
    if (value !== undefined && value.trim() !== '')
      return [{ annotation: LINKERD_SKIP_OUTBOUND, value, at: pod[LINKERD_SKIP_OUTBOUND] !== undefined || !namespace ? place : placeOf(refOf(namespace)) }];
  }
  return [];
}

function placeOf(ref: ResourceRef): { file: string; line: number } {
  return { file: ref.file, line: ref.line };
}

const OUTSIDE_TYPES = new Set(['NodePort', 'LoadBalancer']);

/**
 * Clients that reach a meshed workload without mesh mTLS, as the workspace shows them:
 * DestinationRules that turn TLS off towards its Services, and Services that let clients from
 * outside the cluster reach its pods directly (no mesh identity comes with them).
 */
export function plaintextCallers(model: WorkspaceModel, workload: Resource, refOf: RefOf): PlaintextCaller[] {
  const callers: PlaintextCaller[] = [];
  const services = model.servicesOf(workload);
  for (const dr of model.istio('DestinationRule')) {
    const host = text(record(dr.body?.spec).host);
    const service = host === undefined ? undefined : model.serviceForHost(host, namespaceOf(dr));
    if (!service || !services.includes(service)) continue;
    for (const { tls, port } of tlsSettings(dr)) {
      if ((tls.mode ?? 'DISABLE') !== 'DISABLE') continue;
      callers.push({
        caller: `${label(dr)} (tls.mode DISABLE)`,
        reason: `Sidecars it applies to send plaintext to ${host}${port ? ` port ${port}` : ''}.`,
        at: refOf(dr),
      });
      break;
    }
  }
  for (const service of services) {
    const facts = service.service!;
    const outside = OUTSIDE_TYPES.has(facts.type ?? '') || facts.externalIPs;
    if (!outside) continue;
    callers.push({
      caller: `${label(service)} (${facts.externalIPs && !OUTSIDE_TYPES.has(facts.type ?? '') ? 'externalIPs' : `type ${facts.type}`})`,
      reason: 'Clients outside the cluster reach the pods directly, with no mesh identity.',
      at: refOf(service),
    });
  }
  return callers;
}

/** The policies that decide who may call a workload. */
function authorizationOf(model: WorkspaceModel, workload: Resource, mesh: MeshKind, refOf: RefOf): AuthorizationPosture {
  const result: AuthorizationPosture = { allow: [], deny: [], custom: [], audit: [], allowsEveryone: true };
  if (mesh === 'istio-sidecar' || mesh === 'istio-ambient') {
    for (const policy of model.istio('AuthorizationPolicy')) {
      if (!model.policyScope(policy).includes(workload)) continue;
      const action = text(record(policy.body?.spec).action) ?? 'ALLOW';
      const bucket = action === 'DENY' ? result.deny : action === 'CUSTOM' ? result.custom : action === 'AUDIT' ? result.audit : result.allow;
      bucket.push(refOf(policy));
    }
    result.allowsEveryone = result.allow.length === 0;
  } else if (mesh === 'linkerd') {
    const inbound = model.linkerdInbound(workload)!;
    const seen = new Set<Resource>();
    for (const { server } of inbound.servers) for (const authorization of serverAuthorizations(model, server)) seen.add(authorization);
    result.allow.push(...[...seen].map(refOf));
    // Ports no Server describes follow the default policy; the unauthenticated ones admit anyone.
    result.allowsEveryone = ['all-unauthenticated', 'cluster-unauthenticated', 'audit'].includes(inbound.defaultPolicy);
  }
  return result;
}
