import type { ConformanceSuite } from '../conformanceCase';
import { acmeIssuer } from '../certManagerManifest';

const http01 = (config: Record<string, unknown>) => acmeIssuer({ solvers: [{ http01: config }] });

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateACMEIssuerHTTP01Config',
  cases: [
    { name: 'ingress name field specified', valid: true, yaml: http01({ ingress: { name: 'abc' } }) },
    { name: 'ingress class field specified', valid: true, yaml: http01({ ingress: { class: 'abc' } }) },
    { name: 'ingressClassName field specified', valid: true, yaml: http01({ ingress: { ingressClassName: 'abc' } }) },
    { name: 'neither field specified', valid: true, yaml: http01({ ingress: {} }) },
    { name: 'no solver config type specified', valid: false, yaml: http01({}) },
    { name: 'both ingress class and ingressClassName specified', valid: false, yaml: http01({ ingress: { class: 'abc', ingressClassName: 'abc' } }) },
    { name: 'both ingress class and ingress name specified', valid: false, yaml: http01({ ingress: { class: 'abc', name: 'abc' } }) },
    { name: 'both ingressClassName and ingress name specified', valid: false, yaml: http01({ ingress: { ingressClassName: 'abc', name: 'abc' } }) },
    { name: 'all three fields specified', valid: false, yaml: http01({ ingress: { name: 'abc', class: 'abc', ingressClassName: 'abc' } }) },
    { name: 'ingressClassName is invalid', valid: false, yaml: http01({ ingress: { ingressClassName: 'azure/application-gateway' } }) },
    { name: 'acme issuer with valid http01 service config serviceType ClusterIP', valid: true, yaml: http01({ ingress: { serviceType: 'ClusterIP' } }) },
    { name: 'acme issuer with valid http01 service config serviceType NodePort', valid: true, yaml: http01({ ingress: { serviceType: 'NodePort' } }) },
    { name: 'acme issuer with valid http01 service config serviceType (empty string)', valid: true, yaml: http01({ ingress: { serviceType: '' } }) },
    { name: 'acme issuer with invalid http01 service config', valid: false, yaml: http01({ ingress: { serviceType: 'InvalidServiceType' } }) },
  ],
};
