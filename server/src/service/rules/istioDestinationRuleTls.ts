import { isMap, type Node } from 'yaml';
import type { ResourceView } from './resourceView';

// istiod's checks of a DestinationRule's ClientTLSSettings (ValidateTLS in
// pkg/config/validation/agent/validation.go), wherever the settings sit.

const INLINE_FILES = ['clientCertificate', 'privateKey', 'caCertificates', 'caCrl'];

/** Checks one `tls` block; `key` is where to report a block that has no mode. */
export function checkClientTls(r: ResourceView, tls: Node, key: Node | undefined): void {
  const mode = r.string(['mode'], tls);
  if (isMap(tls) && !r.has(['mode'], tls)) {
    r.ctx.warning(r.valueRange(key ?? tls), 'istio-tls-settings', 'These TLS settings have no mode, so the mode is DISABLE: the sidecar sends plaintext, and automatic mutual TLS no longer applies to this traffic. For mesh traffic, set mode: ISTIO_MUTUAL.', undefined);
  }
  const credentialName = nonEmpty(r, 'credentialName', tls);
  if (r.value(['insecureSkipVerify'], tls) === true) {
    // With MUTUAL, credentialName also carries the client certificate, so istiod lets it stand.
    const verifying = mode === 'SIMPLE' ? ['caCertificates', 'credentialName', 'subjectAltNames'] : mode === 'MUTUAL' ? ['caCertificates', 'subjectAltNames'] : [];
    for (const field of verifying) {
      if (r.has([field], tls) && (field === 'subjectAltNames' || nonEmpty(r, field, tls))) r.ctx.error(r.rangeOf([field], tls), 'istio-tls-settings', `${field} cannot be combined with insecureSkipVerify: true, which turns server verification off (istiod refuses the pair in ${mode} mode).`);
    }
    if (r.has(['caCrl'], tls)) r.ctx.warning(r.rangeOf(['caCrl'], tls), 'istio-tls-settings', 'caCrl has no effect with insecureSkipVerify: true: the server certificate is not verified, so it is never checked against the revocation list.', undefined);
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && credentialName) {
    for (const field of INLINE_FILES) {
      if (nonEmpty(r, field, tls)) r.ctx.error(r.rangeOf([field], tls), 'istio-tls-settings', `${field} cannot be combined with credentialName: the certificates come from the Secret it names.`);
    }
    return;
  }
  if (mode === 'MUTUAL') {
    for (const field of ['clientCertificate', 'privateKey']) {
      if (!nonEmpty(r, field, tls)) r.ctx.error(r.rangeOf(['mode'], tls), 'istio-tls-settings', `MUTUAL TLS without credentialName needs ${field}: the client certificate files the sidecar presents.`);
    }
  }
  if (mode === 'ISTIO_MUTUAL') {
    for (const field of [...INLINE_FILES, 'credentialName']) {
      if (r.has([field], tls)) r.ctx.warning(r.rangeOf([field], tls), 'istio-tls-settings', `${field} is ignored with ISTIO_MUTUAL, which uses the mesh's own certificates.`, undefined);
    }
  }
}

function nonEmpty(r: ResourceView, field: string, tls: Node): boolean {
  const value = r.value([field], tls);
  return (value !== undefined && value !== '') || templated(r, field, tls);
}

/** A templated or placeholder value: present, but unknown. */
function templated(r: ResourceView, field: string, tls: Node): boolean {
  return r.has([field], tls) && r.value([field], tls) === undefined;
}
