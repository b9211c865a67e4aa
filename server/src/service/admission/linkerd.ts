import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { spiffeIdProblem } from '../../../../common/src/identity/spiffe';
import { cidrContains, parseCidr } from '../../../../common/src/net/cidr';
import { parseGoDuration } from '../../../../common/src/time/goDuration';
import { atLeast } from '../../../../common/src/versions';
import type { ResourceView, Rule } from './resourceView';

// The Linkerd policy controller's admission rules (policy-controller/runtime/src/admission.rs and
// validation.rs), for what the CRD schemas leave to the webhook.

/** Linkerd accepts a SPIFFE ID or a DNS-like identity, whose first label alone may be "*". */
const LINKERD_DNS_IDENTITY = /^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function linkerdIdentityProblem(identity: string): string | undefined {
  if (identity.startsWith('spiffe://')) return spiffeIdProblem(identity);
  if (LINKERD_DNS_IDENTITY.test(identity)) return undefined;
  return 'it must be a SPIFFE ID (spiffe://trust-domain/path) or a DNS-like name such as web.shop.serviceaccount.identity.linkerd.cluster.local, whose first label alone may be *';
}

const meshTlsIdentities: Rule = (r) => {
  for (const item of r.items(['spec', 'identities'])) {
    if (!isScalar(item) || typeof item.value !== 'string' || r.ctx.isTemplated(item)) continue;
    const problem = linkerdIdentityProblem(item.value);
    if (problem) r.ctx.error(r.valueRange(item), 'linkerd-identity', `"${item.value}" is not a Linkerd identity: ${problem}.`);
  }
  for (const ref of r.items(['spec', 'identityRefs'])) {
    // The CRD leaves name optional, but the webhook reads every reference with a name and refuses one without.
    if (isMap(ref) && !r.has(['name'], ref))
      r.ctx.error(
        r.rangeOf(['kind'], ref),
        'linkerd-identity',
        'An identityRefs entry needs a name: the policy controller refuses one without (name a ServiceAccount, or use kind Namespace for all of its accounts).',
      );
    if (!readableRef(r, ref)) continue;
    if (!refersTo(r, ref, SERVICE_ACCOUNT) && !refersTo(r, ref, NAMESPACE)) {
      r.ctx.error(
        r.rangeOf(['kind'], ref),
        'linkerd-identity',
        `identityRefs may name a ServiceAccount or a Namespace (core group), not ${qualifiedKind(r, ref)}.`,
      );
    }
    if (refersTo(r, ref, NAMESPACE) && r.has(['namespace'], ref)) {
      r.ctx.error(
        r.rangeOf(['namespace'], ref),
        'linkerd-identity',
        'A Namespace is cluster-scoped: an identityRefs entry of kind Namespace cannot set namespace.',
      );
    }
  }
};

/** A kind as Linkerd names it: an empty or absent group is the core group. */
interface GroupKind {
  group: string;
  kind: string;
}

const LINKERD = 'policy.linkerd.io';
const GATEWAY = 'gateway.networking.k8s.io';
const SERVER: GroupKind = { group: LINKERD, kind: 'Server' };
const NAMESPACE: GroupKind = { group: 'core', kind: 'Namespace' };
const SERVICE_ACCOUNT: GroupKind = { group: 'core', kind: 'ServiceAccount' };
const MESH_TLS_AUTHN: GroupKind = { group: LINKERD, kind: 'MeshTLSAuthentication' };
const NETWORK_AUTHN: GroupKind = { group: LINKERD, kind: 'NetworkAuthentication' };
const AUTHORIZATION_TARGETS: GroupKind[] = [
  SERVER,
  NAMESPACE,
  { group: LINKERD, kind: 'HTTPRoute' },
  { group: GATEWAY, kind: 'HTTPRoute' },
  { group: GATEWAY, kind: 'GRPCRoute' },
];

