import { isMap, isScalar, type Node } from 'yaml';
import { isIP } from 'node:net';
import { parseCidr } from '../../../../common/src/net/cidr';
import type { Path, ResourceView, Rule } from './resourceView';

// istiod's validation webhook rules for the security kinds, for what the CRD schemas (and their
// CEL rules, checked elsewhere) leave out.

const IDENTITY_FIELDS = ['principals', 'notPrincipals', 'trustDomains', 'notTrustDomains', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts'];
const HTTP_ONLY_SOURCE = ['requestPrincipals', 'notRequestPrincipals'];
const HTTP_ONLY_OPERATION = ['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths'];
/** A mesh workload identity as Istio compares it: the SPIFFE ID without its scheme. */
const PRINCIPAL = /^[^/\s]+\/ns\/[^/\s]+\/sa\/[^/\s]+$/;
const WILDCARD_FIELDS = ['principals', 'notPrincipals', 'trustDomains', 'notTrustDomains', 'requestPrincipals', 'notRequestPrincipals', 'namespaces', 'notNamespaces', 'hosts', 'notHosts'];

/** Condition keys istiod accepts in `when`, and whether each is HTTP-only. */
const CONDITION_KEYS: Array<[RegExp, { http: boolean; value?: 'ip' | 'port' }]> = [
  [/^request\.headers\[[^\]]+\]$/, { http: true }],
  [/^source\.ip$/, { http: false, value: 'ip' }],
  [/^remote\.ip$/, { http: false, value: 'ip' }],
  [/^source\.namespace$/, { http: false }],
  [/^source\.principal$/, { http: false }],
  [/^source\.serviceAccount$/, { http: false }],
  [/^request\.auth\.principal$/, { http: true }],
  [/^request\.auth\.audiences$/, { http: true }],
  [/^request\.auth\.presenter$/, { http: true }],
  [/^request\.auth\.claims(\[[^\]]+\])+$/, { http: true }],
  [/^destination\.ip$/, { http: false, value: 'ip' }],
  [/^destination\.port$/, { http: false, value: 'port' }],
  [/^connection\.sni$/, { http: false }],
  [/^experimental\.envoy\.filters\.[a-z_.]+(\[[^\]]+\])+$/, { http: false }],
];

function conditionKey(key: string) {
  return CONDITION_KEYS.find(([pattern]) => pattern.test(key))?.[1];
}

function stringItems(r: ResourceView, path: Path, from: Node): Array<{ node: Node; value: string }> {
  return r.items(path, from).flatMap((node) => (isScalar(node) && typeof node.value === 'string' && !r.ctx.isTemplated(node) ? [{ node, value: node.value }] : []));
}

const authorizationPolicy: Rule = (r) => {
  const action = r.string(['spec', 'action']) ?? 'ALLOW';
  const rulesNode = r.node(['spec', 'rules']);
  const rules = r.items(['spec', 'rules']);
  if (r.has(['spec', 'provider']) && action !== 'CUSTOM') {
    r.ctx.error(r.rangeOf(['spec', 'provider']), 'istio-authz-action', `provider is only used with action CUSTOM (this policy's action is ${action}).`);
  }
  if (action === 'CUSTOM' && !r.string(['spec', 'provider', 'name'])) {
    r.ctx.error(r.rangeOf(['spec', 'action']), 'istio-authz-action', 'A CUSTOM policy needs provider.name: the external authorizer (an extensionProviders entry of the mesh config) to ask.');
  }
  if ((action === 'DENY' || action === 'CUSTOM') && !rulesNode) {
    r.ctx.error(r.rangeOf(['spec', 'action']), 'istio-authz-action', `A ${action} policy without rules never applies. Add rules, or an empty rule (rules: [{}]) to apply it to every request.`, undefined);
  }
  rules.forEach((rule) => checkRule(r, rule, action));
};

