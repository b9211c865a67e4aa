import { nestDocs, type FieldDoc, type KindDocs } from './fieldDoc';

// Istio's security kinds: PeerAuthentication, AuthorizationPolicy, RequestAuthentication.

const MTLS_MODES: Record<string, string> = {
  UNSET: 'Inherit the mode of the parent policy (workload, then namespace, then mesh-wide); PERMISSIVE when no policy sets one.',
  DISABLE: 'Accept plaintext only: the sidecar does not terminate mutual TLS. Traffic to these workloads is unencrypted and carries no peer identity.',
  PERMISSIVE:
    'Accept both mutual TLS and plaintext. Useful while migrating; plaintext clients are let in, and policies that match on identity cannot see them.',
  STRICT: 'Accept mutual TLS only: plaintext connections are rejected. Every client must be in the mesh (or present a mesh certificate).',
};

/** Label selection of workloads, shared by AuthorizationPolicy and RequestAuthentication. */
const MATCH_LABELS: FieldDoc = {
  text: 'Pod labels that must all be present with exactly these values. No `*` in keys or values, keys must not be empty, values are at most 63 characters.',
  example: 'matchLabels:\n  app: checkout\n  version: v2',
};

/** One attachment target, shared by `targetRef` and the items of `targetRefs`. */
const TARGET_FIELDS: KindDocs = {
  group: {
    text: 'API group of the target: `gateway.networking.k8s.io` for `Gateway` and `GatewayClass`, `networking.istio.io` for `ServiceEntry`, and empty (or `core`) for a Kubernetes `Service`.',
    example: 'group: gateway.networking.k8s.io',
  },
  kind: {
    text: 'Kind of the target: `Gateway`, `Service` / `ServiceEntry` (whose waypoint proxy then enforces the policy), or `GatewayClass`, which istiod applies only when it is `istio-waypoint` (every waypoint of the mesh) and the policy sits in the root namespace. Required.',
    example: 'kind: Gateway',
    older: [
      { project: 'istio', since: '1.22', text: 'istiod refuses every target kind but a Gateway API `Gateway`.' },
      { project: 'istio', since: '1.24', text: 'istiod refuses a `ServiceEntry` target.' },
      { project: 'istio', since: '1.25', text: 'istiod refuses a `GatewayClass` target.' },
      { project: 'istio', since: '1.26', text: 'istiod never applies a `GatewayClass` target (1.25 accepts one).' },
    ],
  },
  name: { text: 'Name of the target resource, looked up in the namespace of the policy. Required, 1-253 characters.' },
  namespace: {
    text: "Leave this out: targets are always taken from the policy's own namespace, and the API server refuses any non-empty value here.",
  },
};

/** Attachment by reference instead of by pod labels, shared by AuthorizationPolicy and RequestAuthentication. */
const TARGET_DOCS: KindDocs = {
  'spec.targetRef': {
    text: 'Attaches the policy to a single resource, usually a Gateway API `Gateway`, instead of selecting pods by label. The older one-target form of `targetRefs`; at most one of `selector`, `targetRef` and `targetRefs` may be set.',
    example: 'targetRef:\n  kind: Gateway\n  group: gateway.networking.k8s.io\n  name: public-gw',
    older: [
      {
        project: 'istio',
        since: '1.20',
        text: 'the CRD has no `targetRef`: `kubectl apply` refuses the policy, and a client that does not validate strictly drops the field, leaving a policy for the whole namespace.',
      },
    ],
  },
  ...nestDocs('spec.targetRef', TARGET_FIELDS),
  'spec.targetRefs': {
    text: 'The resources the policy attaches to (up to 16): a `Gateway` in the same namespace, the `istio-waypoint` `GatewayClass` from the root namespace, or a `Service` / `ServiceEntry` in the same namespace, enforced by its waypoint. Waypoint proxies only honour policies attached this way, never `selector` ones. Cannot be combined with `selector` or `targetRef`.',
    example: 'targetRefs:\n  - kind: Service\n    group: ""\n    name: payments',
    older: [
      {
        project: 'istio',
        since: '1.22',
        text: 'the CRD has no `targetRefs`: `kubectl apply` refuses the policy, and a client that does not validate strictly drops the field, leaving a policy for the whole namespace. Use `targetRef` with a `Gateway`.',
      },
    ],
  },
  ...nestDocs('spec.targetRefs[]', TARGET_FIELDS),
};

