import { spiffeIdProblem } from '../identity/spiffe';
import { expiryStatus } from '../time/expiryStatus';
import { span } from '../time/validityPhrase';
import { analyzeChain } from './chain';
import { duplicateExtensions, extensionName, invalidatingDuplicates, unhandledCriticalExtensions } from './extensions';
import { privateKeyMatchesCertificate } from './keys';
import type { CertificateDetails, ChainProblem, ChainReport, DecodedObject } from './model';
import { nameConstraintText, OPENSSL_NAME_ERRORS } from './nameConstraintText';
import { escapeUnsafe, hasUnsafeCharacters } from './printable';

export type CertificateFindingCode =
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-expiring-soon'
  | 'certificate-weak-key'
  | 'certificate-weak-signature'
  | 'certificate-no-san'
  | 'certificate-ca-flags'
  | 'chain-order'
  | 'chain-signature'
  | 'chain-path-length'
  | 'chain-duplicate'
  | 'chain-name-constraints'
  | 'certificate-critical-extension'
  | 'certificate-duplicate-extension'
  | 'certificate-algorithm-mismatch'
  | 'certificate-name-characters'
  | 'spiffe-svid'
  | 'key-mismatch';

export interface CertificateFinding {
  /** The object (in the input list) the finding is on. */
  index: number;
  code: CertificateFindingCode;
  severity: 'error' | 'warning' | 'information';
  message: string;
}

export interface LintInput {
  /** The objects of one file or one Secret value, in order; `der` is what the object was decoded from. */
  objects: Array<{ der?: Uint8Array; decoded: DecodedObject }>;
  now: Date;
  /** `certificates.expiringSoonDays`; 0 turns the expiring-soon warning off. */
  expiringSoonDays: number;
  /** `analyzeChain` of the objects' certificates, when the caller has it already (it costs a parse and a signature check per certificate). */
  chain?: ChainReport;
}

const WEAK_HASHES = new Set(['MD2', 'MD4', 'MD5', 'SHA-1']);

/**
 * Every finding on the certificates and keys of one object list: each certificate on its own
 * (validity, key, signature, names, CA flags, SPIFFE X.509-SVID rules), the certificates as a
 * chain in list order, and each private key against the certificates beside it.
 */
export function lintObjects(input: LintInput): CertificateFinding[] {
  const certificates = input.objects.flatMap((o, index) => (o.decoded.kind === 'certificate' && o.der ? [{ index, der: o.der, details: o.decoded }] : []));
  const chain = input.chain ?? analyzeChain(certificates.map((c) => c.der));
  const toObject = (chainIndex: number) => certificates[chainIndex].index;
  const signsSomething = new Set(chain.links.filter((l) => l.issuerIndex !== undefined && l.issuerIndex !== l.index).map((l) => toObject(l.issuerIndex!)));
  const selfSigned = new Set(chain.links.filter((l) => l.issuerIndex === l.index && l.signatureValid !== false).map((l) => toObject(l.index)));
  const findings: CertificateFinding[] = [];
  for (const { index, details } of certificates) {
    const context = {
      index,
      now: input.now,
      expiringSoonDays: input.expiringSoonDays,
      signsSomething: signsSomething.has(index),
      selfSigned: selfSigned.has(index),
    };
    findings.push(
      ...validityFindings(details, context),
      ...strengthFindings(details, context),
      ...roleFindings(details, context),
      ...spiffeFindings(details, context),
      ...structureFindings(details, context),
      ...nameCharacterFindings(details, context),
    );
  }
  const name = (chainIndex: number) => quoted(certificates[chainIndex].details);
  findings.push(
    ...chain.problems.flatMap((p) =>
      chainFinding(
        p,
        chain,
        name,
        toObject,
        certificates.map((c) => c.details),
      ),
    ),
  );
  findings.push(...keyFindings(input.objects, certificates));
  return findings.sort((a, b) => a.index - b.index);
}