function checkRule(r: ResourceView, rule: Node, action: string): void {
  let httpOnly = 0;
  let tcpCapable = 0;
  for (const key of ['from', 'to'] as const) {
    const list = r.node([key], rule);
    if (list && r.items([key], rule).length === 0) r.ctx.error(r.rangeOf([key], rule), 'istio-authz-empty', `${key} must not be empty: remove it, or add an entry.`);
    const inner = key === 'from' ? 'source' : 'operation';
    for (const entry of r.items([key], rule)) {
      const body = r.node([inner], entry);
      if (!isMap(body) || body.items.length === 0) {
        r.ctx.error(r.rangeOf([inner], entry), 'istio-authz-empty', `${key}[].${inner} must not be empty.`);
        continue;
      }
      for (const pair of body.items) {
        const field = isScalar(pair.key) ? String(pair.key.value) : '';
        const values = stringItems(r, [field], body);
        for (const { node, value } of values) {
          if (value === '') r.ctx.error(r.valueRange(node), 'istio-authz-empty', `Empty strings are not allowed in ${inner}.${field}.`);
          else if (WILDCARD_FIELDS.includes(field) && !validWildcard(value)) r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${value}": a * wildcard may only stand at the start or the end of the value.`);
        }
        if ((field === 'paths' || field === 'notPaths') && values.length) for (const { node, value } of values) checkPathTemplate(r, node, value);
        if (key === 'from' && action === 'CUSTOM' && IDENTITY_FIELDS.includes(field)) {
          r.ctx.error(r.rangeOf([field], body), 'istio-authz-action', `A CUSTOM policy cannot match on ${field}: identity is not known before the external authorizer runs.`);
        }
        if (key === 'from' && (field === 'serviceAccounts' || field === 'notServiceAccounts')) {
          for (const { node, value } of values) if (value && !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)) r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${value}" is not a service account: write sa or namespace/sa.`);
        }
        if (key === 'from' && (field === 'trustDomains' || field === 'notTrustDomains')) {
          for (const { node, value } of values) if (value.includes('/')) r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${value}" is not a trust domain: write only the domain (like cluster.local), without a scheme or path; match whole identities with principals.`);
        }
        if (key === 'from' && (field === 'principals' || field === 'notPrincipals')) {
          for (const { node, value } of values) {
            if (value.startsWith('spiffe://')) {
              const fixed = value.slice('spiffe://'.length);
              r.ctx.warning(r.valueRange(node), 'istio-principal-format', `Istio principals are written without the spiffe:// prefix (${fixed}); with it, the value never matches.`, { title: `Remove spiffe://`, replacement: JSON.stringify(fixed) });
            } else if (value && !value.includes('*') && !PRINCIPAL.test(value)) {
              r.ctx.warning(r.valueRange(node), 'istio-principal-format', `"${value}" is not written <trust-domain>/ns/<namespace>/sa/<service-account>, the form of mesh workload identities (for example cluster.local/ns/shop/sa/web), so no mesh workload matches it.`);
            }
          }
        }
        const isHttp = key === 'from' ? HTTP_ONLY_SOURCE.includes(field) : HTTP_ONLY_OPERATION.includes(field);
        if (isHttp) httpOnly++;
        else tcpCapable++;
      }
    }
  }
  for (const condition of r.items(['when'], rule)) {
    const key = r.string(['key'], condition);
    if (key === undefined) continue;
    const known = conditionKey(key);
    if (!known) {
      r.ctx.error(r.rangeOf(['key'], condition), 'istio-authz-condition', `"${key}" is not a condition key Istio knows (for example source.ip, request.headers[x-id], request.auth.claims[iss], destination.port).`);
      continue;
    }
    if (action === 'CUSTOM' && /^(source\.|request\.auth\.)/.test(key)) {
      r.ctx.error(r.rangeOf(['key'], condition), 'istio-authz-action', `A CUSTOM policy cannot use the condition ${key}.`);
    }
    if (known.http) httpOnly++;
    else tcpCapable++;
    for (const field of ['values', 'notValues']) {
      for (const { node, value } of stringItems(r, [field], condition)) {
        if (known.value === 'ip' && !isIP(value) && !parseCidr(value)) r.ctx.error(r.valueRange(node), 'istio-authz-condition', `"${value}" is not an IP address or CIDR range.`);
        if (known.value === 'port' && !(/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 65535)) r.ctx.error(r.valueRange(node), 'istio-authz-condition', `"${value}" is not a port (1-65535).`);
      }
    }
  }
  if (action === 'DENY' && httpOnly > 0 && tcpCapable === 0) {
    const firstKey = isMap(rule) ? (rule.items[0]?.key as Node | undefined) : undefined;
    r.ctx.warning(firstKey ? r.valueRange(firstKey) : r.valueRange(rule), 'istio-deny-http-only', 'This DENY rule matches only HTTP attributes. On plain TCP traffic those attributes cannot be checked, so the rule denies all TCP connections to the selected workloads. Add ports or a TCP attribute to narrow it.');
  }
}

