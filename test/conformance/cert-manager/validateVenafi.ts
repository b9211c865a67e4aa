import type { ConformanceSuite } from '../conformanceCase';
import { CA_BUNDLE, issuer } from '../certManagerManifest';

const venafi = (config: Record<string, unknown>) => issuer({ venafi: config });
const tpp = { url: 'https://tpp.example.com/vedsdk' };
const ngts = {
  url: 'https://api.example.paloaltonetworks.com/ngts',
  tokenEndpoint: 'https://auth.example.com/oauth2/token',
  tsgID: '123456789',
  credentialsRef: { name: 'ngts-secret' },
};
const zone = 'a\\b\\c';

// TestValidateVenafiIssuerConfig, TestValidateVenafiTPP and TestValidateVenafiNGTS, each case as a Venafi issuer.
export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source:
    'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateVenafiIssuerConfig,TestValidateVenafiTPP,TestValidateVenafiNGTS',
  cases: [
    {
      name: 'valid',
      valid: true,
      yaml: venafi({ zone, tpp }),
      differs:
        'The CRD schema requires tpp.credentialsRef, which this object leaves out: the API server refuses it before the webhook, whose test builds the object directly, sees it.',
    },
    { name: 'missing zone', valid: false, yaml: venafi({ zone: '', tpp }) },
    { name: 'missing configuration', valid: false, yaml: venafi({ zone }) },
    { name: 'multiple configuration', valid: false, yaml: venafi({ zone, tpp, cloud: {} }) },
    { name: 'valid NGTS configuration', valid: true, yaml: venafi({ zone: 'TestApp\\Default', ngts }) },
    { name: 'NGTS and TPP both set', valid: false, yaml: venafi({ zone: 'TestApp\\Default', tpp, ngts }) },
    { name: 'NGTS and Cloud both set', valid: false, yaml: venafi({ zone: 'TestApp\\Default', cloud: {}, ngts }) },
    {
      name: 'TPP: valid',
      valid: true,
      yaml: venafi({ zone, tpp }),
      differs:
        'The CRD schema requires tpp.credentialsRef, which this object leaves out: the API server refuses it before the webhook, whose test builds the object directly, sees it.',
    },
    { name: 'TPP: missing url', valid: false, yaml: venafi({ zone, tpp: {} }) },
    {
      name: 'TPP: venafi TPP issuer defines both caBundle and caBundleSecretRef',
      valid: false,
      yaml: venafi({ zone, tpp: { ...tpp, caBundle: CA_BUNDLE, caBundleSecretRef: { key: 'ca.crt', name: 'test-secret' } } }),
    },
    { name: 'NGTS: valid NGTS config', valid: true, yaml: venafi({ zone, ngts }) },
    {
      name: 'NGTS: valid NGTS config without optional fields',
      valid: true,
      yaml: venafi({ zone, ngts: { tsgID: '123456789', credentialsRef: { name: 'ngts-secret' } } }),
    },
    {
      name: 'NGTS: missing tsgID',
      valid: false,
      yaml: venafi({ zone, ngts: { url: ngts.url, tokenEndpoint: ngts.tokenEndpoint, credentialsRef: { name: 'ngts-secret' } } }),
    },
    {
      name: 'NGTS: missing credentialsRef name',
      valid: false,
      yaml: venafi({ zone, ngts: { url: ngts.url, tokenEndpoint: ngts.tokenEndpoint, tsgID: '123456789', credentialsRef: {} } }),
    },
    { name: 'NGTS: missing all required fields', valid: false, yaml: venafi({ zone, ngts: {} }) },
  ],
};
