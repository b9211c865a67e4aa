import type { CodeLens } from 'vscode-languageserver-types';
import { DecodeCertificateCommand } from '../../../common/src/protocol';
import type { PemBlock } from '../../../common/src/pem/blocks';
import { CertificateDecodeError, decodeCertificate, displayName } from '../../../common/src/x509/certificate';
import { describeValidity } from '../../../common/src/time/validityPhrase';


/** One lens above each certificate block: who it is for and where it stands in its validity. */
export function certificateCodeLenses(uri: string, blocks: PemBlock[], now: Date): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const block of blocks) {
    if (block.label !== 'CERTIFICATE' && block.label !== 'TRUSTED CERTIFICATE') continue;
    const range = { start: { line: block.beginLine, character: block.beginColumn }, end: { line: block.beginLine, character: block.beginColumn } };
    lenses.push({ range, command: { title: lensTitle(block, now), command: DecodeCertificateCommand, arguments: [uri, block.beginLine] } });
  }
  return lenses;
}

function lensTitle(block: PemBlock, now: Date): string {
  if (!block.der) return `Certificate unreadable: ${describeProblem(block)}`;
  try {
    const summary = decodeCertificate(block.der);
    return `${displayName(summary)} · ${summary.publicKey} · ${describeValidity(summary.notBefore, summary.notAfter, now)}`;
  } catch (error) {
    if (error instanceof CertificateDecodeError) return `Certificate unreadable: ${error.message}`;
    throw error;
  }
}

function describeProblem(block: PemBlock): string {
  switch (block.problem?.kind) {
    case 'unterminated':
      return `no END line for BEGIN ${block.label}`;
    case 'label-mismatch':
      return `BEGIN ${block.label} is closed by END ${block.problem.endLabel}`;
    case 'bad-base64':
      return `line ${block.problem.line + 1} is not base64`;
    case 'empty':
      return 'the block has no body';
    default:
      return 'unknown problem';
  }
}