interface Context {
  index: number;
  now: Date;
  expiringSoonDays: number;
  /** Another certificate of the list names this one as its issuer. */
  signsSomething: boolean;
  /** Self-signed: names itself as issuer, and its own key verifies it where that was checked. */
  selfSigned: boolean;
}

function validityFindings(c: CertificateDetails, { index, now, expiringSoonDays }: Context): CertificateFinding[] {
  const notBefore = Date.parse(c.notBefore);
  const notAfter = Date.parse(c.notAfter);
  const at = now.getTime();
  // One rule for "soon" everywhere: the lint, the decoded view and the Certificates view.
  switch (expiryStatus(new Date(notBefore), new Date(notAfter), now, expiringSoonDays)) {
    case 'expired':
      return [{ index, code: 'certificate-expired', severity: 'error', message: `Certificate expired ${span(at - notAfter)} ago, at ${utc(notAfter)}.` }];
    case 'not-yet-valid':
      return [
        {
          index,
          code: 'certificate-not-yet-valid',
          severity: 'error',
          message: `Certificate is not valid until ${utc(notBefore)}, ${span(notBefore - at)} from now: peers refuse it until then.`,
        },
      ];
    case 'expiring-soon': {
      const left = notAfter - at;
      const lifetime = notAfter - notBefore;
      return [
        {
          index,
          code: 'certificate-expiring-soon',
          severity: 'warning',
          message: `Certificate expires in ${span(left)}, at ${utc(notAfter)}: ${percent(left, lifetime)} of its lifetime (${span(lifetime)}) is left.`,
        },
      ];
    }
    case 'valid':
      return [];
  }
}

function strengthFindings(c: CertificateDetails, { index, selfSigned }: Context): CertificateFinding[] {
  const findings: CertificateFinding[] = [];
  const { algorithm, size } = c.publicKey;
  if ((algorithm === 'RSA' || algorithm === 'RSA-PSS') && size !== undefined && size < 2048) {
    findings.push({
      index,
      code: 'certificate-weak-key',
      severity: 'warning',
      message: `${algorithm} key of ${size} bits: TLS libraries and meshes want at least 2048 bits (or an ECDSA P-256 key).`,
    });
  } else if (algorithm === 'DSA') {
    findings.push({
      index,
      code: 'certificate-weak-key',
      severity: 'warning',
      message: `DSA key${size ? ` of ${size} bits` : ''}: TLS 1.3 and current meshes do not accept DSA; use ECDSA P-256 or RSA 2048.`,
    });
  }
  // Nobody checks the signature of a self-signed root, so its hash does not matter.
  if (c.signatureHash && WEAK_HASHES.has(c.signatureHash) && !selfSigned) {
    findings.push({
      index,
      code: 'certificate-weak-signature',
      severity: 'warning',
      message: `Signed with ${c.signatureAlgorithm} (${c.signatureHash}): verifiers refuse ${c.signatureHash} signatures; reissue it with SHA-256.`,
    });
  }
  return findings;
}

function roleFindings(c: CertificateDetails, { index, signsSomething }: Context): CertificateFinding[] {
  const findings: CertificateFinding[] = [];
  const names = c.subjectAltNames;
  const nameCount = names.dns.length + names.ip.length + names.uri.length + names.email.length + names.other.length;
  if (!c.isCA && nameCount === 0) {
    const cn = c.subjectCommonName ? `only the subject CN "${c.subjectCommonName}", which TLS clients no longer read` : 'no name at all';
    findings.push({
      index,
      code: 'certificate-no-san',
      severity: 'warning',
      message: `Leaf certificate without a Subject Alternative Name: it identifies itself by ${cn}.`,
    });
  }
  const evidence = c.isCA && !signsSomething ? leafEvidence(c) : undefined;
  if (evidence) {
    findings.push({
      index,
      code: 'certificate-ca-flags',
      severity: 'warning',
      message: `Leaf certificate (${evidence}) marked CA:TRUE: its key could sign certificates for any name. Issue it with CA:FALSE.`,
    });
  }
  if (c.isCA && c.hasKeyUsage && !c.keyUsage.includes('keyCertSign')) {
    findings.push({
      index,
      code: 'certificate-ca-flags',
      severity: 'warning',
      message: `CA certificate whose key usage (${c.keyUsage.join(', ') || 'empty'}) lacks keyCertSign: verifiers refuse every certificate it signs.`,
    });
  }
  return findings;
}

