import { x509 } from './library';

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

/** Reads the usage-related extensions of a DER PKCS#10 request. */
export function requestedUsages(der: Uint8Array): RequestedUsages {
  let csr: InstanceType<typeof x509.Pkcs10CertificateRequest>;
  try {
    csr = new x509.Pkcs10CertificateRequest(der);
  } catch (error) {
    throw new CsrDecodeError(`not a PKCS#10 certificate request (${(error as Error).message})`);
  }
  // The library builds each extension as its typed class; a request has no typed getter.
  const keyUsage = csr.extensions.find((e) => e instanceof x509.KeyUsagesExtension) as InstanceType<typeof x509.KeyUsagesExtension> | undefined;
  const extended = csr.extensions.find((e) => e instanceof x509.ExtendedKeyUsageExtension) as InstanceType<typeof x509.ExtendedKeyUsageExtension> | undefined;
  const basic = csr.extensions.find((e) => e instanceof x509.BasicConstraintsExtension) as InstanceType<typeof x509.BasicConstraintsExtension> | undefined;
  return {
    keyUsage: keyUsage?.usages,
    extendedKeyUsages: extended?.usages.map(String),
    ca: basic?.ca,
  };
}
