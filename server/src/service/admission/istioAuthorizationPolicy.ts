import { isMap, type Node } from 'yaml';
import type { ResourceView, Rule } from './resourceView';
import { checkAnnotations, checkTargetRefs, isGoIpOrPrefix, isGoPort, isNullItem, isTemplateValue, stringItems } from './istioPolicyCommon';
import { istioBefore, targetIstio } from './istioReleases';

// istiod's ValidateAuthorizationPolicy (pkg/config/validation/validation.go) and the value checks
// it calls in pkg/config/security/security.go, for what the CRD schema and its CEL rules leave out.

const SOURCE_FIELDS = [
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
  'namespaces',
  'notNamespaces',
  'ipBlocks',
  'notIpBlocks',
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
  'trustDomains',
  'notTrustDomains',
];
const OPERATION_FIELDS = ['ports', 'notPorts', 'methods', 'notMethods', 'paths', 'notPaths', 'hosts', 'notHosts'];
/** Source fields a CUSTOM policy cannot match on: the identity is not known before the external authorizer runs. */
const CUSTOM_FORBIDDEN_SOURCE = [
  'namespaces',
  'notNamespaces',
  'serviceAccounts',
  'notServiceAccounts',
  'trustDomains',
  'notTrustDomains',
  'principals',
  'notPrincipals',
  'requestPrincipals',
  'notRequestPrincipals',
];
const CUSTOM_FORBIDDEN_KEYS = ['source.namespace', 'source.serviceAccount', 'source.trustDomain', 'source.principal'];
/** Source fields that also match plain TCP traffic (the rest are HTTP-only). */
const TCP_SOURCE = [
  'principals',
  'notPrincipals',
  'ipBlocks',
  'notIpBlocks',
  'namespaces',
  'notNamespaces',
  'remoteIpBlocks',
  'notRemoteIpBlocks',
  'serviceAccounts',
  'notServiceAccounts',
];
/**
 * Fields whose values Istio matches with a * only as the whole value, a prefix or a suffix; anything
 * else is compared literally (authz/model/generator.go). Namespaces are not among them: every * in
 * a namespace is a wildcard there.
 */
