import { nestDocs, type KindDocs } from './fieldDoc';

// Linkerd's policy.linkerd.io kinds.

/** A Kubernetes label selector (`matchLabels`, `matchExpressions`) over the given objects. */
export function labelSelector(objects: string): KindDocs {
  return {
    matchLabels: {
      text: `Label pairs that ${objects} must all carry, each with exactly the given value. Combined with \`matchExpressions\` by AND.`,
      example: 'matchLabels:\n  app: web',
    },
    matchExpressions: {
      text: `Set-style label conditions on ${objects}. Every condition has to hold, together with \`matchLabels\`.`,
      example: 'matchExpressions:\n  - key: app\n    operator: In\n    values: [web, api]\n  - key: env\n    operator: NotIn\n    values: [dev]',
    },
    'matchExpressions[].key': { text: 'The label key this condition inspects.' },
    'matchExpressions[].operator': {
      text: 'How the label is compared with `values`.',
      values: {
        In: 'The label is present and its value is one of `values`.',
        NotIn: 'The label is missing, or its value is none of `values`.',
        Exists: 'The label is present with any value; leave `values` empty.',
        DoesNotExist: 'The label is missing; leave `values` empty.',
      },
    },
    'matchExpressions[].values': {
      text: 'Candidate label values for `In` and `NotIn`, which need at least one; `Exists` and `DoesNotExist` take none.',
    },
  };
}

/** `cidr` / `except` of a network list, for client sources or for egress destinations. */
function networkDocs(role: 'source' | 'destination'): KindDocs {
  const what = role === 'source' ? 'client source addresses' : 'outside destination addresses';
  return {
    cidr: {
      text: `A range of ${what} in CIDR notation, IPv4 or IPv6 (\`10.0.0.0/8\`, \`fd00::/8\`); a bare IP address stands for that one host. An unparsable value is rejected by the admission webhook.`,
      example: 'cidr: 10.0.0.0/8',
    },
    except: {
      text: 'Addresses or ranges cut out of `cidr`. The webhook rejects an entry that lies outside `cidr` or that covers the whole of it.',
      example: 'except:\n  - 10.0.42.0/24',
    },
  };
}

/** `name` / `value` pairs of a header modifier list. */
function headerPairs(list: string, target: string, verb: string): KindDocs {
  return {
    [`${list}[].name`]: { text: `Name of the ${target} header to ${verb}; header names are case-insensitive.` },
    [`${list}[].value`]: { text: `Value the ${target} header gets.` },
  };
}

/** A request or response header modifier filter. */
function headerModifier(target: 'request' | 'response'): KindDocs {
  const moment = target === 'request' ? 'before the request is forwarded' : 'before the response is handed back to the client';
  return {
    add: {
      text: `Headers appended to the ${target} ${moment}; values already present under the same name are kept alongside.`,
      example: 'add:\n  - name: x-route\n    value: canary',
    },
    ...headerPairs('add', target, 'append'),
    set: {
      text: `Headers written to the ${target} ${moment}, replacing whatever value it already had under that name.`,
      example: 'set:\n  - name: x-env\n    value: prod',
    },
    ...headerPairs('set', target, 'overwrite'),
    remove: {
      text: `Names of headers dropped from the ${target} ${moment} (case-insensitive).`,
      example: 'remove:\n  - x-debug',
    },
  };
}

const FILTER_TYPES: Record<string, string> = {
  RequestHeaderModifier: 'Add, overwrite or delete request headers; configure it in `requestHeaderModifier`.',
  ResponseHeaderModifier: 'Add, overwrite or delete headers of the response coming back; configure it in `responseHeaderModifier`.',
  RequestRedirect: 'Answer with an HTTP redirect instead of forwarding the request; configure it in `requestRedirect`.',
};

