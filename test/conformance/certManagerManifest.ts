import { stringify as toYaml } from 'yaml';

/** YAML without anchors, as people write it, though a case reuses one object. */
const stringify = (value: unknown) => toYaml(value, { aliasDuplicateObjects: false });

// The upstream cert-manager tests build their objects as Go structs; these write the same
// content as the manifest a user would apply.

/** The issuer reference most upstream Certificate cases use. */
export const VALID_ISSUER_REF = { name: 'name', kind: 'ClusterIssuer' };

export function certificate(spec: Record<string, unknown>): string {
  return stringify({ apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'test', namespace: 'default' }, spec });
}

/** A Certificate with the basic fields every upstream case sets unless it is about them. */
export function basicCertificate(extra: Record<string, unknown>): string {
  return certificate({ commonName: 'testcn', secretName: 'abc', issuerRef: VALID_ISSUER_REF, ...extra });
}

export function issuer(spec: Record<string, unknown>, kind: 'Issuer' | 'ClusterIssuer' = 'Issuer'): string {
  return stringify({ apiVersion: 'cert-manager.io/v1', kind, metadata: kind === 'Issuer' ? { name: 'test', namespace: 'default' } : { name: 'test' }, spec });
}

/** The upstream Issuer cases' valid Secret reference. */
export const VALID_SECRET_KEY_REF = { name: 'valid', key: 'validkey' };

/** An ACME issuer as upstream's validACMEIssuer, with the given extra fields (solvers and more). */
export function acmeIssuer(extra: Record<string, unknown> = {}): string {
  return issuer({ acme: { email: 'valid-email', server: 'valid-server', privateKeySecretRef: VALID_SECRET_KEY_REF, ...extra } });
}

/** An ACME issuer with one dns01 solver. */
export function dns01Issuer(dns01: Record<string, unknown>): string {
  return acmeIssuer({ solvers: [{ dns01 }] });
}

/** A self-signed CA certificate (CN=test, P-256), made with openssl once, as upstream makes one per test run: base64 of its PEM. */
export const CA_BUNDLE =
  'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJjakNDQVJtZ0F3SUJBZ0lVSmJmbGpzTDdIait3cVNibVBwcVpzU25SQzZJd0NnWUlLb1pJemowRUF3SXcKRHpFTk1Bc0dBMVVFQXd3RWRHVnpkREFlRncweU5qRXlNREl4TmpBMk16bGFGdzB6TmpFeE1qa3hOakEyTXpsYQpNQTh4RFRBTEJnTlZCQU1NQkhSbGMzUXdXVEFUQmdjcWhrak9QUUlCQmdncWhrak9QUU1CQndOQ0FBUUhMbFlVCjNjZ2p1ajYzRnd3dDIwRmtkQVppWXpYVFR4TDZCbzRPRXErQVFzTHNjS3dkRDZFTTk5RGcyK29tdWYxb0pLN00KQ0o1UWdBUkRuZlZ1dlRHOW8xTXdVVEFkQmdOVkhRNEVGZ1FVdlpWYUp1ZzZSclhvMEVJb1B0REtGRTNzY2hFdwpId1lEVlIwakJCZ3dGb0FVdlpWYUp1ZzZSclhvMEVJb1B0REtGRTNzY2hFd0R3WURWUjBUQVFIL0JBVXdBd0VCCi96QUtCZ2dxaGtqT1BRUURBZ05IQURCRUFpQnNwaGlKa0oyRmhuTlJKSzBmMjNENlpqbUdLb3ArNzd3N1JMbG0Kb3dFbU5RSWdEdkg2SEt2OXVTcHk5b0hXSm9uS3NKZXhqWTlyN2ZmeXZseWRJQTh1cTI0PQotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==';