/** The fields of `rules[].from[].source`, relative to it. */
const SOURCE_FIELDS: KindDocs = {
  principals: {
    text: 'Workload identities taken from the peer\'s mTLS certificate, written `<trust-domain>/ns/<namespace>/sa/<service-account>` without `spiffe://`, e.g. `cluster.local/ns/shop/sa/frontend`. One `*` is allowed as prefix, suffix or the whole value; `"*"` matches any peer that has an identity. Needs mutual TLS: a plaintext caller has no principal and never matches.',
    example: 'principals:\n  - cluster.local/ns/shop/sa/frontend\n  - cluster.local/ns/batch/sa/*',
  },
  notPrincipals: {
    text: 'Peer identities the caller must not have, same syntax as `principals`. A caller without an mTLS identity always matches it, so `notPrincipals: ["*"]` in a DENY rule rejects every plaintext request.',
    example: 'notPrincipals:\n  - "*"',
  },
  requestPrincipals: {
    text: 'End-user identities from a JWT already verified by a RequestAuthentication, written `<iss>/<sub>`, e.g. `https://auth.example.com/user-42`. `"*"` means any valid token; prefix and suffix wildcards work too. Without a RequestAuthentication for the issuer no request carries one, so an ALLOW rule on it lets nothing in.',
    example: 'requestPrincipals:\n  - "https://auth.example.com/*"',
  },
  notRequestPrincipals: {
    text: 'JWT identities (`<iss>/<sub>`) the caller must not have. `notRequestPrincipals: ["*"]` matches requests without a verified token, the usual DENY rule for demanding one.',
  },
  namespaces: {
    text: 'Namespaces of the calling workload, read from the `ns/<namespace>` part of its certificate identity. Each `*` matches any run of characters, anywhere in the value (`team-*-prod` works). Needs mutual TLS: a plaintext caller has no namespace and never matches.',
    example: 'namespaces:\n  - shop\n  - shop-*',
  },
  notNamespaces: {
    text: 'Namespaces the caller must not come from. Plaintext callers have no namespace and therefore match, so a DENY rule with `notNamespaces: [shop]` also shuts out traffic without mTLS.',
  },
  serviceAccounts: {
    text: "Kubernetes service accounts of the caller, read from its mTLS certificate, as `<namespace>/<name>` or just `<name>` for the policy's own namespace. No wildcards; at most 16 entries of up to 320 characters. A simpler form of `principals`: it cannot share a source with `principals`, `notPrincipals`, `namespaces` or `notNamespaces`.",
    example: 'serviceAccounts:\n  - shop/frontend\n  - checkout',
    older: [
      {
        project: 'istio',
        since: '1.25',
        text: 'the CRD has no service account fields: `kubectl apply` refuses the policy, and a client that does not validate strictly drops them, so the source stops looking at service accounts. Write `principals` instead.',
      },
    ],
  },
  notServiceAccounts: {
    text: 'Service accounts (`<namespace>/<name>` or `<name>`) the caller must not run as. Same limits as `serviceAccounts`: no wildcards, at most 16, and not in a source that uses principals or namespaces.',
    older: [
      {
        project: 'istio',
        since: '1.25',
        text: 'the CRD has no service account fields: `kubectl apply` refuses the policy, and a client that does not validate strictly drops them, so the source stops looking at service accounts. Write `principals` instead.',
      },
    ],
  },
  trustDomains: {
    text: 'Trust domains of the caller, the first part of its identity (`cluster.local` in `cluster.local/ns/shop/sa/web`); exact, `*` prefix or suffix, or `"*"` for any. Needs mutual TLS. Useful in multi-cluster or federated meshes to admit peers from known trust domains only.',
    example: 'trustDomains:\n  - cluster.local',
    older: [
      {
        project: 'istio',
        since: '1.31',
        text: 'istiod does not enforce trust domains: 1.30 accepts the field and matches as if it were not there (it even refuses a source that has nothing else). Match a trust domain with a principal prefix such as `cluster.local/*`.',
      },
      {
        project: 'istio',
        since: '1.30',
        text: 'the CRD has no trust domain fields: `kubectl apply` refuses the policy, and a client that does not validate strictly drops them.',
      },
    ],
  },
  notTrustDomains: {
    text: 'Trust domains the caller must not belong to, same syntax as `trustDomains`. Callers without an mTLS identity match this list too.',
    older: [
      {
        project: 'istio',
        since: '1.31',
        text: 'istiod does not enforce trust domains: 1.30 accepts the field and matches as if it were not there (it even refuses a source that has nothing else). Match a trust domain with a principal prefix such as `cluster.local/*`.',
      },
      {
        project: 'istio',
        since: '1.30',
        text: 'the CRD has no trust domain fields: `kubectl apply` refuses the policy, and a client that does not validate strictly drops them.',
      },
    ],
  },
  ipBlocks: {
    text: "Addresses of the direct peer of the connection, as single IPs (`203.0.113.4`) or CIDR ranges (`10.8.0.0/16`), IPv4 or IPv6. Behind a gateway or load balancer this is their address, not the end client's (see `remoteIpBlocks`). Works for TCP as well as HTTP.",
    example: 'ipBlocks:\n  - 10.8.0.0/16',
  },
  notIpBlocks: { text: 'IPs or CIDR ranges the direct peer of the connection must not come from.' },
  remoteIpBlocks: {
    text: 'Original client addresses (IPs or CIDR ranges) taken from `X-Forwarded-For` or the PROXY protocol rather than from the connection. Only meaningful once the gateway knows how many trusted proxies sit in front of it (`numTrustedProxies` in the mesh `gatewayTopology`); otherwise it is just the connecting peer.',
    example: 'remoteIpBlocks:\n  - 198.51.100.0/24',
  },
  notRemoteIpBlocks: { text: 'Original client addresses (from `X-Forwarded-For` or the PROXY protocol) that must not match, as IPs or CIDR ranges.' },
};

