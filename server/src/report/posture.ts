import { parseGoDuration } from '../../../common/src/time/goDuration';
import { expiryStatus } from '../../../common/src/time/expiryStatus';
import { atLeast } from '../../../common/src/versions';
import { version as toolVersion } from '../../../common/src/version';
import {
  POSTURE_FORMAT,
  POSTURE_FORMAT_VERSION,
  type CertificateEntry,
  type CertificateStatus,
  type ManagedCertificate,
  type NamespacePosture,
  type PolicyIdentity,
  type PostureReport,
  type ReadinessCheck,
  type ResourceRef,
  type StrictReadiness,
  type WorkloadPosture,
} from '../../../common/src/report/postureReport';
import { label } from '../analysis/finding';
import { list, record, strings, text } from '../analysis/read';
import { namespaceOf, rangeAt, type Resource } from '../analysis/resources';
import { distinctObjects, policySelector, type WorkspaceModel } from '../analysis/workspaceModel';
import { isBinaryDer } from '../../../common/src/files/certificateFiles';
import { parseDocument, type ParsedDocument } from '../documents/parsedDocument';
import { documentObjects } from '../service/certificates/documentObjects';
import { readDer } from '../service/certificates/readBlocks';
import type { FoundObject } from '../service/certificates/found';
import { workloadPosture, type RefOf } from './workloads';

// The mesh posture of a workspace, computed from the same model the editor's diagnostics and
// lenses read: per namespace and workload, what each port meets; who is authorized; what
// expires when; and how far each namespace is from STRICT mTLS. See docs/posture-report.md.

export interface PostureInput {
  model: WorkspaceModel;
  /** The objects each file of the workspace holds (see `certificatesOf`): its certificates go on the expiry timeline. */
  certificates: CertificateSource[];
  /** How the report names a file: relative to its workspace folder, `/` separated. */
  pathOf: (uri: string) => string;
  now: Date;
  expiringSoonDays: number;
  /** The lint findings of the same files, counted. */
  findings: PostureReport['findings'];
  /** The folders reported on, as the user named them. */
  roots: string[];
}

/** One file's decoded objects, kept instead of its parse so that a whole workspace's trees need not stay in memory. */
export interface CertificateSource {
  uri: string;
  objects: FoundObject[];
}

export function certificatesOf(document: ParsedDocument): CertificateSource {
  return { uri: document.uri, objects: documentObjects(document).objects };
}

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A certificate file as read from disk: one binary DER object (whatever its extension), else PEM text. */
export function certificatesOfFile(uri: string, bytes: Uint8Array): CertificateSource {
  if (isBinaryDer(bytes)) return { uri, objects: [readDer(bytes, FILE_START, 'DER file')] };
  return certificatesOf(parseDocument(uri, 'pem', 0, new TextDecoder().decode(bytes)));
}

