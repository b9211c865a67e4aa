// The decoded form of every PEM or DER object we show: the CLI prints it as JSON (`mesh-mtls
// inspect --json`), the server builds lenses, hovers and diagnostics from it, and the client's
// views render it. Plain data only (strings, numbers, arrays) so it crosses LSP, the webview
// boundary and JSON unchanged.

/** A public key as a person compares keys: algorithm, size, curve. */
export interface PublicKeyInfo {
  /** "RSA", "RSA-PSS", "ECDSA", "Ed25519", "Ed448", "DSA", or the OID of anything else. */
  algorithm: string;
  /** Key size in bits (RSA modulus, EC field size, 256 for Ed25519, 456 for Ed448). */
  size?: number;
  /** NIST name of an EC curve: "P-256", "P-384", "P-521"; else the OpenSSL name. */
  curve?: string;
  /** One phrase for lenses and lists: "ECDSA P-256", "RSA 2048", "Ed25519". */
  description: string;
  /** SHA-256 of the DER SubjectPublicKeyInfo, upper-case hex with colons: matches keys to certificates. */
  spkiSha256: string;
}

/** Subject alternative names by kind, in the order the certificate lists them. */
export interface SubjectAltNames {
  dns: string[];
  /** IPv4 dotted, IPv6 in RFC 5952's compressed lower-case form (`2001:db8::1`; `openssl x509 -text` prints all eight groups, upper-case). */
  ip: string[];
  uri: string[];
  email: string[];
  /** Names of any other kind (directory names, registered IDs, other names), as "type:value". */
  other: string[];
}

/** Every extension of a certificate or request, known or not. */
export interface ExtensionInfo {
  oid: string;
  /** Our name for known extensions ("Subject Alternative Name"); absent for unknown OIDs. */
  name?: string;
  critical: boolean;
  /** A readable rendering of the value; for unknown extensions the DER as hex. */
  value: string;
}

export interface NameConstraintsInfo {
  /** As "DNS:example.com", "IP:10.0.0.0/8", "URI:.example.com", "email:example.com". */
  permitted: string[];
  excluded: string[];
}

export interface CertificateDetails {
  kind: 'certificate';
  /** 1, 2 or 3. */
  version: number;
  /** Upper-case hex without separators or leading zero bytes, as `openssl x509 -serial` prints it. */
  serialNumber: string;
  /** RFC 4514 strings, most significant RDN last, UTF-8 unescaped: exactly what `openssl x509 -nameopt RFC2253,-esc_msb` prints. */
  subject: string;
  issuer: string;
  subjectCommonName?: string;
  issuerCommonName?: string;
  /** ISO 8601 in UTC. */
  notBefore: string;
  notAfter: string;
  subjectAltNames: SubjectAltNames;
  publicKey: PublicKeyInfo;
  /** OpenSSL's long name: "sha256WithRSAEncryption", "ecdsa-with-SHA256", "ED25519". */
  signatureAlgorithm: string;
  /** The hash the signature uses ("SHA-256", "SHA-1", "MD5"), absent for Ed25519/Ed448. */
  signatureHash?: string;
  /** Present only when the signed part names another signature algorithm than the outer one (verifiers then refuse the signature). */
  innerSignatureAlgorithm?: string;
  /** basicConstraints CA flag (false when the extension is absent). */
  isCA: boolean;
  /** basicConstraints pathLenConstraint, when set. */
  pathLength?: number;
  /** RFC 5280 names: digitalSignature, nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly. Empty when the extension is absent. */
  keyUsage: string[];
  /** Whether the certificate carries a keyUsage extension at all. */
  hasKeyUsage: boolean;
  /** serverAuth, clientAuth, codeSigning, emailProtection, timeStamping, OCSPSigning, anyExtendedKeyUsage, or the dotted OID. Empty when absent. */
  extendedKeyUsage: string[];
  hasExtendedKeyUsage: boolean;
  /** Upper-case hex with colons. */
  subjectKeyIdentifier?: string;
  authorityKeyIdentifier?: string;
  crlDistributionPoints: string[];
  ocsp: string[];
  caIssuers: string[];
  nameConstraints?: NameConstraintsInfo;
  extensions: ExtensionInfo[];
  /** Upper-case hex with colons, as `openssl x509 -fingerprint` prints them. */
  fingerprints: { sha1: string; sha256: string };
  /**
   * Self-signed as OpenSSL counts it: it names itself as issuer, its key identifiers agree, and its
   * own key is of the type that made the signature (a leaf named like the CA above it is not).
   */
  selfSigned: boolean;
}

