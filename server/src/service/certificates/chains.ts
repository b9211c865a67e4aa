import { analyzeChain } from '../../../../common/src/x509/chain';
import type { CertificateDetails, ChainReport } from '../../../../common/src/x509/model';
import type { FoundObject } from './found';

/** A chain computed on first use from the certificates among `objects`, when there are two or more. */
export function lazyChain(objects: FoundObject[]): () => ChainReport | undefined {
  let memo: { chain?: ChainReport } | undefined;
  return () => {
    if (!memo) {
      const ders = certificateDers(objects);
      memo = { chain: ders.length > 1 ? analyzeChain(ders) : undefined };
    }
    return memo.chain;
  };
}

export function certificateDers(objects: FoundObject[]): Uint8Array[] {
  return objects.flatMap((o) => (o.decoded.kind === 'certificate' && o.der ? [o.der] : []));
}

/** The certificates among `objects`, in the order chain indices count them. */
export function certificatesOf(objects: FoundObject[]): Array<{ object: FoundObject; details: CertificateDetails }> {
  return objects.flatMap((object) => (object.decoded.kind === 'certificate' && object.der ? [{ object, details: object.decoded }] : []));
}
