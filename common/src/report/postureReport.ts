// The mesh posture report: what `mesh-mtls report --format json` prints and the Mesh Posture view
// shows. Other tools read it, so it is a contract: within one `formatVersion` fields are only ever
// added, never renamed, retyped or given new meanings; docs/posture-report.md describes each one.
// Built by server/src/report from the workspace model; rendered by the HTML and Markdown writers
// beside this file. Nothing here holds key material.

export const POSTURE_FORMAT = 'mesh-mtls-posture';
export const POSTURE_FORMAT_VERSION = 1;

/** A place in the workspace: a file (relative to the first folder that holds it, `/` separated) and a 1-based line. */
export interface Place {
  file: string;
  line: number;
}

/** A resource the report names, with where it is written. */
export interface ResourceRef extends Place {
  kind: string;
  name: string;
  /** Absent for cluster-scoped kinds. */
  namespace?: string;
}

/**
 * The proxy in front of a workload. `unknown`: nothing on the pod decides it and its namespace is
 * not in the workspace, so the injection labels that would decide it cannot be read.
 */
export type MeshKind = 'istio-sidecar' | 'istio-ambient' | 'linkerd' | 'none' | 'unknown';

/**
 * What traffic to one port meets.
 * - `mtls`: only mutually authenticated connections reach the application.
 * - `mtls-or-plaintext`: the proxy takes both (Istio PERMISSIVE; Linkerd's defaults and Servers
 *   that admit unauthenticated clients).
 * - `plaintext`: no proxy terminates mTLS on the port (no mesh, Istio DISABLE, a bypassed port,
 *   a Linkerd opaque port is still mTLS and is not this).
 * - `refused`: the proxy refuses every connection (Linkerd `deny` with no Server for the port).
 * - `unknown`: the workload's mesh is unknown (see MeshKind).
 */
export type PortMode = 'mtls' | 'mtls-or-plaintext' | 'plaintext' | 'refused' | 'unknown';

/** Where a port's mode comes from, from the widest scope to the narrowest. */
export type ModeLevel =
  /** No mesh proxy: the workload is not injected or enrolled. */
  | 'no-mesh'
  /** The workload's mesh is unknown, so nothing decides the port here. */
  | 'unknown-mesh'
  /** The mesh's built-in default (Istio PERMISSIVE; Linkerd all-unauthenticated at cluster level). */
  | 'default'
  /** Istio: a PeerAuthentication in the root namespace without a selector. Linkerd: the cluster's default policy, from the policy controller's `--default-policy` in the workspace. */
  | 'mesh'
  /** A namespace-wide PeerAuthentication, or Linkerd's namespace annotation. */
  | 'namespace'
  /** A PeerAuthentication selecting the workload, or Linkerd's pod annotation. */
  | 'workload'
  /** A port-level mTLS setting of the workload's PeerAuthentication. */
  | 'port'
  /** A Linkerd Server describing the port. */
  | 'server'
  /** A sidecar bypass annotation takes the port out of the proxy. */
  | 'bypass';

export interface PortPosture {
  port: number;
  /** The container port's name, when it has one. */
  name?: string;
  mode: PortMode;
  level: ModeLevel;
  /** One sentence: what decides the mode, e.g. "STRICT from PeerAuthentication istio-system/default (mesh-wide)". */
  reason: string;
  /** The resource that decides it (a PeerAuthentication, Server, Namespace or the workload itself); absent for defaults. */
  decidedBy?: ResourceRef;
  /** Services that send traffic to this port, as "namespace/name:port". */
  exposedBy: string[];
  /** The annotation that takes the port out of the proxy, when it is bypassed. */
  bypassedBy?: string;
  /**
   * Linkerd: what makes the port opaque (an annotation, or the install's default list). The proxy
   * still takes it and its mode is as given: only protocol detection is off.
   */
  opaqueBy?: string;
}

export interface OutboundBypass {
  /** The annotation, e.g. "traffic.sidecar.istio.io/excludeOutboundPorts". */
  annotation: string;
  /** Its value as written. */
  value: string;
  at: Place;
}

/** A client that sends plaintext to a workload, or that the workload's policy turns away. */
export interface PlaintextCaller {
  /** Who calls: "DestinationRule shop/legacy (tls.mode DISABLE)", "workload batch/report (not in the mesh)". */
  caller: string;
  /** Why its traffic is plaintext. */
  reason: string;
  /** The resource that makes the caller (a DestinationRule, a Service), where it is written. */
  at: ResourceRef;
}

export interface AuthorizationPosture {
  /** ALLOW policies that apply (AuthorizationPolicy, or Linkerd AuthorizationPolicy/ServerAuthorization). */
  allow: ResourceRef[];
  deny: ResourceRef[];
  custom: ResourceRef[];
  audit: ResourceRef[];
  /** No ALLOW policy applies, so every request the mesh lets through is allowed. */
  allowsEveryone: boolean;
}