/** An HTTPRoute filter; rule-level filters lack ResponseHeaderModifier in Linkerd's CRD. */
function filterDocs(withResponse: boolean): KindDocs {
  const types = withResponse ? FILTER_TYPES : { RequestHeaderModifier: FILTER_TYPES.RequestHeaderModifier, RequestRedirect: FILTER_TYPES.RequestRedirect };
  return {
    type: {
      text: 'Which kind of filter this entry is. Fill in only the one settings field that belongs to that kind.',
      values: types,
      example: 'type: RequestHeaderModifier',
    },
    requestHeaderModifier: {
      text: 'Header edits made to the request; goes with `type: RequestHeaderModifier`.',
      example: 'requestHeaderModifier:\n  set:\n    - name: x-tenant\n      value: blue\n  remove: [x-internal]',
    },
    ...nestDocs('requestHeaderModifier', headerModifier('request')),
    ...(withResponse
      ? {
          responseHeaderModifier: {
            text: 'Header edits made to the response; goes with `type: ResponseHeaderModifier`.',
            example: 'responseHeaderModifier:\n  add:\n    - name: cache-control\n      value: no-store',
          },
          ...nestDocs('responseHeaderModifier', headerModifier('response')),
        }
      : {}),
    requestRedirect: {
      text: 'The redirect sent back in place of forwarding; goes with `type: RequestRedirect`. Any part of the `Location` URL left unset is taken over from the original request.',
      example: 'requestRedirect:\n  scheme: https\n  statusCode: 301',
    },
    'requestRedirect.hostname': {
      text: 'Host name written into the `Location` header.',
      default: 'The host of the original request.',
    },
    'requestRedirect.path': {
      text: 'How the path of the `Location` URL is derived from the request path.',
      default: 'The original path, unchanged.',
      example: 'path:\n  type: ReplacePrefixMatch\n  replacePrefixMatch: /v2',
    },
    'requestRedirect.path.type': {
      text: 'Which path rewrite to apply; set the field of the same name next to it.',
      values: {
        ReplaceFullPath: 'Throw the original path away and use `replaceFullPath`.',
        ReplacePrefixMatch:
          "Swap the part matched by the rule's `PathPrefix` match for `replacePrefixMatch` and keep the remainder (`/old/a` with prefix `/old` becomes `/new/a`).",
      },
    },
    'requestRedirect.path.replaceFullPath': {
      text: 'The complete new path, for `type: ReplaceFullPath`. It has to start with `/`; the webhook refuses relative paths.',
      example: 'replaceFullPath: /maintenance',
    },
    'requestRedirect.path.replacePrefixMatch': {
      text: 'The prefix put in place of the matched one, for `type: ReplacePrefixMatch`; only meaningful with a `PathPrefix` match. It has to start with `/`.',
      example: 'replacePrefixMatch: /v2',
    },
    'requestRedirect.port': {
      text: 'Port written into the `Location` header.',
      default: 'The port of the original request; when `scheme` changes, its usual port (80 for http, 443 for https).',
    },
    'requestRedirect.scheme': {
      text: 'Scheme of the `Location` URL.',
      values: {
        http: 'Send the client to a plain HTTP URL.',
        https: 'Send the client to an HTTPS URL, the usual way to force TLS at the edge.',
      },
      default: 'The scheme of the original request.',
    },
    'requestRedirect.statusCode': {
      text: 'HTTP status of the redirect response.',
      values: {
        '301': 'Moved Permanently: browsers and caches may remember the new location for good.',
        '302': 'Found, a temporary redirect (the CRD default): clients keep asking for the original URL next time.',
      },
    },
  };
}

/** One entry of an HTTPRoute rule's `matches`. */
const MATCH_DOCS: KindDocs = {
  path: {
    text: 'Condition on the request path. Without it every path matches (`PathPrefix` of `/`).',
    example: 'path:\n  type: PathPrefix\n  value: /api',
  },
  'path.type': {
    text: 'How `value` is compared with the request path.',
    values: {
      Exact: 'The path has to equal `value` character for character.',
      PathPrefix:
        'The path has to begin with `value`, compared by whole `/`-separated segments: `/api` takes `/api` and `/api/users` but not `/apis`. A trailing `/` in `value` makes no difference.',
      RegularExpression: 'The path has to match `value` as a regular expression (the proxy uses Rust `regex` syntax).',
    },
  },
  'path.value': {
    text: 'The path, prefix or pattern to compare with. For `Exact` and `PathPrefix` (the default) it must be absolute (begin with `/`), or the webhook refuses it; a `RegularExpression` need not start with `/` but must be a valid pattern.',
    example: 'value: /api',
  },
  headers: {
    text: 'Request header conditions, all of which must hold for the entry to match.',
    example: 'headers:\n  - name: x-canary\n    value: "true"',
  },
  'headers[].name': { text: 'Header to inspect, compared without regard to case. If two entries name the same header, the later one is ignored.' },
  'headers[].type': {
    text: 'How the header value is compared with `value`.',
    values: {
      Exact: 'The header value has to equal `value`.',
      RegularExpression: 'The header value has to match `value` as a regular expression.',
    },
  },
  'headers[].value': { text: 'The expected header value, or the pattern for `RegularExpression`.' },
  queryParams: {
    text: 'Query-string conditions, all of which must hold for the entry to match.',
    example: 'queryParams:\n  - name: version\n    value: "2"',
  },
  'queryParams[].name': { text: 'Query parameter to inspect; its name is compared exactly, case included.' },
  'queryParams[].type': {
    text: 'How the parameter value is compared with `value`.',
    values: {
      Exact: 'The parameter value has to equal `value`.',
      RegularExpression: 'The parameter value has to match `value` as a regular expression.',
    },
  },
  'queryParams[].value': { text: 'The expected parameter value, or the pattern for `RegularExpression`.' },
  method: {
    text: 'Only requests with this HTTP method match. On a route attached to a Server this is how you authorize, say, reads but not writes.',
    values: {
      GET: 'Fetch a resource.',
      HEAD: 'Like GET, but the response carries headers only.',
      POST: 'Submit data or create something.',
      PUT: 'Store or replace a resource as a whole.',
      DELETE: 'Remove a resource.',
      CONNECT: 'Ask for a tunnel to another host (used through HTTP proxies).',
      OPTIONS: 'Ask what the target supports, e.g. a CORS preflight.',
      TRACE: 'Diagnostic loop-back that echoes the request.',
      PATCH: 'Change part of a resource.',
    },
    example: 'method: GET',
  },
};

