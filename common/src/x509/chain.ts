import type { ChainLink, ChainProblem, ChainReport, NameConstraintFailure } from './model';
import { nameConstraintViolation } from './nameConstraints';
import {
  keyIdentifiersAgree,
  keyUsageForbidsCertSign,
  maySignItself,
  namesIssuer,
  parseCertificate,
  sameDer,
  signedBy,
  type ParsedCertificate,
} from './parsed';

// ---------------------------------------------------------------------------------------------
// analyzeChain: a bundle as written in a file, checked link by link.
// ---------------------------------------------------------------------------------------------

/**
 * Reads a bundle in file order: finds each certificate's issuer among the others (same name and a
 * signature that verifies; matching key identifiers tried first) and reports what a TLS peer would
 * trip over. An empty bundle has `endIndex` -1. `verified` also requires that no CA on the path
 * breaks the CA flag or path length rules, that no certificate on it carries a critical extension
 * verifiers do not handle or repeats one OpenSSL decodes, and that its names keep to the name
 * constraints above them, since a verifier rejects those chains too.
 *
 * A self-issued certificate whose key identifiers agree counts as self-signed, as OpenSSL counts
 * it; its own signature is checked only where it matters: at the end of the path from the first
 * certificate, or when another certificate of the bundle shares its name. Elsewhere its link has
 * no `signatureValid`: nobody checks a root's self-signature, and a system bundle of 140 roots would
 * spend more time on them than on decoding.
 */
export function analyzeChain(ders: Uint8Array[]): ChainReport {
  const parsed = ders.map(parseCertificate);
  const firstIndex = firstCopies(ders);
  const bySubject = new Map<string, number[]>();
  parsed.forEach((c, j) => {
    if (c && firstIndex[j] === j) bySubject.set(c.subjectKey, [...(bySubject.get(c.subjectKey) ?? []), j]);
  });
  const links = parsed.map((certificate, index): ChainLink => {
    if (!certificate) return { index };
    const candidates = (bySubject.get(certificate.issuerKey) ?? []).filter((j) => j !== index).map((j) => ({ other: parsed[j]!, j }));
    return findIssuer(index, certificate, candidates);
  });
  const path = pathFrom(0, links);
  const end = path.length ? path[path.length - 1] : -1;
  if (end >= 0 && links[end].issuerIndex === end && links[end].signatureValid === undefined) links[end].signatureValid = signedBy(parsed[end]!, parsed[end]!);
  const problems: ChainProblem[] = [];
  links.forEach((link, index) => {
    if (!parsed[index]) return;
    // A duplicate repeats its first copy's problems; saying them twice is noise.
    if (firstIndex[index] !== index) problems.push({ kind: 'duplicate', index, firstIndex: firstIndex[index] });
    else if (link.issuerIndex === undefined) problems.push({ kind: 'missing-issuer', index });
    else if (link.signatureValid === false) problems.push({ kind: 'bad-signature', index, issuerIndex: link.issuerIndex });
    else if (link.issuerIndex !== index) {
      if (link.issuerIndex < index) problems.push({ kind: 'out-of-order', index, issuerIndex: link.issuerIndex });
      if (!mayIssue(parsed[link.issuerIndex]!)) problems.push({ kind: 'issuer-not-ca', index, issuerIndex: link.issuerIndex });
    }
  });
  problems.push(...pathLengthProblems(parsed, links, firstIndex));
  parsed.forEach((certificate, index) => {
    if (!certificate || firstIndex[index] !== index) return;
    if (certificate.unhandledCritical.length) problems.push({ kind: 'unhandled-critical', index, oids: certificate.unhandledCritical });
    if (certificate.invalidDuplicates.length) problems.push({ kind: 'invalid-extensions', index, oids: certificate.invalidDuplicates });
  });
  const verifiedPath = end >= 0 && links[end].issuerIndex === end && path.every((i) => links[i].signatureValid === true);
  if (verifiedPath) problems.push(...pathNameProblems(path.map((i) => parsed[i]!)).map((p) => ({ ...p, index: path[p.index], caIndex: path[p.caIndex] })));
  const onPath = new Set(path);
  const blocking = new Set<ChainProblem['kind']>(['issuer-not-ca', 'path-length', 'unhandled-critical', 'invalid-extensions', 'name-constraints']);
  const verified = verifiedPath && !problems.some((p) => blocking.has(p.kind) && onPath.has(p.index));
  return { links, problems, endIndex: end, verified };
}

