import type { KindDocs } from './fieldDoc';

// cert-manager's Certificate, CertificateRequest, Issuer and ClusterIssuer.

export const CERT_MANAGER_DOCS: Record<string, KindDocs> = {};