/**
 * Whether a reference's group and kind name a kind, compared as the policy controller does:
 * without regard to case, and with an absent or empty group read as core.
 */
function refersTo(r: ResourceView, ref: Node | undefined, wanted: GroupKind): boolean {
  const kind = r.string(['kind'], ref);
  const group = r.string(['group'], ref) || 'core';
  return kind !== undefined && kind.toLowerCase() === wanted.kind.toLowerCase() && group.toLowerCase() === wanted.group.toLowerCase();
}

/** A reference's kind with its group, as the messages name it. */
function qualifiedKind(r: ResourceView, ref: Node | undefined): string {
  const kind = r.string(['kind'], ref) ?? '';
  const group = r.string(['group'], ref);
  return group ? `${kind}.${group}` : kind;
}

/** Whether the reference's group and kind can be read (not absent or templated). */
function readableRef(r: ResourceView, ref: Node | undefined): boolean {
  return r.string(['kind'], ref) !== undefined && (!r.has(['group'], ref) || r.string(['group'], ref) !== undefined);
}

const authorizationPolicy: Rule = (r) => {
  const target = r.node(['spec', 'targetRef']);
  if (target && readableRef(r, target) && !AUTHORIZATION_TARGETS.some((kind) => refersTo(r, target, kind))) {
    r.ctx.error(
      r.rangeOf(['kind'], target),
      'linkerd-target',
      `An AuthorizationPolicy can target a Server or HTTPRoute (group policy.linkerd.io), an HTTPRoute or GRPCRoute (group gateway.networking.k8s.io), or a Namespace (core group); the policy controller refuses ${qualifiedKind(r, target)}.`,
    );
  }
  const targetName = r.string(['spec', 'targetRef', 'name']);
  if (target && refersTo(r, target, NAMESPACE) && targetName !== undefined && r.namespace !== undefined && targetName !== r.namespace) {
    r.ctx.error(
      r.rangeOf(['spec', 'targetRef', 'name']),
      'linkerd-target',
      `An AuthorizationPolicy in namespace ${r.namespace} cannot target another namespace (${targetName}).`,
    );
  }
  const refs = r.items(['spec', 'requiredAuthenticationRefs']).filter((ref) => readableRef(r, ref));
  const of = (kind: GroupKind) => refs.filter((ref) => refersTo(r, ref, kind));
  for (const kind of [MESH_TLS_AUTHN, SERVICE_ACCOUNT, NETWORK_AUTHN]) {
    const nodes = of(kind);
    if (nodes.length > 1)
      r.ctx.error(
        r.rangeOf(['kind'], nodes[1]),
        'linkerd-authentication-refs',
        `At most one ${kind.kind} may be required; list several identities or networks in one ${kind.kind} instead.`,
      );
  }
  const meshTls = of(MESH_TLS_AUTHN);
  const serviceAccounts = of(SERVICE_ACCOUNT);
  if (meshTls.length && serviceAccounts.length) {
    r.ctx.error(
      r.rangeOf(['kind'], serviceAccounts[0]),
      'linkerd-authentication-refs',
      'A MeshTLSAuthentication and a ServiceAccount may not be required together; name the service account in the MeshTLSAuthentication.',
    );
  }
  for (const ref of refs) {
    if (![MESH_TLS_AUTHN, NETWORK_AUTHN, SERVICE_ACCOUNT].some((kind) => refersTo(r, ref, kind))) {
      r.ctx.error(
        r.rangeOf(['kind'], ref),
        'linkerd-authentication-refs',
        `Unsupported authentication kind ${qualifiedKind(r, ref)}: use MeshTLSAuthentication or NetworkAuthentication (group policy.linkerd.io) or ServiceAccount (core group).`,
      );
    }
  }
};

