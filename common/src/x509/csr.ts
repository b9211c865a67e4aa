import { decodeDer } from './decode';
import { extendedKeyUsageOid, keyUsageBit } from './extensions';

/** The usage extensions a CSR asks for: key usage bits and extended key usage OIDs. */
export interface RequestedUsages {
  /** Absent when the CSR carries no key usage extension. */
  keyUsage?: number;
  /** Absent when the CSR carries no extended key usage extension. */
  extendedKeyUsages?: string[];
  /** basicConstraints CA flag, when the CSR carries the extension. */
  ca?: boolean;
}

export class CsrDecodeError extends Error {}

/** Reads the usage-related extensions of a DER PKCS#10 request, with the project's one DER reader. */
export function requestedUsages(der: Uint8Array): RequestedUsages {
  const csr = decodeDer(der, 'CERTIFICATE REQUEST');
  if (csr.kind !== 'csr') throw new CsrDecodeError(`not a PKCS#10 certificate request (${csr.kind === 'unreadable' ? csr.reason : csr.kind})`);
  // An extension that is present but empty asks for nothing, which differs from not asking.
  const has = (oid: string) => csr.extensions.some((e) => e.oid === oid);
  return {
    keyUsage: has('2.5.29.15') ? csr.keyUsage.reduce((bits, name) => bits | keyUsageBit(name), 0) : undefined,
    extendedKeyUsages: has('2.5.29.37') ? csr.extendedKeyUsage.map(extendedKeyUsageOid) : undefined,
    ca: csr.isCA,
  };
}
