// cert-manager's API across releases, for rules and hovers that must be true for the release a
// user runs. Fields: the first release whose CRD (deploy/crds at the tag v1.X.0) declares them,
// from v1.7 on (when v1 became the only API). Gates: the release whose webhook turns the gate on
// by default (internal/webhook/feature/features.go at the tags).

/** A field path from the resource's root, and the release that added it. */
export type FieldSince = [path: string[], since: string];

export const CERTIFICATE_FIELDS_SINCE: FieldSince[] = [
  [['spec', 'literalSubject'], '1.9'],
  [['spec', 'nameConstraints'], '1.14'],
  [['spec', 'otherNames'], '1.14'],
  [['spec', 'keystores', 'pkcs12', 'profile'], '1.14'],
  [['spec', 'keystores', 'jks', 'alias'], '1.15'],
  [['spec', 'renewBeforePercentage'], '1.16'],
  [['spec', 'keystores', 'jks', 'password'], '1.17'],
  [['spec', 'keystores', 'pkcs12', 'password'], '1.17'],
  [['spec', 'signatureAlgorithm'], '1.18'],
  [['spec', 'renewal'], '1.21'],
];

/** Issuer and ClusterIssuer share their spec. */
export const ISSUER_FIELDS_SINCE: FieldSince[] = [
  [['spec', 'vault', 'caBundleSecretRef'], '1.10'],
  [['spec', 'acme', 'caBundle'], '1.11'],
  [['spec', 'vault', 'auth', 'kubernetes', 'serviceAccountRef'], '1.12'],
  [['spec', 'ca', 'issuingCertificateURLs'], '1.14'],
  [['spec', 'vault', 'auth', 'kubernetes', 'serviceAccountRef', 'audiences'], '1.15'],
  [['spec', 'vault', 'clientCertSecretRef'], '1.15'],
  [['spec', 'vault', 'clientKeySecretRef'], '1.15'],
  [['spec', 'vault', 'auth', 'clientCertificate'], '1.16'],
  [['spec', 'venafi', 'tpp', 'caBundleSecretRef'], '1.16'],
  [['spec', 'acme', 'profile'], '1.18'],
  [['spec', 'vault', 'serverName'], '1.18'],
  [['spec', 'vault', 'auth', 'aws'], '1.21'],
  [['spec', 'venafi', 'ngts'], '1.21'],
];

/** Enum values that came after their field: path, value, release. */
export const CERTIFICATE_VALUES_SINCE: Array<[path: string[], value: string, since: string]> = [
  [['spec', 'keystores', 'pkcs12', 'profile'], 'Modern2026', '1.21'],
];

/** Certificate fields behind an alpha feature gate of the webhook, off by default before `on`. */
export const CERTIFICATE_GATES: Array<{ path: string[]; gate: string; on: string }> = [
  { path: ['spec', 'literalSubject'], gate: 'LiteralCertificateSubject', on: '1.15' },
  { path: ['spec', 'nameConstraints'], gate: 'NameConstraints', on: '1.17' },
  { path: ['spec', 'otherNames'], gate: 'OtherNames', on: '1.20' },
];