/** For each network: a valid CIDR, and exceptions inside it that do not cover all of it. */
function checkNetworks(r: ResourceView, networks: Node[]): void {
  for (const network of networks) {
    const cidrText = r.string(['cidr'], network);
    if (cidrText === undefined) continue;
    const cidr = parseCidr(cidrText);
    if (!cidr) {
      r.ctx.error(
        r.valueRange(r.node(['cidr'], network)!),
        'linkerd-network',
        `"${cidrText}" is not an IP network (write 10.0.0.0/8, 192.168.1.7 or fd00::/8).`,
      );
      continue;
    }
    for (const except of r.items(['except'], network)) {
      const text = isScalar(except) && typeof except.value === 'string' ? except.value : undefined;
      if (text === undefined || r.ctx.isTemplated(except)) continue;
      const excluded = parseCidr(text);
      if (!excluded) r.ctx.error(r.valueRange(except), 'linkerd-network', `"${text}" is not an IP network.`);
      else if (!cidrContains(cidr, excluded)) r.ctx.error(r.valueRange(except), 'linkerd-network', `The exception ${text} is not inside ${cidrText}.`);
      else if (cidrContains(excluded, cidr))
        r.ctx.error(r.valueRange(except), 'linkerd-network', `The exception ${text} removes all of ${cidrText}, so the network allows nothing.`);
    }
  }
}

/** EgressNetwork arrived in Linkerd 2.17 (its CRD is not installed before). */
const egressNetworkRelease: Rule = (r) => {
  if (!atLeast(r.ctx.versions.linkerd, '2.17'))
    r.ctx.error(
      r.kindRange(),
      'linkerd-network',
      `EgressNetwork arrived in Linkerd 2.17; Linkerd ${r.ctx.versions.linkerd} has no such resource, so the API server refuses it.`,
    );
};

/** Both kinds refuse a written but empty list of networks (an absent one is the schema's business). */
function networksOf(kind: string): Rule {
  return (r) => {
    const networks = r.node(['spec', 'networks']);
    if (isSeq(networks) && networks.items.length === 0)
      r.ctx.error(r.rangeOf(['spec', 'networks']), 'linkerd-network', `A ${kind} needs at least one network; the policy controller refuses an empty list.`);
    checkNetworks(r, r.items(['spec', 'networks']));
  };
}

const PROXY_PROTOCOLS = ['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS'];
const DEFAULT_POLICIES = ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'];

const server: Rule = (r) => {
  const protocol = r.node(['spec', 'proxyProtocol']);
  if (isScalar(protocol) && typeof protocol.value === 'string' && !r.ctx.isTemplated(protocol) && !PROXY_PROTOCOLS.includes(protocol.value)) {
    const match = PROXY_PROTOCOLS.find((p) => p.toLowerCase() === String(protocol.value).toLowerCase());
    r.ctx.error(
      r.valueRange(protocol),
      'linkerd-server',
      `"${protocol.value}" is not a proxy protocol. Use one of: ${PROXY_PROTOCOLS.join(', ')}.`,
      match ? { title: `Change to ${match}`, replacement: match } : undefined,
    );
  }
  const access = r.node(['spec', 'accessPolicy']);
  if (access && !atLeast(r.ctx.versions.linkerd, '2.16')) {
    r.ctx.error(
      r.rangeOf(['spec', 'accessPolicy']),
      'linkerd-server',
      `accessPolicy arrived with Server v1beta3 in Linkerd 2.16; Linkerd ${r.ctx.versions.linkerd} does not have it, and refuses whatever no policy on the Server admits.`,
    );
    return;
  }
  if (isScalar(access) && typeof access.value === 'string' && !r.ctx.isTemplated(access) && !DEFAULT_POLICIES.includes(access.value)) {
    r.ctx.error(r.valueRange(access), 'linkerd-server', `"${access.value}" is not a default policy. Use one of: ${DEFAULT_POLICIES.join(', ')}.`);
  }
};

