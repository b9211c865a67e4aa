// The certificates a handshake involves, read once for every report: a PEM bundle's certificates,
// a chain's decoded details, and why a verifier refused a chain it was sent.

import { findPemBlocks } from '../pem/blocks';
import { verifyChain } from '../x509/chain';
import { decodeDer } from '../x509/decode';
import type { CertificateDetails } from '../x509/model';
import { chainFailure, usageFailure, type Failure, type Peer } from './failures';

export interface PeerChain {
  ders: Uint8Array[];
  details: CertificateDetails[];
}

/** The DER certificates of a PEM text (a trust bundle, a chain file); none for an absent one. */
export function certificatesIn(pem: string | undefined): Uint8Array[] {
  return pem ? findPemBlocks(pem).flatMap((b) => (b.label === 'CERTIFICATE' && b.der ? [b.der] : [])) : [];
}

/** A chain as sent, with the details of each certificate that decodes. */
export function peerChain(ders: Uint8Array[]): PeerChain {
  return {
    ders,
    details: ders.flatMap((der) => {
      const decoded = decodeDer(der, 'CERTIFICATE');
      return decoded.kind === 'certificate' ? [decoded] : [];
    }),
  };
}

/** Whether a client's error code is its own verdict on the server (an alert or a reset is the server's doing). */
export function isVerifierVerdict(code: string | undefined): boolean {
  return code !== undefined && !code.startsWith('ERR_SSL_') && !['ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(code);
}

/**
 * Why `peer`'s chain was refused, by our own check (which names the certificate and the date and
 * agrees with openssl verify), else the missing extended key usage, else the TLS stack's words.
 */
export function refusedChain(peer: Peer, chain: PeerChain, trustedPem: string | undefined, now: Date, stackMessage?: string): Failure | undefined {
  // Without a bundle the TLS stack used its system roots, which never hold a mesh's CA: checking
  // against none names the same broken link.
  const found = chainFailure(peer, chain.details, verifyChain(chain.ders, certificatesIn(trustedPem), now)) ?? usageFailure(peer, chain.details[0]);
  if (found || stackMessage === undefined) return found;
  return {
    code: 'unknown-ca',
    reason: `The ${peer === 'server' ? 'client' : 'server'} refused the ${peer}'s certificate: ${stackMessage}.`,
    fix: `Check the ${peer} certificate against the trust bundle with Verify Chain….`,
  };
}
