import type { ConformanceSuite } from '../conformanceCase';
import { dns01Issuer as dns01, VALID_SECRET_KEY_REF as ref } from '../certManagerManifest';

const secret = { name: 'some-secret-name', key: 'some-key' };
const cloudDNS = { project: 'valid' };

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/issuer_test.go TestValidateACMEIssuerDNS01Config',
  cases: [
    { name: 'missing clouddns project', valid: false, yaml: dns01({ cloudDNS: { serviceAccountSecretRef: ref } }) },
    {
      name: 'missing clouddns service account key',
      valid: false,
      yaml: dns01({ cloudDNS: { project: 'valid', serviceAccountSecretRef: { name: 'something', key: '' } } }),
    },
    {
      name: 'missing clouddns service account name',
      valid: false,
      yaml: dns01({ cloudDNS: { project: 'valid', serviceAccountSecretRef: { name: '', key: 'something' } } }),
    },
    { name: 'clouddns serviceAccount field not set should be allowed for ambient auth', valid: true, yaml: dns01({ cloudDNS: { project: 'valid' } }) },
    { name: 'missing cloudflare api key fields', valid: false, yaml: dns01({ cloudflare: { email: 'valid', apiKeySecretRef: {} } }) },
    { name: 'missing cloudflare api token fields', valid: false, yaml: dns01({ cloudflare: { email: 'valid', apiTokenSecretRef: {} } }) },
    { name: 'missing cloudflare api token or key', valid: false, yaml: dns01({ cloudflare: { email: 'valid' } }) },
    {
      name: 'both cloudflare api token and key specified',
      valid: false,
      yaml: dns01({ cloudflare: { email: 'valid', apiTokenSecretRef: ref, apiKeySecretRef: ref } }),
    },
    { name: 'missing cloudflare email', valid: false, yaml: dns01({ cloudflare: { apiKeySecretRef: ref } }) },
    { name: 'empty route53 field should be valid because ambient credentials and region may be used instead', valid: true, yaml: dns01({ route53: {} }) },
    {
      name: 'both route53 accessKeyID and accessKeyIDSecretRef specified',
      valid: false,
      yaml: dns01({ route53: { region: 'valid', accessKeyID: 'valid', accessKeyIDSecretRef: ref } }),
    },
    { name: 'route53 accessKeyIDSecretRef missing name', valid: false, yaml: dns01({ route53: { region: 'valid', accessKeyIDSecretRef: { key: 'key' } } }) },
    {
      name: 'route53 accessKeyIDSecretRef missing key',
      valid: false,
      yaml: dns01({ route53: { region: 'valid', accessKeyIDSecretRef: { name: 'name', key: '' } } }),
    },
    { name: 'missing provider config', valid: false, yaml: dns01({}) },
    { name: 'missing azuredns config', valid: false, yaml: dns01({ azureDNS: {} }) },
    { name: 'invalid azuredns environment', valid: false, yaml: dns01({ azureDNS: { environment: 'an env' } }) },
    { name: 'invalid azuredns missing clientSecret and tenantID', valid: false, yaml: dns01({ azureDNS: { clientID: 'some-client-id' } }) },
    { name: 'invalid azuredns missing clientID and tenantID', valid: false, yaml: dns01({ azureDNS: { clientSecretSecretRef: secret } }) },
    { name: 'invalid azuredns missing clientID and clientSecret', valid: false, yaml: dns01({ azureDNS: { tenantID: 'some-tenant-id' } }) },
    { name: 'invalid azuredns missing clientID', valid: false, yaml: dns01({ azureDNS: { clientSecretSecretRef: secret, tenantID: 'some-tenant-id' } }) },
    { name: 'invalid azuredns missing clientSecret', valid: false, yaml: dns01({ azureDNS: { tenantID: 'some-tenant-id', clientID: 'some-client-id' } }) },
    {
      name: 'invalid azuredns clientSecret missing key',
      valid: false,
      yaml: dns01({ azureDNS: { tenantID: 'some-tenant-id', clientID: 'some-client-id', clientSecretSecretRef: { name: 'some-secret-name' } } }),
    },
    {
      name: 'invalid azuredns clientSecret missing secret name',
      valid: false,
      yaml: dns01({ azureDNS: { tenantID: 'some-tenant-id', clientID: 'some-client-id', clientSecretSecretRef: { key: 'some-key' } } }),
    },
    { name: 'invalid azuredns missing tenantID', valid: false, yaml: dns01({ azureDNS: { clientID: 'some-client-id', clientSecretSecretRef: secret } }) },
    {
      name: 'invalid azuredns clientID used with managedIdentity',
      valid: false,
      yaml: dns01({ azureDNS: { clientID: 'some-client-id', managedIdentity: { clientID: 'test' } } }),
    },
    {
      name: 'invalid azuredns tenantID used with managedIdentity',
      valid: false,
      yaml: dns01({ azureDNS: { tenantID: 'some-tenant-id', managedIdentity: { clientID: 'test' } } }),
    },
    {
      name: 'invalid azuredns managedIdentity tenantID used without managedIdentity clientID ',
      valid: false,
      yaml: dns01({ azureDNS: { managedIdentity: { tenantID: 'some-tenant-id' } } }),
    },
    {
      name: 'invalid azuredns managedIdentity tenantID used with resourceID',
      valid: false,
      yaml: dns01({ azureDNS: { subscriptionID: 'test', resourceGroupName: 'test', managedIdentity: { resourceID: 'test', tenantID: 'some-tenant-id' } } }),
    },
    {
      name: 'invalid azuredns clientSecret used with managedIdentity',
      valid: false,
      yaml: dns01({ azureDNS: { clientSecretSecretRef: secret, managedIdentity: { clientID: 'test' } } }),
    },
    { name: 'valid azuredns with managedIdentity', valid: true, yaml: dns01({ azureDNS: { subscriptionID: 'test', resourceGroupName: 'test' } }) },
    {
      name: 'valid azuredns with managedIdentity with clientID',
      valid: true,
      yaml: dns01({ azureDNS: { subscriptionID: 'test', resourceGroupName: 'test', managedIdentity: { clientID: 'test' } } }),
    },
    {
      name: 'valid azuredns with managedIdentity with resourceID',
      valid: true,
      yaml: dns01({ azureDNS: { subscriptionID: 'test', resourceGroupName: 'test', managedIdentity: { resourceID: 'test' } } }),
    },
    {
      name: 'invalid azuredns managedIdentity with both clientID and resourceID',
      valid: false,
      yaml: dns01({ azureDNS: { subscriptionID: 'test', resourceGroupName: 'test', managedIdentity: { clientID: 'test', resourceID: 'test' } } }),
    },
    { name: 'missing akamai config', valid: false, yaml: dns01({ akamai: {} }) },
    {
      name: 'valid akamai config',
      valid: true,
      yaml: dns01({ akamai: { accessTokenSecretRef: ref, clientSecretSecretRef: ref, clientTokenSecretRef: ref, serviceConsumerDomain: 'abc' } }),
    },
    { name: 'rfc2136 provider with missing nameserver', valid: false, yaml: dns01({ rfc2136: {} }) },
    { name: 'rfc2136 provider with IPv4 nameserver', valid: true, yaml: dns01({ rfc2136: { nameserver: '127.0.0.1' } }) },
    { name: 'rfc2136 provider with unenclosed IPv6 nameserver', valid: false, yaml: dns01({ rfc2136: { nameserver: '2001:db8::1' } }) },
    { name: 'rfc2136 provider with empty IPv6 nameserver', valid: false, yaml: dns01({ rfc2136: { nameserver: '[]:53' } }) },
    { name: 'rfc2136 provider with IPv6 nameserver', valid: true, yaml: dns01({ rfc2136: { nameserver: '[2001:db8::1]' } }) },
    { name: 'rfc2136 provider with FQDN nameserver', valid: true, yaml: dns01({ rfc2136: { nameserver: 'dns.example.com' } }) },
    { name: 'rfc2136 provider with hostname nameserver', valid: true, yaml: dns01({ rfc2136: { nameserver: 'dns' } }) },
    { name: 'rfc2136 provider with nameserver without host', valid: false, yaml: dns01({ rfc2136: { nameserver: ':53' } }) },
    { name: 'rfc2136 provider using case-camel in algorithm', valid: true, yaml: dns01({ rfc2136: { nameserver: '127.0.0.1', tsigAlgorithm: 'HmAcMd5' } }) },
    { name: 'rfc2136 provider using unsupported algorithm', valid: false, yaml: dns01({ rfc2136: { nameserver: '127.0.0.1', tsigAlgorithm: 'HAMMOCK' } }) },
    {
      name: 'rfc2136 provider TSIGKeyName provided but no TSIGSecret',
      valid: false,
      yaml: dns01({ rfc2136: { nameserver: '127.0.0.1', tsigKeyName: 'some-name' } }),
    },
    {
      name: 'rfc2136 provider TSIGSecret provided but no TSIGKeyName',
      valid: false,
      yaml: dns01({ rfc2136: { nameserver: '127.0.0.1', tsigSecretSecretRef: ref } }),
    },
    { name: 'multiple providers configured', valid: false, yaml: dns01({ cloudDNS: { project: 'something' }, cloudflare: {} }) },
    { name: 'valid nameservers with ip:port', valid: true, yaml: dns01({ nameservers: ['8.8.8.8:53', '1.1.1.1:53'], cloudDNS }) },
    { name: 'valid nameservers with hostname:port', valid: true, yaml: dns01({ nameservers: ['ns.example.com:53'], cloudDNS }) },
    { name: 'valid nameservers with doh url', valid: true, yaml: dns01({ nameservers: ['https://cloudflare-dns.com/dns-query'], cloudDNS }) },
    { name: 'invalid nameserver missing port', valid: false, yaml: dns01({ nameservers: ['8.8.8.8'], cloudDNS }) },
    { name: 'invalid nameserver doh url missing host', valid: false, yaml: dns01({ nameservers: ['https://'], cloudDNS }) },
  ],
};
