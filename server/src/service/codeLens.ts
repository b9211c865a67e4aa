import type { CodeLens, Position } from 'vscode-languageserver-types';
import { DecodeCertificateCommand, OpenHandshakeTestCommand } from '../../../common/src/protocol';
import { chainVerdict, isDecodedLabel, objectSummary } from './certificates/describe';
import type { DocumentObjects, FoundObject } from './certificates/found';
import { MinuteMemo } from './certificates/minuteMemo';

/**
 * One lens above each object (certificate, request, key) saying who it is for, its key, where it
 * stands in its validity and who issued it, plus one per bundle saying how its certificates chain.
 * Each runs the decode command with [uri, line, index]: the line where the object starts and its
 * place among the documentCertificates answer's objects, which tells apart the certificates of
 * one base64 value (they share its line). In a certificate file, a leaf (non-CA) certificate
 * gets a second lens that opens the mTLS handshake test with the file as the server certificate.
 */
export function certificateCodeLenses(uri: string, found: DocumentObjects, now: Date): CodeLens[] {
  const lenses: CodeLens[] = [];
  const testable = CERTIFICATE_FILE.test(uri);
  let index = 0;
  for (const group of found.groups) {
    const { verdict, summaries } = titlesByGroup.get(group, now, 0, () => ({
      verdict: chainVerdict(group),
      summaries: group.objects.map((object) => objectSummary(object.decoded, now)),
    }));
    const first = group.objects.find((o) => o.decoded.kind === 'certificate' && o.der);
    for (const [i, object] of group.objects.entries()) {
      const at = index++;
      if (object.decoded.kind === 'unreadable' && !isDecodedLabel(object.label)) continue;
      if (verdict && object === first) lenses.push(lens(uri, object, at, verdict));
      lenses.push(lens(uri, object, at, summaries[i]));
      if (testable && object.decoded.kind === 'certificate' && !object.decoded.isCA) lenses.push(handshakeLens(uri, object));
    }
  }
  return lenses;
}

/** Lens titles by group (see minuteMemo.ts): a keystroke elsewhere in a manifest words none of its unchanged certificates again. */
const titlesByGroup = new MinuteMemo<{ verdict: string | undefined; summaries: string[] }>();

/**
 * Files the handshake test can use as they are: PEM certificate files on disk (the test reads the
 * file, so a certificate inside a manifest or pasted into notes is not one of them).
 */
const CERTIFICATE_FILE = /^file:.*\.(pem|crt|cer|cert)$/i;

function handshakeLens(uri: string, object: FoundObject): CodeLens {
  const at: Position = object.range.start;
  return { range: { start: at, end: at }, command: { title: 'Test mTLS handshake', command: OpenHandshakeTestCommand, arguments: [uri, at.line] } };
}

function lens(uri: string, object: FoundObject, index: number, title: string): CodeLens {
  const at: Position = object.range.start;
  return { range: { start: at, end: at }, command: { title, command: DecodeCertificateCommand, arguments: [uri, at.line, index] } };
}