export function postureReport(input: PostureInput): PostureReport {
  const { model } = input;
  const refOf: RefOf = (resource) => ({
    kind: resource.kind,
    name: resource.name ?? '(unnamed)',
    ...(resource.clusterScoped ? {} : { namespace: namespaceOf(resource) }),
    file: input.pathOf(resource.uri),
    line: rangeAt(resource, 'kind').start.line + 1,
  });
  // A workload written in several files (overlays, before-and-after docs) is reported once.
  const workloads = distinctObjects(model.workloads).filter((w) => !w.repeated);
  const postures = new Map(workloads.map((w) => [w, workloadPosture(model, w, refOf)]));
  const names = new Set([...model.definedNamespaces, ...workloads.map(namespaceOf)]);
  const namespaces: NamespacePosture[] = [...names].sort().map((name) => {
    const here = workloads.filter((w) => namespaceOf(w) === name);
    const definition = model.find('', 'Namespace', name);
    const at = definition ? refOf(definition) : undefined;
    return {
      name,
      ...(at ? { at: { file: at.file, line: at.line } } : {}),
      workloads: here.map((w) => postures.get(w)!).sort(byKindAndName),
      strict: strictReadiness(model, name, here, postures, refOf),
    };
  });
  const identities = policyIdentities(model, refOf);
  const certificates = certificateEntries(input);
  const managed = managedCertificates(model, refOf);
  const all = [...postures.values()];
  const count = <K extends string>(keys: readonly K[], of: (key: K) => number) => Object.fromEntries(keys.map((k) => [k, of(k)])) as Record<K, number>;
  return {
    format: POSTURE_FORMAT,
    formatVersion: POSTURE_FORMAT_VERSION,
    tool: { name: 'mesh-mtls', version: toolVersion },
    generatedAt: input.now.toISOString(),
    roots: input.roots,
    settings: {
      rootNamespace: model.settings.rootNamespace,
      trustDomain: model.settings.trustDomain,
      expiringSoonDays: input.expiringSoonDays,
      versions: { ...model.settings.versions },
    },
    summary: {
      namespaces: namespaces.length,
      workloads: all.length,
      byMesh: count(['istio-sidecar', 'istio-ambient', 'linkerd', 'none', 'unknown'] as const, (mesh) => all.filter((w) => w.mesh === mesh).length),
      plaintextPorts: all
        .flatMap((w) => (w.mesh === 'none' || w.mesh === 'unknown' ? [] : w.ports))
        .filter((p) => p.exposedBy.length && (p.mode === 'plaintext' || p.mode === 'mtls-or-plaintext')).length,
      bypassedPorts: all.flatMap((w) => w.ports).filter((p) => p.bypassedBy).length,
      workloadsAllowingEveryone: all.filter((w) => w.mesh !== 'none' && w.mesh !== 'unknown' && w.authorization.allowsEveryone).length,
      certificates: count(['expired', 'expiring', 'valid', 'not-yet-valid'] as const, (status) => certificates.filter((c) => c.status === status).length),
      strict: count(['strict', 'ready', 'blocked', 'not-applicable'] as const, (status) => namespaces.filter((n) => n.strict.status === status).length),
    },
    namespaces,
    certificates,
    managedCertificates: managed,
    identities,
    findings: input.findings,
  };
}

function byKindAndName(a: WorkloadPosture, b: WorkloadPosture): number {
  return a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name);
}

const isIstio = (w: WorkloadPosture) => w.mesh === 'istio-sidecar' || w.mesh === 'istio-ambient';

/**
 * How far a namespace is from STRICT mTLS, as a checklist: its workloads all in Istio's mesh, no
 * clients the workspace shows sending plaintext or arriving from outside the cluster, no port a
 * Service exposes left out of the sidecar, no DestinationRule turning TLS off towards it, and the
 * identities its authorization policies name all present. Istio only: Linkerd has no PERMISSIVE.
 */
