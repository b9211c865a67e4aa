import type { CodeLens, Position } from 'vscode-languageserver-types';
import { DecodeCertificateCommand, defaultSettings } from '../../../common/src/protocol';
import { certificatesOf } from './certificates/chains';
import { chainSummary, isDecodedLabel, objectSummary } from './certificates/describe';
import type { DocumentObjects, FoundObject } from './certificates/found';

/**
 * One lens above each object (certificate, request, key) saying who it is for and where it stands
 * in its validity, plus one per bundle saying how its certificates chain. Each runs the decode
 * command with [uri, line]; the line is where the object starts, so the client can find it in the
 * documentCertificates answer.
 */
export function certificateCodeLenses(uri: string, found: DocumentObjects, now: Date, soonDays = defaultSettings.certificates.expiringSoonDays): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const group of found.groups) {
    const chain = group.chain();
    const certificates = chain ? certificatesOf(group.objects) : [];
    for (const object of group.objects) {
      if (object.decoded.kind === 'unreadable' && !isDecodedLabel(object.label)) continue;
      if (chain && object === certificates[0].object) lenses.push(lens(uri, object, chainSummary(chain, certificates.map((c) => c.details), group.role)));
      lenses.push(lens(uri, object, objectSummary(object.decoded, now, soonDays)));
    }
  }
  return lenses;
}

function lens(uri: string, object: FoundObject, title: string): CodeLens {
  const at: Position = object.range.start;
  return { range: { start: at, end: at }, command: { title, command: DecodeCertificateCommand, arguments: [uri, at.line] } };
}
