// The verdict of verifyChain (chain.ts) in words, as one sentence naming certificates as the views
// do: "Verify Chain…" shows it, and so does the diagnostic on a proxy's certificate its own trust
// anchors refuse. Pure, so the wording is unit-tested.

import type { ChainFailureReason, ChainVerdict } from './chain';
import type { CertificateDetails } from './model';
import { objectName } from './objectName';
import { escapeUnsafe } from './printable';

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
  'unhandled critical extension': 'it has a critical extension verifiers do not handle',
  'invalid extensions': 'it repeats an extension, so verifiers treat it as invalid and link it to no issuer',
  'invalid time format': 'its validity is not written as RFC 5280 asks (seconds and Z), which verifiers refuse',
  'outside permitted names': 'a name of it is outside what a CA above it permits',
  'excluded name': 'a name of it is excluded by a CA above it',
  'constraint with bounds': 'a CA above it sets name constraints with a minimum or maximum, which verifiers do not support',
  'unsupported constraint': 'a CA above it sets a name constraint of a type verifiers cannot check',
  'unreadable name': 'a name of it cannot be read for the name constraints of a CA above it',
};

/**
 * One sentence for the verdict. `known` are the decoded certificates involved (the file's and the
 * trusted ones), to name path entries by SPIFFE ID or CN rather than by their whole subject.
 */
export function verdictText(verdict: ChainVerdict, known: CertificateDetails[], trustedName: string): string {
  const name = (subject: string) => {
    const found = known.find((c) => c.subject === subject);
    return found ? objectName(found) : escapeUnsafe(subject) || '(empty subject)';
  };
  // The verdict leads: a notification shows its first line only until it is expanded.
  if (verdict.ok) return `Chain verified: ${verdict.path.map(name).join(' → ')} (trusting ${trustedName}).`;
  const failure = verdict.failure;
  if (!failure) return `Chain does not verify (trusting ${trustedName}).`;
  const where = failure.index === 0 ? 'the leaf' : `certificate ${failure.index + 1} of the path`;
  const detail = failure.detail ? ` (${escapeUnsafe(failure.detail)})` : '';
  return `Chain does not verify: at ${where}, ${name(failure.subject)}, ${REASONS[failure.reason]}${detail} (trusting ${trustedName}).`;
}
