import type { CertificateDetails, ChainReport, CsrDetails, PrivateKeyDetails } from '../../common/src/x509/model';

// Model values as the decoder produces them, for tests of code that only reads the model (view
// sections, message checks). Fields hold what a certificate carrying every extension kind shows.

export function certificateModel(overrides: Partial<CertificateDetails> = {}): CertificateDetails {
  return {
    kind: 'certificate',
    version: 3,
    serialNumber: '5A1B2C3D',
    subject: 'CN=checkout.shop.svc,O=Shop',
    issuer: 'CN=Shop Intermediate CA,O=Shop',
    subjectCommonName: 'checkout.shop.svc',
    issuerCommonName: 'Shop Intermediate CA',
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2025-04-01T00:00:00.000Z',
    subjectAltNames: {
      dns: ['checkout.shop.svc', 'checkout.shop.svc.cluster.local'],
      ip: ['10.0.0.7', '2001:db8::1'],
      uri: ['spiffe://cluster.local/ns/shop/sa/checkout'],
      email: ['ops@shop.example'],
      other: ['RID:1.2.3.4'],
    },
    publicKey: { algorithm: 'ECDSA', size: 256, curve: 'P-256', description: 'ECDSA P-256', spkiSha256: 'AB:CD' },
    signatureAlgorithm: 'ecdsa-with-SHA256',
    signatureHash: 'SHA-256',
    isCA: false,
    keyUsage: ['digitalSignature', 'keyEncipherment'],
    hasKeyUsage: true,
    extendedKeyUsage: ['serverAuth', 'clientAuth'],
    hasExtendedKeyUsage: true,
    subjectKeyIdentifier: '01:02:03',
    authorityKeyIdentifier: '04:05:06',
    crlDistributionPoints: ['http://crl.shop.example/ca.crl'],
    ocsp: ['http://ocsp.shop.example'],
    caIssuers: ['http://pki.shop.example/ca.crt'],
    extensions: [
      { oid: '2.5.29.15', name: 'Key Usage', critical: true, value: 'Digital Signature, Key Encipherment' },
      { oid: '2.5.29.17', name: 'Subject Alternative Name', critical: false, value: 'DNS:checkout.shop.svc' },
      { oid: '1.2.3.4.5', critical: false, value: '0C0568656C6C6F' },
    ],
    fingerprints: { sha1: '11:22', sha256: 'AA:BB:CC' },
    selfSigned: false,
    ...overrides,
  };
}

export function csrModel(): CsrDetails {
  return {
    kind: 'csr',
    subject: 'CN=csr.test',
    subjectCommonName: 'csr.test',
    subjectAltNames: { dns: ['csr.test'], ip: [], uri: [], email: [], other: [] },
    publicKey: { algorithm: 'RSA', size: 1024, description: 'RSA 1024', spkiSha256: 'EE:FF' },
    signatureAlgorithm: 'sha256WithRSAEncryption',
    signatureValid: false,
    keyUsage: [],
    extendedKeyUsage: ['clientAuth'],
    isCA: false,
    extensions: [{ oid: '2.5.29.37', name: 'Extended Key Usage', critical: false, value: 'TLS Web Client Authentication' }],
  };
}

export function privateKeyModel(encrypted: boolean): PrivateKeyDetails {
  return encrypted
    ? { kind: 'privateKey', format: 'encrypted PKCS#8', encrypted: true }
    : {
        kind: 'privateKey',
        format: 'PKCS#8',
        encrypted: false,
        publicKey: { algorithm: 'ECDSA', size: 256, curve: 'P-256', description: 'ECDSA P-256', spkiSha256: 'AB:CD' },
      };
}

export function chainModel(): ChainReport {
  return {
    links: [
      { index: 0, issuerIndex: 1, signatureValid: true },
      { index: 1, issuerIndex: 1, signatureValid: true },
    ],
    problems: [],
    endIndex: 1,
    verified: true,
  };
}
