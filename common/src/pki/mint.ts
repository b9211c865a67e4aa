// Dev CAs and the certificates they issue: what goes into each certificate, as a CA that mesh
// operators would trust sets it. certificateBuilder.ts encodes; nameChecks.ts vets the input.

import { verifyChain } from '../x509/chain';
import { certificateDetails } from '../x509/decode';
import { objectName } from '../x509/objectName';
import { parseCertificate } from '../x509/parsed';
import {
  buildCertificate,
  issuerIdentity,
  selfIssuer,
  type ExtendedKeyUsageName,
  type KeyUsageName,
  type NameConstraintsSpec,
  type NameSpec,
} from './certificateBuilder';
import { generateKey, KEY_TYPE_NAMES, type KeyType, type SigningKey } from './keyPairs';
import { dnsNameProblem, ipAddressProblem, uriProblem } from './nameChecks';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far NotBefore is set back, so a peer whose clock runs a little behind still accepts the certificate. */
export const CLOCK_SKEW_MS = 5 * MINUTE;

export const CA_DEFAULTS = { name: 'Mesh mTLS Development CA', keyType: 'ecdsa-p256' as KeyType, rootDays: 365, intermediateDays: 180 };

export class MintError extends Error {}
export class MintCancelled extends Error {
  constructor() {
    super('cancelled before any file was written');
  }
}

/** A certificate with the key it certifies. */
export interface KeyedCertificate {
  certificate: Uint8Array;
  key: SigningKey;
}

export interface DevCa {
  root: KeyedCertificate;
  intermediate?: KeyedCertificate;
}

/** A CA to issue from: the root (its key is not needed when an intermediate signs) and the intermediate, if any. */
export interface CaMaterial {
  root: { certificate: Uint8Array; key?: SigningKey };
  intermediate?: KeyedCertificate;
}

export interface CaRequest {
  name?: string;
  keyType?: KeyType;
  days?: number;
  intermediate?: boolean | { name?: string; keyType?: KeyType; days?: number };
  nameConstraints?: NameConstraintsSpec;
  now?: Date;
  /** Checked between slow steps (key generation); an aborted request writes nothing. */
  signal?: AbortSignal;
  /** Told each step as it starts, for progress reports. */
  onStep?: (step: string) => void;
}

const CA_KEY_USAGE: KeyUsageName[] = ['keyCertSign', 'cRLSign'];

/**
 * A root CA, and an intermediate under it when asked. The root may sign one level of CA below
 * it (pathLength 1), so an intermediate, or a mesh issuer minted later, fits under it; the
 * intermediate signs leaves only (pathLength 0). Name constraints go on both.
 */
export async function createDevCa(request: CaRequest = {}): Promise<DevCa> {
  const now = request.now ?? new Date();
  const name = request.name?.trim() || CA_DEFAULTS.name;
  const keyType = request.keyType ?? CA_DEFAULTS.keyType;
  const days = checkedLifetime(request.days ?? CA_DEFAULTS.rootDays, 'the root CA');
  const notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  const rootNotAfter = new Date(now.getTime() + days * DAY);
  request.onStep?.(`Generating the root CA key (${KEY_TYPE_NAMES[keyType]})`);
  const rootKey = await generateKey(keyType);
  throwIfAborted(request.signal);
  const rootSubject: NameSpec = { commonName: name };
  const root: KeyedCertificate = {
    key: rootKey,
    certificate: buildCertificate(
      {
        subject: rootSubject,
        notBefore,
        notAfter: rootNotAfter,
        basicConstraints: { ca: true, pathLength: 1 },
        keyUsage: CA_KEY_USAGE,
        nameConstraints: request.nameConstraints,
      },
      rootKey.spki,
      selfIssuer(rootSubject, rootKey),
    ),
  };
  if (!request.intermediate) return { root };
  const options = request.intermediate === true ? {} : request.intermediate;
  const intermediateKeyType = options.keyType ?? keyType;
  const intermediateDays = checkedLifetime(options.days ?? Math.min(CA_DEFAULTS.intermediateDays, days), 'the intermediate CA');
  request.onStep?.(`Generating the intermediate CA key (${KEY_TYPE_NAMES[intermediateKeyType]})`);
  const intermediate = await mintSubordinateCa(root, {
    name: options.name?.trim() || `${name} Intermediate`,
    keyType: intermediateKeyType,
    notBefore,
    notAfter: new Date(Math.min(now.getTime() + intermediateDays * DAY, rootNotAfter.getTime())),
    nameConstraints: request.nameConstraints,
  });
  throwIfAborted(request.signal);
  return { root, intermediate };
}

/** A CA signed by `parent` that signs leaves only: the intermediate of a Dev CA, or a mesh's issuer (Linkerd). */
export async function mintSubordinateCa(
  parent: KeyedCertificate,
  options: { name: string; keyType: KeyType; notBefore: Date; notAfter: Date; nameConstraints?: NameConstraintsSpec },
): Promise<KeyedCertificate> {
  const key = await generateKey(options.keyType);
  const certificate = buildCertificate(
    {
      subject: { commonName: options.name },
      notBefore: options.notBefore,
      notAfter: options.notAfter,
      basicConstraints: { ca: true, pathLength: 0 },
      keyUsage: CA_KEY_USAGE,
      nameConstraints: options.nameConstraints,
    },
    key.spki,
    issuerIdentity(parent.certificate, parent.key),
  );
  return { certificate, key };
}

