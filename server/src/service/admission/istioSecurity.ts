import { isMap, isScalar, type Node } from 'yaml';
import { parseGoDuration } from '../../../../common/src/time/goDuration';
import type { ResourceView, Rule } from './resourceView';
import { authorizationPolicy, CONDITION_KEY_VALUES } from './istioAuthorizationPolicy';
import { checkAnnotations, checkTargetRefs, isNullItem, TARGET_KIND_VALUES } from './istioPolicyCommon';
import { fieldReleases } from './istioReleases';

// istiod's validation webhook rules for RequestAuthentication and PeerAuthentication
// (ValidateRequestAuthentication, validateJwtRule, ValidatePeerAuthentication and
// validateMetadata in pkg/config/validation/validation.go), for what the CRD schemas and their CEL rules leave out.

/** JWT rule fields and the Istio release whose CRDs first carry them. */
/** Header names istiod writes claims into: its strict header-name pattern. */
const STRICT_HEADER = /^[-_A-Za-z0-9]+$/;

const requestAuthentication: Rule = (r) => {
  checkAnnotations(r);
  checkTargetRefs(r);
  for (const rule of r.items(['spec', 'jwtRules'])) {
    if (isNullItem(rule))
      r.ctx.error(r.valueRange(rule), 'istio-request-authn', 'A jwtRules entry must not be null: it needs at least an issuer or a jwksUri.');
    else if (isMap(rule)) checkJwtRule(r, rule);
  }
};

function checkJwtRule(r: ResourceView, rule: Node): void {
  const error = (node: Node, message: string) => r.ctx.error(r.valueRange(node), 'istio-request-authn', message);
  const issuerNode = r.node(['issuer'], rule);
  const jwksUriNode = r.node(['jwksUri'], rule);
  const unset = (node: Node | undefined) => node === undefined || (isScalar(node) && node.value === '');
  if (unset(issuerNode) && unset(jwksUriNode))
    r.ctx.error(issuerNode ? r.rangeOf(['issuer'], rule) : r.valueRange(rule), 'istio-request-authn', 'A JWT rule needs an issuer or a jwksUri.');
  const jwksUri = r.string(['jwksUri'], rule);
  if (jwksUri && /^http:/i.test(jwksUri))
    r.ctx.warning(
      r.rangeOf(['jwksUri'], rule),
      'istio-request-authn',
      'jwksUri uses plain http: the keys that verify tokens could be tampered with on the way. Use https.',
    );
  const issuer = r.string(['issuer'], rule);
  if (issuer && !r.has(['jwks'], rule) && !r.has(['jwksUri'], rule)) checkDiscovery(r, rule, issuer);
  if (r.value(['presence'], rule) === 'REQUIRED') {
    r.ctx.warning(
      r.rangeOf(['presence'], rule),
      'istio-request-authn',
      'No Istio release (1.31 and older) acts on presence: it comes from Istio\'s development branch, so a request without a token still passes. To insist on a token, add an AuthorizationPolicy that allows only requests with requestPrincipals: ["*"].',
    );
  }
  const jwks = r.string(['jwks'], rule);
  if (jwks && !isJwks(jwks))
    r.ctx.error(
      r.rangeOf(['jwks'], rule),
      'istio-request-authn',
      'jwks must be a JSON Web Key Set (a JSON object with a "keys" list) or a single JSON Web Key (with a "kty").',
    );
  for (const location of r.items(['fromHeaders'], rule)) {
    if (isNullItem(location)) error(location, 'A fromHeaders entry must not be null.');
    else if (isMap(location) && !r.has(['name'], location))
      r.ctx.error(r.rangeOf(['name'], location), 'istio-request-authn', 'A fromHeaders entry needs the name of the header.');
  }
  const headers = new Set<string>();
  for (const output of r.items(['outputClaimToHeaders'], rule)) {
    if (isNullItem(output)) {
      error(output, 'An outputClaimToHeaders entry must not be null.');
      continue;
    }
    const claim = r.value(['claim'], output);
    const header = r.value(['header'], output);
    // Empty or malformed values are refused by the schema; a missing claim or header by istiod.
    if (claim === '' || header === '') continue;
    if (!r.has(['claim'], output) || !r.has(['header'], output)) {
      error(output, 'An outputClaimToHeaders entry needs both a claim and the header to copy it into.');
      continue;
    }
    if (typeof header !== 'string' || !STRICT_HEADER.test(header)) continue;
    if (headers.has(header.toLowerCase()))
      r.ctx.warning(
        r.rangeOf(['header'], output),
        'istio-request-authn',
        `The header ${header} is already written by another claim; only one of the values reaches the request.`,
      );
    headers.add(header.toLowerCase());
  }
  const timeout = r.string(['timeout'], rule);
  const ms = timeout === undefined ? undefined : parseGoDuration(timeout);
  if (ms !== undefined) {
    const ns = Math.round(ms * 1e6);
    if (ns < 1e6) r.ctx.error(r.rangeOf(['timeout'], rule), 'istio-request-authn', `timeout must be at least 1ms (it is ${timeout}).`);
    else if (ns % 1e6 !== 0)
      r.ctx.error(r.rangeOf(['timeout'], rule), 'istio-request-authn', `timeout is kept to whole milliseconds only; ${timeout} has a finer part.`);
  }
}

