import { nestDocs, type KindDocs } from './fieldDoc';

// Istio's DestinationRule: its top level and, in depth, the client TLS settings.

/**
 * The client TLS settings, relative to the object that holds `tls`. They repeat under the rule's
 * traffic policy, its port-level settings, and the same two places inside every subset.
 */
const TLS_DOCS: KindDocs = {
  tls: {
    text: 'How the calling proxy (sidecar or gateway) secures connections to this destination: TLS or not, with which certificate, and how the server is verified. Covers HTTP and TCP alike. Without `tls`, auto mTLS sends ISTIO_MUTUAL to endpoints that have a sidecar and plaintext to the rest; once `tls` is written, auto mTLS no longer decides for this traffic.',
    example: 'tls:\n  mode: SIMPLE\n  sni: api.example.com',
  },
  'tls.mode': {
    text: 'Which kind of TLS the client proxy originates toward the destination. It must agree with what the server accepts: a PeerAuthentication in STRICT mode only takes ISTIO_MUTUAL from mesh clients.',
    values: {
      DISABLE:
        'Send plaintext, and turn auto mTLS off for this traffic. The connection is unencrypted, carries no client identity, and is refused by servers in STRICT mode.',
      SIMPLE:
        'Originate one-way TLS: the proxy checks the server certificate (against `caCertificates`, the `credentialName` CA or, from Istio 1.21, the system roots) but presents none. The usual choice for external HTTPS services, while the application keeps sending plain HTTP to its sidecar.',
      MUTUAL:
        'Originate mutual TLS with a certificate you supply, as `clientCertificate` + `privateKey` files or a `credentialName` secret, and check the server against your CA (or, from Istio 1.21, the system roots). For servers outside the mesh or on their own PKI; the mesh identity is not presented.',
      ISTIO_MUTUAL:
        "Mutual TLS with the proxy's Istio-issued workload certificate, verified against the mesh CA and the destination's expected service identities. What in-mesh servers in STRICT mode expect; leave the certificate and key fields empty.",
    },
    default: 'DISABLE when `tls` is present without a mode; with no `tls` at all, auto mTLS chooses',
    example: 'mode: ISTIO_MUTUAL',
  },
  'tls.clientCertificate': {
    text: 'File path, inside the proxy container, of the PEM client certificate to present; needed for MUTUAL together with `privateKey`, unless `credentialName` is used instead. Must be empty for ISTIO_MUTUAL. The file has to be mounted into the proxy, e.g. with the `sidecar.istio.io/userVolumeMount` annotation.',
    example: 'clientCertificate: /etc/certs/client.pem',
  },
  'tls.privateKey': {
    text: 'File path, inside the proxy container, of the PEM private key belonging to `clientCertificate`; needed for MUTUAL with file-based certificates, empty for ISTIO_MUTUAL.',
    example: 'privateKey: /etc/certs/client-key.pem',
  },
  'tls.caCertificates': {
    text: "File path of a PEM bundle of CA certificates that the server certificate must chain up to, for SIMPLE and MUTUAL. Left out (and without `credentialName`), the proxy trusts the operating system's root store, unless `insecureSkipVerify` is true (an install of Istio 1.21 to 1.23 with `compatibilityVersion: 1.20` verifies nothing, as older releases did). Keep it empty for ISTIO_MUTUAL, which always trusts the mesh CA.",
    example: 'caCertificates: /etc/certs/partner-ca.pem',
    older: [
      {
        project: 'istio',
        since: '1.21',
        text: 'left out, the proxy verifies nothing about the server certificate: any certificate is accepted, so anyone on the path can pose as the server.',
      },
    ],
  },
  'tls.caCrl': {
    text: 'File path of a PEM certificate revocation list: a server certificate listed there is refused. Without it, revocation is not checked. When `credentialName` is used, ship the list inside the secret (`ca.crl` or `crl` key) instead.',
    example: 'caCrl: /etc/certs/partner-ca.crl',
  },
  'tls.credentialName': {
    text: "Kubernetes Secret holding the client certificate, key and CA bundle, instead of file paths: a TLS secret (`tls.crt`, `tls.key`, optionally `ca.crt` and `ca.crl`) or a generic one (`cert`, `key`, `cacert`, `crl`); the CA may also sit in a separate `<name>-cacert` secret. It must be in the namespace of the proxy that uses it, and excludes the file fields. Gateways always read it; sidecars only when the DestinationRule has a `workloadSelector`: without one, sidecars get no TLS settings for this traffic at all and send it in plaintext. `configmap://<namespace>/<name>` (the rule's own namespace) takes only a CA bundle from a ConfigMap's `ca.crt`, for SIMPLE, and sidecars read it without a selector.",
    example: 'credentialName: partner-client-cert',
    older: [
      {
        project: 'istio',
        since: '1.26',
        text: '`configmap://` references are not understood: istiod takes the whole text as the name of a Secret, so the proxy gets no certificate from it.',
      },
    ],
  },
  'tls.sni': {
    text: "Server name sent in the TLS handshake (SNI), which many servers use to pick their certificate. Left empty with SIMPLE or MUTUAL on traffic the proxy routes as HTTP, the proxy sends the request's Host / authority, and, when `subjectAltNames` is empty too, checks the server certificate against that name. Setting `sni` turns that name check off: without `subjectAltNames`, only the certificate's chain is checked. On TCP traffic no name is sent unless `sni` is set. Leave it empty for ISTIO_MUTUAL, where Istio sets its own routing name.",
    example: 'sni: api.example.com',
    older: [
      {
        project: 'istio',
        since: '1.21',
        text: 'left empty, no server name is sent and no name is checked, on HTTP as on TCP (unless istiod runs with `ENABLE_AUTO_SNI`).',
      },
    ],
  },
  'tls.subjectAltNames': {
    text: "Names the server certificate must carry as a subject alternative name, such as `api.example.com` or a SPIFFE ID like `spiffe://cluster.local/ns/db/sa/postgres`; one match is enough. Overrides the names from a ServiceEntry. Left out, ISTIO_MUTUAL checks the identities of the service's workloads; SIMPLE and MUTUAL check the request's Host only on traffic the proxy routes as HTTP with `sni` empty, and otherwise (an explicit `sni`, or plain TCP) check no name at all: any certificate from a trusted CA passes.",
    example: 'subjectAltNames:\n  - spiffe://cluster.local/ns/db/sa/postgres',
    older: [
      {
        project: 'istio',
        since: '1.21',
        text: 'left out, SIMPLE and MUTUAL check no name at all, whatever the protocol and `sni` (and without `caCertificates`, nothing about the certificate).',
      },
    ],
  },
  'tls.insecureSkipVerify': {
    text: "Skip checking the server certificate's CA signature and subject alternative names for this destination (SIMPLE and MUTUAL). Anyone able to intercept the traffic can then impersonate the server, so keep it for tests. From Istio 1.21 it is the only way to turn verification off: without `caCertificates`, the system roots are used.",
    default: 'false',
    example: 'insecureSkipVerify: false',
  },
};

