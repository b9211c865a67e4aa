import type { CodeLens } from 'vscode-languageserver-types';
import { DecodeCertificateCommand } from '../../../common/src/protocol';
import { analyzeChain } from '../../../common/src/x509/chain';
import { displayName } from '../../../common/src/x509/certificate';
import type { CertificateDetails, DecodedObject } from '../../../common/src/x509/model';
import { describeValidity } from '../../../common/src/time/validityPhrase';
import type { DocumentObjects } from './certificates/documentObjects';

/**
 * One lens above each certificate, request and key: who it is for, its key, where it stands in its
 * validity and who issued it. A bundle gets one more lens, above its first block, reading it as a chain.
 */
export function certificateCodeLenses(uri: string, found: DocumentObjects, now: Date): CodeLens[] {
  const lenses: CodeLens[] = [];
  const lens = (line: number, character: number, title: string) =>
    lenses.push({ range: { start: { line, character }, end: { line, character } }, command: { title, command: DecodeCertificateCommand, arguments: [uri, line] } });
  for (const group of found.groups) {
    const certificates = group.filter((i) => found.objects[i].decoded.kind === 'certificate');
    if (certificates.length > 1) {
      const first = found.objects[group[0]].headRange.start;
      lens(first.line, first.character, chainSummary(certificates.map((i) => found.objects[i].der!), certificates.map((i) => found.objects[i].decoded as CertificateDetails)));
    }
    for (const i of group) {
      const { headRange, decoded } = found.objects[i];
      lens(headRange.start.line, headRange.start.character, objectTitle(decoded, now));
    }
  }
  return lenses;
}

export function objectTitle(decoded: DecodedObject, now: Date): string {
  switch (decoded.kind) {
    case 'certificate': {
      const validity = describeValidity(new Date(decoded.notBefore), new Date(decoded.notAfter), now);
      const issuer = decoded.selfIssued ? 'self-signed' : `issued by ${decoded.issuerCommonName ?? decoded.issuer}`;
      return `${displayName({ uris: decoded.subjectAltNames.uri, subjectCommonName: decoded.subjectCommonName, subject: decoded.subject })} · ${decoded.publicKey.description} · ${validity} · ${issuer}`;
    }
    case 'csr':
      return `Certificate request · ${decoded.subjectCommonName ?? (decoded.subject || 'empty subject')} · ${decoded.publicKey.description}${decoded.signatureValid ? '' : ' · signature does not verify'}`;
    case 'privateKey':
      return `Private key · ${decoded.encrypted ? `encrypted (${decoded.format})` : (decoded.publicKey?.description ?? decoded.format)}`;
    case 'publicKey':
      return `Public key · ${decoded.publicKey.description}`;
    case 'unreadable':
      return `Unreadable ${decoded.label || 'object'}: ${decoded.reason}`;
  }
}

/** "chain of 3, ends at root X, verified", or where the chain breaks. */
export function chainSummary(ders: Uint8Array[], details: CertificateDetails[]): string {
  const name = (i: number) => details[i].subjectCommonName ?? details[i].subject;
  // A trust bundle is a set of roots, not a chain.
  if (details.every((d) => d.selfIssued)) return `Trust bundle of ${details.length} root certificates`;
  const report = analyzeChain(ders);
  const length = report.endIndex + 1;
  const rest = details.length - length;
  const more = rest > 0 ? ` (${rest} more not on its path)` : '';
  const problem = report.problems.find((p) => p.kind !== 'missing-issuer' || p.index !== report.endIndex);
  if (problem) {
    const at = `certificate ${problem.index + 1} (${name(problem.index)})`;
    const what: Record<typeof problem.kind, string> = {
      'out-of-order': `is listed after its issuer`,
      'bad-signature': `does not verify with its issuer's key`,
      'missing-issuer': `has no issuer in the bundle`,
      duplicate: `repeats an earlier certificate`,
      'path-length': `exceeds a CA's path length`,
      'issuer-not-ca': `is issued by a certificate that is not a CA`,
    };
    return `Chain of ${details.length}: ${at} ${what[problem.kind]}`;
  }
  if (report.verified) return `Chain of ${length}, ends at root ${name(report.endIndex)}, verified${more}`;
  return `Chain of ${length}, ends at ${name(report.endIndex)}, issued by ${details[report.endIndex].issuerCommonName ?? details[report.endIndex].issuer} (not in this bundle)${more}`;
}
