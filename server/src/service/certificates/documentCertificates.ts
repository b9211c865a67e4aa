import type { DocumentCertificate, DocumentCertificates } from '../../../../common/src/protocol';
import type { DocumentObjects } from './found';

/**
 * The documentCertificates answer: every object in text order with its range, source and group,
 * and the chain of all the document's certificates when there are several (its indices count
 * certificates only, in the order they appear among `objects`). With `includeDer`, certificates
 * carry their DER so the client can verify them against a bundle of its choosing.
 */
export function documentCertificates(found: DocumentObjects, includeDer = false): DocumentCertificates {
  const objects: DocumentCertificate[] = [];
  found.groups.forEach((group, index) => {
    for (const { range, source, decoded, der } of group.objects) {
      const object: DocumentCertificate = { range, source, decoded, group: index };
      if (includeDer && der && decoded.kind === 'certificate') object.der = Buffer.from(der).toString('base64');
      objects.push(object);
    }
  });
  const answer: DocumentCertificates = { groups: found.groups.map(({ name, role }) => ({ name, role })), objects };
  const chain = found.chain();
  if (chain) answer.chain = chain;
  return answer;
}
