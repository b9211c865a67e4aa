import type { CertificateStatus, MeshKind, Place, PortMode, PostureReport, ResourceRef, StrictReadiness, WorkloadPosture } from './postureReport';

// The words both renderers use for the report's values, so the Markdown comment and the HTML page
// say the same thing in the same order.

export const MESH_KINDS: readonly MeshKind[] = ['istio-sidecar', 'istio-ambient', 'linkerd', 'none', 'unknown'];
export const MESH_LABELS: Record<MeshKind, string> = {
  'istio-sidecar': 'Istio sidecar',
  'istio-ambient': 'Istio ambient',
  linkerd: 'Linkerd',
  none: 'No mesh',
  unknown: 'Unknown',
};

export const PORT_MODES: readonly PortMode[] = ['mtls', 'mtls-or-plaintext', 'plaintext', 'refused', 'unknown'];
export const MODE_LABELS: Record<PortMode, string> = {
  mtls: 'mTLS only',
  'mtls-or-plaintext': 'mTLS or plaintext',
  plaintext: 'plaintext',
  refused: 'refused',
  unknown: 'unknown',
};

export const CERTIFICATE_STATUSES: readonly CertificateStatus[] = ['expired', 'expiring', 'valid', 'not-yet-valid'];
export const CERTIFICATE_LABELS: Record<CertificateStatus, string> = {
  expired: 'expired',
  expiring: 'expiring soon',
  valid: 'valid',
  'not-yet-valid': 'not yet valid',
};

export const STRICT_STATUSES: readonly StrictReadiness['status'][] = ['strict', 'ready', 'blocked', 'not-applicable'];
export const STRICT_LABELS: Record<StrictReadiness['status'], string> = {
  strict: 'already STRICT',
  ready: 'ready for STRICT',
  blocked: 'blocked',
  'not-applicable': 'not applicable',
};

export const CHECK_LABELS: Record<StrictReadiness['checks'][number]['id'], string> = {
  'workloads-meshed': 'Workloads in the mesh',
  'callers-meshed': 'Callers in the mesh',
  'no-plaintext-callers': 'No clients from outside the cluster',
  'no-exposed-bypass': 'No exposed port bypasses the sidecar',
  'tls-not-disabled': 'No DestinationRule disables TLS',
  'identity-policies': 'Policies name existing identities',
};

export function placeText(place: Place): string {
  return `${place.file}:${place.line}`;
}

/** "Kind namespace/name", the way kubectl names a resource. */
export function refName(ref: Pick<ResourceRef, 'kind' | 'name' | 'namespace'>): string {
  return `${ref.kind} ${ref.namespace !== undefined ? `${ref.namespace}/` : ''}${ref.name}`;
}

export function workloadName(workload: WorkloadPosture): string {
  return `${workload.kind} ${workload.namespace}/${workload.name}`;
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** A port takes plaintext when its mode lets plaintext reach the application. */
export function takesPlaintext(mode: PortMode): boolean {
  return mode === 'plaintext' || mode === 'mtls-or-plaintext';
}

/** Ports that take plaintext, with their workloads: the ones a reader acts on first. */
export function plaintextPorts(report: PostureReport): Array<{ workload: WorkloadPosture; port: WorkloadPosture['ports'][number] }> {
  return report.namespaces.flatMap((n) =>
    n.workloads.flatMap((workload) => workload.ports.filter((p) => takesPlaintext(p.mode)).map((port) => ({ workload, port }))),
  );
}

export function workloadsAllowingEveryone(report: PostureReport): WorkloadPosture[] {
  return report.namespaces.flatMap((n) => n.workloads.filter((w) => w.mesh !== 'none' && w.mesh !== 'unknown' && w.authorization.allowsEveryone));
}

/** Counts of every port by mode, over all workloads. */
export function portModeCounts(report: PostureReport): Record<PortMode, number> {
  const counts = Object.fromEntries(PORT_MODES.map((m) => [m, 0])) as Record<PortMode, number>;
  for (const n of report.namespaces) for (const w of n.workloads) for (const p of w.ports) counts[p.mode] += 1;
  return counts;
}

/** The calendar day of an ISO timestamp. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}
