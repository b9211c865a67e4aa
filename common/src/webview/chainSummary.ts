// A bundle's chain report in words, for the decoded view's chain section.

import type { CertificateDetails, ChainProblem, ChainReport, DecodedObject } from '../x509/model';
import { nameConstraintText } from '../x509/nameConstraintText';
import { objectName } from '../x509/objectName';
import { escapeUnsafe } from '../x509/printable';

export interface ChainEntry {
  /** Index into the document's objects (not into its certificates): what the view selects. */
  objectIndex: number;
  name: string;
  /** How this certificate links to the next: "signed by #2", "self-signed root", "issuer not in the file". */
  link: string;
  ok: boolean;
}

export interface ChainSummary {
  verdict: string;
  /** ok: verified to a root, or a bundle of roots; open: sound, but its top issuer is not in the file (as servers send chains); broken: a problem. */
  state: 'ok' | 'open' | 'broken';
  entries: ChainEntry[];
  problems: string[];
}

/**
 * Chain reports number the document's certificates only (keys and requests in the same file do
 * not count); `objectIndexes[i]` is where certificate i sits among all the objects.
 */
export function summarizeChain(objects: { decoded: DecodedObject }[], chain: ChainReport): ChainSummary {
  const objectIndexes = objects.flatMap((object, index) => (object.decoded.kind === 'certificate' ? [index] : []));
  const certificates = objectIndexes.map((index) => objects[index].decoded as CertificateDetails);
  const label = (i: number) => `#${i + 1} ${certificates[i] ? objectName(certificates[i]) : '?'}`;
  const entries = chain.links.map((link): ChainEntry => {
    const cert = certificates[link.index];
    const self = link.issuerIndex === link.index;
    let text: string;
    if (link.issuerIndex === undefined)
      text = cert?.selfSigned
        ? 'self-issued, signature not verified'
        : `issued by ${cert ? escapeUnsafe(cert.issuerCommonName ?? cert.issuer) : '?'}, not in the file`;
    else if (self) text = link.signatureValid ? 'self-signed root, signature verifies' : 'self-signed, signature does not verify';
    else
      text = `signed by #${link.issuerIndex + 1}${link.signatureValid === false ? ', signature does not verify' : link.signatureValid ? ', signature verifies' : ''}`;
    const openTop = link.issuerIndex === undefined && link.index === chain.endIndex;
    return {
      objectIndex: objectIndexes[link.index] ?? link.index,
      name: label(link.index),
      link: text,
      ok: link.signatureValid !== false && (link.issuerIndex !== undefined || openTop),
    };
  });
  // A chain that stops below its root is how servers send chains: not a fault of the file.
  const faults = chain.problems.filter((p) => p.kind !== 'missing-issuer' || p.index !== chain.endIndex);
  const problems = faults.map((problem) => problemText(problem, label));
  const end = certificates[chain.endIndex];
  const length = chain.endIndex + 1;
  const rest = certificates.length - length;
  const more = rest > 0 ? ` (${rest} more not on its path)` : '';
  if (certificates.length > 0 && certificates.every((c) => c.selfSigned)) {
    return { verdict: `Trust bundle of ${certificates.length} root certificates`, state: 'ok', entries, problems };
  }
  if (faults.length > 0) return { verdict: `Chain of ${certificates.length} does not verify: ${problems[0]}`, state: 'broken', entries, problems };
  if (chain.verified) return { verdict: `Chain of ${length}, ends at root ${end ? objectName(end) : '?'}, verified${more}`, state: 'ok', entries, problems };
  const issuer = end ? escapeUnsafe(end.issuerCommonName ?? end.issuer) : '?';
  return {
    verdict: `Chain of ${length}, ends at ${end ? objectName(end) : '?'}, issued by ${issuer} (not in this file)${more}`,
    state: 'open',
    entries,
    problems,
  };
}

export function problemText(problem: ChainProblem, label: (index: number) => string): string {
  switch (problem.kind) {
    case 'out-of-order':
      return `${label(problem.index)} is issued by ${label(problem.issuerIndex)}, which should come right after it`;
    case 'bad-signature':
      return `the signature on ${label(problem.index)} does not verify with the key of ${label(problem.issuerIndex)}`;
    case 'missing-issuer':
      return `the issuer of ${label(problem.index)} is not in the file`;
    case 'duplicate':
      return `${label(problem.index)} repeats ${label(problem.firstIndex)}`;
    case 'path-length':
      return `${label(problem.index)} is deeper below ${label(problem.caIndex)} than its path length ${problem.pathLength} allows`;
    case 'issuer-not-ca':
      return `${label(problem.index)} is issued by ${label(problem.issuerIndex)}, which is not a CA`;
    case 'unhandled-critical':
      return `${label(problem.index)} has a critical extension verifiers do not handle (${problem.oids.join(', ')})`;
    case 'invalid-extensions':
      return `${label(problem.index)} repeats an extension (${problem.oids.join(', ')}), so verifiers treat it as invalid`;
    case 'name-constraints':
      return `${nameConstraintText(problem.failure, problem.name)
        .replace(/^Its/, `${label(problem.index)}:`)
        .replace(/^A /, `${label(problem.index)}: a `)} in the name constraints of ${label(problem.caIndex)}`;
  }
}
