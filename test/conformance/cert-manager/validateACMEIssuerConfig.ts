import type { ConformanceSuite } from '../conformanceCase';
import { acmeIssuer, CA_BUNDLE, issuer, VALID_SECRET_KEY_REF as ref } from '../certManagerManifest';

const cloudDNS = { dns01: { cloudDNS: { serviceAccountSecretRef: ref, project: 'valid' } } };
const http01 = (config: Record<string, unknown>) => acmeIssuer({ solvers: [{ http01: config }] });

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateACMEIssuerConfig',
  cases: [
    { name: 'valid acme issuer', valid: true, yaml: acmeIssuer() },
    { name: 'acme issuer with missing fields', valid: false, yaml: issuer({ acme: {} }) },
    {
      name: 'acme issuer with an invalid CA bundle',
      valid: false,
      yaml: acmeIssuer({ caBundle: Buffer.from('abc123').toString('base64'), solvers: [cloudDNS] }),
    },
    {
      name: 'acme issuer with both a CA bundle and SkipTLSVerify',
      valid: false,
      yaml: acmeIssuer({ caBundle: CA_BUNDLE, skipTLSVerify: true, solvers: [cloudDNS] }),
    },
    { name: 'acme solver without any config', valid: false, yaml: acmeIssuer({ solvers: [{}] }) },
    { name: 'acme solver with valid dns01 config', valid: true, yaml: acmeIssuer({ solvers: [cloudDNS] }) },
    {
      name: 'acme solver with a valid waitInsteadOfSelfCheck duration',
      valid: true,
      yaml: acmeIssuer({ solvers: [{ waitInsteadOfSelfCheck: '30s', ...cloudDNS }] }),
    },
    {
      name: 'acme solver with a zero waitInsteadOfSelfCheck duration',
      valid: true,
      yaml: acmeIssuer({ solvers: [{ waitInsteadOfSelfCheck: '0s', ...cloudDNS }] }),
    },
    {
      name: 'acme solver with a negative waitInsteadOfSelfCheck duration',
      valid: false,
      yaml: acmeIssuer({ solvers: [{ waitInsteadOfSelfCheck: '-5s', ...cloudDNS }] }),
    },
    {
      name: 'acme solver with external account binding missing required fields',
      valid: false,
      yaml: acmeIssuer({ externalAccountBinding: {}, solvers: [cloudDNS] }),
    },
    {
      name: 'acme solver with a valid external account binding and keyAlgorithm not set',
      valid: true,
      yaml: acmeIssuer({ externalAccountBinding: { keyID: 'test', keySecretRef: ref }, solvers: [cloudDNS] }),
    },
    {
      name: 'acme solver with a valid external account binding and keyAlgorithm set',
      valid: true,
      yaml: acmeIssuer({ externalAccountBinding: { keyID: 'test', keySecretRef: ref, keyAlgorithm: 'HS384' }, solvers: [cloudDNS] }),
    },
    { name: 'acme solver with missing http01 config type', valid: false, yaml: http01({}) },
    { name: 'acme solver with valid http01 ingress config', valid: true, yaml: http01({ ingress: {} }) },
    {
      name: 'acme solver with valid http01 gateway config',
      valid: true,
      yaml: http01({ gatewayHTTPRoute: { parentRefs: [{ name: 'blah', kind: 'Gateway' }] } }),
    },
    { name: 'acme solver with invalid http01 gateway config', valid: false, yaml: http01({ gatewayHTTPRoute: { parentRefs: [{ kind: 'Gateway' }] } }) },
    {
      name: 'acme solver with multiple http01 solver configs',
      valid: false,
      yaml: http01({ ingress: {}, gatewayHTTPRoute: { labels: { a: 'b' }, parentRefs: [{ name: 'blah', kind: 'Gateway' }] } }),
    },
    {
      name: 'acme issue with valid pod template ObjectMeta attributes',
      valid: true,
      yaml: http01({ ingress: { podTemplate: { metadata: { labels: { valid_to_contain: 'labels' }, annotations: { valid_to_contain: 'annotations' } } } } }),
    },
    {
      name: 'acme issue with valid pod template PodSpec attributes',
      valid: true,
      yaml: http01({
        ingress: {
          podTemplate: {
            spec: { nodeSelector: { valid_to_contain: 'nodeSelector' }, tolerations: [{ key: 'valid_key', operator: 'Exists', effect: 'NoSchedule' }] },
          },
        },
      }),
    },
    {
      name: 'acme issue with valid pod template ObjectMeta and PodSpec attributes',
      valid: true,
      yaml: http01({
        ingress: { podTemplate: { metadata: { labels: { valid_to_contain: 'labels' } }, spec: { nodeSelector: { valid_to_contain: 'nodeSelector' } } } },
      }),
    },
  ],
};