/** `*` as the whole value, a prefix or a suffix: the only wildcards Istio matches. */
function validWildcard(value: string): boolean {
  const stars = [...value].filter((c) => c === '*').length;
  return stars === 0 || value === '*' || (stars === 1 && (value.startsWith('*') || value.endsWith('*')));
}

/** Path templates: `{*}` one whole segment, `{**}` the last segment only. */
function checkPathTemplate(r: ResourceView, node: Node, path: string): void {
  if (!path.includes('{')) return;
  const segments = path.split('/');
  segments.forEach((segment, index) => {
    if (!segment.includes('{')) return;
    if (segment !== '{*}' && segment !== '{**}') r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${path}": {*} and {**} must each be a whole path segment.`);
    else if (segment === '{**}' && index !== segments.length - 1) r.ctx.error(r.valueRange(node), 'istio-authz-value', `"${path}": {**} may only be the last path segment.`);
  });
}

const requestAuthentication: Rule = (r) => {
  for (const rule of r.items(['spec', 'jwtRules'])) {
    const jwksUri = r.string(['jwksUri'], rule);
    if (jwksUri !== undefined && jwksUri.startsWith('http://')) {
      r.ctx.warning(r.rangeOf(['jwksUri'], rule), 'istio-request-authn', 'jwksUri uses plain http: the keys that verify tokens could be tampered with on the way. Use https.');
    }
    const issuer = r.string(['issuer'], rule);
    if (issuer) {
      if (!r.has(['jwks'], rule) && !r.has(['jwksUri'], rule) && !/^https:\/\/[^/\s]+/.test(issuer)) {
        r.ctx.warning(r.rangeOf(['issuer'], rule), 'istio-request-authn', `Without jwks or jwksUri, istiod finds the keys through OpenID discovery at ${issuer}/.well-known/openid-configuration, which needs an https URL as the issuer. Set jwksUri, or use the issuer's https URL.`);
      }
    }
    const jwks = r.string(['jwks'], rule);
    if (jwks !== undefined && !isJwks(jwks)) r.ctx.error(r.rangeOf(['jwks'], rule), 'istio-request-authn', 'jwks must be a JSON Web Key Set: a JSON object with a "keys" list.');
    const headers = new Set<string>();
    for (const output of r.items(['outputClaimToHeaders'], rule)) {
      const header = r.string(['header'], output);
      if (header === undefined) continue;
      if (headers.has(header.toLowerCase())) r.ctx.error(r.rangeOf(['header'], output), 'istio-request-authn', `The header ${header} is already written by another claim.`);
      headers.add(header.toLowerCase());
    }
  }
};

function isJwks(text: string): boolean {
  try {
    const value = JSON.parse(text) as { keys?: unknown };
    return typeof value === 'object' && value !== null && Array.isArray(value.keys);
  } catch {
    return false;
  }
}

export const ISTIO_SECURITY_RULES: Record<string, Rule[]> = {
  'security.istio.io/AuthorizationPolicy': [authorizationPolicy],
  'security.istio.io/RequestAuthentication': [requestAuthentication],
};