const SERVER: KindDocs = {
  spec: {
    text: "Names one port on a set of pods (or ExternalWorkloads) of this namespace so that policy can be attached to it. Once a Server covers a port, only traffic that an AuthorizationPolicy or ServerAuthorization admits gets through, the rest follows `accessPolicy` (`deny` unless set: HTTP requests are refused with 403, other connections are closed). The kubelet's HTTP probes of the pod's probe paths are still admitted while no HTTPRoute is attached to the Server, unless `proxyProtocol` is `gRPC`, `opaque` or `TLS`. Ports without a Server follow the default inbound policy (`config.linkerd.io/default-inbound-policy`, `all-unauthenticated` unless changed at install). Two Servers may describe the same port of the same pod, but only the older one (by creation time, then name) applies to it. `v1alpha1` and `v1beta1` are deprecated, `v1beta3` is the stored version.",
    older: [
      { project: 'linkerd', since: '2.16', text: 'There is no `accessPolicy` (nor `v1beta3`): traffic on a Server that no policy admits is always refused.' },
      {
        project: 'linkerd',
        since: '2.18',
        text: "The admission webhook refuses a Server whose `port` equals another Server's and whose selector is the same or either selects every pod; overlaps it does not see are settled in no defined order.",
      },
    ],
  },
  'spec.podSelector': {
    text: "The pods of the Server's namespace whose `port` it governs. An empty selector (`{}`) takes every pod in the namespace. From `v1beta2` on, set exactly one of `podSelector` and `externalWorkloadSelector`; `v1alpha1` also insists on `matchLabels` or `matchExpressions`.",
    example: 'podSelector:\n  matchLabels:\n    app: web',
  },
  ...nestDocs('spec.podSelector', labelSelector('the pods')),
  'spec.externalWorkloadSelector': {
    text: 'Selects ExternalWorkload resources of this namespace (machines outside Kubernetes that joined the mesh) instead of pods. Only `v1beta2` and later have it; use it or `podSelector`, not both.',
    example: 'externalWorkloadSelector:\n  matchLabels:\n    app: legacy-db',
  },
  ...nestDocs('spec.externalWorkloadSelector', labelSelector('the ExternalWorkloads')),
  'spec.port': {
    text: 'The workload port this Server governs: a number, or the name of a port declared in the pod spec (`ports[].name`). A name can select a different number on each pod, and a port must be declared in the pod spec to be picked up.',
    example: 'port: http',
  },
  'spec.proxyProtocol': {
    text: [
      'How the inbound proxy handles connections on this port; for this port it takes the place of the `config.linkerd.io/opaque-ports` annotation. The CRD accepts any string, but the admission webhook only takes these:',
      '- `unknown` (default): sniff the first bytes to tell HTTP/1, HTTP/2 and plain TCP apart. Protocols where the server talks first (MySQL, SMTP) stall until detection times out, so mark those `opaque`.',
      '- `HTTP/1`, `HTTP/2`, `gRPC`: skip detection and treat the traffic as that protocol, so per-request policy and routes apply at once.',
      '- `opaque`: skip detection and pass the bytes through as TCP. Meshed peers still use mTLS, but only connection-level policy can apply.',
      '- `TLS`: the application speaks its own TLS; the proxy skips detection and forwards the stream without terminating it.',
    ].join('\n'),
    example: 'proxyProtocol: opaque',
  },
  'spec.accessPolicy': {
    text: [
      'What happens to traffic on this Server that no AuthorizationPolicy or ServerAuthorization admits (`v1beta3` only; earlier versions always deny it). It takes the names of the default inbound policies:',
      '- `deny` (default): refuse it.',
      '- `audit`: let it in but flag it in proxy logs and metrics; handy for trying a policy out before enforcing it.',
      '- `all-unauthenticated`: let every client in, meshed or not.',
      '- `all-authenticated`: let in clients with a mesh mTLS identity, including ones from linked clusters.',
      '- `cluster-unauthenticated`: let in any client whose address is in the cluster networks.',
      '- `cluster-authenticated`: let in meshed clients from the cluster networks only.',
    ].join('\n'),
    example: 'accessPolicy: audit',
    older: [{ project: 'linkerd', since: '2.16', text: 'This field and the `audit` policy do not exist yet; traffic no policy admits is refused.' }],
  },
};

