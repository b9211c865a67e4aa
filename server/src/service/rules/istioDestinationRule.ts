import { isMap, type Node } from 'yaml';
import type { ResourceView, Rule } from './resourceView';

// istiod's validation webhook rules for DestinationRule, for what the CRD schemas (and their CEL
// rules, checked elsewhere) leave out.

const INLINE_FILES = ['clientCertificate', 'privateKey', 'caCertificates'];

/** Every ClientTLSSettings of a DestinationRule: top level, per port, per subset. */
function tlsSettings(r: ResourceView): Node[] {
  const policies = [r.node(['spec', 'trafficPolicy']), ...r.items(['spec', 'subsets']).map((subset) => r.node(['trafficPolicy'], subset))].filter((p): p is Node => p !== undefined);
  return policies.flatMap((policy) => [r.node(['tls'], policy), ...r.items(['portLevelSettings'], policy).map((port) => r.node(['tls'], port))]).filter((t): t is Node => t !== undefined);
}

const destinationRule: Rule = (r) => {
  for (const tls of tlsSettings(r)) {
    const mode = r.string(['mode'], tls);
    if (isMap(tls) && !r.has(['mode'], tls)) {
      const key = tls === r.node(['spec', 'trafficPolicy', 'tls']) ? r.keyOf(['spec', 'trafficPolicy', 'tls']) : undefined;
      r.ctx.warning(key ? r.ctx.range(key) : r.valueRange(tls), 'istio-tls-settings', 'These TLS settings have no mode, so the mode is DISABLE: the sidecar sends plaintext, and automatic mutual TLS no longer applies to this traffic. For mesh traffic, set mode: ISTIO_MUTUAL.', undefined);
    }
    const credentialName = r.has(['credentialName'], tls);
    if (mode === 'MUTUAL' && !credentialName) {
      for (const field of ['clientCertificate', 'privateKey']) {
        if (!r.has([field], tls)) r.ctx.error(r.rangeOf(['mode'], tls), 'istio-tls-settings', `MUTUAL TLS without credentialName needs ${field}: the client certificate files the sidecar presents.`);
      }
    }
    if (credentialName) {
      for (const field of INLINE_FILES) {
        if (r.has([field], tls)) r.ctx.error(r.rangeOf([field], tls), 'istio-tls-settings', `${field} cannot be combined with credentialName: the certificates come from the Secret it names.`);
      }
    }
    if (mode === 'ISTIO_MUTUAL') {
      for (const field of [...INLINE_FILES, 'credentialName']) {
        if (r.has([field], tls)) r.ctx.error(r.rangeOf([field], tls), 'istio-tls-settings', `${field} has no effect with ISTIO_MUTUAL, which uses the mesh's own certificates.`);
      }
    }
    if (r.value(['insecureSkipVerify'], tls) === true) {
      for (const field of ['caCertificates', 'subjectAltNames', 'caCrl']) {
        if (r.has([field], tls)) r.ctx.error(r.rangeOf([field], tls), 'istio-tls-settings', `${field} cannot be combined with insecureSkipVerify: true, which turns server verification off.`);
      }
    }
  }
};

export const ISTIO_DESTINATION_RULE_RULES: Record<string, Rule[]> = {
  'networking.istio.io/DestinationRule': [destinationRule],
};