/** The fields of `rules[].to[].operation`, relative to it. */
const OPERATION_FIELDS: KindDocs = {
  hosts: {
    text: 'Values of the HTTP `Host` / `:authority` header, compared without regard to case, e.g. `api.example.com` or `*.example.com`; `*` as prefix, suffix or alone. HTTP only.',
    example: 'hosts:\n  - api.example.com',
  },
  notHosts: { text: 'Host / authority values the request must not be addressed to, same syntax as `hosts`. HTTP only.' },
  ports: {
    text: 'Destination ports as the enforcing proxy sees them (for a sidecar, the container port rather than the Service port), written as strings such as `"8080"`, up to 65535, no wildcards. Works for TCP and HTTP, which makes it the safe way to scope DENY rules.',
    example: 'ports:\n  - "8080"',
  },
  notPorts: { text: 'Workload ports, as strings, that the request must not be sent to.' },
  methods: {
    text: 'HTTP methods such as `GET` or `POST`, in upper case. gRPC calls are always `POST`. HTTP only.',
    example: 'methods:\n  - GET\n  - HEAD',
  },
  notMethods: { text: 'HTTP methods the request must not use. HTTP only.' },
  paths: {
    text: "Request paths after Istio's path normalization, without the query string; gRPC paths look like `/package.Service/Method`. A value may use `*` as prefix, suffix or alone, or path templates: `{*}` is exactly one segment and `{**}` any number of segments, only as the last operator (`/users/{*}/orders/{**}`); templates and bare `*` do not mix in one value. HTTP only.",
    example: 'paths:\n  - /api/v1/*\n  - "/users/{*}/profile"',
    older: [
      {
        project: 'istio',
        since: '1.22',
        text: 'there are no path templates: `{*}` and `{**}` are compared as plain text, so such a value matches no request (an ALLOW rule lets nothing in by it, a DENY rule blocks nothing).',
      },
    ],
  },
  notPaths: {
    text: 'Paths the request must not have, same syntax as `paths` (wildcards and `{*}` / `{**}` templates). HTTP only.',
    older: [
      { project: 'istio', since: '1.22', text: 'there are no path templates: `{*}` and `{**}` are compared as plain text, so such a value excludes nothing.' },
    ],
  },
};

