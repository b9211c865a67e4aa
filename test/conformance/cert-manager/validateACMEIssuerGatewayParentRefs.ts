import type { ConformanceSuite } from '../conformanceCase';
import { acmeIssuer } from '../certManagerManifest';

const parentRefs = (refs: Array<Record<string, unknown>>) => acmeIssuer({ solvers: [{ http01: { gatewayHTTPRoute: { parentRefs: refs } } }] });

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateACMEIssuerGatewayParentRefs',
  cases: [
    { name: 'kind without name', valid: false, yaml: parentRefs([{ kind: 'Gateway' }]) },
    {
      name: 'name without kind',
      valid: false,
      differs: 'the CRD schema defaults parentRefs[].kind to Gateway before the webhook runs, so the API server accepts a manifest that leaves kind out',
      yaml: parentRefs([{ name: 'test-gateway' }]),
    },
    { name: 'empty parentRefs array', valid: true, yaml: parentRefs([]) },
    { name: 'both name and kind present', valid: true, yaml: parentRefs([{ name: 'test-gateway', kind: 'Gateway' }]) },
    {
      name: 'multiple valid parentRefs',
      valid: true,
      yaml: parentRefs([
        { name: 'gateway-1', kind: 'Gateway' },
        { name: 'gateway-2', kind: 'Gateway' },
      ]),
    },
  ],
};
