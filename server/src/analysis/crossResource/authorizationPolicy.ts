import { closestName } from '../../documents/similarNames';
import { finding, label, type AnalysisFinding } from '../finding';
import { someOf } from './ambient';
import { selectorFix } from './selectorFix';
import { labels, list, record, text } from '../read';
import { namespaceOf, type Resource } from '../resources';
import type { WorkspaceModel } from '../workspaceModel';
import { spireTrustDomains } from './spire';

/** A list as written: its strings in place, anything else as undefined, so indexes still name the items. */
type Values = Array<string | undefined>;
type Source = Partial<Record<(typeof SOURCE_FIELDS)[number], Values>>;
type Operation = Partial<Record<(typeof OPERATION_FIELDS)[number], Values>>;
interface Rule {
  from?: Array<{ source?: Source }>;
  to?: Array<{ operation?: Operation }>;
  when?: Array<{ key?: string }>;
}
interface Spec {
  selector?: { matchLabels?: Record<string, string> };
  targetRef?: unknown;
  targetRefs?: unknown;
  action?: string;
  provider?: unknown;
  rules?: Rule[];
}

const IDENTITY_FIELDS = ['principals', 'notPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts'] as const;
const SOURCE_FIELDS = [...IDENTITY_FIELDS, 'requestPrincipals', 'notRequestPrincipals'] as const;
const OPERATION_FIELDS = ['ports', 'methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'] as const;

const values = (value: unknown): Values => list(value).map((v) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined));

function fields<K extends string>(from: Record<string, unknown>, names: readonly K[]): Partial<Record<K, Values>> {
  return Object.fromEntries(names.flatMap((name) => (from[name] === undefined ? [] : [[name, values(from[name])]]))) as Partial<Record<K, Values>>;
}

/** Specs already read: a resource object is rebuilt only when its file changes, so an edit elsewhere reads none again. */
const specs = new WeakMap<Resource, Spec>();

/** The policy's spec in the shape the rules read, whatever types were written (the schema checks report those). */
function readSpec(policy: Resource): Spec {
  let read = specs.get(policy);
  if (!read) specs.set(policy, (read = specOf(policy)));
  return read;
}

function specOf(policy: Resource): Spec {
  const spec = record(policy.body?.spec);
  const selector = labels(record(spec.selector).matchLabels);
  return {
    ...(selector ? { selector: { matchLabels: selector } } : {}),
    targetRef: spec.targetRef,
    targetRefs: spec.targetRefs,
    action: text(spec.action),
    provider: spec.provider,
    rules:
      spec.rules === undefined
        ? undefined
        : list(spec.rules).map((item) => {
            const rule = record(item);
            return {
              from: list(rule.from).map((f) => ({ source: fields(record(record(f).source), SOURCE_FIELDS) })),
              to: list(rule.to).map((t) => ({ operation: fields(record(record(t).operation), OPERATION_FIELDS) })),
              when: list(rule.when).map((w) => ({ key: text(record(w).key) })),
            };
          }),
  };
}

/** The workloads an AuthorizationPolicy applies to; one attached to a gateway or Service by targetRef names none of them. */
function targets(model: WorkspaceModel, policy: Resource, spec: Spec): Resource[] {
  return !spec.selector && (spec.targetRef || spec.targetRefs) ? [] : model.policyScope(policy);
}

/** Who an ALLOW policy without rules shuts out: a targetRefs policy acts at its gateway or waypoint, a root-namespace one mesh-wide. */
function denied(policy: Resource, spec: Spec, root: boolean): string {
  const refs = list(spec.targetRefs).length ? list(spec.targetRefs) : spec.targetRef ? [spec.targetRef] : [];
  if (refs.length) {
    const named = refs.map((ref) => `${text(record(ref).kind) ?? '?'} ${text(record(ref).name) ?? '?'}`).join(', ');
    return `every request through ${named} (at the gateway or waypoint the targetRefs name)`;
  }
  if (spec.selector)
    return root
      ? 'every request to the workloads with these labels, in every namespace (the policy is in the root namespace)'
      : 'every request to the selected workloads';
  return root
    ? `every request to every workload of the mesh (the policy is in the root namespace ${namespaceOf(policy)})`
    : `every request to namespace ${namespaceOf(policy)}`;
}

/**
 * AuthorizationPolicy against the workspace: identities only exist over mTLS, selectors must
 * select, and the namespaces, service accounts and trust domains a policy names must exist.
 */