/**
 * Name constraints along a path (leaf first, root last), in OpenSSL's order: each certificate from
 * the top down against every CA above it; self-issued CAs are not checked, the leaf always is.
 * Costs nothing when no CA on the path constrains names.
 */
function pathNameProblems(path: ParsedCertificate[]): Array<Extract<ChainProblem, { kind: 'name-constraints' }>> {
  if (!path.some((c, i) => i > 0 && c.nameSubtrees)) return [];
  const problems: Array<Extract<ChainProblem, { kind: 'name-constraints' }>> = [];
  for (let i = path.length - 1; i >= 0; i--) {
    if (i > 0 && path[i].selfIssued) continue;
    for (let j = path.length - 1; j > i; j--) {
      const constraints = path[j].nameSubtrees;
      const violation = constraints && nameConstraintViolation(path[i], constraints, i === 0);
      if (violation) problems.push({ kind: 'name-constraints', index: i, caIndex: j, name: violation.name, failure: violation.failure });
    }
  }
  return problems;
}

/** For each certificate, the index of its first byte-identical copy (itself when it is the first). */
function firstCopies(ders: Uint8Array[]): number[] {
  const seen = new Map<string, number>();
  return ders.map((der, i) => {
    const key = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('base64');
    if (!seen.has(key)) seen.set(key, i);
    return seen.get(key)!;
  });
}

/** How many certificates of the issuer's name are tried as the signer of one certificate. */
const MAX_ISSUER_CANDIDATES = 8;

function findIssuer(index: number, certificate: ParsedCertificate, candidates: Array<{ other: ParsedCertificate; j: number }>): ChainLink {
  // Only a certificate that could have signed itself is read as a root; one that merely shares its issuer's name is not.
  const selfIssued = maySignItself(certificate);
  if (selfIssued) {
    // Alone with its name it can only be self-signed; beside a namesake (a re-keyed CA) the signature decides.
    if (!candidates.length) return { index, issuerIndex: index };
    if (signedBy(certificate, certificate)) return { index, issuerIndex: index, signatureValid: true };
  }
  // Candidates whose key identifier matches first; those that contradict it are a different CA with the same name.
  const plausible = candidates.filter((c) => keyIdentifiersAgree(c.other, certificate));
  const others = candidates.filter((c) => !keyIdentifiersAgree(c.other, certificate));
  // A bundle of a thousand namesakes would otherwise cost a million signature checks.
  const signer = [...plausible, ...others].slice(0, MAX_ISSUER_CANDIDATES).find((c) => signedBy(certificate, c.other));
  if (signer) return { index, issuerIndex: signer.j, signatureValid: true };
  if (plausible.length) return { index, issuerIndex: plausible[0].j, signatureValid: false };
  // Self-issued but not verifiable with its own key: a broken self-signature.
  if (selfIssued) return { index, issuerIndex: index, signatureValid: false };
  return { index };
}

/** basicConstraints CA:TRUE, or a v1 self-signed root (which predates extensions). Key usage is a separate finding. */
function mayIssue(issuer: ParsedCertificate): boolean {
  return issuer.basicConstraints?.ca ?? (issuer.version1 && issuer.selfIssued);
}

/** Issuer links from `start` upwards, over verified and unverified links alike, stopping at a self-signed certificate or a loop. */
function pathFrom(start: number, links: ChainLink[]): number[] {
  const path: number[] = [];
  for (let i: number | undefined = start; i !== undefined && i < links.length && !path.includes(i); i = links[i].issuerIndex) path.push(i);
  return path;
}

