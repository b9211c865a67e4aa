import type { ConformanceSuite } from '../conformanceCase';
import { basicCertificate as basic } from '../certManagerManifest';

const formats = (...types: string[]) => basic({ additionalOutputFormats: types.map((type) => ({ type })) });

// Upstream calls the function with made-up types; the CRD allows only DER and CombinedPEM, so each
// case uses those, keeping which types repeat.
export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/certificate_test.go Test_validateAdditionalOutputFormats',
  cases: [
    { name: 'if no formats defined, expect no error', valid: true, yaml: formats() },
    { name: 'if single format defined, expect no error', valid: true, yaml: formats('DER') },
    { name: 'if multiple unique formats defined, expect no error', valid: true, yaml: formats('DER', 'CombinedPEM') },
    { name: 'if multiple formats defined but 2 non-unique, expect error', valid: false, yaml: formats('DER', 'CombinedPEM', 'DER') },
    {
      name: 'if multiple formats defined but multiple non-unique, expect error',
      valid: false,
      yaml: formats('DER', 'CombinedPEM', 'CombinedPEM', 'DER', 'DER'),
    },
  ],
};