export interface WorkloadPosture {
  /** Deployment, StatefulSet, DaemonSet, ReplicaSet, Rollout, Job, CronJob or Pod. */
  kind: string;
  name: string;
  namespace: string;
  at: Place;
  serviceAccount: string;
  mesh: MeshKind;
  /** Why: "namespace label istio-injection=enabled", "pod annotation linkerd.io/inject=enabled". */
  meshReason: string;
  /** Inbound, per container port and per port a Service targets. */
  ports: PortPosture[];
  outboundBypass: OutboundBypass[];
  plaintextCallers: PlaintextCaller[];
  authorization: AuthorizationPosture;
}

/** One step of moving a namespace from PERMISSIVE to STRICT. */
export interface ReadinessCheck {
  id: 'workloads-meshed' | 'callers-meshed' | 'no-plaintext-callers' | 'no-exposed-bypass' | 'tls-not-disabled' | 'identity-policies';
  ok: boolean;
  /** What was checked, or what blocks it. */
  detail: string;
  /** The resources that block it. */
  blockers: ResourceRef[];
}

export interface StrictReadiness {
  /**
   * `strict`: STRICT is already in force for every workload. `ready`: nothing blocks it.
   * `blocked`: see the failing checks. `not-applicable`: no Istio workload in the namespace.
   */
  status: 'strict' | 'ready' | 'blocked' | 'not-applicable';
  checks: ReadinessCheck[];
  /** The PeerAuthentication to apply, as YAML, when the status is `ready`. */
  apply?: string;
}

export interface NamespacePosture {
  name: string;
  /** The Namespace resource, when the workspace defines it. */
  at?: Place;
  workloads: WorkloadPosture[];
  strict: StrictReadiness;
}

export type CertificateStatus = 'expired' | 'expiring' | 'valid' | 'not-yet-valid';

export interface CertificateEntry {
  subject: string;
  issuer: string;
  /** The SPIFFE ID or first DNS name, when the certificate has one. */
  identity?: string;
  isCa: boolean;
  /** ISO 8601, UTC. */
  notBefore: string;
  notAfter: string;
  /** Whole days from `generatedAt` to `notAfter`; negative once expired. */
  daysLeft: number;
  status: CertificateStatus;
  /** SHA-256 of the DER as OpenSSL prints it (upper-case hex pairs joined by colons): the same certificate found twice has one fingerprint. */
  sha256: string;
  at: Place;
  /** Where in the file: "tls.crt of Secret shop/cart-tls", "block 2", "certificate chain of secret default". */
  where: string;
}

/** A cert-manager Certificate: its lifetime and renewal as written (it is issued in the cluster, not here). */
export interface ManagedCertificate {
  ref: ResourceRef;
  /** The Secret it writes. */
  secretName: string;
  issuer: string;
  /** Go durations as written, or cert-manager's defaults (2160h, a third of the duration). */
  duration: string;
  renewBefore: string;
  /** Whether the workspace also holds the issued Secret, whose certificate is then in `certificates`. */
  secretInWorkspace: boolean;
}

/** A peer identity an authorization policy names, checked against the service accounts that exist. */
export interface PolicyIdentity {
  /** As written: "cluster.local/ns/shop/sa/web", a ServiceAccount name, a namespace. */
  identity: string;
  policy: ResourceRef;
  /** `found`: the service account is in the workspace; `missing`: its namespace is, it is not; `unknown`: the workspace does not show that namespace's accounts. */
  status: 'found' | 'missing' | 'unknown' | 'foreign-trust-domain';
}

export interface PostureSummary {
  namespaces: number;
  workloads: number;
  byMesh: Record<MeshKind, number>;
  /** Ports of meshed workloads that a Service exposes and that take plaintext (mode `plaintext` or `mtls-or-plaintext`). */
  plaintextPorts: number;
  bypassedPorts: number;
  workloadsAllowingEveryone: number;
  certificates: Record<CertificateStatus, number>;
  /** Namespaces by STRICT readiness. */
  strict: Record<StrictReadiness['status'], number>;
}

export interface PostureReport {
  format: typeof POSTURE_FORMAT;
  formatVersion: typeof POSTURE_FORMAT_VERSION;
  tool: { name: 'mesh-mtls'; version: string };
  /** ISO 8601: expiry counts from here. */
  generatedAt: string;
  /** The folders reported on, as given. */
  roots: string[];
  settings: { rootNamespace: string; trustDomain: string; expiringSoonDays: number; versions: Record<string, string> };
  summary: PostureSummary;
  namespaces: NamespacePosture[];
  /** Soonest expiry first. */
  certificates: CertificateEntry[];
  managedCertificates: ManagedCertificate[];
  identities: PolicyIdentity[];
  /**
   * Findings counted. From the CLI, lint's for the same files (the exit code follows them); from the
   * editor's view, the workspace's cross-resource findings only.
   */
  findings: { error: number; warning: number; information: number };
}