const serverAuthorization: Rule = (r) => {
  const client = ['spec', 'client'];
  if (r.has([...client, 'meshTLS']) && r.value([...client, 'unauthenticated']) === true) {
    r.ctx.error(r.rangeOf([...client, 'unauthenticated']), 'linkerd-server-authorization', 'client.unauthenticated cannot be true when client.meshTLS is set.');
  }
  const meshTls = [...client, 'meshTLS'];
  if (
    r.value([...meshTls, 'unauthenticatedTLS']) === true &&
    r.items([...meshTls, 'identities']).length + r.items([...meshTls, 'serviceAccounts']).length > 0
  ) {
    r.ctx.error(
      r.rangeOf([...meshTls, 'unauthenticatedTLS']),
      'linkerd-server-authorization',
      'meshTLS.unauthenticatedTLS cannot be true together with identities or serviceAccounts.',
    );
  }
  // Its identities are left to the CRD's pattern (DNS-like names only, no SPIFFE IDs): the webhook does not check them.
  checkNetworks(r, r.items([...client, 'networks']));
};

/** Exact and PathPrefix matches (the default type) must be absolute; a RegularExpression need not be. */
const ABSOLUTE_PATH_TYPES = new Set(['Exact', 'PathPrefix', undefined]);

const httpRoute: Rule = (r) => {
  r.items(['spec', 'parentRefs']).forEach((parent) => {
    if (refersTo(r, parent, { group: LINKERD, kind: 'EgressNetwork' }) && !r.has(['port'], parent)) {
      r.ctx.error(r.rangeOf(['kind'], parent), 'linkerd-route', 'A route attached to an EgressNetwork must name the port it applies to (parentRefs[].port).');
    }
  });
  r.items(['spec', 'rules']).forEach((rule) => {
    for (const match of r.items(['matches'], rule)) {
      const path = r.string(['path', 'value'], match);
      const type = r.has(['path', 'type'], match) ? (r.string(['path', 'type'], match) ?? 'templated') : undefined;
      if (path !== undefined && ABSOLUTE_PATH_TYPES.has(type) && !path.startsWith('/'))
        r.ctx.error(r.rangeOf(['path', 'value'], match), 'linkerd-route', `The path match "${path}" must be absolute (start with /).`);
    }
    for (const filter of r.items(['filters'], rule)) {
      const path = r.node(['requestRedirect', 'path'], filter);
      if (!isMap(path) || r.ctx.isTemplated(path)) continue;
      const full = r.node(['replaceFullPath'], path);
      const prefix = r.node(['replacePrefixMatch'], path);
      const redirect = full ? r.string(['replaceFullPath'], path) : r.string(['replacePrefixMatch'], path);
      if (!full && !prefix)
        r.ctx.error(r.rangeOf(['requestRedirect', 'path'], filter), 'linkerd-route', 'A redirect path must set replaceFullPath or replacePrefixMatch.');
      else if (redirect !== undefined && !redirect.startsWith('/'))
        r.ctx.error(r.rangeOf(['requestRedirect', 'path'], filter), 'linkerd-route', `The redirect path "${redirect}" must be absolute (start with /).`);
    }
    for (const backend of r.items(['backendRefs'], rule)) {
      const port = r.value(['port'], backend);
      const group = r.has(['group'], backend) ? r.string(['group'], backend) : '';
      const kind = r.has(['kind'], backend) ? r.string(['kind'], backend) : 'Service';
      const service = (group === '' || group === 'core') && kind === 'Service';
      // The webhook checks this for Gateway API routes only; Linkerd's own HTTPRoute is admitted, but the proxy cannot send to a Service without a port.
      if (service && (!r.has(['port'], backend) || port === 0))
        r.ctx.warning(
          r.rangeOf(['name'], backend),
          'linkerd-route',
          'A backendRef to a Service should give its port: the proxy cannot send to a Service without one.',
        );
    }
    checkTimeouts(r, rule);
  });
};

