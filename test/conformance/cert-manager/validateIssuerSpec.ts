import type { ConformanceSuite } from '../conformanceCase';
import { acmeIssuer, issuer, VALID_SECRET_KEY_REF } from '../certManagerManifest';

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateIssuerSpec',
  cases: [
    { name: 'valid ca issuer', valid: true, yaml: issuer({ ca: { secretName: 'valid' } }) },
    { name: 'ca issuer without secret name specified', valid: false, yaml: issuer({ ca: {} }) },
    { name: 'valid self-signed issuer', valid: true, yaml: issuer({ selfSigned: {} }) },
    { name: 'valid acme issuer', valid: true, yaml: acmeIssuer() },
    {
      name: 'valid vault issuer',
      valid: true,
      yaml: issuer({ vault: { auth: { tokenSecretRef: VALID_SECRET_KEY_REF }, server: 'something', path: 'a/b/c' } }),
    },
    { name: 'missing issuer config', valid: false, yaml: issuer({}) },
    { name: 'multiple issuers configured', valid: false, yaml: issuer({ selfSigned: {}, ca: { secretName: 'valid' } }) },
    { name: 'valid ocsp url', valid: true, yaml: issuer({ ca: { secretName: 'valid', ocspServers: ['http://ocsp.int-x3.letsencrypt.org'] } }) },
    { name: 'invalid ocsp url', valid: false, yaml: issuer({ ca: { secretName: 'valid', ocspServers: [''] } }) },
    {
      name: 'valid IssuingCertificateURLs',
      valid: true,
      yaml: issuer({ ca: { secretName: 'valid', issuingCertificateURLs: ['http://ca.example.com/ca.crt'] } }),
    },
    { name: 'invalid IssuingCertificateURLs', valid: false, yaml: issuer({ ca: { secretName: 'valid', issuingCertificateURLs: [''] } }) },
  ],
};
