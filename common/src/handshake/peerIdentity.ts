// Who a peer certificate says it is, and whether a policy lets it in: SPIFFE IDs from URI SANs,
// matched against SPIFFE IDs or Istio principals as an AuthorizationPolicy writes them
// ("cluster.local/ns/shop/sa/web", with "*" as a prefix or suffix wildcard).

import type { PeerCertificate } from 'node:tls';

/** The URI SANs of Node's peer certificate ("URI:spiffe://…, DNS:…"). */
export function uriSans(certificate: Pick<PeerCertificate, 'subjectaltname'> | undefined): string[] {
  const names = certificate?.subjectaltname ?? '';
  return names.split(/,\s*/).flatMap((entry) => (entry.startsWith('URI:') ? [entry.slice(4)] : []));
}

/**
 * The certificate's SPIFFE ID: its URI SAN when it has exactly one and that one is `spiffe://`.
 * An X.509-SVID holds exactly one URI SAN; SPIFFE verifiers (go-spiffe's x509svid, which SPIRE
 * uses) refuse a certificate with more, rather than pick one, and so does this check.
 */
export function spiffeIdOf(certificate: Pick<PeerCertificate, 'subjectaltname'> | undefined): string | undefined {
  const uris = uriSans(certificate);
  return uris.length === 1 && uris[0].startsWith('spiffe://') ? uris[0] : undefined;
}

/** Istio's principal for a SPIFFE ID: the ID without its scheme. */
export function principalOf(spiffeId: string): string {
  return spiffeId.replace(/^spiffe:\/\//, '');
}

/** Whether `identity` (a SPIFFE ID) is allowed by `rule`: a SPIFFE ID or principal, exact, "*", "prefix*" or "*suffix". */
export function identityAllowed(identity: string, rule: string): boolean {
  const principal = principalOf(identity);
  const wanted = principalOf(rule.trim());
  if (wanted === '*') return true;
  if (wanted.endsWith('*')) return principal.startsWith(wanted.slice(0, -1));
  if (wanted.startsWith('*')) return principal.endsWith(wanted.slice(1));
  return principal === wanted;
}