const SERVER_AUTHORIZATION: KindDocs = {
  spec: {
    text: 'Admits the described clients to whole Servers of its namespace (every request on the port). It still works: `v1beta1` is served and stored, only `v1alpha1` is deprecated. The newer AuthorizationPolicy, with a MeshTLSAuthentication and a NetworkAuthentication, says the same and can also target single routes.',
  },
  'spec.server': {
    text: 'The Servers of this namespace that the authorization opens up. Give exactly one of `name` and `selector`.',
    example: 'server:\n  name: web-http',
  },
  'spec.server.name': {
    text: 'Name of a single Server in the same namespace.',
    example: 'name: web-http',
  },
  'spec.server.selector': {
    text: 'Picks Servers by the labels on the Server objects themselves (not on the pods), so that one authorization can cover several ports or workloads.',
    example: 'selector:\n  matchLabels:\n    tier: backend',
  },
  ...nestDocs('spec.server.selector', labelSelector('the Server objects')),
  'spec.client': {
    text: 'The clients to admit. Set either `unauthenticated: true` or `meshTLS`, never both (the webhook refuses the pair); `networks` narrows either choice by source address.',
    example: 'client:\n  meshTLS:\n    serviceAccounts:\n      - name: frontend',
  },
  'spec.client.networks': {
    text: 'Source address ranges this authorization is limited to; clients elsewhere get nothing from it. Left out, the policy controller uses the cluster networks, so callers from outside the cluster are not covered.',
    default:
      'The cluster networks (the `clusterNetworks` install setting: by default 10.0.0.0/8, 100.64.0.0/10, 172.16.0.0/12 and 192.168.0.0/16, plus fd00::/8 from Linkerd 2.16).',
    example: 'networks:\n  - cidr: 10.0.0.0/8\n    except: [10.0.99.0/24]',
  },
  ...nestDocs('spec.client.networks[]', networkDocs('source')),
  'spec.client.unauthenticated': {
    text: 'When `true`, admit clients without looking at identity: plaintext connections from unmeshed workloads as well as meshed ones. Cannot be combined with `meshTLS`.',
    default: '`false`',
    example: 'unauthenticated: true',
  },
  'spec.client.meshTLS': {
    text: "Admit only clients that arrive over Linkerd's mutual TLS. Name them in `identities` and/or `serviceAccounts`, or set `unauthenticatedTLS`; if it names no one at all, the policy controller discards the authorization.",
    example: 'meshTLS:\n  identities:\n    - "*.shop.serviceaccount.identity.linkerd.cluster.local"',
  },
  'spec.client.meshTLS.identities': {
    text: 'Client proxy identities to admit, spelled `<serviceaccount>.<namespace>.serviceaccount.identity.<control-plane-namespace>.<trust-domain>` (by default `linkerd` and `cluster.local`). A leading `*.` matches every name under that suffix, e.g. `*.shop.serviceaccount.identity.linkerd.cluster.local` for all accounts in `shop`, and a lone `*` admits any authenticated mesh client. The API server accepts only such lower-case DNS-like names here (no SPIFFE IDs, unlike a MeshTLSAuthentication), whose first label alone may be `*`.',
    example: 'identities:\n  - web.shop.serviceaccount.identity.linkerd.cluster.local',
  },
  'spec.client.meshTLS.serviceAccounts': {
    text: "Client ServiceAccounts to admit; each one is turned into that account's exact mTLS identity, which saves spelling out `identities` by hand.",
    example: 'serviceAccounts:\n  - name: frontend\n  - name: prometheus\n    namespace: monitoring',
  },
  'spec.client.meshTLS.serviceAccounts[].name': { text: 'Name of a client ServiceAccount whose pods may connect.' },
  'spec.client.meshTLS.serviceAccounts[].namespace': {
    text: 'Namespace that ServiceAccount lives in.',
    default: 'The namespace of the ServerAuthorization.',
  },
  'spec.client.meshTLS.unauthenticatedTLS': {
    text: "When `true`, accept TLS connections whose client shows no identity. Meant for Linkerd's identity controller, whose callers have no certificate yet; the webhook refuses it alongside `identities` or `serviceAccounts`.",
    default: '`false`',
  },
};

