// The Mesh Posture view's content: the posture report as rows of a tree, each with the words,
// icon and place it shows. Pure (no vscode), so what the view says is unit-tested directly.

import type {
  CertificateEntry,
  ManagedCertificate,
  NamespacePosture,
  Place,
  PolicyIdentity,
  PortPosture,
  PostureReport,
  ReadinessCheck,
  ResourceRef,
  StrictReadiness,
  WorkloadPosture,
} from '../../../common/src/report/postureReport';

/** The colour a row's icon takes: the theme's error, warning or passed colour, or the icon's own. */
export type RowTone = 'error' | 'warning' | 'ok';

export interface PostureRow {
  /** Unique and stable across refreshes, so the tree keeps what the user expanded. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon name. */
  icon: string;
  tone?: RowTone;
  /** The file and line the row's resource is written at: a click opens it. */
  at?: Place;
  children: PostureRow[];
  /** Shown expanded at first (the summary); anything else starts collapsed. */
  expanded?: boolean;
}

const MESH: Record<WorkloadPosture['mesh'], string> = {
  'istio-sidecar': 'Istio sidecar',
  'istio-ambient': 'Istio ambient',
  linkerd: 'Linkerd',
  none: 'no mesh',
  unknown: 'mesh unknown',
};

const MODE: Record<PortPosture['mode'], { text: string; icon: string; tone?: RowTone }> = {
  mtls: { text: 'mTLS only', icon: 'lock', tone: 'ok' },
  'mtls-or-plaintext': { text: 'mTLS or plaintext', icon: 'unlock', tone: 'warning' },
  plaintext: { text: 'plaintext', icon: 'unlock', tone: 'error' },
  refused: { text: 'refused', icon: 'circle-slash' },
  unknown: { text: 'unknown', icon: 'question' },
};

const STRICT: Record<StrictReadiness['status'], { text: string; icon: string; tone?: RowTone }> = {
  strict: { text: 'STRICT in force', icon: 'pass-filled', tone: 'ok' },
  ready: { text: 'ready for STRICT', icon: 'check', tone: 'ok' },
  blocked: { text: 'STRICT blocked', icon: 'error', tone: 'error' },
  'not-applicable': { text: 'no Istio workloads', icon: 'circle-slash' },
};

const CERTIFICATE: Record<CertificateEntry['status'], { icon: string; tone?: RowTone }> = {
  expired: { icon: 'error', tone: 'error' },
  'not-yet-valid': { icon: 'circle-slash', tone: 'error' },
  expiring: { icon: 'warning', tone: 'warning' },
  valid: { icon: 'verified' },
};

