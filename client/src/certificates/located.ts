import type { DocumentCertificateGroup, DocumentCertificates } from '../../../common/src/protocol';
import type { ChainReport, DecodedObject } from '../../../common/src/x509/model';

/** A decoded object and where it sits in its file (lines absent for binary DER files). */
export interface LocatedObject {
  /** "block 2", "tls.crt of Secret shop/checkout-tls", "frontend.der". */
  source: string;
  /** Zero-based first and last line. */
  startLine?: number;
  endLine?: number;
  decoded: DecodedObject;
  /** The DER of a readable certificate, when the reader was asked for it (chain checks). */
  der?: Uint8Array;
  /** Index into `groups` of the objects it belongs with (one YAML value); absent for plain files. */
  group?: number;
}

export interface LocatedObjects {
  objects: LocatedObject[];
  chain?: ChainReport;
  /** The YAML values holding objects, as the server names them; absent for plain files. */
  groups?: DocumentCertificateGroup[];
}

/**
 * The object a command means: the one at `index` when it is given and still sits on `line` (a
 * lens or list item names both, and the file may have changed since), else the object under
 * `line`, else the file's first certificate, else its first object (0 when empty).
 */
export function objectIndexAt(objects: LocatedObject[], line: number | undefined, index?: number): number {
  if (index !== undefined && Number.isSafeInteger(index) && index >= 0 && index < objects.length && (line === undefined || holdsLine(objects[index], line)))
    return index;
  if (line !== undefined) {
    const under = objects.findIndex((o) => holdsLine(o, line));
    if (under >= 0) return under;
  }
  return Math.max(
    0,
    objects.findIndex((o) => o.decoded.kind === 'certificate'),
  );
}

function holdsLine(object: LocatedObject, line: number): boolean {
  return object.startLine !== undefined && object.endLine !== undefined && object.startLine <= line && line <= object.endLine;
}

/** The server's documentCertificates answer as the client's model; DER arrives as base64. */
export function locatedFromServer(answer: DocumentCertificates): LocatedObjects {
  const located: LocatedObjects = {
    objects: answer.objects.map((o) => {
      const object: LocatedObject = { source: o.source, startLine: o.range.start.line, endLine: o.range.end.line, decoded: o.decoded, group: o.group };
      if (o.der !== undefined) object.der = new Uint8Array(Buffer.from(o.der, 'base64'));
      return object;
    }),
    groups: answer.groups,
  };
  if (answer.chain) located.chain = answer.chain;
  return located;
}