const LITERAL_STAR_FIELDS = ['principals', 'notPrincipals', 'requestPrincipals', 'notRequestPrincipals', 'hosts', 'notHosts'];
/** Source fields istiod accepted from one release and enforced from a later one (security.go, authz/model/model.go). */
const SOURCE_FIELD_RELEASES: Record<string, { accepted: string; enforced: string }> = {
  serviceAccounts: { accepted: '1.25', enforced: '1.25' },
  notServiceAccounts: { accepted: '1.25', enforced: '1.25' },
  trustDomains: { accepted: '1.30', enforced: '1.31' },
  notTrustDomains: { accepted: '1.30', enforced: '1.31' },
};
/** Condition keys likewise: before `accepted` istiod refuses the key; before `enforced` it skips the rule that holds it. */
const CONDITION_KEY_RELEASES: Record<string, { accepted: string; enforced: string }> = {
  'source.serviceAccount': { accepted: '1.25', enforced: '1.25' },
  'source.trustDomain': { accepted: '1.30', enforced: '1.31' },
};
/** A mesh workload identity as Istio compares it: the SPIFFE ID without its scheme. */
const PRINCIPAL = /^[^/\s]+\/ns\/[^/\s]+\/sa\/[^/\s]+$/;
/** A path segment Envoy's URI template matcher takes literally (RFC 3986 pchar). */
const PATH_LITERAL = /^[a-zA-Z0-9-._~%!$&'()+,;:@=]+$/;

export const authorizationPolicy: Rule = (r) => {
  // undefined when the action is only known once a template is rendered.
  const action = r.string(['spec', 'action']) ?? (r.has(['spec', 'action']) ? undefined : 'ALLOW');
  checkAnnotations(r, { action });
  checkTargetRefs(r);
  const rules = r.items(['spec', 'rules']);
  if (isTemplateValue(r, r.node(['spec', 'rules']))) return;
  if (action === 'CUSTOM') {
    const name = r.node(['spec', 'provider', 'name']);
    const templated = isTemplateValue(r, r.node(['spec', 'provider'])) || isTemplateValue(r, name);
    if (!rules.length)
      r.ctx.error(
        r.rangeOf(['spec', 'action']),
        'istio-authz-action',
        'A CUSTOM policy without rules never applies. Add rules, or an empty rule (rules: [{}]) to apply it to every request.',
      );
    else if (!templated && !r.string(['spec', 'provider', 'name']))
      r.ctx.error(
        r.rangeOf(['spec', 'action']),
        'istio-authz-action',
        'A CUSTOM policy needs provider.name: the external authorizer (an extensionProviders entry of the mesh config) to ask.',
      );
  } else if (r.has(['spec', 'provider']) && action !== undefined) {
    r.ctx.error(r.rangeOf(['spec', 'provider']), 'istio-authz-action', `provider is only used with action CUSTOM (this policy's action is ${action}).`);
  }
  if (action === 'DENY' && !rules.length) {
    r.ctx.error(
      r.rangeOf(['spec', 'action']),
      'istio-authz-action',
      'A DENY policy without rules never applies. Add rules, or an empty rule (rules: [{}]) to apply it to every request.',
    );
  }
  for (const rule of rules) {
    if (isNullItem(rule)) r.ctx.error(r.valueRange(rule), 'istio-authz-empty', 'A rule must not be null: write {} for a rule that matches every request.');
    else checkRule(r, rule, action);
  }
};

function checkRule(r: ResourceView, rule: Node, action: string | undefined): void {
  let fromExists = false;
  let toExists = false;
  let tcpInFrom = false;
  let tcpInTo = false;
  for (const key of ['from', 'to'] as const) {
    const inner = key === 'from' ? 'source' : 'operation';
    const fields = key === 'from' ? SOURCE_FIELDS : OPERATION_FIELDS;
    if (isTemplateValue(r, r.node([key], rule))) continue;
    if (r.has([key], rule) && r.items([key], rule).length === 0)
      r.ctx.error(r.rangeOf([key], rule), 'istio-authz-empty', `${key} must not be empty: remove it, or add an entry.`);
    for (const entry of r.items([key], rule)) {
      const body = r.node([inner], entry);
      if (isTemplateValue(r, entry) || isTemplateValue(r, body)) continue;
      if (isNullItem(entry) || !isMap(body)) {
        r.ctx.error(isNullItem(entry) ? r.valueRange(entry) : r.rangeOf([inner], entry), 'istio-authz-empty', `Each ${key} entry needs a ${inner}.`);
        continue;
      }
      if (key === 'from') fromExists = true;
      else toExists = true;
      const written = writtenFields(r, body, fields);
      if (!written.length) r.ctx.error(r.rangeOf([inner], entry), 'istio-authz-empty', `${key}[].${inner} must not be empty.`);
      else if (written.every((field) => unenforced(r, field))) {
        r.ctx.error(
          r.rangeOf([inner], entry),
          'istio-version',
          `${targetIstio(r)} refuses this source as empty: it does not count ${written.join(' or ')} yet (from ${SOURCE_FIELD_RELEASES[written[0]].enforced}).`,
        );
      }
      for (const field of fields) {
        if (!r.has([field], body)) continue;
        if (key === 'from' ? TCP_SOURCE.includes(field) : field === 'ports' || field === 'notPorts') {
          if (key === 'from') tcpInFrom = true;
          else tcpInTo = true;
        }
        checkField(r, body, inner, field, action);
      }
    }
  }
  for (const condition of r.items(['when'], rule)) checkCondition(r, condition, action);
  if (action === 'DENY' && ((fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo))) {
    const firstKey = isMap(rule) ? (rule.items[0]?.key as Node | undefined) : undefined;
    r.ctx.warning(
      firstKey ? r.valueRange(firstKey) : r.valueRange(rule),
      'istio-deny-http-only',
      'This DENY rule matches only HTTP attributes. A sidecar cannot check them on plain TCP traffic, so there it denies every TCP connection to the selected workloads; in ambient mode ztunnel leaves such a rule out altogether (see ztunnel-unenforced), and only a waypoint enforces it. Add ports or a TCP attribute to narrow it.',
    );
  }
}

/** The fields of a source or operation that hold an item, or whose list a template fills in. */
function writtenFields(r: ResourceView, body: Node, fields: string[]): string[] {
  return fields.filter((field) => r.items([field], body).length > 0 || isTemplateValue(r, r.node([field], body)));
}

/** Whether the targeted release has a source field in its CRD but does not act on it yet. */
function unenforced(r: ResourceView, field: string): boolean {
  const release = SOURCE_FIELD_RELEASES[field];
  return release !== undefined && !istioBefore(r, release.accepted) && istioBefore(r, release.enforced);
}

function checkField(r: ResourceView, body: Node, inner: string, field: string, action: string | undefined): void {
  const values = stringItems(r, [field], body);
  const release = SOURCE_FIELD_RELEASES[field];
  // Before the release that accepts it, the field is reported by fieldReleases and never reaches istiod.
  if (release && istioBefore(r, release.accepted)) return;
  if (unenforced(r, field)) {
    // A source with nothing else is refused as empty, said once by checkRule.
    if (writtenFields(r, body, SOURCE_FIELDS).every((other) => unenforced(r, other))) return;
    const consequence = action === 'ALLOW' ? ', and this ALLOW rule lets them all in' : action === 'DENY' ? ', and this DENY rule denies them all' : '';
    return r.ctx.warning(
      r.rangeOf([field], body),
      'istio-version',
      `${targetIstio(r)} accepts ${field} but does not enforce it (from ${release.enforced}), so this source matches callers of every trust domain${consequence}. Match a trust domain with a principal prefix (cluster.local/*) on that release.`,
    );
  }
  if (inner === 'source' && action === 'CUSTOM' && CUSTOM_FORBIDDEN_SOURCE.includes(field) && r.items([field], body).length) {
    r.ctx.error(
      r.rangeOf([field], body),
      'istio-authz-action',
      `A CUSTOM policy cannot match on ${field}: identity is not known before the external authorizer runs.`,
    );
  }
  // The schema caps these lists at 16 items itself.
  if (field === 'serviceAccounts' || field === 'notServiceAccounts') return checkServiceAccounts(r, 0, values, `source.${field}`, 'istio-authz-value');
  for (const { node, value } of values) {
    if (value === '') {
      r.ctx.error(r.valueRange(node), 'istio-authz-empty', `Empty strings are not allowed in ${inner}.${field}.`);
      continue;
    }
    if (/IpBlocks$/i.test(field) && !isGoIpOrPrefix(value))
      r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${value}" is not an IP address or CIDR range.`);
    else if (/^(not)?[pP]orts$/.test(field) && !isGoPort(value)) r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${value}" is not a port (0-65535).`);
    else if (field === 'trustDomains' || field === 'notTrustDomains') checkTrustDomain(r, node, value, `source.${field}`);
    else if (field === 'paths' || field === 'notPaths') checkPathTemplate(r, node, value, field, action);
    else if (LITERAL_STAR_FIELDS.includes(field) && !wildcardPlacementOk(value)) {
      r.ctx.warning(
        r.valueRange(node),
        'istio-authz-value',
        `"${value}": Istio treats * as a wildcard only as the whole value, a prefix or a suffix; here it is matched as a literal *.`,
      );
    }
    if (field === 'principals' || field === 'notPrincipals') checkPrincipalForm(r, node, value);
  }
}

/** istiod's CheckServiceAccount: at most 16 values, each `sa` or `namespace/sa`, no wildcard, at most 320 characters. */
function checkServiceAccounts(
  r: ResourceView,
  count: number,
  values: Array<{ node: Node; value: string }>,
  where: string,
  code: 'istio-authz-value' | 'istio-authz-condition',
): void {
  if (count > 16) r.ctx.error(r.valueRange(values[16]?.node ?? values[0].node), code, `${where} may list at most 16 service accounts (${count} here).`);
  for (const { node, value } of values) {
    const parts = value.split('/');
    const problem =
      value === ''
        ? 'an empty string'
        : value.includes('*')
          ? 'a wildcard, which service accounts do not take'
          : parts.length > 2 || parts.some((part) => part === '')
            ? 'not written sa or namespace/sa'
            : value.length > 320
              ? 'longer than 320 characters'
              : undefined;
    if (problem) r.ctx.error(r.valueRange(node), code, `"${value}" in ${where} is ${problem}.`);
  }
}

/** istiod's CheckTrustDomainValues: a wildcard only at the start or end, and no "/". */
function checkTrustDomain(r: ResourceView, node: Node, value: string, where: string): void {
  if (!wildcardPlacementOk(value))
    r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${value}" in ${where}: one * is allowed, as the whole value, a prefix or a suffix.`);
  else if (value.includes('/'))
    r.ctx.error(
      r.valueRange(node),
      'istio-authz-value',
      `"${value}" is not a trust domain: write only the domain (like cluster.local), without a scheme or path; match whole identities with principals.`,
    );
}

function checkPrincipalForm(r: ResourceView, node: Node, value: string): void {
  if (value.startsWith('spiffe://')) {
    const fixed = value.slice('spiffe://'.length);
    r.ctx.warning(
      r.valueRange(node),
      'istio-principal-format',
      `Istio principals are written without the spiffe:// prefix (${fixed}); with it, the value never matches.`,
      { title: `Remove spiffe://`, replacement: JSON.stringify(fixed) },
    );
  } else if (!value.includes('*') && !PRINCIPAL.test(value)) {
    r.ctx.warning(
      r.valueRange(node),
      'istio-principal-format',
      `"${value}" is not written <trust-domain>/ns/<namespace>/sa/<service-account>, the form of mesh workload identities (for example cluster.local/ns/shop/sa/web), so no mesh workload matches it.`,
    );
  }
}

/** At most one `*`, and then as the whole value, a prefix or a suffix. */
function wildcardPlacementOk(value: string): boolean {
  const stars = value.split('*').length - 1;
  return stars === 0 || (stars === 1 && (value.startsWith('*') || value.endsWith('*')));
}

/**
 * istiod's CheckValidPathTemplate: once a path holds {*} or {**}, each segment between slashes is
 * {*}, {**} or a plain literal, and nothing of {*} or {**} follows a {**}. Braces are refused in
 * any path outside those two forms. Before 1.22 there are no templates: the generator compares the
 * whole value as plain text, and the webhook has no opinion on braces.
 */
function checkPathTemplate(r: ResourceView, node: Node, path: string, field: string, action: string | undefined): void {
  const templated = path.includes('{*}') || path.includes('{**}');
  if (istioBefore(r, '1.22')) {
    if (!templated) return;
    const consequence =
      field === 'notPaths'
        ? 'notPaths excludes nothing with it'
        : action === 'DENY'
          ? 'this DENY rule blocks nothing by it'
          : action === 'ALLOW'
            ? 'this ALLOW rule lets nothing in by it'
            : 'the rule never matches by it';
    return r.ctx.warning(
      r.valueRange(node),
      'istio-version',
      `"${path}": ${targetIstio(r)} has no path templates (they came in 1.22) and compares {*} and {**} as plain text, so the value matches no request path: ${consequence}.`,
    );
  }
  let afterAny = false;
  for (const segment of path.replace(/^\/+|\/+$/g, '').split('/')) {
    if (segment === '{*}' || segment === '{**}') {
      if (afterAny) return r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${path}": nothing of {*} or {**} may follow a {**}.`);
      if (segment === '{**}') afterAny = true;
      continue;
    }
    if (/[{}]/.test(segment)) return r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${path}": { and } may only appear as whole {*} or {**} segments.`);
    if (templated && !PATH_LITERAL.test(segment))
      return r.ctx.error(
        r.valueRange(node),
        'istio-authz-value',
        `"${path}": in a path template, the segment "${segment}" must be a non-empty run of URL path characters.`,
      );
  }
}

/** Condition keys istiod knows, by exact name or by prefix with a [name] part; what each value must be. */
type ValueCheck = 'ip' | 'port' | 'serviceAccount' | 'trustDomain' | 'mapKey' | 'any';
const CONDITION_KEYS: Array<[string, ValueCheck, 'exact' | 'prefix']> = [
  ['request.headers', 'mapKey', 'prefix'],
  ['source.ip', 'ip', 'exact'],
  ['remote.ip', 'ip', 'exact'],
  ['source.namespace', 'any', 'exact'],
  ['source.serviceAccount', 'serviceAccount', 'exact'],
  ['source.principal', 'any', 'exact'],
  ['source.trustDomain', 'trustDomain', 'exact'],
  ['request.auth.principal', 'any', 'exact'],
  ['request.auth.audiences', 'any', 'exact'],
  ['request.auth.presenter', 'any', 'exact'],
  ['request.auth.claims', 'mapKey', 'prefix'],
  ['destination.ip', 'ip', 'exact'],
  ['destination.port', 'port', 'exact'],
  ['connection.sni', 'any', 'exact'],
  ['experimental.envoy.filters.', 'mapKey', 'prefix'],
];
/** The condition keys offered as written: exact ones whole, prefixed ones with a [name] to fill in. */
export const CONDITION_KEY_VALUES: readonly string[] = CONDITION_KEYS.map(([name, , match]) =>
  match === 'exact' ? name : name.endsWith('.') ? `${name}NAME` : `${name}[NAME]`,
);

const RETIRED_KEYS: Record<string, string> = {
  'destination.namespace': "use the policy's own namespace (metadata.namespace) instead",
  'destination.name': 'it was only read by the retired v1alpha1 API',
  'destination.user': 'it was only read by the retired v1alpha1 API',
};

function checkCondition(r: ResourceView, condition: Node, action: string | undefined): void {
  if (isNullItem(condition))
    return r.ctx.error(r.valueRange(condition), 'istio-authz-condition', 'A when condition must not be null: it needs a key and values.');
  if (!isMap(condition) || isTemplateValue(r, r.node(['values'], condition)) || isTemplateValue(r, r.node(['notValues'], condition))) return;
  if (!r.has(['key'], condition)) return r.ctx.error(r.valueRange(condition), 'istio-authz-condition', 'A when condition needs a key.');
  const key = r.string(['key'], condition);
  if (key === undefined) return;
  const keyRange = r.rangeOf(['key'], condition);
  if (key === '') return r.ctx.error(keyRange, 'istio-authz-condition', "A when condition's key must not be empty.");
  const release = CONDITION_KEY_RELEASES[key];
  if (release && istioBefore(r, release.accepted)) {
    return r.ctx.error(
      keyRange,
      'istio-version',
      `${targetIstio(r)} does not know the condition key ${key} and refuses the policy (istiod accepts it from ${release.accepted}${release.enforced === release.accepted ? '' : ` and enforces it from ${release.enforced}`}).`,
    );
  }
  if (release && istioBefore(r, release.enforced)) {
    const consequence =
      action === 'DENY'
        ? 'this DENY rule blocks nothing'
        : action === 'CUSTOM'
          ? 'requests this rule should send to the external authorizer skip it'
          : action === 'ALLOW'
            ? 'this ALLOW rule lets nothing in'
            : 'this rule never matches';
    return r.ctx.warning(
      keyRange,
      'istio-version',
      `${targetIstio(r)} accepts the condition ${key} but cannot enforce it (from ${release.enforced}): istiod skips the whole rule, so ${consequence}.`,
    );
  }
  if (action === 'CUSTOM' && (CUSTOM_FORBIDDEN_KEYS.includes(key) || key.startsWith('request.auth.')))
    r.ctx.error(keyRange, 'istio-authz-action', `A CUSTOM policy cannot use the condition ${key}.`);
  const lists = ['values', 'notValues'].map((field) => ({ field, count: r.items([field], condition).length, values: stringItems(r, [field], condition) }));
  if (lists.every((list) => list.count === 0)) return r.ctx.error(keyRange, 'istio-authz-condition', `The condition on ${key} needs values or notValues.`);
  const known = CONDITION_KEYS.find(([name, , match]) => (match === 'exact' ? key === name : key.startsWith(name)));
  if (!known) {
    const retired =
      Object.entries(RETIRED_KEYS).find(([name]) => key === name)?.[1] ??
      (key.startsWith('destination.labels') ? "use the policy's selector instead" : undefined);
    return r.ctx.error(
      keyRange,
      'istio-authz-condition',
      retired
        ? `istiod no longer accepts the condition key ${key}: ${retired}.`
        : `"${key}" is not a condition key Istio knows (for example source.ip, request.headers[x-id], request.auth.claims[iss], destination.port).`,
    );
  }
  const check = known[1];
  if (check === 'mapKey') {
    const open = key.indexOf('[');
    if (!(key.endsWith(']') && open > 0 && open < key.length - 2))
      r.ctx.error(
        keyRange,
        'istio-authz-condition',
        `"${key}" needs a name in brackets, like ${known[0].replace(/\.$/, '')}${known[0].endsWith('.') ? 'name' : ''}[x-name].`,
      );
  }
  for (const { field, count, values } of lists) {
    if (check === 'serviceAccount') {
      checkServiceAccounts(r, count, values, `${key} ${field}`, 'istio-authz-condition');
      continue;
    }
    for (const { node, value } of values) {
      if (value === '') r.ctx.error(r.valueRange(node), 'istio-authz-condition', `Empty strings are not allowed in the ${field} of ${key}.`);
      else if (check === 'ip' && !isGoIpOrPrefix(value))
        r.ctx.error(r.valueRange(node), 'istio-authz-condition', `"${value}" is not an IP address or CIDR range.`);
      else if (check === 'port' && !isGoPort(value)) r.ctx.error(r.valueRange(node), 'istio-authz-condition', `"${value}" is not a port (0-65535).`);
      else if (check === 'trustDomain' && !wildcardPlacementOk(value))
        r.ctx.error(r.valueRange(node), 'istio-authz-condition', `"${value}" in ${key}: one * is allowed, as the whole value, a prefix or a suffix.`);
    }
  }
}