export const PROFILES = ['server', 'client', 'mtls', 'spiffe'] as const;
export type Profile = (typeof PROFILES)[number];

export const PROFILE_DESCRIPTIONS: Record<Profile, string> = {
  server: 'TLS server (serverAuth)',
  client: 'TLS client (clientAuth)',
  mtls: 'mTLS workload, both server and client',
  spiffe: 'SPIFFE workload: one spiffe:// URI SAN, server and client, 24 hours',
};

const PROFILE_USAGES: Record<Profile, ExtendedKeyUsageName[]> = {
  server: ['serverAuth'],
  client: ['clientAuth'],
  mtls: ['serverAuth', 'clientAuth'],
  spiffe: ['serverAuth', 'clientAuth'],
};

export interface IssueRequest {
  profile: Profile;
  commonName?: string;
  dns?: string[];
  ip?: string[];
  uri?: string[];
  /** The spiffe profile's identity; may also be given as its only URI. */
  spiffeId?: string;
  keyType?: KeyType;
  /** Lifetime; the profile's default when neither is given: 24 hours for spiffe, 90 days otherwise. */
  hours?: number;
  days?: number;
  now?: Date;
  signal?: AbortSignal;
  onStep?: (step: string) => void;
}

export interface IssuedCertificate extends KeyedCertificate {
  /** The leaf, then the intermediates up to (not including) the root: what a server sends. */
  chain: Uint8Array[];
  root: Uint8Array;
  /** What was adjusted and why (a lifetime cut to the CA's). */
  notes: string[];
}

/** Every reason the request cannot be issued, in the order a form would show them; empty when it can. */
export function issueRequestProblems(request: IssueRequest): string[] {
  const problems: string[] = [];
  const { dns = [], ip = [] } = request;
  const uris = urisOf(request);
  for (const name of dns) {
    const problem = dnsNameProblem(name);
    if (problem) problems.push(`DNS name "${name}": ${problem}`);
  }
  for (const address of ip) {
    const problem = ipAddressProblem(address);
    if (problem) problems.push(`IP "${address}": ${problem}`);
  }
  for (const uri of uris) {
    const problem = uriProblem(uri);
    if (problem) problems.push(`URI "${uri}": ${problem}`);
  }
  if (request.spiffeId !== undefined && !request.spiffeId.startsWith('spiffe://'))
    problems.push(`SPIFFE ID "${request.spiffeId}": it must start with spiffe://`);
  switch (request.profile) {
    case 'server':
    case 'mtls':
      if (dns.length + ip.length + (request.profile === 'mtls' ? uris.length : 0) === 0)
        problems.push(
          `a ${request.profile} certificate needs at least one DNS name or IP address${request.profile === 'mtls' ? ' or URI' : ''} for peers to check`,
        );
      break;
    case 'client':
      if (!request.commonName && dns.length + ip.length + uris.length === 0)
        problems.push('a client certificate needs a common name or a SAN to identify the client');
      break;
    case 'spiffe': {
      const spiffe = uris.filter((u) => u.startsWith('spiffe://'));
      if (spiffe.length === 0) problems.push('a SPIFFE workload certificate needs its SPIFFE ID (spiffe://<trust domain>/ns/<namespace>/sa/<service account>)');
      // X.509-SVID: exactly one URI SAN.
      if (uris.length > 1) problems.push(`an X.509-SVID carries exactly one URI SAN, not ${uris.length}`);
      break;
    }
  }
  if (request.hours !== undefined && request.days !== undefined) problems.push('give the lifetime in hours or in days, not both');
  const lifetime = lifetimeOf(request);
  if (!(lifetime > 0) || !Number.isFinite(lifetime)) problems.push('the lifetime must be a positive number');
  return problems;
}