/** What each entry of `portLevelSettings` adds before its own `tls`. */
const PORT_DOCS: KindDocs = {
  port: { text: 'The destination service port these settings apply to.', example: 'port:\n  number: 5432' },
  'port.number': { text: 'Service port number, 1-65535; the entry replaces the rule-level settings for traffic to this port.', example: 'number: 5432' },
};

export const DESTINATION_RULE_DOCS: Record<string, KindDocs> = {
  'networking.istio.io/DestinationRule': {
    spec: {
      text: "Client-side policy for traffic to one service: load balancing, connection limits, outlier detection and the TLS the caller's proxy originates. It is applied by the client's sidecar or gateway, not by the server; what the server accepts is PeerAuthentication's job, and the two must agree.",
    },
    'spec.host': {
      text: "The destination, by its service registry name: `reviews.prod.svc.cluster.local` or a ServiceEntry host; a leading `*.` covers several hosts. A short name like `reviews` is read in the rule's own namespace, so prefer the fully qualified name. Required.",
      example: 'host: ratings.prod.svc.cluster.local',
    },
    'spec.exportTo': {
      text: 'Namespaces whose clients see this rule: `.` for its own namespace, `*` for all, or namespace names. Left out, it is visible everywhere unless the mesh default narrows that. A client that cannot see the rule does not use its TLS settings.',
      example: 'exportTo:\n  - "."',
    },
    'spec.subsets': {
      text: "Named groups of the service's endpoints, chosen by label (typically versions), that VirtualService routes can send traffic to. A subset may carry its own traffic policy, TLS included.",
      example: 'subsets:\n  - name: v2\n    labels:\n      version: v2',
    },
    'spec.subsets[].name': { text: 'The name routes use for this subset (`destination.subset`); unique within the rule.', example: 'name: v2' },
    'spec.subsets[].labels': {
      text: "Endpoint labels that pick the subset's pods out of the service, e.g. `version: v2`.",
      example: 'labels:\n  version: v2',
    },
    'spec.subsets[].trafficPolicy': {
      text: 'Traffic policy for this subset only. Each part set here (`tls`, `loadBalancer`, …) replaces the rule-level part for traffic routed to the subset; it has no effect until a route sends traffic there.',
      example: 'trafficPolicy:\n  tls:\n    mode: ISTIO_MUTUAL',
    },
    ...nestDocs('spec.subsets[].trafficPolicy', TLS_DOCS),
    ...nestDocs('spec.subsets[].trafficPolicy.portLevelSettings[]', { ...PORT_DOCS, ...TLS_DOCS }),
    'spec.trafficPolicy': {
      text: 'Policies for all traffic to the host: connection pool, load balancing, outlier detection, TLS and more. Port-level settings and subsets can override parts of it.',
      example: 'trafficPolicy:\n  tls:\n    mode: ISTIO_MUTUAL',
    },
    'spec.trafficPolicy.connectionPool': {
      text: 'Caps on connections and pending or concurrent requests per upstream host, plus TCP and HTTP timeouts and keepalive. Protects the service from overload.',
    },
    'spec.trafficPolicy.loadBalancer': {
      text: 'How the client picks an endpoint: a plain algorithm (`simple`), consistent hashing for session affinity (`consistentHash`) or the load reported by backends (`backendUtilization`), at most one of them, plus locality preferences.',
      example: 'loadBalancer:\n  simple: LEAST_REQUEST',
    },
    'spec.trafficPolicy.outlierDetection': {
      text: 'Temporarily ejects endpoints that keep failing (consecutive errors within an interval) from the load-balancing pool.',
    },
    'spec.trafficPolicy.portLevelSettings': {
      text: 'Per-port overrides, each entry naming a `port.number` of the service. Within an entry, each part set (`tls` included) replaces the rule-level one for that port. Up to 4096 entries.',
      example: 'portLevelSettings:\n  - port:\n      number: 5432\n    tls:\n      mode: DISABLE',
    },
    ...nestDocs('spec.trafficPolicy.portLevelSettings[]', { ...PORT_DOCS, ...TLS_DOCS }),
    'spec.trafficPolicy.proxyProtocol': {
      text: 'Prepend a PROXY protocol header (`V1` or `V2`) to upstream connections, so the server learns the original client address.',
    },
    'spec.trafficPolicy.retryBudget': {
      text: 'Limits concurrent retries to a percentage of active requests (with a floor, `minRetryConcurrency`), so that retries cannot pile onto a struggling service.',
    },
    'spec.trafficPolicy.tunnel': {
      text: 'Carry the TCP connection through a proxy to `targetHost`:`targetPort`, using HTTP `CONNECT` or `POST`, e.g. for egress via a corporate proxy.',
    },
    ...nestDocs('spec.trafficPolicy', TLS_DOCS),
    'spec.workloadSelector': {
      text: "Applies the rule only to the proxies of pods with these labels in the rule's namespace, instead of to every client that can see it. Lets a few clients use special TLS settings, and is what makes sidecars honour `tls.credentialName`.",
      example: 'workloadSelector:\n  matchLabels:\n    app: billing',
    },
    'spec.workloadSelector.matchLabels': {
      text: 'Labels the client pods must all carry, with exactly these values; no `*` in keys or values.',
      example: 'matchLabels:\n  app: billing',
    },
  },
};
