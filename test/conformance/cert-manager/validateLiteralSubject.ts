import type { ConformanceSuite } from '../conformanceCase';
import { certificate, VALID_ISSUER_REF as ref } from '../certManagerManifest';

const literal = (literalSubject: string, extra: Record<string, unknown> = {}) => certificate({ literalSubject, secretName: 'abc', issuerRef: ref, ...extra });

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/certificate_test.go Test_validateLiteralSubject',
  cases: [
    {
      name: 'featureGate should be enabled to use literalSubject',
      valid: false,
      differs: 'the upstream case turns the LiteralCertificateSubject feature gate off; it is on by default (Beta), and a manifest cannot say otherwise',
      yaml: literal('CN=testcn'),
    },
    { name: 'valid with only `literalSubject` and no `Subject`  or `CommonName` provided', valid: true, yaml: literal('CN=testcn') },
    // Named "valid" upstream, yet it expects an error: a serial number in subject is refused too.
    {
      name: 'valid with only `literalSubject` and only a `Subject.SerialNumber` provided',
      valid: false,
      yaml: literal('CN=testcn', { subject: { serialNumber: '1' } }),
    },
    {
      name: 'valid with a `literalSubject` containing CN with special characters, multiple DC and well-known rfc4514 and rfc5280 RDN OIDs',
      valid: true,
      yaml: literal('CN=James \\"Jim\\" Smith\\, III,DC=dc,DC=net,UID=jamessmith,STREET=La Rambla,L=Barcelona,C=Spain,O=Acme,OU=IT,OU=Admins'),
    },
    { name: 'invalid with a `literalSubject` without CN and no dnsNames, ipAddresses, or emailAddress', valid: false, yaml: literal('O=SomeCorp') },
    {
      name: 'invalid with a `literalSubject` and any `Subject` other than serialNumber',
      valid: false,
      yaml: literal('CN=testcn', { subject: { organizations: ['US'] } }),
    },
    { name: 'invalid with a `literalSubject` and a `commonName`', valid: false, yaml: literal('CN=testcn', { commonName: 'testcn' }) },
    { name: 'invalid with an unknown OID', valid: false, yaml: literal('C=O,B=TX,CN=foo') },
  ],
};
