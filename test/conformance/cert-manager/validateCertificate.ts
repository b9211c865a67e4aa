import type { ConformanceSuite } from '../conformanceCase';
import { basicCertificate as basic, certificate, VALID_ISSUER_REF as ref } from '../certManagerManifest';

const long65 = 'this-is-a-big-long-string-which-has-exactly-sixty-five-characters';
const gateOff = 'the upstream case turns the NameConstraints feature gate off; it is on by default (Beta), and a manifest cannot say otherwise';

export const suite: ConformanceSuite = {
  project: 'cert-manager',
  source: 'cert-manager/cert-manager@2d0d7f7f internal/apis/certmanager/validation/certificate_test.go TestValidateCertificate',
  cases: [
    { name: 'valid basic certificate', valid: true, yaml: basic({}) },
    { name: 'valid with blank issuerRef kind and no group', valid: true, yaml: basic({ issuerRef: { name: 'valid' } }) },
    { name: "valid with 'Issuer' issuerRef kind and no group", valid: true, yaml: basic({ issuerRef: { name: 'valid', kind: 'Issuer' } }) },
    { name: 'valid with org set', valid: true, yaml: basic({ subject: { organizations: ['testorg'] } }) },
    {
      name: "valid with 'Issuer' issuerRef kind and explicit internal group",
      valid: true,
      yaml: basic({ issuerRef: { name: 'valid', kind: 'Issuer', group: 'cert-manager.io' } }),
    },
    { name: 'invalid with external issuerRef kind and empty group', valid: false, yaml: basic({ issuerRef: { name: 'abc', kind: 'AWSPCAClusterIssuer' } }) },
    {
      name: 'valid with external issuerRef kind and external group',
      valid: true,
      yaml: basic({ issuerRef: { name: 'abc', kind: 'AWSPCAClusterIssuer', group: 'awspca.cert-manager.io' } }),
    },
    { name: 'certificate missing secretName', valid: false, yaml: certificate({ commonName: 'testcn', issuerRef: ref }) },
    { name: 'certificate invalid secretName', valid: false, yaml: certificate({ commonName: 'testcn', issuerRef: ref, secretName: 'testFoo' }) },
    { name: 'certificate with no domains, URIs or common name', valid: false, yaml: certificate({ secretName: 'abc', issuerRef: ref }) },
    { name: 'invalid with no issuerRef', valid: false, yaml: certificate({ commonName: 'testcn', secretName: 'abc' }) },
    { name: 'valid certificate with only dnsNames', valid: true, yaml: certificate({ dnsNames: ['validdnsname'], secretName: 'abc', issuerRef: ref }) },
    { name: 'valid certificate with rsa keyAlgorithm specified and no keySize', valid: true, yaml: basic({ privateKey: { algorithm: 'RSA' } }) },
    { name: 'valid certificate with rsa keyAlgorithm specified with keySize 2048', valid: true, yaml: basic({ privateKey: { algorithm: 'RSA', size: 2048 } }) },
    { name: 'valid certificate with rsa keyAlgorithm specified with keySize 4096', valid: true, yaml: basic({ privateKey: { algorithm: 'RSA', size: 4096 } }) },
    { name: 'valid certificate with rsa keyAlgorithm specified with keySize 8192', valid: true, yaml: basic({ privateKey: { algorithm: 'RSA', size: 8192 } }) },
    { name: 'valid certificate with ecdsa keyAlgorithm specified and no keySize', valid: true, yaml: basic({ privateKey: { algorithm: 'ECDSA' } }) },
    {
      name: 'valid certificate with ecdsa keyAlgorithm specified with keySize 256',
      valid: true,
      yaml: basic({ privateKey: { algorithm: 'ECDSA', size: 256 } }),
    },
    {
      name: 'valid certificate with ecdsa keyAlgorithm specified with keySize 384',
      valid: true,
      yaml: basic({ privateKey: { algorithm: 'ECDSA', size: 384 } }),
    },
    {
      name: 'valid certificate with ecdsa keyAlgorithm specified with keySize 521',
      valid: true,
      yaml: basic({ privateKey: { algorithm: 'ECDSA', size: 521 } }),
    },
    { name: 'valid certificate with ed25519 keyAlgorithm', valid: true, yaml: basic({ privateKey: { algorithm: 'Ed25519', size: 521 } }) },
    { name: 'valid certificate with keyAlgorithm not specified and keySize specified', valid: true, yaml: basic({ privateKey: { size: 2048 } }) },
    {
      name: 'certificate with rsa keyAlgorithm specified and invalid keysize 1024',
      valid: false,
      yaml: basic({ privateKey: { algorithm: 'RSA', size: 1024 } }),
    },
    {
      name: 'certificate with rsa keyAlgorithm specified and invalid keysize 8196',
      valid: false,
      yaml: basic({ privateKey: { algorithm: 'RSA', size: 8196 } }),
    },
    { name: 'certificate with ecdsa keyAlgorithm specified and invalid keysize', valid: false, yaml: basic({ privateKey: { algorithm: 'ECDSA', size: 100 } }) },
    { name: 'certificate with invalid keyAlgorithm', valid: false, yaml: basic({ privateKey: { algorithm: 'blah' } }) },
    { name: 'valid certificate with ipAddresses', valid: true, yaml: basic({ ipAddresses: ['127.0.0.1'] }) },
    { name: 'certificate with invalid ipAddresses', valid: false, yaml: basic({ ipAddresses: ['blah'] }) },
    {
      name: 'valid certificate with commonName exactly 64 bytes',
      valid: true,
      yaml: basic({ commonName: 'this-is-a-big-long-string-which-is-exactly-sixty-four-characters' }),
    },
    { name: 'invalid certificate with commonName longer than 64 bytes', valid: false, yaml: basic({ commonName: long65 }) },
    {
      name: 'valid certificate with no commonName and second dnsName longer than 64 bytes',
      valid: true,
      yaml: certificate({ secretName: 'abc', issuerRef: ref, dnsNames: ['dnsName', long65] }),
    },
    { name: 'valid certificate with commonName and first dnsName longer than 64 bytes', valid: true, yaml: basic({ dnsNames: [long65, 'dnsName'] }) },
    { name: 'valid certificate with basic keyusage', valid: true, yaml: basic({ usages: ['signing'] }) },
    { name: 'valid certificate with multiple keyusage', valid: true, yaml: basic({ usages: ['signing', 's/mime'] }) },
    { name: 'invalid certificate with nonexistent keyusage', valid: false, yaml: basic({ usages: ['nonexistent'] }) },
    { name: 'valid certificate with only URI SAN name', valid: true, yaml: certificate({ secretName: 'abc', issuerRef: ref, uris: ['foo.bar'] }) },
    {
      name: 'valid certificate with only email SAN',
      valid: true,
      yaml: certificate({ emailAddresses: ['alice@example.com'], secretName: 'abc', issuerRef: ref }),
    },
    {
      name: 'invalid certificate with incorrect email',
      valid: false,
      yaml: certificate({ emailAddresses: ['alice.example.com'], secretName: 'abc', issuerRef: ref }),
    },
    {
      name: 'invalid certificate with email formatted with name',
      valid: false,
      yaml: certificate({ emailAddresses: ['Alice <alice@example.com>'], secretName: 'abc', issuerRef: ref }),
    },
    {
      name: 'invalid certificate with email formatted with mailto',
      valid: false,
      yaml: certificate({ emailAddresses: ['mailto:alice@example.com'], secretName: 'abc', issuerRef: ref }),
    },
    { name: 'valid certificate with revision history limit == 1', valid: true, yaml: basic({ commonName: 'abc', revisionHistoryLimit: 1 }) },
    { name: 'invalid certificate with revision history limit < 1', valid: false, yaml: basic({ commonName: 'abc', revisionHistoryLimit: 0 }) },
    { name: 'valid with empty secretTemplate', valid: true, yaml: basic({ secretTemplate: { annotations: {}, labels: {} } }) },
    {
      name: "valid with 'CertificateSecretTemplate' labels and annotations",
      valid: true,
      yaml: basic({ secretTemplate: { annotations: { 'my-annotation.com/foo': 'app=bar' }, labels: { 'my-label.com/foo': 'evn-production' } } }),
    },
    {
      name: "invalid with disallowed 'CertificateSecretTemplate' annotations",
      valid: false,
      yaml: basic({
        secretTemplate: {
          annotations: {
            'app.com/valid': 'valid',
            'cert-manager.io/alt-names': 'example.com',
            'cert-manager.io/certificate-name': 'selfsigned-cert',
            'cert-manager.io/allow-direct-injection': 'true',
          },
        },
      }),
    },
    {
      name: "invalid due to too long 'CertificateSecretTemplate' annotations",
      valid: false,
      yaml: basic({ secretTemplate: { annotations: { 'app.com/invalid': '0'.repeat(256 * 1024) } } }),
    },
    {
      name: "invalid due to not allowed 'CertificateSecretTemplate' labels",
      valid: false,
      yaml: basic({ secretTemplate: { labels: { 'app.com/invalid-chars': 'invalid=chars' } } }),
    },
    { name: 'valid with name constraints', valid: true, yaml: basic({ isCA: true, nameConstraints: { permitted: { dnsDomains: ['example.com'] } } }) },
    { name: 'invalid with name constraints', valid: false, yaml: basic({ isCA: true, nameConstraints: {} }) },
    {
      name: 'valid name constraints with feature gate disabled',
      valid: false,
      differs: gateOff,
      yaml: basic({ isCA: true, nameConstraints: { permitted: { dnsDomains: ['example.com'], ipRanges: ['10.0.0.0'] } } }),
    },
    {
      name: 'valid with name constraints ipRanges',
      valid: true,
      yaml: basic({
        isCA: true,
        nameConstraints: { permitted: { ipRanges: ['10.0.0.0/8', '192.168.0.0/16', '2001:db8::/32'] }, excluded: { ipRanges: ['172.16.0.0/12', 'fd00::/8'] } },
      }),
    },
    {
      name: 'invalid with name constraints ipRanges',
      valid: false,
      yaml: basic({
        isCA: true,
        nameConstraints: { permitted: { ipRanges: ['10.0.0.0', '10.0.0.0/8', 'not-a-cidr'] }, excluded: { ipRanges: ['2001:db8::/32', '192.168.0.1'] } },
      }),
    },
    { name: 'signature algorithm SHA+RSA allowed for empty key (RSA)', valid: true, yaml: basic({ signatureAlgorithm: 'SHA256WithRSA' }) },
    {
      name: 'signature algorithm SHA+RSA allowed for RSA key',
      valid: true,
      yaml: basic({ privateKey: { algorithm: 'RSA', size: 3072 }, signatureAlgorithm: 'SHA256WithRSA' }),
    },
    {
      name: 'signature algorithm SHA+RSA not allowed for ECDSA key',
      valid: false,
      yaml: basic({ privateKey: { algorithm: 'ECDSA' }, signatureAlgorithm: 'SHA256WithRSA' }),
    },
    {
      name: 'signature algorithm SHA+ECDSA allowed for ECDSA key',
      valid: true,
      yaml: basic({ privateKey: { algorithm: 'ECDSA' }, signatureAlgorithm: 'ECDSAWithSHA256' }),
    },
    {
      name: 'signature algorithm SHA+ECDSA not allowed for RSA key',
      valid: false,
      yaml: basic({ privateKey: { algorithm: 'RSA' }, signatureAlgorithm: 'ECDSAWithSHA256' }),
    },
    {
      name: 'signature algorithm Ed25519 not allowed for RSA key',
      valid: false,
      yaml: basic({ privateKey: { algorithm: 'RSA' }, signatureAlgorithm: 'PureEd25519' }),
    },
    {
      name: 'signature algorithm Ed25519 not allowed for ECDSA key',
      valid: false,
      yaml: basic({ privateKey: { algorithm: 'ECDSA' }, signatureAlgorithm: 'PureEd25519' }),
    },
    {
      name: 'signature algorithm Ed25519 allowed for Ed25519 key',
      valid: true,
      yaml: basic({ privateKey: { algorithm: 'Ed25519' }, signatureAlgorithm: 'PureEd25519' }),
    },
    { name: 'explicit rotation policy', valid: true, yaml: basic({ privateKey: { rotationPolicy: 'Never' } }) },
    {
      name: 'invalid windows when renewal policy is disabled',
      valid: false,
      yaml: basic({ privateKey: { rotationPolicy: 'Never' }, renewal: { policy: 'Disabled', windows: [{ windowDuration: '2h0m0s', cron: '0 12 * * *' }] } }),
    },
    {
      name: 'valid renewal config with single window',
      valid: true,
      yaml: basic({ privateKey: { rotationPolicy: 'Never' }, renewal: { policy: 'RenewBefore', windows: [{ windowDuration: '2h0m0s', cron: '0 12 * * *' }] } }),
    },
    {
      name: 'invalid renewal cron with timezone prefix and no schedule',
      valid: false,
      yaml: basic({
        privateKey: { rotationPolicy: 'Never' },
        renewal: { policy: 'RenewBefore', windows: [{ windowDuration: '2h0m0s', cron: 'CRON_TZ=UTC' }] },
      }),
    },
  ],
};
