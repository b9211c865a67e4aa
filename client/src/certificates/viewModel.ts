import type { CertificateViewModel } from '../../../common/src/webview/certificateMessages';
import { objectIndexAt, type LocatedObjects } from './located';

/** The decoded view's model for a file's objects, showing the one `at` names (see objectIndexAt). */
export function toViewModel(
  documentUri: string,
  documentName: string,
  located: LocatedObjects,
  at: { line?: number; index?: number },
  expiringSoonDays: number,
): CertificateViewModel {
  const model: CertificateViewModel = {
    documentUri,
    documentName,
    objects: located.objects.map((o) =>
      o.startLine === undefined ? { source: o.source, decoded: o.decoded } : { source: o.source, line: o.startLine, decoded: o.decoded },
    ),
    selected: objectIndexAt(located.objects, at.line, at.index),
    expiringSoonDays,
  };
  if (located.chain) model.chain = located.chain;
  return model;
}
