import { certificateDetails } from '../../../../common/src/x509/decode';
import type { PublicKeyInfo } from '../../../../common/src/x509/model';

// What go-spiffe's spiffebundle.Parse (bundle/spiffebundle/bundle.go@v2.7.0) refuses in a SPIFFE
// bundle, a JWK set with SPIFFE's extra members, including what go-jose's JSONWebKey.UnmarshalJSON
// (jwk.go@v4.1.4) refuses in each key: spire-controller-manager reads a ClusterFederatedTrustDomain's
// trustDomainBundle with it.

const CURVES = new Set(['P-256', 'P-384', 'P-521']);
const BASE64URL = /^[A-Za-z0-9_-]*$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Why the bundle is refused, or undefined when it parses. */
export function spiffeBundleProblem(text: string): string | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return /^\s*-----BEGIN/.test(text)
      ? 'it is PEM, but a SPIFFE bundle is a JWK set in JSON ({"keys": [...]})'
      : 'it is not JSON (a SPIFFE bundle is a JWK set: {"keys": [...]})';
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return 'it must be a JSON object with a "keys" list';
  const bundle = doc as Record<string, unknown>;
  for (const member of ['spiffe_refresh_hint', 'spiffe_sequence'])
    if (bundle[member] !== undefined && bundle[member] !== null && !Number.isInteger(bundle[member])) return `"${member}" must be an integer`;
  if (bundle.keys === undefined || bundle.keys === null) return 'it has no "keys" member, which a SPIFFE bundle must have ("no authorities found")';
  if (!Array.isArray(bundle.keys)) return '"keys" must be a list';
  for (const [i, key] of bundle.keys.entries()) {
    const problem = keyProblem(key);
    if (problem) return `key ${i}: ${problem}`;
  }
  return undefined;
}

function keyProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'each key must be a JSON object';
  const key = value as Record<string, unknown>;
  const text = (name: string) => (typeof key[name] === 'string' ? key[name] : undefined);
  for (const name of ['kty', 'kid', 'use', 'crv', 'x', 'y', 'n', 'e', 'k'])
    if (key[name] !== undefined && key[name] !== null && typeof key[name] !== 'string') return `"${name}" must be a string`;
  const certificates = key.x5c === undefined || key.x5c === null ? [] : key.x5c;
  if (!Array.isArray(certificates)) return '"x5c" must be a list of base64 certificates';
  let leafKey: PublicKeyInfo | undefined;
  for (const [i, cert] of certificates.entries()) {
    if (typeof cert !== 'string' || !BASE64.test(cert)) return `x5c[${i}] is not standard base64`;
    try {
      const details = certificateDetails(Buffer.from(cert, 'base64'));
      leafKey ??= details.publicKey;
    } catch {
      return `x5c[${i}] is not a DER X.509 certificate`;
    }
  }
  // go-jose compares the key with the first certificate's: a key of another type or curve cannot be the same key.
  const mismatch = leafKey && keyTypeMismatch(text('kty') ?? '', text('crv'), leafKey);
  if (mismatch) return mismatch;
  const base64url = (name: string) => {
    const v = text(name);
    return v === undefined || v === '' ? `the ${name} value is missing` : BASE64URL.test(v.replace(/=+$/, '')) ? undefined : `"${name}" is not base64url`;
  };
  const kty = text('kty') ?? '';
  switch (kty) {
    case '':
      return 'it has no "kty" (key type)';
    case 'EC':
      if (!CURVES.has(text('crv') ?? '')) return `unsupported elliptic curve ${JSON.stringify(text('crv') ?? '')} (P-256, P-384 or P-521)`;
      return base64url('x') ?? base64url('y') ?? useProblem(key, certificates.length);
    case 'RSA':
      return base64url('n') ?? base64url('e') ?? useProblem(key, certificates.length);
    case 'oct':
      if (certificates.length > 0) return 'a symmetric ("oct") key cannot carry a certificate chain';
      return base64url('k') ?? useProblem(key, certificates.length);
    case 'OKP':
      if (text('crv') !== 'Ed25519') return `unsupported key type: OKP with curve ${JSON.stringify(text('crv') ?? '')} (only Ed25519)`;
      return base64url('x') ?? useProblem(key, certificates.length);
    default:
      return `unsupported key type ${JSON.stringify(kty)} (EC, RSA, OKP or oct)`;
  }
}

function keyTypeMismatch(kty: string, crv: string | undefined, cert: PublicKeyInfo): string | undefined {
  const same =
    (kty === 'EC' && cert.algorithm === 'ECDSA' && cert.curve === crv) ||
    (kty === 'RSA' && cert.algorithm === 'RSA') ||
    (kty === 'OKP' && cert.algorithm === crv) ||
    !['EC', 'RSA', 'OKP'].includes(kty);
  return same ? undefined : `the key (${[kty, crv].filter(Boolean).join(' ')}) is not the key of its x5c certificate (${cert.description})`;
}

/** The SPIFFE uses: an X.509 authority is one certificate, a JWT (or WIT) authority needs a key ID. */
function useProblem(key: Record<string, unknown>, certificates: number): string | undefined {
  if (key.use === 'x509-svid' && certificates !== 1) return `an x509-svid key must carry exactly one certificate in x5c (it has ${certificates})`;
  if ((key.use === 'jwt-svid' || key.use === 'wit-svid') && !key.kid) return `a ${String(key.use)} key needs a "kid" (key ID)`;
  return undefined;
}