const IDENTITY: Record<PolicyIdentity['status'], { text: string; icon: string; tone?: RowTone }> = {
  found: { text: 'service account found', icon: 'account', tone: 'ok' },
  missing: { text: 'no such service account', icon: 'warning', tone: 'error' },
  unknown: { text: "namespace's accounts not in the workspace", icon: 'question' },
  'foreign-trust-domain': { text: 'another trust domain', icon: 'globe', tone: 'warning' },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const refName = (ref: ResourceRef) => `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ''}${ref.name}`;
const placeText = (at: Place) => `${at.file}:${at.line}`;

/** Every top-level row of the view: the summary, one per namespace, the certificates and the identities policies name. */
export function postureRows(report: PostureReport): PostureRow[] {
  return [
    summaryRow(report),
    ...report.namespaces.map(namespaceRow),
    certificatesRow(report.certificates, report.managedCertificates),
    identitiesRow(report.identities),
  ];
}

function fact(id: string, label: string, description: string, icon: string, tone?: RowTone): PostureRow {
  return { id, label, description, icon, ...(tone ? { tone } : {}), children: [] };
}

function summaryRow(report: PostureReport): PostureRow {
  const s = report.summary;
  const meshes = (Object.keys(s.byMesh) as Array<WorkloadPosture['mesh']>)
    .filter((mesh) => s.byMesh[mesh] > 0)
    .map((mesh) => `${s.byMesh[mesh]} ${MESH[mesh]}`);
  const expiry = s.certificates.expired + s.certificates.expiring + s.certificates['not-yet-valid'];
  const { error, warning, information } = report.findings;
  return {
    id: 'summary',
    label: 'Summary',
    description: `${plural(s.namespaces, 'namespace')}, ${plural(s.workloads, 'workload')}`,
    tooltip: `Generated ${report.generatedAt} by mesh-mtls ${report.tool.version}; trust domain ${report.settings.trustDomain}, root namespace ${report.settings.rootNamespace}.`,
    icon: 'dashboard',
    expanded: true,
    children: [
      fact('summary/mesh', 'Workloads by mesh', meshes.join(', ') || 'none', 'server-process'),
      fact('summary/plaintext', 'Exposed ports taking plaintext', String(s.plaintextPorts), 'unlock', s.plaintextPorts ? 'warning' : 'ok'),
      fact('summary/bypassed', 'Ports bypassing the sidecar', String(s.bypassedPorts), 'debug-step-over', s.bypassedPorts ? 'warning' : 'ok'),
      fact(
        'summary/everyone',
        'Meshed workloads allowing everyone',
        String(s.workloadsAllowingEveryone),
        'unlock',
        s.workloadsAllowingEveryone ? 'warning' : 'ok',
      ),
      fact(
        'summary/strict',
        'STRICT readiness',
        `${s.strict.strict} strict, ${s.strict.ready} ready, ${s.strict.blocked} blocked, ${s.strict['not-applicable']} not applicable`,
        'shield',
        s.strict.blocked ? 'error' : undefined,
      ),
      fact(
        'summary/certificates',
        'Certificates',
        `${s.certificates.expired} expired, ${s.certificates.expiring} expiring, ${s.certificates.valid} valid`,
        'verified',
        s.certificates.expired || s.certificates['not-yet-valid'] ? 'error' : expiry ? 'warning' : undefined,
      ),
      {
        ...fact(
          'summary/findings',
          'Lint findings',
          `${plural(error, 'error')}, ${plural(warning, 'warning')}, ${information} information`,
          'checklist',
          error ? 'error' : warning ? 'warning' : 'ok',
        ),
        tooltip:
          "What `mesh-mtls lint` would find in the workspace's files: each file's own checks (open files with their unsaved edits) and the analysis of the workspace as one cluster. Closed SPIRE configs and proxy dumps count once opened.",
      },
    ],
  };
}

function namespaceRow(namespace: NamespacePosture): PostureRow {
  const id = `ns/${namespace.name}`;
  const strict = STRICT[namespace.strict.status];
  const readiness: PostureRow = {
    id: `${id}/strict`,
    label: 'STRICT readiness',
    description: strict.text,
    icon: 'checklist',
    children: [
      ...namespace.strict.checks.map((check) => checkRow(`${id}/strict`, check)),
      ...(namespace.strict.apply
        ? [
            {
              id: `${id}/strict/apply`,
              label: 'PeerAuthentication to apply',
              description: 'hover for the YAML',
              tooltip: namespace.strict.apply,
              icon: 'file-code',
              children: [],
            },
          ]
        : []),
    ],
  };
  return {
    id,
    label: namespace.name,
    description: `${strict.text} · ${plural(namespace.workloads.length, 'workload')}`,
    tooltip: `Namespace ${namespace.name}: ${strict.text}${namespace.at ? ` (${placeText(namespace.at)})` : ''}`,
    icon: strict.icon,
    ...(strict.tone ? { tone: strict.tone } : {}),
    ...(namespace.at ? { at: namespace.at } : {}),
    children: [readiness, ...namespace.workloads.map((workload) => workloadRow(id, workload))],
  };
}

function checkRow(parent: string, check: ReadinessCheck): PostureRow {
  return {
    id: `${parent}/${check.id}`,
    label: check.detail,
    tooltip: `${check.ok ? 'Passed' : 'Blocked'}: ${check.detail}`,
    icon: check.ok ? 'pass' : 'error',
    tone: check.ok ? 'ok' : 'error',
    children: check.blockers.map((blocker, i) => resourceRow(`${parent}/${check.id}/${i}`, blocker, 'circle-slash')),
  };
}

function resourceRow(id: string, ref: ResourceRef, icon: string, tone?: RowTone): PostureRow {
  return { id, label: refName(ref), description: placeText(ref), icon, ...(tone ? { tone } : {}), at: { file: ref.file, line: ref.line }, children: [] };
}

function workloadRow(parent: string, workload: WorkloadPosture): PostureRow {
  const id = `${parent}/${workload.kind}/${workload.name}`;
  const open = workload.ports.filter((p) => p.mode === 'plaintext' || p.mode === 'mtls-or-plaintext').length;
  const meshed = workload.mesh !== 'none' && workload.mesh !== 'unknown';
  const groups: PostureRow[] = [];
  if (workload.plaintextCallers.length)
    groups.push({
      id: `${id}/callers`,
      label: 'Plaintext callers',
      description: String(workload.plaintextCallers.length),
      icon: 'warning',
      tone: 'warning',
      children: workload.plaintextCallers.map((c, i) => ({
        id: `${id}/callers/${i}`,
        label: c.caller,
        description: c.reason,
        tooltip: `${c.caller}: ${c.reason}`,
        icon: 'arrow-right',
        at: c.at,
        children: [],
      })),
    });
  if (workload.outboundBypass.length)
    groups.push({
      id: `${id}/outbound`,
      label: 'Outbound bypass',
      description: String(workload.outboundBypass.length),
      icon: 'debug-step-over',
      tone: 'warning',
      children: workload.outboundBypass.map((b, i) => ({
        id: `${id}/outbound/${i}`,
        label: b.annotation,
        description: b.value,
        icon: 'tag',
        at: b.at,
        children: [],
      })),
    });
  if (meshed) groups.push(authorizationRow(id, workload.authorization));
  return {
    id,
    label: workload.name,
    description: `${MESH[workload.mesh]}${open ? ` · ${plural(open, 'plaintext port')}` : ''}`,
    tooltip: `${workload.kind} ${workload.namespace}/${workload.name}, service account ${workload.serviceAccount}\nMesh: ${MESH[workload.mesh]} (${workload.meshReason})`,
    icon: meshed ? 'server-process' : 'server',
    ...(open ? { tone: 'warning' as const } : {}),
    at: workload.at,
    children: [...workload.ports.map((port) => portRow(id, port)), ...groups],
  };
}

function portRow(parent: string, port: PortPosture): PostureRow {
  const mode = MODE[port.mode];
  const exposed = port.exposedBy.length ? `\nExposed by ${port.exposedBy.join(', ')}` : '';
  return {
    id: `${parent}/port/${port.port}`,
    label: `${port.port}${port.name ? ` (${port.name})` : ''}`,
    description: `${mode.text} · ${port.level}`,
    tooltip: `Port ${port.port}: ${mode.text}, decided at ${port.level} level.\n${port.reason}${exposed}`,
    icon: mode.icon,
    ...(mode.tone ? { tone: mode.tone } : {}),
    ...(port.decidedBy ? { at: { file: port.decidedBy.file, line: port.decidedBy.line } } : {}),
    children: [],
  };
}

function authorizationRow(parent: string, authorization: WorkloadPosture['authorization']): PostureRow {
  const id = `${parent}/authz`;
  const kinds = [
    ['allow', 'ALLOW', 'pass'],
    ['deny', 'DENY', 'circle-slash'],
    ['custom', 'CUSTOM', 'extensions'],
    ['audit', 'AUDIT', 'eye'],
  ] as const;
  const policies = kinds.flatMap(([key, word, icon]) =>
    authorization[key].map((ref, i) => ({ ...resourceRow(`${id}/${key}/${i}`, ref, icon), description: `${word} · ${placeText(ref)}` })),
  );
  return {
    id,
    label: 'Authorization',
    description: authorization.allowsEveryone ? 'no ALLOW policy: everyone allowed' : `${plural(authorization.allow.length, 'ALLOW policy', 'ALLOW policies')}`,
    icon: authorization.allowsEveryone ? 'unlock' : 'key',
    ...(authorization.allowsEveryone ? { tone: 'warning' as const } : {}),
    children: policies,
  };
}

function certificatesRow(certificates: CertificateEntry[], managed: ManagedCertificate[]): PostureRow {
  const expired = certificates.filter((c) => c.status === 'expired').length;
  const expiring = certificates.filter((c) => c.status === 'expiring').length;
  const rows = certificates.map((c, i): PostureRow => {
    const { icon, tone } = CERTIFICATE[c.status];
    const days = c.daysLeft < 0 ? `expired ${plural(-c.daysLeft, 'day')} ago` : `${plural(c.daysLeft, 'day')} left`;
    return {
      id: `certs/${c.sha256}/${c.at.file}/${c.at.line}/${i}`,
      label: c.identity ?? c.subject,
      description: `${days} · ${placeText(c.at)}`,
      tooltip: `${c.subject}\nIssued by ${c.issuer}${c.isCa ? ' (CA)' : ''}\nValid ${c.notBefore} to ${c.notAfter}\n${c.where} in ${c.at.file}`,
      icon,
      ...(tone ? { tone } : {}),
      at: c.at,
      children: [],
    };
  });
  const managedRows = managed.map((m, i): PostureRow => ({
    ...resourceRow(`certs/managed/${i}`, m.ref, 'sync'),
    description: `duration ${m.duration}, renewed ${m.renewBefore} before · Secret ${m.secretName}${m.secretInWorkspace ? '' : ' (not in the workspace)'}`,
    tooltip: `cert-manager ${refName(m.ref)} from ${m.issuer}: lasts ${m.duration}, renewed ${m.renewBefore} before it expires.`,
  }));
  return {
    id: 'certs',
    label: 'Certificates',
    description: expired || expiring ? `${expired} expired, ${expiring} expiring` : plural(certificates.length, 'certificate'),
    icon: 'verified',
    ...(expired ? { tone: 'error' as const } : expiring ? { tone: 'warning' as const } : {}),
    children: [...rows, ...managedRows],
  };
}

function identitiesRow(identities: PolicyIdentity[]): PostureRow {
  const missing = identities.filter((i) => i.status === 'missing').length;
  return {
    id: 'identities',
    label: 'Identities',
    description: missing ? `${missing} missing` : plural(identities.length, 'identity', 'identities'),
    icon: 'account',
    ...(missing ? { tone: 'error' as const } : {}),
    children: identities.map((identity, i) => {
      const status = IDENTITY[identity.status];
      return {
        ...resourceRow(`identities/${i}`, identity.policy, status.icon, status.tone),
        label: identity.identity,
        description: `${status.text} · ${refName(identity.policy)}`,
      };
    }),
  };
}