/** Timeouts may not be negative, and a backend request may not outlast the whole request. */
function checkTimeouts(r: ResourceView, rule: Node): void {
  const read = (field: string) => {
    const text = r.string(['timeouts', field], rule);
    const ms = text === undefined ? undefined : parseGoDuration(text);
    if (ms !== undefined && text!.startsWith('-'))
      r.ctx.error(r.rangeOf(['timeouts', field], rule), 'linkerd-route', `The ${field} timeout (${text}) cannot be negative.`);
    return ms;
  };
  const request = read('request');
  const backendRequest = read('backendRequest');
  if (request !== undefined && backendRequest !== undefined && request >= 0 && backendRequest > request) {
    r.ctx.error(
      r.rangeOf(['timeouts', 'backendRequest'], rule),
      'linkerd-route',
      `The backendRequest timeout cannot be longer than the request timeout (${r.string(['timeouts', 'request'], rule)}).`,
    );
  }
}

const rateLimitPolicy: Rule = (r) => {
  const target = r.node(['spec', 'targetRef']);
  if (target && readableRef(r, target) && !refersTo(r, target, SERVER))
    r.ctx.error(
      r.rangeOf(['kind'], target),
      'linkerd-rate-limit',
      `An HTTPLocalRateLimitPolicy targets a Server (group policy.linkerd.io), not ${qualifiedKind(r, target)}.`,
    );
  const total = r.value(['spec', 'total', 'requestsPerSecond']);
  if (typeof total === 'number' && total <= 0)
    r.ctx.error(r.rangeOf(['spec', 'total', 'requestsPerSecond']), 'linkerd-rate-limit', 'total.requestsPerSecond must be greater than 0.');
  const limitOf = (path: Array<string | number>, from?: Node) => {
    const value = r.value(path, from);
    if (typeof value !== 'number') return;
    if (value <= 0) r.ctx.error(r.rangeOf(path, from), 'linkerd-rate-limit', 'requestsPerSecond must be greater than 0.');
    else if (typeof total === 'number' && value > total)
      r.ctx.error(r.rangeOf(path, from), 'linkerd-rate-limit', `requestsPerSecond (${value}) cannot exceed total.requestsPerSecond (${total}).`);
  };
  limitOf(['spec', 'identity', 'requestsPerSecond']);
  for (const override of r.items(['spec', 'overrides'])) {
    limitOf(['requestsPerSecond'], override);
    for (const ref of r.items(['clientRefs'], override)) {
      if (readableRef(r, ref) && !refersTo(r, ref, SERVICE_ACCOUNT))
        r.ctx.error(
          r.rangeOf(['kind'], ref),
          'linkerd-rate-limit',
          `Override clientRefs must name a ServiceAccount (core group), not ${qualifiedKind(r, ref)}.`,
        );
    }
  }
};

/**
 * Values the webhook alone limits (the CRDs type these fields as free strings), by kind and field
 * path, so that completion can offer them as it offers a schema's enum.
 */
export const LINKERD_CLOSED_SETS: Record<string, Record<string, readonly string[]>> = {
  'policy.linkerd.io/Server': { 'spec.proxyProtocol': PROXY_PROTOCOLS, 'spec.accessPolicy': DEFAULT_POLICIES },
};

export const LINKERD_RULES: Record<string, Rule[]> = {
  'policy.linkerd.io/MeshTLSAuthentication': [meshTlsIdentities],
  'policy.linkerd.io/AuthorizationPolicy': [authorizationPolicy],
  'policy.linkerd.io/NetworkAuthentication': [networksOf('NetworkAuthentication')],
  'policy.linkerd.io/EgressNetwork': [egressNetworkRelease, networksOf('EgressNetwork')],
  'policy.linkerd.io/Server': [server],
  'policy.linkerd.io/ServerAuthorization': [serverAuthorization],
  'policy.linkerd.io/HTTPRoute': [httpRoute],
  'policy.linkerd.io/HTTPLocalRateLimitPolicy': [rateLimitPolicy],
};
