import { isScalar, type Node } from 'yaml';
import { spiffeIdProblem } from '../../../../common/src/identity/spiffe';
import { cidrContains, parseCidr } from '../../../../common/src/net/cidr';
import type { ResourceView, Rule } from './resourceView';

// The Linkerd policy controller's admission rules (policy-controller/runtime/src/admission.rs and
// validation.rs), for what the CRD schemas leave to the webhook.

/** Linkerd accepts a SPIFFE ID or a DNS-like identity, where a label may be "*". */
const LINKERD_DNS_IDENTITY = /^(\*|[a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function linkerdIdentityProblem(identity: string): string | undefined {
  if (identity.startsWith('spiffe://')) return spiffeIdProblem(identity);
  if (LINKERD_DNS_IDENTITY.test(identity)) return undefined;
  return 'it must be a SPIFFE ID (spiffe://trust-domain/path) or a DNS-like name such as web.shop.serviceaccount.identity.linkerd.cluster.local, where a label may be *';
}

const meshTlsIdentities: Rule = (r) => {
  for (const item of r.items(['spec', 'identities'])) {
    if (!isScalar(item) || typeof item.value !== 'string' || r.ctx.isTemplated(item)) continue;
    const problem = linkerdIdentityProblem(item.value);
    if (problem) r.ctx.error(r.valueRange(item), 'linkerd-identity', `"${item.value}" is not a Linkerd identity: ${problem}.`);
  }
  for (const ref of r.items(['spec', 'identityRefs'])) {
    const kind = r.string(['kind'], ref);
    if (kind !== undefined && kind !== 'ServiceAccount' && kind !== 'Namespace') {
      r.ctx.error(r.rangeOf(['kind'], ref), 'linkerd-identity', `identityRefs may name a ServiceAccount or a Namespace, not a ${kind}.`);
    }
    if (kind === 'Namespace' && r.has(['namespace'], ref)) {
      r.ctx.error(r.rangeOf(['namespace'], ref), 'linkerd-identity', 'A Namespace is cluster-scoped: an identityRefs entry of kind Namespace cannot set namespace.');
    }
  }
};

const AUTHORIZATION_TARGETS = new Set(['Server', 'HTTPRoute', 'GRPCRoute', 'Namespace']);

const authorizationPolicy: Rule = (r) => {
  const targetKind = r.string(['spec', 'targetRef', 'kind']);
  if (targetKind !== undefined && !AUTHORIZATION_TARGETS.has(targetKind)) {
    r.ctx.error(r.rangeOf(['spec', 'targetRef', 'kind']), 'linkerd-target', `An AuthorizationPolicy can target a Server, an HTTPRoute, a GRPCRoute or a Namespace, not a ${targetKind}.`);
  }
  const targetName = r.string(['spec', 'targetRef', 'name']);
  if (targetKind === 'Namespace' && targetName !== undefined && r.namespace !== undefined && targetName !== r.namespace) {
    r.ctx.error(r.rangeOf(['spec', 'targetRef', 'name']), 'linkerd-target', `An AuthorizationPolicy in namespace ${r.namespace} cannot target another namespace (${targetName}).`);
  }
  const refs = r.items(['spec', 'requiredAuthenticationRefs']);
  const byKind = new Map<string, Node[]>();
  for (const ref of refs) {
    const kind = r.string(['kind'], ref);
    if (kind === undefined) continue;
    byKind.set(kind, [...(byKind.get(kind) ?? []), ref]);
  }
  for (const [kind, nodes] of byKind) {
    if (!['MeshTLSAuthentication', 'NetworkAuthentication', 'ServiceAccount'].includes(kind)) {
      for (const node of nodes) r.ctx.error(r.rangeOf(['kind'], node), 'linkerd-authentication-refs', `Unsupported authentication kind ${kind}: use MeshTLSAuthentication, NetworkAuthentication or ServiceAccount.`);
    } else if (nodes.length > 1) {
      r.ctx.error(r.rangeOf(['kind'], nodes[1]), 'linkerd-authentication-refs', `At most one ${kind} may be required; list several identities or networks in one ${kind} instead.`);
    }
  }
  if (byKind.has('MeshTLSAuthentication') && byKind.has('ServiceAccount')) {
    r.ctx.error(r.rangeOf(['kind'], byKind.get('ServiceAccount')![0]), 'linkerd-authentication-refs', 'A MeshTLSAuthentication and a ServiceAccount may not be required together; name the service account in the MeshTLSAuthentication.');
  }
};

/** For each network: a valid CIDR, and exceptions inside it that do not cover all of it. */
function checkNetworks(r: ResourceView, networks: Node[]): void {
  for (const network of networks) {
    const cidrText = r.string(['cidr'], network);
    if (cidrText === undefined) continue;
    const cidr = parseCidr(cidrText);
    if (!cidr) {
      r.ctx.error(r.valueRange(r.node(['cidr'], network)!), 'linkerd-network', `"${cidrText}" is not an IP network (write 10.0.0.0/8, 192.168.1.7 or fd00::/8).`);
      continue;
    }
    for (const except of r.items(['except'], network)) {
      const text = isScalar(except) && typeof except.value === 'string' ? except.value : undefined;
      if (text === undefined || r.ctx.isTemplated(except)) continue;
      const excluded = parseCidr(text);
      if (!excluded) r.ctx.error(r.valueRange(except), 'linkerd-network', `"${text}" is not an IP network.`);
      else if (!cidrContains(cidr, excluded)) r.ctx.error(r.valueRange(except), 'linkerd-network', `The exception ${text} is not inside ${cidrText}.`);
      else if (cidrContains(excluded, cidr)) r.ctx.error(r.valueRange(except), 'linkerd-network', `The exception ${text} removes all of ${cidrText}, so the network allows nothing.`);
    }
  }
}

const networkAuthentication: Rule = (r) => checkNetworks(r, r.items(['spec', 'networks']));

const egressNetwork: Rule = (r) => {
  const networks = r.node(['spec', 'networks']);
  if (networks && r.items(['spec', 'networks']).length === 0) r.ctx.error(r.rangeOf(['spec', 'networks']), 'linkerd-network', 'An EgressNetwork needs at least one network.');
  checkNetworks(r, r.items(['spec', 'networks']));
};

const PROXY_PROTOCOLS = ['unknown', 'HTTP/1', 'HTTP/2', 'gRPC', 'opaque', 'TLS'];
const DEFAULT_POLICIES = ['all-unauthenticated', 'all-authenticated', 'cluster-unauthenticated', 'cluster-authenticated', 'deny', 'audit'];

const server: Rule = (r) => {
  const protocol = r.node(['spec', 'proxyProtocol']);
  if (isScalar(protocol) && typeof protocol.value === 'string' && !r.ctx.isTemplated(protocol) && !PROXY_PROTOCOLS.includes(protocol.value)) {
    const match = PROXY_PROTOCOLS.find((p) => p.toLowerCase() === String(protocol.value).toLowerCase());
    r.ctx.error(r.valueRange(protocol), 'linkerd-server', `"${protocol.value}" is not a proxy protocol. Use one of: ${PROXY_PROTOCOLS.join(', ')}.`, match ? { title: `Change to ${match}`, replacement: match } : undefined);
  }
  const access = r.node(['spec', 'accessPolicy']);
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
  if (r.value([...meshTls, 'unauthenticatedTLS']) === true && (r.has([...meshTls, 'identities']) || r.has([...meshTls, 'serviceAccounts']))) {
    r.ctx.error(r.rangeOf([...meshTls, 'unauthenticatedTLS']), 'linkerd-server-authorization', 'meshTLS.unauthenticatedTLS cannot be true together with identities or serviceAccounts.');
  }
  for (const item of r.items([...meshTls, 'identities'])) {
    if (!isScalar(item) || typeof item.value !== 'string' || r.ctx.isTemplated(item)) continue;
    const problem = linkerdIdentityProblem(item.value);
    if (problem) r.ctx.error(r.valueRange(item), 'linkerd-identity', `"${item.value}" is not a Linkerd identity: ${problem}.`);
  }
  checkNetworks(r, r.items([...client, 'networks']));
};

const httpRoute: Rule = (r) => {
  r.items(['spec', 'parentRefs']).forEach((parent) => {
    if (r.string(['kind'], parent) === 'EgressNetwork' && !r.has(['port'], parent)) {
      r.ctx.error(r.rangeOf(['kind'], parent), 'linkerd-route', 'A route attached to an EgressNetwork must name the port it applies to (parentRefs[].port).');
    }
  });
  r.items(['spec', 'rules']).forEach((rule) => {
    for (const match of r.items(['matches'], rule)) {
      const path = r.string(['path', 'value'], match);
      if (path !== undefined && !path.startsWith('/')) r.ctx.error(r.rangeOf(['path', 'value'], match), 'linkerd-route', `The path match "${path}" must be absolute (start with /).`);
    }
    for (const filter of r.items(['filters'], rule)) {
      const redirect = r.string(['requestRedirect', 'path', 'replaceFullPath'], filter) ?? r.string(['requestRedirect', 'path', 'replacePrefixMatch'], filter);
      if (redirect !== undefined && !redirect.startsWith('/')) r.ctx.error(r.rangeOf(['requestRedirect', 'path'], filter), 'linkerd-route', `The redirect path "${redirect}" must be absolute (start with /).`);
    }
    for (const backend of r.items(['backendRefs'], rule)) {
      const kind = r.string(['kind'], backend) ?? 'Service';
      const group = r.string(['group'], backend) ?? '';
      if (kind === 'Service' && group === '' && !r.has(['port'], backend)) {
        r.ctx.error(r.rangeOf(['name'], backend), 'linkerd-route', 'A backendRef to a Service must give its port.');
      }
    }
  });
};

const rateLimitPolicy: Rule = (r) => {
  const targetKind = r.string(['spec', 'targetRef', 'kind']);
  if (targetKind !== undefined && targetKind !== 'Server') r.ctx.error(r.rangeOf(['spec', 'targetRef', 'kind']), 'linkerd-rate-limit', `An HTTPLocalRateLimitPolicy targets a Server, not a ${targetKind}.`);
  const total = r.value(['spec', 'total', 'requestsPerSecond']);
  if (typeof total === 'number' && total <= 0) r.ctx.error(r.rangeOf(['spec', 'total', 'requestsPerSecond']), 'linkerd-rate-limit', 'total.requestsPerSecond must be greater than 0.');
  const limitOf = (path: Array<string | number>, from?: Node) => {
    const value = r.value(path, from);
    if (typeof value !== 'number') return;
    if (value <= 0) r.ctx.error(r.rangeOf(path, from), 'linkerd-rate-limit', 'requestsPerSecond must be greater than 0.');
    else if (typeof total === 'number' && value > total) r.ctx.error(r.rangeOf(path, from), 'linkerd-rate-limit', `requestsPerSecond (${value}) cannot exceed total.requestsPerSecond (${total}).`);
  };
  limitOf(['spec', 'identity', 'requestsPerSecond']);
  for (const override of r.items(['spec', 'overrides'])) {
    limitOf(['requestsPerSecond'], override);
    for (const ref of r.items(['clientRefs'], override)) {
      const kind = r.string(['kind'], ref);
      if (kind !== undefined && kind !== 'ServiceAccount') r.ctx.error(r.rangeOf(['kind'], ref), 'linkerd-rate-limit', `Override clientRefs must name a ServiceAccount, not a ${kind}.`);
    }
  }
};

export const LINKERD_RULES: Record<string, Rule[]> = {
  'policy.linkerd.io/MeshTLSAuthentication': [meshTlsIdentities],
  'policy.linkerd.io/AuthorizationPolicy': [authorizationPolicy],
  'policy.linkerd.io/NetworkAuthentication': [networkAuthentication],
  'policy.linkerd.io/EgressNetwork': [egressNetwork],
  'policy.linkerd.io/Server': [server],
  'policy.linkerd.io/ServerAuthorization': [serverAuthorization],
  'policy.linkerd.io/HTTPRoute': [httpRoute],
  'policy.linkerd.io/HTTPLocalRateLimitPolicy': [rateLimitPolicy],
};