/** What verifiers refuse in the certificate's own structure: critical extensions they do not know, repeated extensions, two signature algorithms. */
function structureFindings(c: CertificateDetails, { index }: Context): CertificateFinding[] {
  const findings: CertificateFinding[] = [];
  const named = (oid: string) => (extensionName(oid) === oid ? oid : `${extensionName(oid)} (${oid})`);
  for (const oid of unhandledCriticalExtensions(c.extensions)) {
    findings.push({
      index,
      code: 'certificate-critical-extension',
      severity: 'warning',
      message: `Critical extension ${named(oid)} that verifiers do not handle: OpenSSL and Go refuse the certificate ("unhandled critical extension"). Mark it non-critical or leave it out.`,
    });
  }
  const invalidating = new Set(invalidatingDuplicates(c.extensions));
  for (const oid of duplicateExtensions(c.extensions)) {
    const count = c.extensions.filter((e) => e.oid === oid).length;
    const effect = invalidating.has(oid) ? 'OpenSSL treats the certificate as invalid and links it to no issuer' : 'verifiers may read either copy';
    findings.push({
      index,
      code: 'certificate-duplicate-extension',
      severity: 'warning',
      message: `Extension ${named(oid)} appears ${count} times; RFC 5280 allows one of each: ${effect}.`,
    });
  }
  if (c.innerSignatureAlgorithm !== undefined) {
    findings.push({
      index,
      code: 'certificate-algorithm-mismatch',
      severity: 'warning',
      message: `The signed part names ${c.innerSignatureAlgorithm} as its signature algorithm, the signature itself ${c.signatureAlgorithm}: verifiers refuse a certificate whose two algorithms differ ("certificate signature failure").`,
    });
  }
  return findings;
}

/** Names that do not show as what they are: a NUL inside a DNS name, control or bidi characters anywhere. */
function nameCharacterFindings(c: CertificateDetails, { index }: Context): CertificateFinding[] {
  const findings: CertificateFinding[] = [];
  for (const dns of c.subjectAltNames.dns.filter((d) => d.includes('\0'))) {
    findings.push({
      index,
      code: 'certificate-name-characters',
      severity: 'warning',
      message: `DNS name "${escapeUnsafe(dns)}" holds a NUL byte: software that stops reading at NUL sees "${escapeUnsafe(dns.slice(0, dns.indexOf('\0')))}", a name the CA never meant to certify.`,
    });
  }
  const names = [
    ['subject', c.subject],
    ['issuer', c.issuer],
    ...Object.values(c.subjectAltNames)
      .flat()
      .map((name) => ['subject alternative name', name]),
  ];
  for (const [where, name] of names) {
    if (!hasUnsafeCharacters(name) || (where === 'subject alternative name' && c.subjectAltNames.dns.includes(name) && name.includes('\0'))) continue;
    findings.push({
      index,
      code: 'certificate-name-characters',
      severity: 'warning',
      message: `The ${where} "${escapeUnsafe(name)}" holds control or bidirectional characters, which can make a name look like another on screen.`,
    });
  }
  return findings;
}

/** What shows a workload identity: a SPIFFE ID with a path, or DNS/IP names with a TLS extended key usage. */
function leafEvidence(c: CertificateDetails): string | undefined {
  const workload = c.subjectAltNames.uri.find((u) => /^spiffe:\/\/[^/]+\/./i.test(u));
  if (workload) return `workload identity ${workload}`;
  const tls = c.extendedKeyUsage.filter((u) => u === 'serverAuth' || u === 'clientAuth');
  const host = c.subjectAltNames.dns[0] ?? c.subjectAltNames.ip[0];
  return tls.length && host ? `${host}, ${tls.join(' and ')}` : undefined;
}