/** Issues a leaf under the CA's intermediate (else its root), and checks the chain as a verifier would before returning it. */
export async function issueCertificate(ca: CaMaterial, request: IssueRequest): Promise<IssuedCertificate> {
  const problems = issueRequestProblems(request);
  if (problems.length) throw new MintError(problems.join('; '));
  const signer = ca.intermediate ?? (ca.root.key ? { certificate: ca.root.certificate, key: ca.root.key } : undefined);
  if (!signer) throw new MintError('the CA has no private key to sign with');
  const signerParsed = checkSigner(signer);
  const now = request.now ?? new Date();
  const notes: string[] = [];
  let notBefore = new Date(now.getTime() - CLOCK_SKEW_MS);
  if (notBefore < signerParsed.notBefore) notBefore = signerParsed.notBefore;
  let notAfter = new Date(now.getTime() + lifetimeOf(request));
  if (notAfter > signerParsed.notAfter) {
    notAfter = signerParsed.notAfter;
    notes.push(`The lifetime was cut to end with the CA's, on ${notAfter.toISOString()}.`);
  }
  const constraintProblems = nameConstraintProblems(
    [signer.certificate, ...(ca.intermediate ? [ca.root.certificate] : [])],
    request.dns ?? [],
    urisOf(request),
  );
  if (constraintProblems.length) throw new MintError(constraintProblems.join('; '));
  const keyType = request.keyType ?? 'ecdsa-p256';
  request.onStep?.(`Generating the key (${KEY_TYPE_NAMES[keyType]})`);
  const key = await generateKey(keyType);
  throwIfAborted(request.signal);
  const dns = request.dns ?? [];
  const subject: NameSpec = { commonName: request.commonName?.trim() || dns[0] };
  const usages: KeyUsageName[] = key.type.startsWith('rsa') ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
  const certificate = buildCertificate(
    {
      subject,
      notBefore,
      notAfter,
      basicConstraints: { ca: false },
      keyUsage: usages,
      extendedKeyUsage: PROFILE_USAGES[request.profile],
      subjectAltNames: { dns, ip: request.ip ?? [], uri: urisOf(request) },
    },
    key.spki,
    issuerIdentity(signer.certificate, signer.key),
  );
  const chain = ca.intermediate ? [certificate, ca.intermediate.certificate] : [certificate];
  const verdict = verifyChain(chain, [ca.root.certificate], new Date(Math.max(now.getTime(), notBefore.getTime())));
  if (!verdict.ok)
    throw new MintError(
      `the new certificate does not verify against the CA: ${verdict.failure?.reason ?? 'no path'} at ${verdict.failure?.subject || 'the leaf'}`,
    );
  return { certificate, key, chain, root: ca.root.certificate, notes };
}

/**
 * Names the CA's name constraints forbid: a DNS name outside every permitted DNS subtree or
 * inside an excluded one, a URI whose host is outside the permitted URI subtrees. Checked before
 * issuing, since a verifier would reject the certificate anyway.
 */
export function nameConstraintProblems(caCertificates: Uint8Array[], dns: string[], uris: string[]): string[] {
  const problems: string[] = [];
  for (const der of caCertificates) {
    let details;
    try {
      details = certificateDetails(der);
    } catch {
      continue;
    }
    const constraints = details.nameConstraints;
    if (!constraints) continue;
    const of = (list: string[], type: string) => list.filter((c) => c.startsWith(`${type}:`)).map((c) => c.slice(type.length + 1));
    const check = (names: string[], type: string, hostOf: (name: string) => string) => {
      const permitted = of(constraints.permitted, type);
      const excluded = of(constraints.excluded, type);
      for (const name of names) {
        const host = hostOf(name).toLowerCase();
        if (permitted.length && !permitted.some((subtree) => inSubtree(host, subtree)))
          problems.push(`${name} is outside what ${objectName(details)} may certify (${permitted.map((p) => `${type}:${p}`).join(', ')})`);
        else if (excluded.some((subtree) => inSubtree(host, subtree))) problems.push(`${name} is excluded by the name constraints of ${objectName(details)}`);
      }
    };
    check(dns, 'DNS', (name) => name);
    check(uris, 'URI', (uri) => /^[a-z][a-z0-9+.-]*:\/\/([^/:?#]*)/i.exec(uri)?.[1] ?? '');
  }
  return problems;
}

/** RFC 5280 subtrees: "example.com" holds itself and its subdomains, ".example.com" its subdomains only. */
function inSubtree(host: string, subtree: string): boolean {
  const base = subtree.toLowerCase();
  if (base === '') return true;
  if (base.startsWith('.')) return host.endsWith(base);
  return host === base || host.endsWith(`.${base}`);
}

function urisOf(request: IssueRequest): string[] {
  const uris = [...(request.uri ?? [])];
  if (request.spiffeId && !uris.includes(request.spiffeId)) uris.unshift(request.spiffeId);
  return uris;
}

function lifetimeOf(request: IssueRequest): number {
  if (request.hours !== undefined) return request.hours * HOUR;
  if (request.days !== undefined) return request.days * DAY;
  return request.profile === 'spiffe' ? 24 * HOUR : 90 * DAY;
}

function checkSigner(signer: KeyedCertificate) {
  const parsed = parseCertificate(signer.certificate);
  if (!parsed) throw new MintError('the CA certificate cannot be read');
  if (!parsed.basicConstraints?.ca) throw new MintError(`${parsed.subject || 'the CA certificate'} is not a CA (basicConstraints CA is not set)`);
  if (parsed.keyUsage && !parsed.keyUsage.includes('keyCertSign'))
    throw new MintError(`${parsed.subject} may not sign certificates (its key usage lacks keyCertSign)`);
  if (parsed.spki.length !== signer.key.spki.length || parsed.spki.some((b, i) => b !== signer.key.spki[i]))
    throw new MintError(`the private key is not the key of ${parsed.subject}`);
  return parsed;
}

function checkedLifetime(days: number, what: string): number {
  if (!Number.isFinite(days) || days <= 0) throw new MintError(`the lifetime of ${what} must be a positive number of days`);
  if (days > 36_500) throw new MintError(`the lifetime of ${what} must be at most 100 years`);
  return days;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MintCancelled();
}