export function authorizationPolicyRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  // A SPIRE server of the workspace issues the mesh's identities in its own trust domain (spire.ts checks it against Istio's).
  const spireDomains = new Set(spireTrustDomains(model, 'server').map((server) => server.value));
  for (const policy of model.istio('AuthorizationPolicy')) {
    const spec = readSpec(policy);
    const ns = namespaceOf(policy);
    const action = spec.action ?? 'ALLOW';
    // In the root namespace a selector picks workloads of every namespace (Istio IST0127 looks mesh-wide there too).
    const root = ns === model.settings.rootNamespace;
    if (spec.selector?.matchLabels && (root ? model.workloads : model.workloadsIn(ns)).length > 0 && model.policyScope(policy).length === 0) {
      const labels = Object.entries(spec.selector.matchLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(', ');
      findings.push(
        finding(
          policy,
          'spec.selector',
          'selector-no-workload',
          'warning',
          `No workload ${root ? `in any namespace (a selector in the root namespace ${ns} looks mesh-wide)` : `in namespace ${ns}`} has the labels ${labels}: this AuthorizationPolicy applies to nothing (Istio IST0127).`,
          root ? undefined : selectorFix(model, policy, 'spec.selector.matchLabels', spec.selector.matchLabels, ns),
        ),
      );
    }
    if (action === 'ALLOW' && spec.rules === undefined && !spec.provider) {
      findings.push(
        finding(
          policy,
          'spec',
          'authz-allow-nothing',
          'information',
          `An ALLOW policy without rules allows nothing: ${denied(policy, spec, root)} is denied. That is the "deny all" idiom; add rules if it is not meant to be.`,
        ),
      );
    }
    const usesIdentity = (spec.rules ?? []).some((rule) =>
      (rule?.from ?? []).some((f) => IDENTITY_FIELDS.some((field) => Array.isArray(f?.source?.[field]) && f.source[field].length > 0)),
    );
    if (usesIdentity && (action === 'ALLOW' || action === 'DENY')) {
      const weak = targets(model, policy, spec).filter((w) => model.effectiveMtls(w).mode !== 'STRICT');
      if (weak.length) {
        const { mode, written } = model.effectiveMtls(weak[0]);
        const consequence =
          action === 'DENY'
            ? 'plaintext clients carry no identity, so they walk around this DENY'
            : 'plaintext clients carry no identity, so this ALLOW rejects them even where the mode lets them in';
        const accepts =
          mode === 'DISABLE'
            ? 'plaintext only (DISABLE)'
            : written
              ? `plaintext too (ambient mode: ztunnel treats ${written} as PERMISSIVE)`
              : 'plaintext too (PERMISSIVE)';
        findings.push(
          finding(
            policy,
            'spec.rules',
            'authz-without-mtls',
            'warning',
            `This policy matches on peer identity, but ${someOf(weak)} accept${weak.length === 1 ? 's' : ''} ${accepts}: ${consequence}. Make their PeerAuthentication STRICT.`,
          ),
        );
      }
    }
    if (action === 'DENY') findings.push(...httpFieldsOnTcp(model, policy, spec));
    (spec.rules ?? []).forEach((rule, r) =>
      (rule?.from ?? []).forEach((from, f) => {
        const source = from?.source ?? {};
        const base = `spec.rules.${r}.from.${f}.source`;
        for (const field of ['namespaces', 'notNamespaces'] as const) {
          (source[field] ?? []).forEach((value, i) => {
            if (typeof value !== 'string' || value.includes('*') || model.definedNamespaces.size === 0 || model.knowsNamespace(value)) return;
            const closest = closestName(value, model.definedNamespaces);
            findings.push(
              finding(
                policy,
                `${base}.${field}.${i}`,
                'unknown-namespace',
                'warning',
                `No namespace ${value} in this workspace (Istio IST0101): the rule can never match it.${closest ? ` Did you mean ${closest}?` : ' Check the spelling.'}`,
                closest ? { title: `Change to ${closest}`, replacement: closest } : undefined,
              ),
            );
          });
        }
        for (const field of ['principals', 'notPrincipals'] as const) {
          (source[field] ?? []).forEach((value, i) => {
            if (typeof value !== 'string') return;
            const match = /^([^/]+)\/ns\/([^/]+)\/sa\/([^/]+)$/.exec(value);
            if (!match) return;
            const [, trustDomain, namespace, account] = match;
            if (trustDomain !== '*' && !trustDomain.includes('*') && trustDomain !== model.settings.trustDomain && !spireDomains.has(trustDomain)) {
              const fixed = `${model.settings.trustDomain}/ns/${namespace}/sa/${account}`;
              findings.push(
                finding(
                  policy,
                  `${base}.${field}.${i}`,
                  'foreign-trust-domain',
                  'warning',
                  `The principal's trust domain is ${trustDomain}, but the mesh's is ${model.settings.trustDomain} (setting meshMtls.analysis.trustDomain): no workload of this mesh carries it, unless ${trustDomain} is a trust domain alias.`,
                  { title: `Change to ${fixed}`, replacement: JSON.stringify(fixed) },
                ),
              );
            }
            if (namespace.includes('*') || account.includes('*') || !model.knowsServiceAccountsOf(namespace)) return;
            const known = model.serviceAccountsIn(namespace);
            if (!known.has(account)) {
              const closest = closestName(account, known);
              const fixed = `${trustDomain}/ns/${namespace}/sa/${closest}`;
              findings.push(
                finding(
                  policy,
                  `${base}.${field}.${i}`,
                  'unknown-service-account',
                  'warning',
                  `No service account ${account} in namespace ${namespace}: no ServiceAccount of that name, and no workload there runs as it. Known there: ${[...known].sort().join(', ')}.`,
                  closest ? { title: `Change to ${fixed}`, replacement: JSON.stringify(fixed) } : undefined,
                ),
              );
            }
          });
        }
      }),
    );
  }
  return findings;
}

