/**
 * Whether a manifest may hold a certificate: a BEGIN line, or base64 that starts like encoded
 * PEM ("-----BEGIN" encodes to "LS0tLS1CRUdJT") or like a DER certificate (a SEQUENCE with a
 * two-byte length encodes to "MII"). Most manifests hold none of these, so a workspace of
 * thousands costs one string search each before anything is decoded.
 */
export function mayHoldCertificates(text: string): boolean {
  return text.includes('-----BEGIN ') || text.includes('LS0tLS1CRUdJT') || /MII[A-Za-z0-9+/]{60}/.test(text);
}