/**
 * RFC 5280 4.2.1.9: a CA's pathLenConstraint bounds the non-self-issued intermediate CAs between it
 * and the end certificate. Checked on the path up from every certificate that issues nothing in the
 * bundle, once per CA; the problem sits on the certificate the CA signed.
 */
function pathLengthProblems(parsed: Array<ParsedCertificate | undefined>, links: ChainLink[], firstIndex: number[]): ChainProblem[] {
  const verifiedUp = links.map((l) => (l.signatureValid && l.issuerIndex !== l.index ? l.issuerIndex : undefined));
  const issuesSomething = new Set(verifiedUp.filter((i) => i !== undefined));
  const problems: ChainProblem[] = [];
  const reported = new Set<number>();
  for (let bottom = 0; bottom < links.length; bottom++) {
    if (!parsed[bottom] || firstIndex[bottom] !== bottom || issuesSomething.has(bottom)) continue;
    const path = pathFrom(
      bottom,
      verifiedUp.map((issuerIndex, index) => ({ index, issuerIndex })),
    );
    let intermediates = 0;
    for (let k = 1; k < path.length; k++) {
      const ca = parsed[path[k]]!;
      const limit = ca.basicConstraints?.pathLength;
      if (limit !== undefined && intermediates > limit && !reported.has(path[k])) {
        reported.add(path[k]);
        problems.push({ kind: 'path-length', index: path[k - 1], caIndex: path[k], pathLength: limit });
      }
      if (!ca.selfIssued) intermediates++;
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// verifyChain: "Verify Chain…" against a trusted CA bundle, the way `openssl verify` decides.
// ---------------------------------------------------------------------------------------------

export type ChainFailureReason =
  | 'unreadable certificate'
  | 'unknown issuer'
  | 'self-signed and not trusted'
  | 'issuer not a CA'
  | 'missing keyCertSign'
  | 'path length exceeded'
  | 'signature does not verify'
  | 'expired'
  | 'not yet valid'
  | 'unhandled critical extension'
  | 'invalid extensions'
  | 'invalid time format'
  | NameConstraintFailure;

export interface ChainVerdict {
  ok: boolean;
  /** Subjects (RFC 4514) from the leaf up to the trusted root, or as far as the path was built. */
  path: string[];
  /** The first failing link, counted from the leaf (0), as `openssl verify` reports its depth. */
  /** `detail` names what failed where the reason alone does not: the extension OIDs, the time field, the refused name. */
  failure?: { index: number; subject: string; reason: ChainFailureReason; detail?: string };
}

/** Beyond this many certificates the path is a loop or an attack, as OpenSSL's default depth limit says. */
const MAX_PATH = 100;

/**
 * Verifies `chain` (leaf first, then any intermediates, in any order) against `trusted` at `at`,
 * in OpenSSL's order so the first failure is the one `openssl verify -CAfile trusted -untrusted
 * intermediates leaf` prints first: build the path (trusted certificates tried first, time-valid
 * ones preferred), then check CA flags and path lengths from the leaf up, then signatures and
 * validity from the root down. A root's self-signature is not checked, as no verifier does.
 */
export function verifyChain(chain: Uint8Array[], trusted: Uint8Array[], at: Date): ChainVerdict {
  const leaf = chain.length ? parseCertificate(chain[0]) : undefined;
  if (!leaf) return { ok: false, path: [], failure: { index: 0, subject: '', reason: 'unreadable certificate' } };
  const anchors = trusted.map(parseCertificate).filter((c) => c !== undefined);
  const intermediates = chain
    .slice(1)
    .map(parseCertificate)
    .filter((c) => c !== undefined);
  const built = buildPath(leaf, anchors, intermediates, at);
  const verdict = (index: number, reason: ChainFailureReason, detail?: string): ChainVerdict => ({
    ok: false,
    path: built.path.map((c) => c.subject),
    failure: { index, subject: built.path[index].subject, reason, ...(detail ? { detail } : {}) },
  });
  if (built.failure) return verdict(built.path.length - 1, built.failure);
  const path = built.path;
  let intermediateCount = 0;
  for (let i = 0; i < path.length; i++) {
    const certificate = path[i];
    if (certificate.unhandledCritical.length) return verdict(i, 'unhandled critical extension', certificate.unhandledCritical.join(', '));
    if (i > 0) {
      const problem = caProblem(certificate, i === path.length - 1);
      if (problem) return verdict(i, problem);
    }
    const limit = certificate.basicConstraints?.pathLength;
    if (i > 1 && limit !== undefined && intermediateCount > limit) return verdict(i, 'path length exceeded');
    if (i > 0 && !certificate.selfIssued) intermediateCount++;
  }
  for (let i = path.length - 1; i >= 0; i--) {
    if (i < path.length - 1 && !signedBy(path[i], path[i + 1])) return verdict(i, 'signature does not verify');
    if (!path[i].strictTimes.notBefore) return verdict(i, 'invalid time format', 'notBefore');
    if (at < path[i].notBefore) return verdict(i, 'not yet valid');
    if (!path[i].strictTimes.notAfter) return verdict(i, 'invalid time format', 'notAfter');
    if (at > path[i].notAfter) return verdict(i, 'expired');
  }
  const nameProblem = pathNameProblems(path)[0];
  if (nameProblem) return verdict(nameProblem.index, nameProblem.failure, nameProblem.name);
  return { ok: true, path: path.map((c) => c.subject) };
}

function buildPath(
  leaf: ParsedCertificate,
  anchors: ParsedCertificate[],
  intermediates: ParsedCertificate[],
  at: Date,
): { path: ParsedCertificate[]; failure?: ChainFailureReason } {
  const path = [leaf];
  while (path.length <= MAX_PATH) {
    const current = path[path.length - 1];
    // OpenSSL links no certificate whose extensions it finds invalid, neither to its issuer nor as one.
    if (current.invalidDuplicates.length) return { path, failure: 'invalid extensions' };
    if (isSelfSigned(current)) {
      // A trusted copy, or a trusted certificate with the same name and key, anchors the path.
      const anchor = anchors.find((a) => sameDer(a.der, current.der) || (a.subjectKey === current.subjectKey && sameDer(a.spki, current.spki)));
      if (!anchor) return { path, failure: 'self-signed and not trusted' };
      path[path.length - 1] = anchor;
      return { path };
    }
    const issuer = pickIssuer(current, anchors, path, at) ?? pickIssuer(current, intermediates, path, at);
    if (!issuer) return { path, failure: 'unknown issuer' };
    path.push(issuer);
  }
  return { path, failure: 'unknown issuer' };
}

/** OpenSSL's notion: the names match, the key identifiers and the key's type do not contradict it; the signature is not looked at. */
function isSelfSigned(certificate: ParsedCertificate): boolean {
  return maySignItself(certificate);
}

function pickIssuer(subject: ParsedCertificate, pool: ParsedCertificate[], path: ParsedCertificate[], at: Date): ParsedCertificate | undefined {
  const candidates = pool.filter((c) => namesIssuer(c, subject) && !c.invalidDuplicates.length && !path.some((p) => sameDer(p.der, c.der)));
  return candidates.find((c) => c.notBefore <= at && at <= c.notAfter) ?? candidates[0];
}

/**
 * OpenSSL's rules for a certificate above the leaf: a key usage without keyCertSign is refused; an
 * intermediate needs basicConstraints CA:TRUE; the trusted root may instead be a v1 certificate or
 * carry keyCertSign without basicConstraints.
 */
function caProblem(certificate: ParsedCertificate, isRoot: boolean): ChainFailureReason | undefined {
  if (keyUsageForbidsCertSign(certificate)) return 'missing keyCertSign';
  if (certificate.basicConstraints) return certificate.basicConstraints.ca ? undefined : 'issuer not a CA';
  if (isRoot && (certificate.version1 || certificate.keyUsage !== undefined)) return undefined;
  return 'issuer not a CA';
}