function strictReadiness(
  model: WorkspaceModel,
  namespace: string,
  workloads: Resource[],
  postures: Map<Resource, WorkloadPosture>,
  refOf: RefOf,
): StrictReadiness {
  const here = workloads.map((w) => postures.get(w)!);
  if (!here.some(isIstio)) return { status: 'not-applicable', checks: [] };
  const strict = here.every((w) => w.mesh === 'unknown' || (isIstio(w) && w.ports.every((p) => p.mode === 'mtls')));
  // A workload whose mesh the workspace cannot tell is not counted against the namespace.
  const outside = workloads.filter((w) => postures.get(w)!.mesh !== 'unknown' && !isIstio(postures.get(w)!));
  const callers = here.filter(isIstio).flatMap((w) => w.plaintextCallers);
  const outsideCallers = callers.filter((c) => c.at.kind === 'Service');
  const disabling = callers.filter((c) => c.at.kind === 'DestinationRule');
  const bypassed = workloads.filter((w) => postures.get(w)!.ports.some((p) => p.bypassedBy && p.exposedBy.length));
  const policies = model.istio('AuthorizationPolicy').filter((p) => namespaceOf(p) === namespace);
  const identities = policyIdentities(model, refOf).filter((i) => i.policy.namespace === namespace && i.policy.kind === 'AuthorizationPolicy');
  const badIdentities = identities.filter((i) => i.status === 'missing' || i.status === 'foreign-trust-domain');
  const unique = (refs: ResourceRef[]) => [...new Map(refs.map((r) => [`${r.kind}/${r.namespace ?? ''}/${r.name}/${r.file}`, r])).values()];
  const checks: ReadinessCheck[] = [
    {
      id: 'workloads-meshed',
      ok: outside.length === 0,
      detail: outside.length
        ? `${outside.length} workload${outside.length === 1 ? ' is' : 's are'} outside Istio's mesh: STRICT does not protect ${outside.length === 1 ? 'it' : 'them'}, and ${outside.length === 1 ? 'its' : 'their'} plaintext requests to the meshed workloads would be refused.`
        : 'Every workload is in the mesh (sidecar or ambient).',
      blockers: outside.map(refOf),
    },
    {
      id: 'no-plaintext-callers',
      ok: outsideCallers.length === 0,
      detail: outsideCallers.length
        ? `Clients from outside the cluster reach meshed pods directly (${outsideCallers.map((c) => c.caller).join(', ')}): they carry no mesh identity, so STRICT would refuse them. Route them through an ingress gateway.`
        : 'No Service lets clients from outside the cluster reach the meshed pods directly.',
      blockers: unique(outsideCallers.map((c) => c.at)),
    },
    {
      id: 'no-exposed-bypass',
      ok: bypassed.length === 0,
      detail: bypassed.length
        ? `Ports a Service exposes bypass the sidecar on ${bypassed.map(label).join(', ')}: they stay plaintext under STRICT.`
        : 'No port a Service exposes bypasses the sidecar.',
      blockers: bypassed.map(refOf),
    },
    {
      id: 'tls-not-disabled',
      ok: disabling.length === 0,
      detail: disabling.length
        ? `DestinationRules send plaintext to this namespace (${disabling.map((c) => c.caller).join(', ')}): under STRICT those requests fail. Use ISTIO_MUTUAL or drop the tls block.`
        : 'No DestinationRule turns TLS off towards this namespace.',
      blockers: unique(disabling.map((c) => c.at)),
    },
    {
      id: 'identity-policies',
      ok: badIdentities.length === 0,
      detail:
        badIdentities.length > 0
          ? `Authorization policies name identities no workload here carries (${badIdentities.map((i) => i.identity).join(', ')}): once peers must present one, those rules match nobody.`
          : policies.length
            ? `The ${policies.length} authorization polic${policies.length === 1 ? 'y names' : 'ies name'} only identities the workspace has (or none).`
            : 'No authorization policy here names peer identities yet.',
      blockers: unique(badIdentities.map((i) => i.policy)),
    },
  ];
  if (strict) return { status: 'strict', checks };
  if (checks.some((c) => !c.ok)) return { status: 'blocked', checks };
  return { status: 'ready', checks, apply: peerAuthenticationToApply(model, namespace) };
}

/** The namespace-wide PeerAuthentication to apply: the existing one turned STRICT (a second would conflict), else a new `default`. */
function peerAuthenticationToApply(model: WorkspaceModel, namespace: string): string {
  const existing = model.istio('PeerAuthentication').find((pa) => namespaceOf(pa) === namespace && !policySelector(pa));
  const apiVersion = atLeast(model.settings.versions.istio, '1.22') ? 'security.istio.io/v1' : 'security.istio.io/v1beta1';
  return [
    `apiVersion: ${apiVersion}`,
    'kind: PeerAuthentication',
    'metadata:',
    `  name: ${existing?.name ?? 'default'}`,
    `  namespace: ${namespace}`,
    'spec:',
    '  mtls:',
    '    mode: STRICT',
    '',
  ].join('\n');
}

const ISTIO_PRINCIPAL = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/;
/** Linkerd's identity name: <serviceaccount>.<namespace>.serviceaccount.identity.<control-plane namespace>.<trust domain>. */
const LINKERD_IDENTITY = /^([^.]+)\.([^.]+)\.serviceaccount\.identity\.[^.]+\.(.+)$/;