/** Istio's protocol of a Service port, from its name prefix or appProtocol; undefined when Istio would sniff it. */
export function portProtocol(port: { name?: string; appProtocol?: string }): 'http' | 'tcp' | undefined {
  const declared = (port.appProtocol ?? port.name?.split('-')[0] ?? '').toLowerCase();
  if (['http', 'http2', 'grpc', 'grpc-web'].includes(declared)) return 'http';
  if (['tcp', 'tls', 'https', 'mongo', 'mysql', 'redis'].includes(declared)) return 'tcp';
  return undefined;
}

const HTTP_OPERATION_FIELDS = ['methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'] as const;

/**
 * A DENY rule that matches HTTP attributes, applied to a port Istio treats as TCP: Istio cannot
 * read those attributes there, ignores them, and so denies every connection the rest of the rule
 * matches. (The single-file istio-deny-http-only check says the same without knowing the ports.)
 */
function httpFieldsOnTcp(model: WorkspaceModel, policy: Resource, spec: Spec): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  // ztunnel drops the HTTP part of such a rule on ambient workloads instead: ztunnel-unenforced says that.
  const workloads = targets(model, policy, spec).filter((w) => !model.inAmbient(w));
  if (!workloads.length) return findings;
  (spec.rules ?? []).forEach((rule, r) => {
    const operations = (rule?.to ?? []).map((t) => t?.operation ?? {});
    const httpFields = [
      ...operations.flatMap((o) => HTTP_OPERATION_FIELDS.filter((f) => Array.isArray(o[f]) && o[f].length > 0)),
      ...(rule?.from ?? []).flatMap((f) =>
        (['requestPrincipals', 'notRequestPrincipals'] as const).filter((field) => Array.isArray(f?.source?.[field]) && f.source[field].length > 0),
      ),
      ...(rule?.when ?? []).flatMap((w) => (w.key?.startsWith('request.') ? [w.key] : [])),
    ];
    if (!httpFields.length) return;
    const named = new Set(operations.flatMap((o) => (o.ports ?? []).filter((p): p is string => p !== undefined)));
    for (const workload of workloads) {
      const tcp = model
        .servicesOf(workload)
        .flatMap((service) =>
          service.service!.ports.filter((p) => portProtocol(p) === 'tcp').map((p) => ({ service, port: String(p.targetPort ?? p.port), name: p.name })),
        )
        .filter((p) => named.size === 0 || named.has(p.port));
      if (!tcp.length) continue;
      const [first] = tcp;
      findings.push(
        finding(
          policy,
          `spec.rules.${r}`,
          'authz-http-fields-on-tcp',
          'warning',
          `This DENY rule matches HTTP attributes (${[...new Set(httpFields)].join(', ')}), but port ${first.port} of ${label(workload)} is TCP (${label(first.service)}, port ${first.name ?? first.port}): Istio cannot read them there, ignores them, and denies every connection the rest of the rule matches. Limit the rule with ports to the HTTP ones.`,
        ),
      );
      return;
    }
  });
  return findings;
}
