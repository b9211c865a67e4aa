import { isMap, isSeq, type Node } from 'yaml';
import { atLeast } from '../../../../common/src/versions';
import type { ResourceView } from './resourceView';

// istiod's checks of a DestinationRule's ClientTLSSettings (ValidateTLS in
// pkg/config/validation/agent/validation.go), wherever the settings sit.

const INLINE_FILES = ['clientCertificate', 'privateKey', 'caCertificates', 'caCrl'];

/** Checks one `tls` block; `key` is where to report a block that has no mode. */
export function checkClientTls(r: ResourceView, tls: Node, key: Node | undefined): void {
  const mode = r.string(['mode'], tls);
  if (isMap(tls) && !r.has(['mode'], tls)) {
    r.ctx.warning(
      r.valueRange(key ?? tls),
      'istio-tls-settings',
      'These TLS settings have no mode, so the mode is DISABLE: the sidecar sends plaintext, and automatic mutual TLS no longer applies to this traffic. For mesh traffic, set mode: ISTIO_MUTUAL.',
      undefined,
    );
  }
  const credentialName = nonEmpty(r, 'credentialName', tls);
  const credential = r.string(['credentialName'], tls);
  if (credential?.startsWith('configmap://')) checkConfigMapCredential(r, tls, credential, mode);
  if (r.value(['insecureSkipVerify'], tls) === true) {
    // With MUTUAL, credentialName also carries the client certificate, so istiod lets it stand.
    const verifying =
      mode === 'SIMPLE' ? ['caCertificates', 'credentialName', 'subjectAltNames'] : mode === 'MUTUAL' ? ['caCertificates', 'subjectAltNames'] : [];
    for (const field of verifying) {
      if (field === 'subjectAltNames' ? hasNames(r, tls) : nonEmpty(r, field, tls))
        r.ctx.error(
          r.rangeOf([field], tls),
          'istio-tls-settings',
          `${field} cannot be combined with insecureSkipVerify: true, which turns server verification off (istiod refuses the pair in ${mode} mode).`,
        );
    }
    if (r.has(['caCrl'], tls))
      r.ctx.warning(
        r.rangeOf(['caCrl'], tls),
        'istio-tls-settings',
        'caCrl has no effect with insecureSkipVerify: true: the server certificate is not verified, so it is never checked against the revocation list.',
        undefined,
      );
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && credentialName) {
    for (const field of INLINE_FILES) {
      if (nonEmpty(r, field, tls))
        r.ctx.error(
          r.rangeOf([field], tls),
          'istio-tls-settings',
          `${field} cannot be combined with credentialName: the certificates come from the Secret it names.`,
        );
    }
    return;
  }
  if (mode === 'MUTUAL') {
    for (const field of ['clientCertificate', 'privateKey']) {
      if (!nonEmpty(r, field, tls))
        r.ctx.error(
          r.rangeOf(['mode'], tls),
          'istio-tls-settings',
          `MUTUAL TLS without credentialName needs ${field}: the client certificate files the sidecar presents.`,
        );
    }
  }
  if (mode === 'ISTIO_MUTUAL') {
    for (const field of [...INLINE_FILES, 'credentialName']) {
      if (r.has([field], tls))
        r.ctx.warning(
          r.rangeOf([field], tls),
          'istio-tls-settings',
          `${field} is ignored with ISTIO_MUTUAL, which uses the mesh's own certificates.`,
          undefined,
        );
    }
  }
}

/**
 * `configmap://<namespace>/<name>`: a CA bundle from a ConfigMap, from Istio 1.26 (istiod's
 * ValidateTLS refuses a malformed one or another namespace than the rule's; sds.go serves only the
 * ConfigMap's ca.crt). Before 1.26 istiod reads the whole text as a Secret's name.
 */
function checkConfigMapCredential(r: ResourceView, tls: Node, credential: string, mode: string | undefined): void {
  const at = r.rangeOf(['credentialName'], tls);
  const { istio } = r.ctx.versions;
  if (!atLeast(istio, '1.26')) {
    r.ctx.warning(
      at,
      'istio-tls-settings',
      `configmap:// credentials are read from Istio 1.26 (you target ${istio}): before that istiod takes the whole text as the name of a Secret, which no Secret can have, so the proxy gets no certificates from it.`,
      undefined,
    );
    return;
  }
  const [namespace, name] = credential.slice('configmap://'.length).split('/');
  if (!namespace || !name) {
    r.ctx.error(at, 'istio-tls-settings', 'A configmap:// credentialName is written configmap://<namespace>/<name>, with both parts.');
    return;
  }
  const own = r.string(['metadata', 'namespace']);
  if (own !== undefined && namespace !== own)
    r.ctx.error(at, 'istio-tls-settings', `A configmap:// credentialName must name a ConfigMap in the rule's own namespace (${own}), not ${namespace}.`);
  if (mode === 'MUTUAL')
    r.ctx.warning(
      at,
      'istio-tls-settings',
      'A ConfigMap gives only a CA bundle (its ca.crt), never a client certificate: MUTUAL needs a Secret here. Use SIMPLE to only check the server with this CA.',
      undefined,
    );
}

/** istiod tests subjectAltNames for nil: an empty list reads as none. */
function hasNames(r: ResourceView, tls: Node): boolean {
  const names = r.node(['subjectAltNames'], tls);
  return names !== undefined && !(isSeq(names) && names.items.length === 0) && !(r.value(['subjectAltNames'], tls) === null);
}

function nonEmpty(r: ResourceView, field: string, tls: Node): boolean {
  const value = r.value([field], tls);
  return (value !== undefined && value !== '') || templated(r, field, tls);
}

/** A templated or placeholder value: present, but unknown. */
function templated(r: ResourceView, field: string, tls: Node): boolean {
  return r.has([field], tls) && r.value([field], tls) === undefined;
}