const AUTHORIZATION_POLICY: KindDocs = {
  spec: {
    text: "Admits clients to a target (a Server, a route, or every Server and route of the namespace) when they pass all the referenced authentications. Without a NetworkAuthentication it admits them from any address (a ServerAuthorization without `networks` admits the cluster networks only). Traffic to a Server that no policy admits falls back to the Server's `accessPolicy` (`deny` unless set). The newer alternative to ServerAuthorization.",
    older: [{ project: 'linkerd', since: '2.16', text: 'Servers have no `accessPolicy`: traffic to a Server that no policy admits is refused.' }],
  },
  'spec.targetRef': {
    text: "What this policy opens up: a `Server` or `HTTPRoute` of `policy.linkerd.io`, an `HTTPRoute` or `GRPCRoute` of `gateway.networking.k8s.io`, or the policy's own `Namespace` (covering all its Servers and routes). Other kinds, such as a Deployment, are rejected.",
    example: 'targetRef:\n  group: policy.linkerd.io\n  kind: Server\n  name: web-http',
  },
  'spec.targetRef.group': {
    text: "API group of the target: `policy.linkerd.io` for Server and Linkerd's HTTPRoute, `gateway.networking.k8s.io` for Gateway API routes, empty for Namespace.",
    default: 'Empty, meaning the core group: right only for `kind: Namespace`.',
    example: 'group: policy.linkerd.io',
  },
  'spec.targetRef.kind': {
    text: 'Kind of the target: `Server`, `HTTPRoute`, `GRPCRoute` or `Namespace`.',
    example: 'kind: Server',
  },
  'spec.targetRef.name': {
    text: "Name of the target in the policy's namespace. With `kind: Namespace` it has to be that very namespace; naming another one is rejected.",
  },
  'spec.requiredAuthenticationRefs': {
    text: 'Authentications a client has to pass, every one of them. An empty list asks for nothing, so any client, meshed or not, is admitted; while a listed object does not exist, the policy has no effect at all. At most one MeshTLSAuthentication or one ServiceAccount (not both), and at most one NetworkAuthentication.',
    example: 'requiredAuthenticationRefs:\n  - group: policy.linkerd.io\n    kind: MeshTLSAuthentication\n    name: frontend-clients',
  },
  'spec.requiredAuthenticationRefs[].group': {
    text: '`policy.linkerd.io` for MeshTLSAuthentication and NetworkAuthentication; empty (core group) for ServiceAccount.',
  },
  'spec.requiredAuthenticationRefs[].kind': {
    text: "Kind of authentication: `MeshTLSAuthentication` (the client's mTLS identity must be in its list), `NetworkAuthentication` (the client's address must be in its networks) or `ServiceAccount` (the client must hold that account's mTLS identity). Other kinds are rejected.",
    example: 'kind: ServiceAccount',
  },
  'spec.requiredAuthenticationRefs[].name': { text: 'Name of the referenced authentication resource or ServiceAccount.' },
  'spec.requiredAuthenticationRefs[].namespace': {
    text: 'Namespace of the referenced object, so that one authentication can be shared by policies in several namespaces, or a ServiceAccount from elsewhere admitted.',
    default: "The AuthorizationPolicy's namespace.",
  },
};

