// Istio's ambient mode: ztunnel enforces the AuthorizationPolicies that select ambient workloads
// (by selector, namespace or root namespace) from what it can see of a connection, and a
// waypoint applies only the policies attached to it by targetRefs. What istiod hands ztunnel, and
// what it leaves out, follows pilot/pkg/serviceregistry/ambient/authorization.go
// (convertAuthorizationPolicy, handleRule, hasEffectiveRules).

import { isIP } from 'node:net';
import { atLeast } from '../../../../common/src/versions';
import { finding, label, type AnalysisFinding } from '../finding';
import { list, record, text } from '../read';
import { namespaceOf, type Resource } from '../resources';
import { attachesByTargetRef, USE_WAYPOINT, type WorkspaceModel } from '../workspaceModel';

/** The `when` keys ztunnel reads (l4WhenAttributes); any other key is an HTTP attribute to it. */
export const ZTUNNEL_WHEN_KEYS = ['source.ip', 'source.namespace', 'source.principal', 'destination.ip', 'destination.port'] as const;
const HTTP_OPERATION_FIELDS = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'] as const;
const HTTP_SOURCE_FIELDS = ['remoteIpBlocks', 'notRemoteIpBlocks', 'requestPrincipals', 'notRequestPrincipals'] as const;
/** Source fields istiod does not pass to ztunnel and does not warn about either. */
const UNREAD_SOURCE_FIELDS = ['trustDomains', 'notTrustDomains'] as const;

const written = (value: unknown) =>
  list(value)
    .filter((v) => typeof v === 'string' || typeof v === 'number')
    .map(String);
const ports = (value: unknown) => written(value).filter((p) => /^\d+$/.test(p) && Number(p) <= 65535);
const addresses = (value: unknown) => written(value).filter((a) => isIP(a.split('/')[0]) !== 0);

/** One rule as ztunnel receives it. */
export interface ZtunnelRule {
  /** The HTTP attributes it holds, which ztunnel cannot check (istiod's "ztunnel does not support HTTP attributes"). */
  http: string[];
  /** Paths of the trustDomains / notTrustDomains lists ztunnel never sees. */
  unread: string[];
  /** Whether ztunnel can ever match it: an ALLOW rule with HTTP attributes is left out, and a condition with nothing left to check never matches. */
  matches: boolean;
}

export function ztunnelRule(rule: unknown, action: string, path: string): ZtunnelRule {
  const { to, from, when } = record(rule);
  const http = new Set<string>();
  const unread: string[] = [];
  // Each of to, from and every when is one condition; one with no match ztunnel can check never matches.
  const conditions: boolean[] = [];
  if (list(to).length) {
    conditions.push(
      list(to)
        .map((t) => {
          const operation = record(record(t).operation);
          for (const field of HTTP_OPERATION_FIELDS) if (written(operation[field]).length) http.add(field);
          return ports(operation.ports).length + ports(operation.notPorts).length > 0;
        })
        .some(Boolean),
    );
  }
  if (list(from).length) {
    conditions.push(
      list(from)
        .map((f, i) => {
          const source = record(record(f).source);
          for (const field of HTTP_SOURCE_FIELDS) if (written(source[field]).length) http.add(field);
          for (const field of UNREAD_SOURCE_FIELDS) if (written(source[field]).length) unread.push(`${path}.from.${i}.source.${field}`);
          const identities = ['namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts', 'principals', 'notPrincipals'].some(
            (field) => written(source[field]).length > 0,
          );
          return identities || addresses(source.ipBlocks).length + addresses(source.notIpBlocks).length > 0;
        })
        .some(Boolean),
    );
  }
  for (const w of list(when)) {
    const key = text(record(w).key) ?? '';
    if (!(ZTUNNEL_WHEN_KEYS as readonly string[]).includes(key)) {
      http.add(key);
      conditions.push(false);
      continue;
    }
    const read = key.endsWith('.ip') ? addresses : key === 'destination.port' ? ports : written;
    conditions.push(read(record(w).values).length + read(record(w).notValues).length > 0);
  }
  const matches = !(action === 'ALLOW' && http.size > 0) && conditions.every(Boolean);
  return { http: [...http], unread, matches };
}

