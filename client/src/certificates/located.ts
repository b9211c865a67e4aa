import type { ChainReport, DecodedObject } from '../../../common/src/x509/model';

/** A decoded object and where it sits in its file (lines absent for binary DER files). */
export interface LocatedObject {
  /** "block 2", "tls.crt of Secret shop/checkout-tls", "frontend.der". */
  source: string;
  /** Zero-based first and last line. */
  startLine?: number;
  endLine?: number;
  decoded: DecodedObject;
}

export interface LocatedObjects {
  objects: LocatedObject[];
  chain?: ChainReport;
}

/** The object under `line`, else the file's first certificate, else its first object (0 when empty). */
export function objectIndexAt(objects: LocatedObject[], line: number | undefined): number {
  if (line !== undefined) {
    const under = objects.findIndex((o) => o.startLine !== undefined && o.endLine !== undefined && o.startLine <= line && line <= o.endLine);
    if (under >= 0) return under;
  }
  return Math.max(0, objects.findIndex((o) => o.decoded.kind === 'certificate'));
}