/** The X.509-SVID rules, for a certificate carrying a spiffe:// URI. */
function spiffeFindings(c: CertificateDetails, { index, signsSomething }: Context): CertificateFinding[] {
  const uris = c.subjectAltNames.uri;
  const spiffe = uris.filter((u) => /^spiffe:\/\//i.test(u));
  if (!spiffe.length) return [];
  const problems: string[] = [];
  if (spiffe.length > 1)
    problems.push(
      `it carries ${spiffe.length} SPIFFE IDs (${spiffe.map(escapeUnsafe).join(', ')}); an X.509-SVID carries exactly one, and a peer that reads only the first would authorize it as ${escapeUnsafe(spiffe[0])}`,
    );
  else if (uris.length !== 1) problems.push(`it carries ${uris.length} URI SANs (${uris.map(escapeUnsafe).join(', ')}); an X.509-SVID carries exactly one`);
  for (const id of spiffe) {
    const syntax = spiffeIdProblem(id);
    if (syntax) problems.push(`"${escapeUnsafe(id)}" is not a valid SPIFFE ID: ${syntax}`);
  }
  // A workload certificate marked CA:TRUE is a leaf with a certificate-ca-flags finding, not a signing SVID.
  const signing = c.isCA && (signsSomething || leafEvidence(c) === undefined);
  if (signing) {
    // A key usage without keyCertSign is already a certificate-ca-flags finding; an absent one is not.
    if (!c.hasKeyUsage) problems.push('a signing X.509-SVID must carry a key usage with keyCertSign, and this one has no key usage extension');
  } else {
    if (!c.keyUsage.includes('digitalSignature'))
      problems.push(
        c.hasKeyUsage
          ? `a leaf X.509-SVID must set digitalSignature; its key usage is ${c.keyUsage.join(', ') || 'empty'}`
          : 'a leaf X.509-SVID must set digitalSignature, and this one has no key usage extension',
      );
    const signingUsages = c.keyUsage.filter((u) => u === 'keyCertSign' || u === 'cRLSign');
    if (signingUsages.length) problems.push(`a leaf X.509-SVID must not set ${signingUsages.join(' or ')}`);
    const missing = ['serverAuth', 'clientAuth'].filter((u) => !c.extendedKeyUsage.includes(u));
    if (c.hasExtendedKeyUsage && missing.length)
      problems.push(`its extended key usage (${c.extendedKeyUsage.join(', ') || 'empty'}) lacks ${missing.join(' and ')}, which mTLS peers need on both sides`);
  }
  return problems.map((p) => ({ index, code: 'spiffe-svid', severity: 'warning', message: `Not a valid X.509-SVID: ${p}.` }));
}

function chainFinding(
  p: ChainProblem,
  chain: ChainReport,
  name: (i: number) => string,
  toObject: (i: number) => number,
  details: CertificateDetails[],
): CertificateFinding[] {
  switch (p.kind) {
    case 'out-of-order':
      return [
        {
          index: toObject(p.index),
          code: 'chain-order',
          severity: 'warning',
          message: `Its issuer ${name(p.issuerIndex)} is listed above it. A bundle lists each certificate before its issuer, leaf first; some clients do not reorder.`,
        },
      ];
    case 'bad-signature':
      return [
        {
          index: toObject(p.index),
          code: 'chain-signature',
          severity: 'error',
          message:
            p.issuerIndex === p.index
              ? 'Its self-signature does not verify with its own key: the certificate is damaged or was altered.'
              : `It names ${name(p.issuerIndex)} as its issuer, but that certificate's key does not verify its signature: the chain breaks here.`,
        },
      ];
    case 'duplicate':
      return [
        {
          index: toObject(p.index),
          code: 'chain-duplicate',
          severity: 'warning',
          message: `The same certificate as block ${toObject(p.firstIndex) + 1} (${name(p.firstIndex)}), repeated.`,
        },
      ];
    case 'path-length': {
      const below = intermediatesBelow(p.caIndex, chain, details);
      const allowed =
        p.pathLength === 0 ? 'allows no intermediate CA below it' : `allows at most ${p.pathLength} intermediate CA${p.pathLength === 1 ? '' : 's'} below it`;
      return [
        {
          index: toObject(p.caIndex),
          code: 'chain-path-length',
          severity: 'error',
          message: `Its pathLenConstraint of ${p.pathLength} ${allowed}, but ${below} sit${below === 1 ? 's' : ''} between it and the end certificate, starting with ${name(p.index)}: verifiers reject the chain.`,
        },
      ];
    }
    case 'issuer-not-ca':
      return [
        {
          index: toObject(p.issuerIndex),
          code: 'certificate-ca-flags',
          severity: 'error',
          message: `It signed ${name(p.index)} but is not a CA (basicConstraints CA:TRUE is missing): verifiers reject what it signs.`,
        },
      ];
    case 'name-constraints':
      return [
        {
          index: toObject(p.index),
          code: 'chain-name-constraints',
          severity: 'error',
          message: `${nameConstraintText(p.failure, p.name)} in the name constraints of ${name(p.caIndex)}: verifiers reject the chain ("${OPENSSL_NAME_ERRORS[p.failure]}").`,
        },
      ];
    case 'missing-issuer':
    // A leaf-and-intermediates bundle leaves out the root on purpose; whether to say so is the caller's call.
    case 'unhandled-critical':
    case 'invalid-extensions':
      // Said on the certificate itself (certificate-critical-extension, certificate-duplicate-extension).
      return [];
  }
}

/** The most non-self-issued intermediates on a path between some certificate and the CA at `caIndex`. */
function intermediatesBelow(caIndex: number, chain: ChainReport, details: CertificateDetails[]): number {
  let most = 0;
  for (const start of chain.links) {
    let count = 0;
    const seen = new Set<number>();
    for (let i = start.index; !seen.has(i);) {
      seen.add(i);
      const up = chain.links[i].issuerIndex;
      if (up === undefined || up === i || !chain.links[i].signatureValid) break;
      if (up === caIndex) {
        most = Math.max(most, count);
        break;
      }
      // RFC 5280 does not count self-issued intermediates (a re-keyed CA) against a path length.
      if (details[up].subject !== details[up].issuer) count++;
      i = up;
    }
  }
  return most;
}

function keyFindings(
  objects: LintInput['objects'],
  certificates: Array<{ index: number; der: Uint8Array; details: CertificateDetails }>,
): CertificateFinding[] {
  if (!certificates.length) return [];
  return objects.flatMap((o, index): CertificateFinding[] => {
    if (o.decoded.kind !== 'privateKey' || o.decoded.encrypted || !o.der) return [];
    const der = o.der;
    const answers = certificates.map((c) => privateKeyMatchesCertificate({ der }, c.der));
    // Unreadable key: nothing to say. A key that matches any certificate here is in its place.
    if (answers.some((a) => a !== false)) return [];
    const partner = [...certificates].reverse().find((c) => c.index < index) ?? certificates[0];
    const keyKind = o.decoded.publicKey ? ` (${o.decoded.publicKey.description})` : '';
    const others = certificates.length > 1 ? ' nor to any other certificate here' : '';
    return [
      {
        index,
        code: 'key-mismatch',
        severity: 'error',
        message: `This private key${keyKind} does not belong to ${quoted(partner.details)} (${partner.details.publicKey.description})${others}: their public keys differ.`,
      },
    ];
  });
}

/** How a message names a certificate: its SPIFFE ID, CN or subject, quoted. */
function quoted(c: CertificateDetails): string {
  const name = c.subjectAltNames.uri.find((u) => u.startsWith('spiffe://')) ?? c.subjectCommonName ?? c.subject;
  return name ? `"${escapeUnsafe(name)}"` : 'the certificate with an empty subject';
}

function utc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d\d\.\d{3}Z$/, ' UTC');
}

function percent(part: number, whole: number): string {
  const value = (part / whole) * 100;
  return value < 1 ? 'less than 1%' : `${Math.round(value)}%`;
}