const MESH_TLS_AUTHENTICATION: KindDocs = {
  spec: {
    text: 'A named set of mTLS client identities for an AuthorizationPolicy to require: a client passes if its proxy identity matches any entry, so only meshed clients can pass. Set exactly one of `identities` and `identityRefs`, with at least one item.',
  },
  'spec.identities': {
    text: 'Identity strings to accept: `<serviceaccount>.<namespace>.serviceaccount.identity.<control-plane-namespace>.<trust-domain>` (e.g. `web.shop.serviceaccount.identity.linkerd.cluster.local` with the default `linkerd` namespace and `cluster.local` trust domain), a `*.`-prefixed suffix such as `*.shop.serviceaccount.identity.linkerd.cluster.local` for a whole namespace, `*` for any authenticated client, or a SPIFFE ID (`spiffe://<trust-domain>/<path>`). The webhook rejects other forms, such as upper-case letters or a `*` in any but the first label.',
    example: 'identities:\n  - web.shop.serviceaccount.identity.linkerd.cluster.local\n  - "*.monitoring.serviceaccount.identity.linkerd.cluster.local"',
  },
  'spec.identityRefs': {
    text: "Kubernetes objects whose identities are accepted, instead of spelled-out strings: a `ServiceAccount` (that account's identity) or a `Namespace` (every account in it). Other kinds are rejected.",
    example: 'identityRefs:\n  - kind: ServiceAccount\n    name: frontend\n  - kind: Namespace\n    name: monitoring',
  },
  'spec.identityRefs[].group': { text: 'Leave empty: ServiceAccount and Namespace both belong to the core group.' },
  'spec.identityRefs[].kind': { text: '`ServiceAccount` or `Namespace`.', example: 'kind: ServiceAccount' },
  'spec.identityRefs[].name': {
    text: 'Name of the ServiceAccount or Namespace. Required: the CRD lets you omit it, but the admission webhook refuses an entry without it. To accept every account of a namespace, use a `Namespace` ref.',
  },
  'spec.identityRefs[].namespace': {
    text: 'For a ServiceAccount, the namespace it lives in. Must stay unset on a `Namespace` ref, which is cluster-scoped (the webhook rejects it).',
    default: "The MeshTLSAuthentication's namespace.",
  },
};

const NETWORK_AUTHENTICATION: KindDocs = {
  spec: {
    text: 'A named set of client address ranges for an AuthorizationPolicy to require: a connection passes if its source IP lies in any listed network. It says nothing about identity, so it is how unmeshed callers (kubelet probes, off-cluster clients) get admitted.',
  },
  'spec.networks': {
    text: 'The accepted source ranges; at least one is required. List `0.0.0.0/0` and `::/0` to accept any address.',
    example: 'networks:\n  - cidr: 10.0.0.0/8\n  - cidr: 192.168.0.0/16\n    except: [192.168.7.0/24]',
  },
  ...nestDocs('spec.networks[]', networkDocs('source')),
};

const EGRESS_NETWORK: KindDocs = {
  spec: {
    text: "Describes destinations outside the cluster so that meshed clients' traffic to them can be watched and steered with routes (HTTPRoute, GRPCRoute, TLSRoute, TCPRoute) that name it as a parent, with a `port`. It governs clients of its own namespace, or of all namespaces when created in the global egress namespace (`linkerd-egress` by default); a namespace-local one takes precedence.",
    older: [{ project: 'linkerd', since: '2.17', text: 'EgressNetwork does not exist yet: the API server refuses it.' }],
  },
  'spec.networks': {
    text: 'The outside ranges this EgressNetwork captures. Omit it to capture everything outside the cluster networks; an explicitly empty list is rejected.',
    default: 'Every address not in the `clusterNetworks` install setting.',
    example: 'networks:\n  - cidr: 0.0.0.0/0\n    except: [169.254.169.254/32]',
  },
  ...nestDocs('spec.networks[]', networkDocs('destination')),
  'spec.trafficPolicy': {
    text: 'What happens to captured traffic that no route attached to this EgressNetwork matches.',
    values: {
      Allow: 'Let it out anyway; attached routes then only add routing and visibility for what they match.',
      Deny: 'Block it: only traffic that an attached route matches may leave the cluster.',
    },
    example: 'trafficPolicy: Deny',
  },
};

