import { Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver-types';

export const DIAGNOSTIC_SOURCE = 'mesh-mtls';
const DOCS = 'https://github.com/mesh-mtls/vscode-mesh-mtls/blob/main/docs/diagnostics.md';

/**
 * Stable diagnostic codes. Each has an entry (heading of the same name) in docs/diagnostics.md,
 * which the diagnostic links to; users and CI filters rely on them, so never rename one.
 */
export const DIAGNOSTIC_CODES = [
  'yaml-syntax',
  'duplicate-key',
  'unknown-api-version',
  'unknown-kind',
  'deprecated-api-version',
  'unknown-field',
  'wrong-type',
  'enum-value',
  'required-field',
  'pattern-mismatch',
  'out-of-range',
  'invalid-format',
  'mutually-exclusive',
  'duplicate-item',
  'crd-rule',
  'placeholder',
  'linkerd-identity',
  'linkerd-target',
  'linkerd-authentication-refs',
  'linkerd-network',
  'linkerd-server',
  'linkerd-server-authorization',
  'linkerd-route',
  'linkerd-rate-limit',
  'istio-authz-action',
  'istio-authz-empty',
  'istio-authz-value',
  'istio-authz-condition',
  'istio-principal-format',
  'istio-deny-http-only',
  'istio-request-authn',
  'istio-policy-target',
  'istio-annotation',
  'istio-version',
  'istio-tls-settings',
  'istio-destination-rule',
  'istio-traffic-policy',
  'istio-load-balancer',
  'cert-manager-certificate',
  'cert-manager-private-key',
  'cert-manager-duration',
  'cert-manager-keystore',
  'cert-manager-certificate-request',
  'cert-manager-issuer',
  'secret-content',
  'istio-cacerts',
  'analysis-skipped',
  'pem-syntax',
  'certificate-unreadable',
  'certificate-expired',
  'certificate-not-yet-valid',
  'certificate-expiring-soon',
  'certificate-weak-key',
  'certificate-weak-signature',
  'certificate-no-san',
  'certificate-ca-flags',
  'chain-order',
  'chain-signature',
  'chain-path-length',
  'chain-duplicate',
  'chain-name-constraints',
  'chain-untrusted',
  'certificate-critical-extension',
  'certificate-duplicate-extension',
  'certificate-algorithm-mismatch',
  'certificate-name-characters',
  'spiffe-svid',
  'key-mismatch',
  'private-key-unencrypted',
  'mtls-policy-conflict',
  'selector-no-workload',
  'mtls-destination-conflict',
  'authz-without-mtls',
  'authz-allow-nothing',
  'authz-http-fields-on-tcp',
  'ztunnel-unenforced',
  'no-waypoint',
  'unknown-namespace',
  'unknown-service-account',
  'foreign-trust-domain',
  'tls-unverified-server',
  'tls-credential-without-selector',
  'missing-secret',
  'missing-issuer',
  'duplicate-secret-name',
  'certificate-outlives-issuer',
  'linkerd-missing-target',
  'linkerd-server-unauthorized',
  'linkerd-server-overlap',
  'linkerd-server-authorization-deprecated',
  // SPIRE server and agent configuration (server/src/spire/).

  'spire-syntax',
  'spire-decode-type',
  'spire-required',
  'spire-unknown-key',
  'spire-removed-key',
  'spire-trust-domain',
  'spire-spiffe-id',
  'spire-duration',
  'spire-ttl',
  'spire-key-type',
  'spire-bind-address',
  'spire-log',
  'spire-plugin-type',
  'spire-plugin-count',
  'spire-plugin-name',
  'spire-plugin-config',
  'spire-plugin-disabled',
  'spire-federation',
  'spire-bundle-endpoint',
  'spire-trust-bundle',
  'spire-join-token',
  'spire-socket',
  'spire-sds',
  'spire-experimental',
  'spire-feature-flag',
  'spire-deprecated',
  'spire-cidr',
  'spire-value',
  'spire-platform',
  'spire-duplicate-block',
  'spire-trust-domain-mismatch',
  'workload-selector',
  'mesh-annotation-value',
  'mesh-annotation-placement',
  'mtls-port-bypass',
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number];

/**
 * What a quick fix needs, carried in `Diagnostic.data` so the code-action service can offer it
 * without re-running validation: replace the diagnostic's range (or `range`) with `replacement`.
 */
export interface FixData {
  title: string;
  replacement: string;
  /** Where the replacement goes, when not over the diagnostic's own range (a whole document, an insertion after it). */
  range?: Range;
}

export function diagnostic(range: Range, severity: DiagnosticSeverity, code: DiagnosticCode, message: string, fix?: FixData): Diagnostic {
  const result: Diagnostic = {
    range,
    severity,
    code,
    codeDescription: { href: `${DOCS}#${code}` },
    source: DIAGNOSTIC_SOURCE,
    message,
  };
  if (fix) result.data = fix;
  return result;
}
