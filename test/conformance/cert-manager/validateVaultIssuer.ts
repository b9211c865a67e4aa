import type { ConformanceSuite } from '../conformanceCase';
import { CA_BUNDLE, issuer, VALID_SECRET_KEY_REF as ref } from '../certManagerManifest';

const vault = (config: Record<string, unknown>) => issuer({ vault: config });
const server = { server: 'https://vault.example.com', path: 'secret/path' };
const token = { auth: { tokenSecretRef: ref } };

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateVaultIssuerConfig',
  cases: [
    {
      name: 'vault issuer defines both caBundle and caBundleSecretRef',
      valid: false,
      yaml: vault({ ...server, caBundle: CA_BUNDLE, caBundleSecretRef: { key: 'ca.crt', name: 'test-secret' }, ...token }),
    },
    { name: 'valid vault issuer', valid: true, yaml: vault({ server: 'something', path: 'a/b/c', ...token }) },
    { name: 'vault issuer with missing fields', valid: false, yaml: vault({}) },
    {
      name: 'vault issuer with a CA bundle containing no valid certificates',
      valid: false,
      yaml: vault({ server: 'something', path: 'a/b/c', caBundle: Buffer.from('invalid').toString('base64'), ...token }),
    },
    {
      name: 'vault issuer define clientCertSecretRef but not clientKeySecretRef',
      valid: false,
      yaml: vault({
        ...server,
        caBundleSecretRef: { key: 'ca.crt', name: 'test-secret' },
        clientCertSecretRef: { key: 'tls.crt', name: 'test-secret' },
        ...token,
      }),
    },
    {
      name: 'vault issuer define clientKeySecretRef but not clientCertSecretRef',
      valid: false,
      yaml: vault({
        ...server,
        caBundleSecretRef: { key: 'ca.crt', name: 'test-secret' },
        clientKeySecretRef: { key: 'tls.key', name: 'test-secret' },
        ...token,
      }),
    },
    {
      name: "invalid vault issuer: path contains '..' segments",
      valid: false,
      yaml: vault({ server: 'https://vault.example.com', path: 'pki/../sys/seal', ...token }),
    },
  ],
};
