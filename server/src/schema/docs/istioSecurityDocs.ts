import type { KindDocs } from './fieldDoc';

// Istio's security kinds: PeerAuthentication, AuthorizationPolicy, RequestAuthentication.

const MTLS_MODES: Record<string, string> = {
  UNSET: 'Inherit the mode of the parent policy (workload, then namespace, then mesh-wide); PERMISSIVE when no policy sets one.',
  DISABLE: 'Accept plaintext only: the sidecar does not terminate mutual TLS. Traffic to these workloads is unencrypted and carries no peer identity.',
  PERMISSIVE: 'Accept both mutual TLS and plaintext. Useful while migrating; plaintext clients are let in, and policies that match on identity cannot see them.',
  STRICT: 'Accept mutual TLS only: plaintext connections are rejected. Every client must be in the mesh (or present a mesh certificate).',
};

export const ISTIO_SECURITY_DOCS: Record<string, KindDocs> = {
  'security.istio.io/PeerAuthentication': {
    spec: { text: 'Which workloads this policy covers and what the sidecar accepts from peers.' },
    'spec.selector': {
      text: 'The workloads this policy applies to, by pod labels. Without a selector the policy covers the whole namespace (or the whole mesh, in the root namespace, usually `istio-system`).',
    },
    'spec.selector.matchLabels': { text: 'Pod labels that must all match. Wildcards are not allowed in keys or values.', example: 'matchLabels:\n  app: checkout' },
    'spec.mtls': { text: 'The mutual TLS setting for every port of the selected workloads, unless a port-level setting overrides it.' },
    'spec.mtls.mode': { text: 'What the receiving sidecar accepts from peers.', values: MTLS_MODES, example: 'mtls:\n  mode: STRICT' },
    'spec.portLevelMtls': {
      text: 'Per-port exceptions to `mtls`, keyed by the workload (container) port number, 1-65535. Needs a `selector` with `matchLabels`.',
      example: 'portLevelMtls:\n  "9090":\n    mode: PERMISSIVE',
    },
    'spec.portLevelMtls.*.mode': { text: 'What the sidecar accepts from peers on this port.', values: MTLS_MODES },
  },
  'security.istio.io/AuthorizationPolicy': {
    'spec.action': {
      text: 'What happens to a request that matches a rule. DENY policies are evaluated before ALLOW policies; CUSTOM delegates to an external authorizer first.',
      values: {
        ALLOW: 'Let matching requests in. Once any ALLOW policy selects a workload, requests that match no ALLOW rule are denied. An ALLOW policy with an empty rule (`rules: [{}]`) allows everything; one without `rules` allows nothing.',
        DENY: 'Reject matching requests, whatever ALLOW policies say. A DENY rule that names only HTTP attributes also rejects all plain TCP traffic, which has no such attributes.',
        AUDIT: 'Mark matching requests for audit logging; does not allow or deny anything.',
        CUSTOM: 'Ask the external authorizer named by `provider.name`; the request is denied if it says no.',
      },
    },
  },
};
