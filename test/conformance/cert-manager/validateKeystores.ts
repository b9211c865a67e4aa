import type { ConformanceSuite } from '../conformanceCase';
import { basicCertificate as basic } from '../certManagerManifest';

const keystores = (keystores: Record<string, unknown>) => basic({ keystores });

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/certificate_test.go Test_validateKeystores',
  cases: [
    {
      name: 'JKS PasswordSecretRef and Password are mutually exclusive',
      valid: false,
      yaml: keystores({ jks: { create: true, passwordSecretRef: { name: 'secret' }, password: 'changeit' } }),
    },
    {
      name: 'JKS one of PasswordSecretRef / Password is required (nil password)',
      valid: false,
      yaml: keystores({ jks: { create: true, passwordSecretRef: {} } }),
    },
    {
      name: 'JKS one of PasswordSecretRef / Password is required (empty strings)',
      valid: false,
      yaml: keystores({ jks: { create: true, passwordSecretRef: { name: '' }, password: '' } }),
    },
    {
      name: 'PKCS12 PasswordSecretRef and Password are mutually exclusive',
      valid: false,
      yaml: keystores({ pkcs12: { create: true, passwordSecretRef: { name: 'secret' }, password: 'changeit' } }),
    },
    {
      name: 'PKCS12 one of PasswordSecretRef / Password is required (nil password)',
      valid: false,
      yaml: keystores({ pkcs12: { create: true, passwordSecretRef: {} } }),
    },
    {
      name: 'PKCS12 one of PasswordSecretRef / Password is required (empty strings)',
      valid: false,
      yaml: keystores({ pkcs12: { create: true, passwordSecretRef: { name: '' }, password: '' } }),
    },
  ],
};
