import { validitySummary } from '../../../../common/src/time/validityPhrase';
import type { CertificateDetails, ChainReport, CsrDetails, DecodedObject } from '../../../../common/src/x509/model';

// How lenses and hovers name objects: one line a person reads at a glance.

/** The name shown first: the SPIFFE ID when there is one, else the CN, else the whole subject. */
export function subjectName(object: Pick<CertificateDetails | CsrDetails, 'subjectAltNames' | 'subjectCommonName' | 'subject'>): string {
  return object.subjectAltNames.uri.find((u) => u.startsWith('spiffe://')) ?? object.subjectCommonName ?? (object.subject || '(empty subject)');
}

export function issuerName(certificate: CertificateDetails): string {
  return certificate.issuerCommonName ?? (certificate.issuer || '(empty issuer)');
}

/** "issued by Shop CA", or "self-signed" for a certificate that names itself as its issuer. */
export function issuerPhrase(certificate: CertificateDetails): string {
  return certificate.selfIssued ? 'self-signed' : `issued by ${issuerName(certificate)}`;
}

/** The one-line summary of any decoded object: what a lens says and a hover starts with. */
export function objectSummary(decoded: DecodedObject, now: Date, soonDays: number): string {
  switch (decoded.kind) {
    case 'certificate':
      return [subjectName(decoded), decoded.publicKey.description, validitySummary(new Date(decoded.notBefore), new Date(decoded.notAfter), now, soonDays), issuerPhrase(decoded)].join(' · ');
    case 'csr':
      return [`Certificate request for ${subjectName(decoded)}`, decoded.publicKey.description, ...(decoded.signatureValid ? [] : ['its signature does not verify'])].join(' · ');
    case 'privateKey':
      return decoded.encrypted ? `Private key · encrypted (${decoded.format})` : ['Private key', decoded.publicKey?.description ?? 'unknown algorithm', decoded.format].join(' · ');
    case 'publicKey':
      return `Public key · ${decoded.publicKey.description}`;
    case 'unreadable':
      return `${kindOfLabel(decoded.label)} unreadable: ${decoded.reason}`;
  }
}

/** "Certificate", "Private key", … for a PEM label; "Object" for DER without one. */
export function kindOfLabel(label: string): string {
  if (/CERTIFICATE REQUEST$/.test(label)) return 'Certificate request';
  if (/CERTIFICATE$/.test(label)) return 'Certificate';
  if (/PRIVATE KEY$/.test(label)) return 'Private key';
  if (/PUBLIC KEY$/.test(label)) return 'Public key';
  return label ? `${label.charAt(0)}${label.slice(1).toLowerCase()}` : 'Object';
}

/** The labels we decode: anything else (CRLs, parameters) is shown, never reported as unreadable. */
export function isDecodedLabel(label: string | undefined): boolean {
  return label === undefined || label === '' || /(^|\s)(CERTIFICATE|CERTIFICATE REQUEST|PRIVATE KEY|PUBLIC KEY)$/.test(label);
}

/**
 * A bundle as a chain, in one line: "chain of 3 · ends at root Shop Root CA · verified", or
 * where it stops: a signature that does not verify, an issuer that is not a CA, a missing issuer.
 */
export function chainSummary(chain: ChainReport, certificates: CertificateDetails[], role: 'chain' | 'trust' = 'chain'): string {
  // A trust store lists roots side by side: no certificate signed another, so there is no chain to speak of.
  if (!chain.links.some((l) => l.issuerIndex !== undefined && l.issuerIndex !== l.index)) return `Bundle of ${certificates.length} certificates · none signed another, so they form no chain`;
  const path = chainPath(chain);
  const name = (index: number) => subjectName(certificates[index]);
  const parts = [`Chain of ${path.length}`];
  const endIndex = path[path.length - 1];
  const end = certificates[endIndex];
  const onPath = new Set(path);
  const broken = chain.problems.find((p) => (p.kind === 'bad-signature' || p.kind === 'issuer-not-ca' || p.kind === 'path-length') && onPath.has(p.index));
  if (chain.verified) {
    parts.push(`ends at root ${name(endIndex)}`, 'verified');
  } else if (broken?.kind === 'bad-signature') {
    parts.push(broken.issuerIndex === broken.index ? `breaks at ${name(broken.index)}: its self-signature does not verify` : `breaks at ${name(broken.index)}: ${name(broken.issuerIndex)}'s key does not verify its signature`);
  } else if (broken?.kind === 'issuer-not-ca') {
    parts.push(`breaks at ${name(broken.index)}: its issuer ${name(broken.issuerIndex)} is not a CA`);
  } else if (broken?.kind === 'path-length') {
    parts.push(`breaks at ${name(broken.index)}: ${name(broken.caIndex)} allows only ${broken.pathLength} CA${broken.pathLength === 1 ? '' : 's'} below it`);
  } else if (end && chain.links[endIndex]?.issuerIndex === undefined) {
    parts.push(`ends at ${name(endIndex)}, whose issuer ${issuerName(end)} is not included`);
  } else {
    parts.push('not verified');
  }
  const outside = certificates.length - new Set(path).size;
  if (outside > 0) parts.push(`${outside} more certificate${outside === 1 ? '' : 's'} not on it`);
  if (role === 'chain' && chain.problems.some((p) => p.kind === 'out-of-order')) parts.push('out of order');
  return parts.join(' · ');
}

/** The certificates from the first one up its issuers, each once. */
export function chainPath(chain: ChainReport): number[] {
  const path: number[] = [];
  const seen = new Set<number>();
  for (let at: number | undefined = chain.links.length ? 0 : undefined; at !== undefined && !seen.has(at); ) {
    seen.add(at);
    path.push(at);
    const up: number | undefined = chain.links[at].issuerIndex;
    at = up === at ? undefined : up;
  }
  return path;
}
