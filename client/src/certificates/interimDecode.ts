// Stand-in for common/src/x509/decode.ts (cert-decode helper, not merged yet) so the views run
// end to end: certificates through the existing summary, fewer fields than the real decoder
// gives. Removed at the merge; callers import `decodeDer` from here only.

import { decodeCertificate, fingerprint } from '../../../common/src/x509/certificate';
import type { DecodedObject } from '../../../common/src/x509/model';

export function decodeDer(der: Uint8Array, label = 'CERTIFICATE'): DecodedObject {
  if (label !== 'CERTIFICATE' && label !== 'TRUSTED CERTIFICATE') return { kind: 'unreadable', label, reason: 'not decoded yet' };
  try {
    const summary = decodeCertificate(der);
    const [algorithm, detail] = summary.publicKey.split(' ');
    return {
      kind: 'certificate',
      version: 3,
      serialNumber: summary.serialNumber,
      subject: rfc4514(summary.subject),
      issuer: rfc4514(summary.issuer),
      subjectCommonName: summary.subjectCommonName,
      issuerCommonName: summary.issuerCommonName,
      notBefore: summary.notBefore.toISOString(),
      notAfter: summary.notAfter.toISOString(),
      subjectAltNames: { dns: summary.dnsNames, ip: summary.ipAddresses, uri: summary.uris, email: [], other: [] },
      publicKey: { algorithm, description: summary.publicKey, spkiSha256: '', ...(algorithm === 'ECDSA' ? { curve: detail } : { size: Number(detail) || undefined }) },
      signatureAlgorithm: '',
      isCA: false,
      keyUsage: [],
      hasKeyUsage: false,
      extendedKeyUsage: [],
      hasExtendedKeyUsage: false,
      crlDistributionPoints: [],
      ocsp: [],
      caIssuers: [],
      extensions: [],
      fingerprints: { sha1: fingerprint(der, 'sha1'), sha256: summary.sha256Fingerprint },
      selfIssued: summary.selfIssued,
    };
  } catch (error) {
    return { kind: 'unreadable', label, reason: (error as Error).message };
  }
}

/** The library prints names most significant first ("O=Shop, CN=x"); the model wants RFC 4514 order. */
function rfc4514(name: string): string {
  return name.split(', ').reverse().join(',');
}