/** "Deployment shop/web, Deployment shop/api and 2 more", as messages list workloads. */
export function someOf(resources: Resource[]): string {
  return `${resources.slice(0, 3).map(label).join(', ')}${resources.length > 3 ? ` and ${resources.length - 3} more` : ''}`;
}

/** Where to enforce what ztunnel cannot: the waypoint already in front of the workload, or one to deploy. */
function atWaypoint(model: WorkspaceModel, workload: Resource): string {
  // istio.io/use-waypoint and targetRefs to a Service came with ambient's beta in 1.22; alpha waypoints attached otherwise.
  if (!atLeast(model.settings.versions.istio, '1.22'))
    return `Only a waypoint proxy can enforce it (you target Istio ${model.settings.versions.istio}: before 1.22 ambient mode was alpha, and how its waypoints take policies is not modelled here).`;
  const waypoint = model.waypointFor(workload);
  const service = model.servicesOf(workload)[0];
  if (waypoint && service)
    return `Attach it to the waypoint instead: targetRefs to Service ${service.name} (its waypoint is ${waypoint.name}, from ${waypoint.from}); waypoints ignore selector policies.`;
  return 'Deploy a waypoint, label the namespace or Service istio.io/use-waypoint, and attach the policy with targetRefs; waypoints ignore selector policies.';
}

/** The ambient workloads a selector, namespace or mesh-wide policy covers: ztunnel enforces it for them. */
export function ztunnelTargets(model: WorkspaceModel, policy: Resource): Resource[] {
  return !model.mayHaveAmbient || attachesByTargetRef(policy) ? [] : model.policyScope(policy).filter((w) => model.inAmbient(w));
}

/**
 * Policies over ambient workloads that ztunnel applies in part or not at all, and policies
 * attached to a Service no waypoint serves.
 */
export function ambientRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const policy of model.istio('AuthorizationPolicy')) {
    findings.push(...unattached(model, policy));
    const ambient = ztunnelTargets(model, policy);
    if (!ambient.length) continue;
    const spec = record(policy.body?.spec);
    const action = text(spec.action) ?? 'ALLOW';
    const who = someOf(ambient);
    if (action === 'AUDIT' || action === 'CUSTOM') {
      findings.push(
        finding(
          policy,
          'spec.action',
          'ztunnel-unenforced',
          'warning',
          `ztunnel does not support the ${action} action: for ${who} (ambient mode) this policy is not applied at all${action === 'CUSTOM' ? ', and the external authorizer is never asked' : ''}. ${atWaypoint(model, ambient[0])}`,
        ),
      );
      continue;
    }
    if (action !== 'ALLOW' && action !== 'DENY') continue;
    const rules = list(spec.rules).map((rule, r) => ({ r, ...ztunnelRule(rule, action, `spec.rules.${r}`) }));
    const noEffect = action === 'DENY' && rules.length > 0 && rules.some((rule) => rule.http.length) && !rules.some((rule) => rule.matches);
    if (noEffect) {
      findings.push(
        finding(
          policy,
          'spec.rules',
          'ztunnel-unenforced',
          'warning',
          `ztunnel cannot check HTTP attributes (${[...new Set(rules.flatMap((rule) => rule.http))].join(', ')}) and nothing else in this DENY policy is left for it to match: for ${who} (ambient mode) it denies nothing. ${atWaypoint(model, ambient[0])}`,
        ),
      );
    }
    for (const rule of rules) {
      const path = `spec.rules.${rule.r}`;
      if (rule.http.length && !noEffect) {
        const fields = rule.http.join(', ');
        const consequence =
          action === 'ALLOW'
            ? 'leaves this ALLOW rule out, so the requests it was meant to allow are denied'
            : rule.matches
              ? 'enforces this DENY rule without them, so it denies every connection the rest of the rule matches'
              : 'has nothing left to match in this DENY rule, so it never denies';
        findings.push(
          finding(
            policy,
            path,
            'ztunnel-unenforced',
            'warning',
            `ztunnel cannot check HTTP attributes (${fields}) and ${consequence} for ${who} (ambient mode). ${atWaypoint(model, ambient[0])}`,
          ),
        );
      }
      // A rule with HTTP attributes is said above, trust domains and all.
      if (rule.http.length) continue;
      const checkers = atLeast(model.settings.versions.istio, '1.31') ? ' Sidecars and waypoints check trust domains (from Istio 1.31).' : '';
      for (const at of rule.unread) {
        const field = at.slice(at.lastIndexOf('.') + 1);
        findings.push(
          finding(
            policy,
            at,
            'ztunnel-unenforced',
            'warning',
            `ztunnel does not read ${field}: for ${who} (ambient mode) this source matches callers of every trust domain${rule.matches ? '' : ', and with nothing else to check the rule never matches'}.${checkers}`,
          ),
        );
      }
    }
  }
  for (const policy of model.istio('RequestAuthentication')) {
    findings.push(...unattached(model, policy));
    const ambient = ztunnelTargets(model, policy);
    if (!ambient.length) continue;
    findings.push(
      finding(
        policy,
        'spec.jwtRules',
        'ztunnel-unenforced',
        'warning',
        `ztunnel does not read JWTs: for ${someOf(ambient)} (ambient mode) this RequestAuthentication validates no token, and no request there carries a request principal. ${atWaypoint(model, ambient[0])}`,
      ),
    );
  }
  return findings;
}

