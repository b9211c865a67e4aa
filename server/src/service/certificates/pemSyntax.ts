import type { PemBlock, StrayEnd } from '../../../../common/src/pem/blocks';

// What a malformed PEM block says to the reader, in our words. Messages never quote the body:
// it may be a private key. Only characters outside the base64 alphabet are shown.

/** The message for a block whose `problem` is set; undefined for a sound block. */
export function pemProblemMessage(block: PemBlock, lineText: (line: number) => string): string | undefined {
  const problem = block.problem;
  if (!problem) return undefined;
  switch (problem.kind) {
    case 'unterminated':
      return `BEGIN ${block.label} has no END line: the block is cut off (or its END line is damaged), so it cannot be read.`;
    case 'label-mismatch':
      return `The END line says ${problem.endLabel} but the block began as ${block.label}: BEGIN and END labels must be the same.`;
    case 'empty':
      return `The ${block.label} block has no body between its BEGIN and END lines.`;
    case 'bad-base64':
      return bodyMessage(block, lineText);
  }
}

function bodyMessage(block: PemBlock, lineText: (line: number) => string): string {
  switch (block.bodyFault) {
    case 'stray-text':
      return 'This line is not base64, so it is not part of the body: text belongs before the BEGIN line or after the END line, and headers right after BEGIN.';
    case 'misplaced-padding':
      return 'Padding (=) before the end of the body: only the last line may end with =, so what follows is not part of the same data.';
    case 'truncated':
      return 'The body ends in the middle of a base64 group (its length is not a multiple of 4): the end of the block is missing.';
    case 'invalid-character':
    default:
      return `Not base64: ${shownCharacters(block, lineText)}. A PEM body holds only A-Z, a-z, 0-9, + and /, with = at its very end.`;
  }
}

function shownCharacters(block: PemBlock, lineText: (line: number) => string): string {
  const at = block.problemAt;
  if (!at) return 'a character outside the base64 alphabet';
  const run = lineText(at.line).slice(at.startColumn, at.endColumn);
  // Characters outside the alphabet cannot be key material; still, show only a few.
  const shown = run.length > 8 ? `${JSON.stringify(run.slice(0, 8)).slice(0, -1)}…"` : JSON.stringify(run);
  return run.length === 1 ? `${shown} is outside the base64 alphabet` : `${shown} are outside the base64 alphabet`;
}

export function strayEndMessage(end: StrayEnd): string {
  return `END ${end.label} without a BEGIN line above it: the start of the block is missing.`;
}
