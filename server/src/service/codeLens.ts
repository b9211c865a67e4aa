import type { CodeLens, Position } from 'vscode-languageserver-types';
import { DecodeCertificateCommand } from '../../../common/src/protocol';
import { chainVerdict, isDecodedLabel, objectSummary } from './certificates/describe';
import type { DocumentObjects, FoundObject } from './certificates/found';

/**
 * One lens above each object (certificate, request, key) saying who it is for, its key, where it
 * stands in its validity and who issued it, plus one per bundle saying how its certificates chain.
 * Each runs the decode command with [uri, line, index]: the line where the object starts and its
 * place among the documentCertificates answer's objects, which tells apart the certificates of
 * one base64 value (they share its line).
 */
export function certificateCodeLenses(uri: string, found: DocumentObjects, now: Date): CodeLens[] {
  const lenses: CodeLens[] = [];
  let index = 0;
  for (const group of found.groups) {
    const verdict = chainVerdict(group);
    const first = group.objects.find((o) => o.decoded.kind === 'certificate' && o.der);
    for (const object of group.objects) {
      const at = index++;
      if (object.decoded.kind === 'unreadable' && !isDecodedLabel(object.label)) continue;
      if (verdict && object === first) lenses.push(lens(uri, object, at, verdict));
      lenses.push(lens(uri, object, at, objectSummary(object.decoded, now)));
    }
  }
  return lenses;
}

function lens(uri: string, object: FoundObject, index: number, title: string): CodeLens {
  const at: Position = object.range.start;
  return { range: { start: at, end: at }, command: { title, command: DecodeCertificateCommand, arguments: [uri, at.line, index] } };
}
