// Every way a local mTLS test can fail, in plain words with the fix. The reasons come from what
// the run saw (Node's and OpenSSL's error codes, alerts on the wire) and from our own reading of
// the certificates involved, which names the certificate and the date instead of a code.

import type { ChainVerdict } from '../x509/chain';
import type { CertificateDetails } from '../x509/model';
import { objectName } from '../x509/objectName';

export type FailureCode =
  | 'unreadable-certificate'
  | 'key-mismatch'
  | 'expired'
  | 'not-yet-valid'
  | 'unknown-ca'
  | 'missing-intermediate'
  | 'no-client-certificate'
  | 'name-mismatch'
  | 'spiffe-id-mismatch'
  | 'missing-server-auth'
  | 'missing-client-auth'
  | 'no-common-version'
  | 'no-common-algorithm'
  | 'plaintext-rejected'
  | 'unauthorized-identity'
  | 'connection-closed'
  | 'timeout';

export interface Failure {
  code: FailureCode;
  reason: string;
  fix: string;
}

export type Peer = 'server' | 'client';

const other = (peer: Peer): Peer => (peer === 'server' ? 'client' : 'server');

/** A setup error: the PEM did not load, or the key is not the certificate's. */
export function setupFailure(peer: Peer, code: string | undefined, message: string): Failure {
  if (code === 'ERR_OSSL_X509_KEY_VALUES_MISMATCH' || /key values mismatch/i.test(message)) {
    return {
      code: 'key-mismatch',
      reason: `The ${peer}'s private key is not the key of its certificate, so it cannot prove it holds the certificate.`,
      fix: `Give the ${peer} the key that was generated with its certificate (the -key.pem beside it), or issue a new certificate for this key.`,
    };
  }
  return {
    code: 'unreadable-certificate',
    reason: `The ${peer}'s certificate or key could not be loaded (${message.trim().split('\n')[0]}).`,
    fix: `Check that the ${peer}'s files are PEM: a CERTIFICATE block (then its intermediates) and an unencrypted PRIVATE KEY.`,
  };
}

/**
 * Why `verifier` rejected the chain `peer` sent, from our own path check (which agrees with
 * openssl verify): expiry with the date, an untrusted root, or an intermediate left out.
 */
export function chainFailure(peer: Peer, sent: CertificateDetails[], verdict: ChainVerdict): Failure | undefined {
  const failure = verdict.failure;
  if (verdict.ok || !failure) return undefined;
  const verifier = other(peer);
  const at = sent.find((c) => c.subject === failure.subject) ?? sent[0];
  const name = at ? `"${objectName(at)}"` : 'its certificate';
  switch (failure.reason) {
    case 'expired':
      return {
        code: 'expired',
        reason: `The ${peer}'s certificate ${name} expired on ${at?.notAfter ?? 'a past date'}; the ${verifier} refuses certificates past their NotAfter.`,
        fix: `Issue the ${peer} a new certificate (Mesh mTLS: Issue Certificate…) and reload it; workloads renew well before expiry.`,
      };
    case 'not yet valid':
      return {
        code: 'not-yet-valid',
        reason: `The ${peer}'s certificate ${name} is not valid until ${at?.notBefore ?? 'a later date'}.`,
        fix: `Check the clocks of both machines, or issue a certificate whose NotBefore is in the past.`,
      };
    case 'unknown issuer': {
      const leaf = sent[0];
      if (sent.length === 1 && leaf && leaf.issuer !== leaf.subject) {
        return {
          code: 'missing-intermediate',
          reason: `The ${peer} sent only its own certificate, issued by "${leaf.issuerCommonName ?? leaf.issuer}", and the ${verifier} trusts no certificate of that name: the intermediate CA is missing from what the ${peer} sends.`,
          fix: `Configure the ${peer} with its chain file (its certificate, then the intermediates: the -chain.pem that Issue Certificate writes), or add that CA to the ${verifier}'s trust bundle.`,
        };
      }
      const top = sent[sent.length - 1];
      return {
        code: 'unknown-ca',
        reason: `The ${peer}'s chain ends at "${top ? objectName(top) : 'its certificate'}", issued by "${top?.issuerCommonName ?? top?.issuer ?? 'an unknown CA'}", which is not among the CAs the ${verifier} trusts.`,
        fix: `Add the ${peer}'s root CA to the ${verifier}'s trust bundle, or issue the ${peer}'s certificate from a CA the ${verifier} trusts.`,
      };
    }
    case 'self-signed and not trusted':
      return {
        code: 'unknown-ca',
        reason: `The ${peer}'s chain ends at the self-signed ${name}, which the ${verifier} does not trust.`,
        fix: `Add ${name} to the ${verifier}'s trust bundle, or issue the ${peer}'s certificate from a CA the ${verifier} trusts.`,
      };
    case 'signature does not verify':
      return {
        code: 'unknown-ca',
        reason: `The signature on the ${peer}'s certificate ${name} does not verify with its issuer's key: the issuer with that name in the ${verifier}'s trust bundle is a different CA.`,
        fix: `Trust the CA that really issued the ${peer}'s certificate (its root may have been re-created under the same name).`,
      };
    default:
      return {
        code: 'unknown-ca',
        reason: `The ${peer}'s chain does not verify at ${name}: ${failure.reason}.`,
        fix: `Issue the ${peer}'s certificate from a CA whose certificates the ${verifier} trusts, with CA flags set as a CA should.`,
      };
  }
}