export const ISTIO_SECURITY_DOCS: Record<string, KindDocs> = {
  'security.istio.io/PeerAuthentication': {
    spec: {
      text: 'Which workloads this policy covers and what the sidecar accepts from peers. A workload policy beats the namespace policy, which beats the mesh-wide one in the root namespace; port-level settings beat all of them.',
    },
    'spec.selector': {
      text: 'The workloads this policy applies to, by pod labels. Without a selector (or with no labels in it) the policy covers the whole namespace, or the whole mesh in the root namespace (usually `istio-system`). istiod ignores a policy with a selector in the root namespace: a mesh-wide policy cannot pick workloads.',
    },
    'spec.selector.matchLabels': {
      text: 'Pod labels that must all match. Wildcards are not allowed in keys or values.',
      example: 'matchLabels:\n  app: checkout',
    },
    'spec.mtls': {
      text: 'The mutual TLS setting for every port of the selected workloads, unless a port-level setting overrides it.',
      example: 'mtls:\n  mode: STRICT',
    },
    'spec.mtls.mode': {
      text: 'What the receiving sidecar accepts from peers.',
      values: MTLS_MODES,
      default: 'UNSET: inherit from the enclosing policy, PERMISSIVE if there is none',
      example: 'mode: STRICT',
    },
    'spec.portLevelMtls': {
      text: 'Per-port exceptions to `mtls`, keyed by the workload (container) port number, 1-65535. Needs a `selector` with `matchLabels`.',
      example: 'portLevelMtls:\n  "9090":\n    mode: PERMISSIVE',
    },
    'spec.portLevelMtls.*.mode': {
      text: "What the sidecar accepts from peers on this port. UNSET falls back to the workload's `mtls.mode`.",
      values: MTLS_MODES,
      example: 'mode: DISABLE',
    },
  },
  'security.istio.io/AuthorizationPolicy': {
    spec: {
      text: 'Access control for the selected workloads: which requests to allow, deny, audit or hand to an external authorizer. It covers its own namespace (every namespace when it lives in the root namespace), narrowed by `selector` or `targetRefs`. An empty `spec: {}` is an ALLOW policy without rules, so it denies every request to what it selects.',
    },
    'spec.action': {
      text: 'What happens to a request that matches a rule. DENY policies are evaluated before ALLOW policies; CUSTOM delegates to an external authorizer first.',
      values: {
        ALLOW:
          'Let matching requests in. Once any ALLOW policy selects a workload, requests that match no ALLOW rule are denied. An ALLOW policy with an empty rule (`rules: [{}]`) allows everything; one without `rules` allows nothing.',
        DENY: 'Reject matching requests, whatever ALLOW policies say. On sidecars, a DENY rule that names only HTTP attributes also rejects all plain TCP traffic, which has no such attributes; in ambient mode ztunnel drops such a rule (and the HTTP part of a mixed one), so only a waypoint enforces it.',
        AUDIT:
          'Mark matching requests for audit logging; does not allow or deny anything. Nothing is logged unless a telemetry plugin that honours the mark is installed.',
        CUSTOM:
          'Ask the external authorizer named by `provider.name`; the request is denied if it says no. Its yes does not skip the DENY and ALLOW policies that follow.',
      },
      default: 'ALLOW',
      example: 'action: DENY',
    },
    'spec.provider': {
      text: 'The external authorizer a CUSTOM policy consults. Set it exactly when `action` is CUSTOM: Istio rejects a provider on any other action, and a CUSTOM policy without one.',
      example: 'provider:\n  name: opa-ext-authz',
    },
    'spec.provider.name': {
      text: 'Name of an entry in `meshConfig.extensionProviders` (an `envoyExtAuthzHttp` or `envoyExtAuthzGrpc` service). If no provider has this name, Istio fails closed and requests matching the policy are denied.',
      example: 'name: opa-ext-authz',
    },
    'spec.rules': {
      text: 'The request patterns the action applies to; a request matches the policy when any one rule matches. Within a rule, `from`, `to` and `when` must all match, and a part that is left out matches anything, so `- {}` matches every request. Without `rules` nothing matches: an ALLOW policy then denies everything and a DENY policy does nothing. At most 512 rules.',
      example:
        'rules:\n  - from:\n      - source:\n          principals: ["cluster.local/ns/shop/sa/frontend"]\n    to:\n      - operation:\n          methods: ["GET"]\n          paths: ["/api/*"]',
    },
    'spec.rules[].from': {
      text: 'Who sends the request: a list of sources, any one of which is enough. Left out, the rule matches callers of every kind, including plaintext ones without a peer identity. At most 512 entries.',
      example: 'from:\n  - source:\n      namespaces: ["shop"]\n  - source:\n      ipBlocks: ["10.8.0.0/16"]',
    },
    'spec.rules[].from[].source': {
      text: "One caller pattern. Every field set here must match (AND); within a field any listed value is enough (OR), and a `not…` field matches when none of its values does. Identity fields (principals, namespaces, service accounts, trust domains) come from the peer's mTLS certificate, so they never match plaintext traffic.",
      example: 'source:\n  namespaces: ["shop"]\n  notPrincipals: ["cluster.local/ns/shop/sa/legacy"]',
    },
    ...nestDocs('spec.rules[].from[].source', SOURCE_FIELDS),
    'spec.rules[].to': {
      text: 'What the request is for: a list of operations, any one of which is enough. Left out, the rule matches every host, port, method and path.',
      example: 'to:\n  - operation:\n      ports: ["8080"]\n      methods: ["POST"]',
    },
    'spec.rules[].to[].operation': {
      text: "One operation pattern; every field set here must match. `hosts`, `methods` and `paths` exist only for HTTP: on a sidecar's plain TCP traffic an ALLOW rule using them never matches, while a DENY rule acts as if they matched, so scope such DENY rules with `ports`. ztunnel (ambient mode, no waypoint) reads none of them.",
      example: 'operation:\n  ports: ["8080"]\n  paths: ["/admin/*"]',
    },
    ...nestDocs('spec.rules[].to[].operation', OPERATION_FIELDS),
    'spec.rules[].when': {
      text: 'Extra conditions on request attributes, all of which must hold. For what `from` and `to` cannot express: JWT claims, headers, SNI and the like.',
      example: 'when:\n  - key: request.auth.claims[groups]\n    values: ["admins"]',
    },
    'spec.rules[].when[].key': {
      text: 'The attribute to test, e.g. `request.headers[x-tenant]`, `request.auth.claims[iss]`, `request.auth.audiences`, `source.ip`, `remote.ip`, `source.namespace`, `source.principal`, `source.serviceAccount`, `source.trustDomain`, `destination.port` or `connection.sni`. Header and JWT attributes exist only for HTTP; Istio rejects unknown keys. Required.',
      example: 'key: request.headers[x-tenant]',
      older: [
        {
          project: 'istio',
          since: '1.31',
          text: 'istiod accepts `source.trustDomain` from 1.30 but cannot build it: it skips the whole rule that uses it, so an ALLOW rule lets nothing in and a DENY rule blocks nothing.',
        },
        { project: 'istio', since: '1.30', text: 'istiod refuses the key `source.trustDomain`.' },
        { project: 'istio', since: '1.25', text: 'istiod refuses the key `source.serviceAccount`.' },
      ],
    },
    'spec.rules[].when[].values': {
      text: 'Accepted values: the condition holds when the attribute equals any of them. Exact, prefix (`abc*`), suffix (`*abc`) or presence (`*`) matching; IP attributes take IPs or CIDR ranges, `destination.port` takes numbers written as strings.',
      example: 'values:\n  - acme\n  - acme-*',
    },
    'spec.rules[].when[].notValues': {
      text: 'Values the attribute must not have, with the same matching as `values`. If both lists are set, the value has to be in `values` and outside `notValues`.',
    },
    'spec.selector': {
      text: 'Restricts the policy to pods with these labels in its namespace (in every namespace, if the policy sits in the root namespace). Without it, and without `targetRefs`, the policy covers all workloads in scope. Waypoint proxies ignore selector-based policies.',
      example: 'selector:\n  matchLabels:\n    app: payments',
    },
    'spec.selector.matchLabels': MATCH_LABELS,
    ...TARGET_DOCS,
  },
  'security.istio.io/RequestAuthentication': {
    spec: {
      text: "JWT validation for the selected workloads: which issuers' tokens are accepted and where to find them. A request with an invalid token is rejected with 401, but one without a token passes, unauthenticated; to insist on a token, pair it with an AuthorizationPolicy that allows only requests with `requestPrincipals`.",
    },
    'spec.jwtRules': {
      text: 'The token issuers the workload trusts, one entry each (up to 4096). A token is checked against the rule whose `issuer` equals its `iss` claim; a token whose issuer no rule names is rejected with 401.',
      example: 'jwtRules:\n  - issuer: https://auth.example.com\n    jwksUri: https://auth.example.com/.well-known/jwks.json\n    audiences: ["orders-api"]',
    },
    'spec.jwtRules[].issuer': {
      text: "The exact `iss` claim of accepted tokens, e.g. `https://auth.example.com`. With the token's `sub` it forms the request principal `<iss>/<sub>` that AuthorizationPolicy matches. Without `jwksUri` or `jwks`, istiod fetches the keys through OpenID discovery at `<issuer>/.well-known/openid-configuration`, so the issuer must then be an http(s) URL (https, or the keys can be changed on the way). istiod requires an `issuer` or a `jwksUri`, although the CRD requires neither.",
      example: 'issuer: https://auth.example.com',
    },
    'spec.jwtRules[].audiences': {
      text: 'Accepted `aud` values; a token passes if it lists any of them. Empty means the audience is not checked, so any token from the issuer is good for this workload.',
      example: 'audiences:\n  - orders-api',
    },
    'spec.jwtRules[].jwksUri': {
      text: "HTTP(S) URL of the issuer's public key set (JWKS), used to check token signatures; up to 2048 characters. If neither this nor `jwks` is set, the keys are found through OpenID discovery at `<issuer>/.well-known/openid-configuration`. Istiod fetches the keys unless `PILOT_JWT_ENABLE_REMOTE_JWKS` tells the proxies to fetch them; when the fetch fails, every token is refused with 401.",
      example: 'jwksUri: https://auth.example.com/.well-known/jwks.json',
    },
    'spec.jwtRules[].jwks_uri': {
      text: 'Older snake_case spelling of `jwksUri`, same meaning. Set at most one of `jwks_uri`, `jwksUri` and `jwks`.',
    },
    'spec.jwtRules[].jwks': {
      text: 'The public key set inline, as a JSON Web Key Set string, instead of fetching it. Useful for tests and offline clusters; rotating keys then means editing the policy.',
    },
    'spec.jwtRules[].fromHeaders': {
      text: 'Headers to take the token from. Setting any location (headers, params or cookies) replaces the defaults, which are `Authorization: Bearer <token>` and the `access_token` query parameter.',
      example: 'fromHeaders:\n  - name: x-jwt-assertion\n  - name: Authorization\n    prefix: "Bearer "',
    },
    'spec.jwtRules[].fromHeaders[].name': { text: 'Header name, e.g. `x-jwt-assertion`. Required.', example: 'name: x-jwt-assertion' },
    'spec.jwtRules[].fromHeaders[].prefix': {
      text: 'Text in front of the token that is stripped before decoding, usually `"Bearer "` with its trailing space. A header value not starting with it yields no token.',
      example: 'prefix: "Bearer "',
    },
    'spec.jwtRules[].fromParams': {
      text: 'Query parameters to take the token from, e.g. `token`. Replaces the default locations; tokens in URLs tend to end up in access logs, so prefer a header.',
      example: 'fromParams:\n  - token',
    },
    'spec.jwtRules[].fromCookies': {
      text: 'Cookie names to take the token from, e.g. `session`. Replaces the default locations.',
      example: 'fromCookies:\n  - session',
      older: [
        {
          project: 'istio',
          since: '1.21',
          text: 'the CRD has no `fromCookies`: `kubectl apply` refuses the policy, and a client that does not validate strictly drops it.',
        },
      ],
    },
    'spec.jwtRules[].outputPayloadToHeader': {
      text: "Header in which the proxy hands the verified token's claims (base64url-encoded JSON) to the application, so it need not decode the token itself.",
      example: 'outputPayloadToHeader: x-jwt-payload',
    },
    'spec.jwtRules[].outputClaimToHeaders': {
      text: 'Claims of a verified token to copy into request headers for the application, e.g. `sub` into `x-user-id`.',
      example: 'outputClaimToHeaders:\n  - header: x-user-id\n    claim: sub',
    },
    'spec.jwtRules[].outputClaimToHeaders[].header': {
      text: 'Name of the request header to set; letters, digits, `-` and `_` only. Required.',
      example: 'header: x-user-id',
    },
    'spec.jwtRules[].outputClaimToHeaders[].claim': { text: 'The claim whose value is copied, e.g. `sub` or `email`. Required.', example: 'claim: sub' },
    'spec.jwtRules[].forwardOriginalToken': {
      text: 'Keep the token in the request passed on to the application. Off by default: the proxy strips the token after checking it.',
      default: 'false',
      example: 'forwardOriginalToken: true',
    },
    'spec.jwtRules[].timeout': {
      text: 'How long to wait when fetching the key set from `jwksUri`, as a duration such as `5s`; at least `1ms`.',
      default: '5s',
      example: 'timeout: 10s',
      older: [
        {
          project: 'istio',
          since: '1.22',
          text: 'the CRD has no `timeout`: the API server drops the field (kubectl, which validates strictly, refuses the policy) and key-set fetches wait a fixed 5s.',
        },
      ],
    },
    'spec.jwtRules[].spaceDelimitedClaims': {
      text: 'Claims whose string value is a space-separated list, like OAuth `scope`, so that `request.auth.claims[...]` conditions can match single items. `scope` and `permission` are always treated this way; up to 64 names.',
      example: 'spaceDelimitedClaims:\n  - roles',
      older: [
        {
          project: 'istio',
          since: '1.28',
          text: 'the CRD has no `spaceDelimitedClaims`: the API server drops the field (kubectl, which validates strictly, refuses the policy); only `scope` and `permission` are split on spaces.',
        },
      ],
    },
    'spec.jwtRules[].presence': {
      text: "Meant to say whether this rule's token has to be in the request, but no Istio release (1.31 and older) reads it: the field comes from Istio's development branch. In every release a request without a token passes RequestAuthentication; require one with an AuthorizationPolicy on `requestPrincipals`.",
      values: {
        OPTIONAL:
          'What every release does anyway: a missing token is accepted and the request has no request principal; a token that is present but invalid is rejected with 401.',
        REQUIRED:
          'Not acted on by any release (1.31 and older): a request without a token still passes. Use an AuthorizationPolicy that allows only `requestPrincipals: ["*"]` instead.',
      },
      example: 'presence: OPTIONAL',
    },
    'spec.selector': {
      text: 'Restricts the policy to pods with these labels in its namespace (in every namespace, if the policy sits in the root namespace). Without it, and without `targetRefs`, every workload in scope validates tokens this way.',
      example: 'selector:\n  matchLabels:\n    app: orders',
    },
    'spec.selector.matchLabels': MATCH_LABELS,
    ...TARGET_DOCS,
  },
};