/** The peer identities authorization policies name, against the service accounts the workspace has. */
function policyIdentities(model: WorkspaceModel, refOf: RefOf): PolicyIdentity[] {
  const out: PolicyIdentity[] = [];
  const account = (identity: string, policy: Resource, trustDomain: string | undefined, namespace: string, name: string) => {
    const foreign = trustDomain !== undefined && !trustDomain.includes('*') && trustDomain !== model.settings.trustDomain;
    const status = foreign
      ? 'foreign-trust-domain'
      : namespace.includes('*') || name.includes('*') || !model.knowsServiceAccountsOf(namespace)
        ? 'unknown'
        : model.serviceAccountsIn(namespace).has(name)
          ? 'found'
          : 'missing';
    out.push({ identity, policy: refOf(policy), status });
  };
  for (const policy of model.istio('AuthorizationPolicy')) {
    for (const rule of list(record(policy.body?.spec).rules))
      for (const from of list(record(rule).from)) {
        const source = record(record(from).source);
        for (const principal of [...strings(source.principals), ...strings(source.notPrincipals)]) {
          const match = ISTIO_PRINCIPAL.exec(principal);
          if (match) account(principal, policy, match[1], match[2], match[3]);
          else out.push({ identity: principal, policy: refOf(policy), status: 'unknown' });
        }
      }
  }
  for (const authentication of model.of('policy.linkerd.io', 'MeshTLSAuthentication')) {
    const spec = record(authentication.body?.spec);
    for (const identity of strings(spec.identities)) {
      const match = LINKERD_IDENTITY.exec(identity);
      if (match) account(identity, authentication, undefined, match[2], match[1]);
      else out.push({ identity, policy: refOf(authentication), status: 'unknown' });
    }
    for (const ref of list(spec.identityRefs)) {
      const { kind, name, namespace } = record(ref);
      if (kind !== 'ServiceAccount' || typeof name !== 'string') continue;
      const ns = typeof namespace === 'string' ? namespace : namespaceOf(authentication);
      account(`ServiceAccount ${ns}/${name}`, authentication, undefined, ns, name);
    }
  }
  return out;
}

const STATUS: Record<ReturnType<typeof expiryStatus>, CertificateStatus> = {
  expired: 'expired',
  'expiring-soon': 'expiring',
  valid: 'valid',
  'not-yet-valid': 'not-yet-valid',
};
const DAY = 24 * 60 * 60 * 1000;

/** Every certificate the workspace's files hold, soonest expiry first. */
function certificateEntries(input: PostureInput): CertificateEntry[] {
  const entries: CertificateEntry[] = [];
  for (const document of input.certificates) {
    for (const object of document.objects) {
      const c = object.decoded;
      if (c.kind !== 'certificate') continue;
      const notBefore = new Date(c.notBefore);
      const notAfter = new Date(c.notAfter);
      const identity = c.subjectAltNames.uri.find((uri) => uri.startsWith('spiffe://')) ?? c.subjectAltNames.dns[0];
      entries.push({
        subject: c.subject,
        issuer: c.issuer,
        ...(identity ? { identity } : {}),
        isCa: c.isCA,
        notBefore: notBefore.toISOString(),
        notAfter: notAfter.toISOString(),
        daysLeft: Math.floor((notAfter.getTime() - input.now.getTime()) / DAY),
        status: STATUS[expiryStatus(notBefore, notAfter, input.now, input.expiringSoonDays)],
        sha256: c.fingerprints.sha256,
        at: { file: input.pathOf(document.uri), line: object.range.start.line + 1 },
        where: object.source,
      });
    }
  }
  return entries.sort((a, b) => a.notAfter.localeCompare(b.notAfter) || a.at.file.localeCompare(b.at.file) || a.at.line - b.at.line);
}

const DEFAULT_DURATION = '2160h';

/** cert-manager Certificates with the lifetime and renewal cert-manager gives them (its defaults when unset). */
function managedCertificates(model: WorkspaceModel, refOf: RefOf): ManagedCertificate[] {
  return distinctObjects(model.of('cert-manager.io', 'Certificate')).map((certificate) => {
    const spec = record(certificate.body?.spec);
    const duration = text(spec.duration) ?? DEFAULT_DURATION;
    const percentage = typeof spec.renewBeforePercentage === 'number' ? spec.renewBeforePercentage : undefined;
    const renewBefore = text(spec.renewBefore) ?? renewalOf(duration, percentage);
    const issuer = record(spec.issuerRef);
    const secretName = text(spec.secretName) ?? '';
    return {
      ref: refOf(certificate),
      secretName,
      issuer: `${text(issuer.kind) ?? 'Issuer'} ${text(issuer.name) ?? '(unnamed)'}`,
      duration,
      renewBefore,
      secretInWorkspace: secretName !== '' && model.find('', 'Secret', secretName, namespaceOf(certificate)) !== undefined,
    };
  });
}

/** cert-manager's renewal point when renewBefore is unset: renewBeforePercentage of the duration, else a third of it. */
function renewalOf(duration: string, percentage: number | undefined): string {
  const ms = parseGoDuration(duration);
  if (ms === undefined) return `a third of ${duration}`;
  const before = percentage !== undefined ? (ms * percentage) / 100 : ms / 3;
  const minutes = Math.round(before / 60000);
  return minutes % 60 === 0 ? `${minutes / 60}h` : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}
