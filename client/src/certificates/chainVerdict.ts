// "Verify Chain…" in words: the verdict of verifyChain (common/src/x509/chain.ts) as one
// sentence, naming certificates as the views do. Pure, so the wording is unit-tested.

import type { ChainFailureReason, ChainVerdict } from '../../../common/src/x509/chain';
import type { CertificateDetails } from '../../../common/src/x509/model';
import { objectName } from '../../../common/src/x509/objectName';

const REASONS: Record<ChainFailureReason, string> = {
  'unreadable certificate': 'it cannot be read as a certificate',
  'unknown issuer': 'its issuer is neither in the file nor among the trusted certificates',
  'self-signed and not trusted': 'it is self-signed and not among the trusted certificates',
  'issuer not a CA': 'it issued the certificate below it but is not a CA',
  'missing keyCertSign': 'it issued the certificate below it but its key usage lacks keyCertSign',
  'path length exceeded': 'more CAs sit below it than its path length allows',
  'signature does not verify': "its signature does not verify with its issuer's key",
  expired: 'it has expired',
  'not yet valid': 'it is not valid yet',
};

/**
 * One sentence for the verdict. `known` are the decoded certificates involved (the file's and the
 * trusted ones), to name path entries by SPIFFE ID or CN rather than by their whole subject.
 */
export function verdictText(verdict: ChainVerdict, known: CertificateDetails[], trustedName: string): string {
  const name = (subject: string) => {
    const found = known.find((c) => c.subject === subject);
    return found ? objectName(found) : subject || '(empty subject)';
  };
  // The verdict leads: a notification shows its first line only until it is expanded.
  if (verdict.ok) return `Chain verified: ${verdict.path.map(name).join(' → ')} (trusting ${trustedName}).`;
  const failure = verdict.failure;
  if (!failure) return `Chain does not verify (trusting ${trustedName}).`;
  const where = failure.index === 0 ? 'the leaf' : `certificate ${failure.index + 1} of the path`;
  return `Chain does not verify: at ${where}, ${name(failure.subject)}, ${REASONS[failure.reason]} (trusting ${trustedName}).`;
}