const HTTP_ROUTE: KindDocs = {
  spec: {
    text: "Linkerd's own copy of the Gateway API HTTPRoute (group `policy.linkerd.io`), which carries some features ahead of upstream, such as `timeouts`. Attached to a Server it marks out requests for per-route authorization; attached to a Service or EgressNetwork it routes outbound requests (matching, traffic splits, header edits, timeouts). `v1beta3` is the stored version.",
  },
  'spec.hostnames': {
    text: 'Values of the `Host`/`:authority` header this route applies to. A leading `*.` label matches any subdomain (not the bare domain); IP addresses are not allowed.',
    default: 'Requests for any host.',
    example: 'hostnames:\n  - api.example.com\n  - "*.internal.example.com"',
  },
  'spec.parentRefs': {
    text: 'What the route attaches to: a `Server` (group `policy.linkerd.io`) for inbound per-route policy, a `Service` (core group, with `port`) for outbound routing, or an `EgressNetwork` (group `policy.linkerd.io`, `port` required by the webhook). As soon as a Server has any HTTPRoute, requests that match none of its routes are turned away (404), and kubelet probes are no longer authorized automatically on it.',
    example: 'parentRefs:\n  - group: policy.linkerd.io\n    kind: Server\n    name: web-http',
    older: [{ project: 'linkerd', since: '2.17', text: 'There is no EgressNetwork to attach to: Server and Service parents only.' }],
  },
  'spec.parentRefs[].group': {
    text: '`policy.linkerd.io` for a Server or EgressNetwork parent; `core` or empty for a Service. The CRD fills in `policy.linkerd.io` when it is left out.',
  },
  'spec.parentRefs[].kind': {
    text: "`Server`, `Service` or `EgressNetwork`. Always set it: the CRD falls back to `Gateway`, which Linkerd's policy controller does not act on, so the route would attach to nothing in the mesh.",
    example: 'kind: Service',
  },
  'spec.parentRefs[].name': { text: 'Name of the parent Server, Service or EgressNetwork.' },
  'spec.parentRefs[].namespace': {
    text: "Namespace of the parent. A route in its Service's own namespace applies to every client (a producer route); one placed in another namespace only applies to clients in the route's namespace (a consumer route).",
    default: "The route's own namespace.",
  },
  'spec.parentRefs[].port': {
    text: 'The port the route is for: with a Service parent, the Service port (not the container `targetPort`); with an EgressNetwork parent it is required. Not needed for a Server, which names its port already.',
    example: 'port: 8080',
  },
  'spec.parentRefs[].sectionName': {
    text: 'A named part of the parent, such as a Gateway listener. Linkerd picks Server, Service and EgressNetwork parents by name and port, so leave it out for them.',
  },
  'spec.rules': {
    text: "The route's rules, each pairing request conditions with what to do with the requests that meet them (filters, backends, timeouts).",
    example: 'rules:\n  - matches:\n      - path:\n          value: /api\n    backendRefs:\n      - name: api\n        port: 80',
  },
  'spec.rules[].matches': {
    text: 'Alternative conditions: a request meets the rule when any single entry matches it (conditions inside one entry must all hold). Between competing rules, the more specific match wins: longer host name, then longer path, then more header and query conditions.',
    example: 'matches:\n  - path:\n      type: PathPrefix\n      value: /api\n    method: GET',
  },
  ...nestDocs('spec.rules[].matches[]', MATCH_DOCS),
  'spec.rules[].filters': {
    text: "Processing applied to every request this rule matches. In Linkerd's CRD, rule-level filters offer `RequestHeaderModifier` and `RequestRedirect`; a redirect replaces forwarding.",
    example: 'filters:\n  - type: RequestHeaderModifier\n    requestHeaderModifier:\n      add:\n        - name: x-route\n          value: v2',
  },
  ...nestDocs('spec.rules[].filters[]', filterDocs(false)),
  'spec.rules[].backendRefs': {
    text: 'Where matching requests are sent, for Service and EgressNetwork parents; on a route attached to a Server they have no use. With several entries, the traffic is split by `weight`.',
    example: 'backendRefs:\n  - name: web-v1\n    port: 80\n    weight: 90\n  - name: web-v2\n    port: 80\n    weight: 10',
  },
  'spec.rules[].backendRefs[].group': {
    text: 'API group of the backend: empty (core) for a Service, `policy.linkerd.io` for an EgressNetwork. Available from `v1beta2`.',
  },
  'spec.rules[].backendRefs[].kind': {
    text: 'Kind of the backend, usually `Service`; `EgressNetwork` sends the request on to its original outside destination. Available from `v1beta2`.',
  },
  'spec.rules[].backendRefs[].name': { text: 'Name of the backend Service (or EgressNetwork).', example: 'name: web-v2' },
  'spec.rules[].backendRefs[].namespace': {
    text: "Namespace of the backend. Careful with old versions: in `v1alpha1` and `v1beta1` the CRD writes `default` when it is omitted, whereas from `v1beta2` on the route's namespace is meant.",
    default: "From `v1beta2`: the route's own namespace.",
  },
  'spec.rules[].backendRefs[].port': {
    text: 'Service port the request is sent to. Give it whenever the backend is a Service: the webhook admits this route without it (it refuses that only on Gateway API routes), but the proxy cannot send to a Service without a port.',
    example: 'port: 80',
  },
  'spec.rules[].backendRefs[].weight': {
    text: "Relative share of the rule's requests for this backend: its weight divided by the sum of all weights in the list. `0` sends it nothing, and the weights need not add up to 100. Available from `v1beta2`.",
    example: 'weight: 10',
  },
  'spec.rules[].backendRefs[].filters': {
    text: "Processing applied only to the requests that go to this backend, after the rule's own filters. Offers `RequestHeaderModifier`, `ResponseHeaderModifier` and `RequestRedirect`.",
    example: 'filters:\n  - type: ResponseHeaderModifier\n    responseHeaderModifier:\n      set:\n        - name: x-backend\n          value: v2',
  },
  ...nestDocs('spec.rules[].backendRefs[].filters[]', filterDocs(true)),
  'spec.rules[].timeouts': {
    text: 'Time limits for requests matching this rule (`v1beta3` only). Durations use the Gateway API format, such as `500ms`, `10s`, `1m` or `1h`; `0s` switches a limit off. A request that runs out of time fails with 504.',
    example: 'timeouts:\n  request: 10s\n  backendRequest: 2s',
  },
  'spec.rules[].timeouts.request': {
    text: 'Limit for the whole request, from its arrival at the proxy until the response, retries included.',
    default: 'No limit.',
    example: 'request: 10s',
  },
  'spec.rules[].timeouts.backendRequest': {
    text: 'Limit for each single attempt sent to a backend; it starts again for every retry while `request` keeps counting. The webhook rejects negative values and a value greater than `request`.',
    default: 'No per-attempt limit.',
    example: 'backendRequest: 2s',
  },
};