/** A leaf without the extended key usage its role needs; an absent EKU allows every use. */
export function usageFailure(peer: Peer, leaf: CertificateDetails | undefined): Failure | undefined {
  if (!leaf?.hasExtendedKeyUsage) return undefined;
  const needed = peer === 'server' ? 'serverAuth' : 'clientAuth';
  if (leaf.extendedKeyUsage.includes(needed) || leaf.extendedKeyUsage.includes('anyExtendedKeyUsage')) return undefined;
  return {
    code: peer === 'server' ? 'missing-server-auth' : 'missing-client-auth',
    reason: `The ${peer}'s certificate "${objectName(leaf)}" may be used for ${leaf.extendedKeyUsage.join(', ')} only, not ${needed}, so the ${other(peer)} refuses it as a ${peer} certificate.`,
    fix: `Issue the ${peer} a certificate with the ${peer === 'server' ? 'server, mTLS or SPIFFE' : 'client, mTLS or SPIFFE'} profile (extended key usage ${needed}).`,
  };
}

export function nameFailure(expected: string, leaf: CertificateDetails | undefined): Failure {
  const names = leaf
    ? [...leaf.subjectAltNames.dns.map((d) => `DNS:${d}`), ...leaf.subjectAltNames.ip.map((i) => `IP:${i}`), ...leaf.subjectAltNames.uri.map((u) => `URI:${u}`)]
    : [];
  const held = names.length ? names.join(', ') : 'no SAN at all';
  if (expected.startsWith('spiffe://')) {
    return {
      code: 'spiffe-id-mismatch',
      reason: `The client expects the server to be ${expected}, but the server's certificate says ${held}.`,
      fix: `Issue the server a SPIFFE certificate for ${expected}, or expect the identity the server really has (check its namespace and service account).`,
    };
  }
  return {
    code: 'name-mismatch',
    reason: `The client connects to ${expected}, but the server's certificate names ${held}.`,
    fix: `Issue the server a certificate with ${expected} as a SAN (for a Kubernetes service, all of svc, svc.ns, svc.ns.svc and svc.ns.svc.cluster.local), or connect with a name the certificate holds.`,
  };
}

export const NO_CLIENT_CERTIFICATE: Failure = {
  code: 'no-client-certificate',
  reason: 'The server requires a client certificate (mTLS, as Istio STRICT does) and the client sent none.',
  fix: 'Give the client a certificate and key issued by a CA the server trusts, or set the server to PERMISSIVE while clients migrate.',
};