/**
 * Without jwks or jwksUri, istiod fetches `<issuer>/.well-known/openid-configuration` (jwks_resolver.go
 * resolveJwksURIUsingOpenID), over http too; when that fails it gives the proxies a key set nobody
 * can sign for, so every token is refused.
 */
function checkDiscovery(r: ResourceView, rule: Node, issuer: string): void {
  const at = r.rangeOf(['issuer'], rule);
  const url = /^(https?):\/\/[^/\s]+/i.exec(issuer);
  if (!url)
    r.ctx.warning(
      at,
      'istio-request-authn',
      `Without jwks or jwksUri, istiod looks for the keys through OpenID discovery at ${issuer}/.well-known/openid-configuration, and this issuer is not an http(s) URL: it finds no keys, and every token is refused with 401. Set jwksUri or jwks.`,
    );
  else if (url[1].toLowerCase() === 'http')
    r.ctx.warning(
      at,
      'istio-request-authn',
      "Without jwks or jwksUri, istiod finds the keys through OpenID discovery at this issuer over plain http: whoever can change that traffic chooses which keys sign valid tokens. Use the issuer's https URL, or set jwksUri to an https URL.",
    );
}

/** A key set or a single key, the two forms the JWK parser istiod uses reads. */
function isJwks(text: string): boolean {
  try {
    const value = JSON.parse(text) as { keys?: unknown; kty?: unknown };
    return typeof value === 'object' && value !== null && (Array.isArray(value.keys) || typeof value.kty === 'string');
  } catch {
    return false;
  }
}

// PeerAuthentication's port-level checks are all in its CRD (schema bounds and a CEL rule); istiod
// adds only the annotation check.
const peerAuthentication: Rule = (r) => checkAnnotations(r);

export const ISTIO_SECURITY_RULES: Record<string, Rule[]> = {
  'security.istio.io/AuthorizationPolicy': [authorizationPolicy, fieldReleases],
  'security.istio.io/RequestAuthentication': [requestAuthentication, fieldReleases],
  'security.istio.io/PeerAuthentication': [peerAuthentication],
};

const TARGET_REF_KINDS = { 'spec.targetRef.kind': TARGET_KIND_VALUES, 'spec.targetRefs.*.kind': TARGET_KIND_VALUES };

/** Values the webhook alone limits, by kind and field path (`*` for any list item), for completion. */
export const ISTIO_CLOSED_SETS: Record<string, Record<string, readonly string[]>> = {
  'security.istio.io/AuthorizationPolicy': { ...TARGET_REF_KINDS, 'spec.rules.*.when.*.key': CONDITION_KEY_VALUES },
  'security.istio.io/RequestAuthentication': TARGET_REF_KINDS,
};