const HTTP_LOCAL_RATE_LIMIT_POLICY: KindDocs = {
  spec: {
    text: "Caps the rate of HTTP requests to one Server. Each pod's inbound proxy enforces the limits on its own (a local limit, not a cluster-wide one), and requests beyond them are refused with 429 Too Many Requests. A Server takes one such policy, and its `accessPolicy` or authorization policies must still admit the traffic.",
  },
  'spec.targetRef': {
    text: 'The Server whose traffic is limited; the webhook rejects any other kind, such as a Deployment.',
    example: 'targetRef:\n  group: policy.linkerd.io\n  kind: Server\n  name: web-http',
  },
  'spec.targetRef.group': { text: 'Set to `policy.linkerd.io`, the group of Server.', example: 'group: policy.linkerd.io' },
  'spec.targetRef.kind': { text: 'Must be `Server`.', example: 'kind: Server' },
  'spec.targetRef.name': { text: "Name of the Server, in the policy's namespace." },
  'spec.total': {
    text: 'One limit shared by all requests to the Server, whoever sends them.',
    default: 'No overall limit.',
    example: 'total:\n  requestsPerSecond: 100',
  },
  'spec.total.requestsPerSecond': { text: 'Requests per second allowed altogether, per proxy; must be greater than 0.' },
  'spec.identity': {
    text: 'A limit that each client identity gets separately, so that one noisy client cannot eat the whole budget. Unmeshed clients have no identity and share a single allowance.',
    default: 'No per-client limit.',
    example: 'identity:\n  requestsPerSecond: 20',
  },
  'spec.identity.requestsPerSecond': { text: 'Requests per second allowed for each identity; greater than 0 and not above `total.requestsPerSecond`.' },
  'spec.overrides': {
    text: 'Exceptions to the per-identity limit: the listed ServiceAccounts get a rate of their own.',
    example: 'overrides:\n  - requestsPerSecond: 50\n    clientRefs:\n      - kind: ServiceAccount\n        name: batch-job',
  },
  'spec.overrides[].requestsPerSecond': {
    text: 'Requests per second for the clients in `clientRefs`; greater than 0 and not above `total.requestsPerSecond`.',
  },
  'spec.overrides[].clientRefs': { text: 'Clients this override is for, by ServiceAccount; no other kind is supported.' },
  'spec.overrides[].clientRefs[].group': { text: 'Leave empty: ServiceAccount is in the core group.' },
  'spec.overrides[].clientRefs[].kind': { text: 'Must be `ServiceAccount`; the webhook rejects anything else.', example: 'kind: ServiceAccount' },
  'spec.overrides[].clientRefs[].name': { text: 'Name of the client ServiceAccount.' },
  'spec.overrides[].clientRefs[].namespace': {
    text: 'Namespace of the client ServiceAccount.',
    default: "The policy's own namespace.",
  },
};

export const LINKERD_DOCS: Record<string, KindDocs> = {
  'policy.linkerd.io/Server': SERVER,
  'policy.linkerd.io/ServerAuthorization': SERVER_AUTHORIZATION,
  'policy.linkerd.io/AuthorizationPolicy': AUTHORIZATION_POLICY,
  'policy.linkerd.io/MeshTLSAuthentication': MESH_TLS_AUTHENTICATION,
  'policy.linkerd.io/NetworkAuthentication': NETWORK_AUTHENTICATION,
  'policy.linkerd.io/HTTPRoute': HTTP_ROUTE,
  'policy.linkerd.io/EgressNetwork': EGRESS_NETWORK,
  'policy.linkerd.io/HTTPLocalRateLimitPolicy': HTTP_LOCAL_RATE_LIMIT_POLICY,
};