export const PLAINTEXT_REJECTED: Failure = {
  code: 'plaintext-rejected',
  reason: 'The client spoke plaintext to a server that accepts mTLS only; the server read its first bytes as a broken TLS record and dropped the connection.',
  fix: 'Send the traffic through TLS with a client certificate (through the sidecar, in a mesh), or set the PeerAuthentication mode to PERMISSIVE until every client speaks mTLS.',
};

export function versionFailure(clientOffers: string[], server?: { min?: string; max?: string }): Failure {
  const range =
    server?.min && server?.max
      ? `${server.min} to ${server.max}`
      : server?.min
        ? `${server.min} or later`
        : server?.max
          ? `${server.max} or earlier`
          : 'other versions';
  return {
    code: 'no-common-version',
    reason: `The client offers ${clientOffers.join(' and ') || 'no TLS version'} and the server accepts ${range}: no version in common.`,
    fix: 'Let both sides speak TLS 1.2 and 1.3 (the defaults), or raise the older side to TLS 1.3.',
  };
}

export const NO_COMMON_ALGORITHM: Failure = {
  code: 'no-common-algorithm',
  reason: 'The server found no cipher suite or signature algorithm it shares with the client for its key.',
  fix: 'Use an ECDSA P-256 or RSA 2048+ server key, which every TLS 1.2 and 1.3 client can use.',
};

/**
 * Why the identity check refused the client: an identity not on the list, a certificate that
 * carries no SPIFFE ID to match (`presented`, its leaf), or no certificate at all.
 */
export function unauthorizedFailure(identity: string | undefined, allowed: string[], presented?: CertificateDetails): Failure {
  const list = allowed.join(', ');
  if (identity) {
    return {
      code: 'unauthorized-identity',
      reason: `The client proved it is ${identity}, which is not among the identities the server allows (${list}); the server closed the connection without answering, as a sidecar's authorization policy does.`,
      fix: `Add "${identity.replace(/^spiffe:\/\//, '')}" to the principals of the AuthorizationPolicy, or call with a workload whose identity it already allows.`,
    };
  }
  if (presented) {
    const uris = presented.subjectAltNames.uri;
    if (uris.length > 1 && uris.some((uri) => uri.startsWith('spiffe://'))) {
      return {
        code: 'unauthorized-identity',
        reason: `The client's certificate "${objectName(presented)}" verified, but it carries several URI SANs (${uris.join(', ')}); an X.509-SVID holds exactly one, so no SPIFFE identity can be read from it and none of the identities the server allows (${list}) matches.`,
        fix: 'Issue the client a certificate with a single spiffe:// URI SAN, the identity of the service account it runs as.',
      };
    }
    return {
      code: 'unauthorized-identity',
      reason: `The client's certificate "${objectName(presented)}" verified, but it carries no SPIFFE ID (${uris.length ? `its URI SANs are ${uris.join(', ')}` : 'it has no URI SAN'}), and the identities the server allows (${list}) can only match a spiffe:// URI SAN.`,
      fix: 'Issue the client a SPIFFE certificate for the service account it runs as (Issue Certificate… with the SPIFFE profile, or mesh-mtls cert issue --profile spiffe --spiffe-id spiffe://…), or drop the allowed identities to let any verified client in.',
    };
  }
  return {
    code: 'unauthorized-identity',
    reason: `The client sent no certificate, so it has no identity to match against those the server allows (${list}).`,
    fix: 'Give the client a certificate with its SPIFFE ID, and require mTLS so the server can tell who calls.',
  };
}

export function closedFailure(what: string): Failure {
  return { code: 'connection-closed', reason: `The connection closed ${what}.`, fix: 'Look at the first failing step above, and at the server’s log.' };
}

export function timeoutFailure(ms: number): Failure {
  return {
    code: 'timeout',
    reason: `Nothing more happened within ${ms} ms, so the test stopped and closed everything.`,
    fix: 'Check that the server answers TLS on that port, or raise the timeout.',
  };
}
