import type { ConformanceSuite } from '../conformanceCase';
import { acmeIssuer } from '../certManagerManifest';

// Upstream tests the selector check alone; here it is the external account binding's keySecretRef,
// one of the references the webhook runs it on.
const eab = (keySecretRef: Record<string, unknown>) => acmeIssuer({ externalAccountBinding: { keyID: 'test', keySecretRef } });

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateSecretKeySelector',
  cases: [
    { name: 'valid selector', valid: true, yaml: eab({ name: 'name', key: 'key' }) },
    { name: 'missing name', valid: false, yaml: eab({ key: 'key' }) },
    { name: 'missing key', valid: false, yaml: eab({ name: 'name' }) },
  ],
};
