import type { webcrypto } from 'node:crypto';
import { x509 } from '../x509/library';
import { toPem } from '../pem/blocks';

export interface SelfSignedRequest {
  commonName: string;
  notBefore: Date;
  notAfter: Date;
  dnsNames?: string[];
}

export interface MintedCertificate {
  certificatePem: string;
  /** PKCS#8 PEM. Callers that write it to disk must use mode 0600. */
  privateKeyPem: string;
}

const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

/** Mints a self-signed ECDSA P-256 certificate: the smallest correct certificate for examples and tests. */
export async function mintSelfSigned(request: SelfSignedRequest): Promise<MintedCertificate> {
  const keys = (await x509.cryptoProvider.get().subtle.generateKey(ECDSA_P256, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
  ];
  if (request.dnsNames?.length) {
    extensions.push(new x509.SubjectAlternativeNameExtension(request.dnsNames.map((value) => ({ type: 'dns' as const, value }))));
  }
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ CN: [request.commonName] }],
    notBefore: request.notBefore,
    notAfter: request.notAfter,
    keys,
    signingAlgorithm: ECDSA_P256,
    extensions,
  });
  const pkcs8 = await x509.cryptoProvider.get().subtle.exportKey('pkcs8', keys.privateKey);
  return { certificatePem: toPem('CERTIFICATE', new Uint8Array(cert.rawData)), privateKeyPem: toPem('PRIVATE KEY', new Uint8Array(pkcs8)) };
}

function randomSerial(): string {
  const bytes = x509.cryptoProvider.get().getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f; // a positive INTEGER, as RFC 5280 requires
  return Buffer.from(bytes).toString('hex');
}