export interface CsrDetails {
  kind: 'csr';
  subject: string;
  subjectCommonName?: string;
  subjectAltNames: SubjectAltNames;
  publicKey: PublicKeyInfo;
  signatureAlgorithm: string;
  /** The request's self-signature checks out against its own key. */
  signatureValid: boolean;
  keyUsage: string[];
  extendedKeyUsage: string[];
  /** basicConstraints CA flag requested, when the request carries the extension. */
  isCA?: boolean;
  extensions: ExtensionInfo[];
}

export interface PrivateKeyDetails {
  kind: 'privateKey';
  /** "PKCS#8", "encrypted PKCS#8", "PKCS#1 RSA", "SEC1 EC", "OpenSSH", or "legacy encrypted PEM" (Proc-Type headers). */
  format: string;
  encrypted: boolean;
  /** The matching public key; absent when the key is encrypted (we never ask for passphrases). Never the key material itself. */
  publicKey?: PublicKeyInfo;
}

export interface PublicKeyDetails {
  kind: 'publicKey';
  publicKey: PublicKeyInfo;
}

/** A block we recognise by its label but could not read, or one we do not decode (CRLs, parameters). */
export interface UnreadableDetails {
  kind: 'unreadable';
  label: string;
  reason: string;
}

export type DecodedObject = CertificateDetails | CsrDetails | PrivateKeyDetails | PublicKeyDetails | UnreadableDetails;

/** Why a name constraint refuses a name: OpenSSL's verify errors 47, 48, 49, 51 and 53. */
export type NameConstraintFailure = 'outside permitted names' | 'excluded name' | 'constraint with bounds' | 'unsupported constraint' | 'unreadable name';

/** How one certificate of a bundle relates to the next. */
export interface ChainLink {
  /** Index of the certificate in the bundle. */
  index: number;
  /** Index of the certificate in the bundle whose key signed this one, when it is there. */
  issuerIndex?: number;
  /** Signature checked against that issuer's key (or its own key when self-signed). */
  signatureValid?: boolean;
}

export type ChainProblem =
  | { kind: 'out-of-order'; index: number; issuerIndex: number }
  | { kind: 'bad-signature'; index: number; issuerIndex: number }
  | { kind: 'missing-issuer'; index: number }
  | { kind: 'duplicate'; index: number; firstIndex: number }
  | { kind: 'path-length'; index: number; caIndex: number; pathLength: number }
  | { kind: 'issuer-not-ca'; index: number; issuerIndex: number }
  /** Critical extensions (OIDs) a verifier does not handle, so it refuses the certificate. */
  | { kind: 'unhandled-critical'; index: number; oids: string[] }
  /** Extensions (OIDs) present twice, which makes OpenSSL treat the certificate as invalid. */
  | { kind: 'invalid-extensions'; index: number; oids: string[] }
  /** A name of the certificate at `index` that the name constraints of the CA at `caIndex` refuse. */
  | { kind: 'name-constraints'; index: number; caIndex: number; name: string; failure: NameConstraintFailure };

/** A bundle read as a chain: leaf first, each certificate followed by its issuer. */
export interface ChainReport {
  links: ChainLink[];
  problems: ChainProblem[];
  /** Index of the last certificate of the path that starts at the first certificate. */
  endIndex: number;
  /** The path from the first certificate ends at a self-signed root whose signatures all verify. */
  verified: boolean;
}
