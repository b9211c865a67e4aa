// Whether a group of certificates is a chain a server presents (order matters: leaf first) or a
// set of trust anchors (order means nothing), judged by the name it is kept under.

/** Keys and file names that hold trust anchors: ca.crt, root-cert.pem, caBundle, identityTrustAnchorsPEM, ca-certificates.crt, trust-bundle.pem… */
const TRUST_NAME = /(ca-?bundle|trust|anchor|ca-certificates|^ca\.(pem|crt|cer)$|^root|-root\.)/i;

/** By the last key of a YAML path, or a file's base name. */
export function roleOfName(name: string): 'chain' | 'trust' {
  return TRUST_NAME.test(name) ? 'trust' : 'chain';
}