/**
 * A policy attached by targetRefs to a Service (or ServiceEntry) that no waypoint serves: sidecars
 * ignore such policies and only the Service's waypoint applies them (ShouldAttachPolicy in
 * pilot/pkg/model/policyattachment.go), so it applies nowhere. Said only when the namespace is in
 * the workspace, so that its istio.io/use-waypoint label is known. From Istio 1.22, where Service
 * targetRefs and istio.io/use-waypoint begin.
 */
function unattached(model: WorkspaceModel, policy: Resource): AnalysisFinding[] {
  if (!atLeast(model.settings.versions.istio, '1.22')) return [];
  const spec = record(policy.body?.spec);
  const refs = list(spec.targetRefs).length
    ? list(spec.targetRefs).map((ref, i) => ({ ref: record(ref), path: `spec.targetRefs.${i}` }))
    : spec.targetRef
      ? [{ ref: record(spec.targetRef), path: 'spec.targetRef' }]
      : [];
  const ns = namespaceOf(policy);
  const findings: AnalysisFinding[] = [];
  for (const { ref, path } of refs) {
    const kind = text(ref.kind);
    const group = text(ref.group) ?? '';
    const name = text(ref.name);
    if (!name || (text(ref.namespace) ?? ns) !== ns) continue;
    const target =
      kind === 'Service' && (group === '' || group === 'core')
        ? model.find('', 'Service', name, ns)
        : kind === 'ServiceEntry' && group === 'networking.istio.io'
          ? model.find('networking.istio.io', 'ServiceEntry', name, ns)
          : undefined;
    // Unless the Service opts out, the namespace's label must be known absent: a Namespace in the workspace, all its definitions without one.
    if (!target || model.waypointOf(target) || (target.labels[USE_WAYPOINT] === undefined && model.namespaceLabel(ns, USE_WAYPOINT) !== undefined)) continue;
    const why =
      target.labels[USE_WAYPOINT] === 'none'
        ? `${label(target)} opts out of waypoints (istio.io/use-waypoint: none)`
        : `neither ${label(target)} nor namespace ${ns} has an istio.io/use-waypoint label`;
    findings.push(
      finding(
        policy,
        path,
        'no-waypoint',
        'warning',
        `No waypoint serves ${kind} ${name}: ${why}. Only a waypoint applies a policy attached to a ${kind} (sidecars and ztunnel ignore it), so this ${policy.kind} applies nowhere.`,
      ),
    );
  }
  return findings;
}
