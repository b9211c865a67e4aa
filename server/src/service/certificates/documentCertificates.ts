import type { DocumentCertificates } from '../../../../common/src/protocol';
import type { DocumentObjects } from './found';

/**
 * The documentCertificates answer: every object in text order with its range and source, and
 * the chain of all the document's certificates when there are several (its indices count
 * certificates only, in the order they appear among `objects`).
 */
export function documentCertificates(found: DocumentObjects): DocumentCertificates {
  const objects = found.objects.map(({ range, source, decoded }) => ({ range, source, decoded }));
  const chain = found.chain();
  return chain ? { objects, chain } : { objects };
}
