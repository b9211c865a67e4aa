import type { ConformanceSuite } from '../conformanceCase';

// Translated from istiod's DestinationRule webhook test, case by case.
export const suite: ConformanceSuite = {
  project: 'istio',
  source: 'istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidateDestinationRule',
  cases: [
    {
      name: 'simple destination rule',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n',
    },
    {
      name: 'simple destination rule with empty selector labels',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n  workloadSelector: {}\n',
    },
    {
      name: 'missing destination name',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: ""\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n',
    },
    {
      name: 'missing subset name',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  subsets:\n  - name: ""\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n',
    },
    {
      name: 'duplicate subset names',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  subsets:\n  - name: foo\n    labels: {version: v1}\n  - name: foo\n    labels: {version: v2}\n',
    },
    {
      name: 'valid traffic policy, top level',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n    connectionPool:\n      tcp: {maxConnections: 7}\n      http: {http2MaxRequests: 11}\n    outlierDetection:\n      minHealthPercent: 20\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n',
    },
    {
      name: 'invalid traffic policy, top level',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n    connectionPool: {}\n    outlierDetection:\n      minHealthPercent: 20\n  subsets:\n  - name: v1\n    labels: {version: v1}\n  - name: v2\n    labels: {version: v2}\n',
    },
    {
      name: 'valid traffic policy, subset level',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n    trafficPolicy:\n      loadBalancer:\n        simple: ROUND_ROBIN\n      connectionPool:\n        tcp: {maxConnections: 7}\n        http: {http2MaxRequests: 11}\n      outlierDetection:\n        minHealthPercent: 20\n  - name: v2\n    labels: {version: v2}\n',
    },
    {
      name: 'invalid traffic policy, subset level',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  subsets:\n  - name: v1\n    labels: {version: v1}\n    trafficPolicy:\n      loadBalancer:\n        simple: ROUND_ROBIN\n      connectionPool: {}\n      outlierDetection:\n        minHealthPercent: 20\n  - name: v2\n    labels: {version: v2}\n',
    },
    {
      name: 'valid traffic policy, both levels',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    loadBalancer:\n      simple: ROUND_ROBIN\n    connectionPool:\n      tcp: {maxConnections: 7}\n      http: {http2MaxRequests: 11}\n    outlierDetection:\n      minHealthPercent: 20\n  subsets:\n  - name: v1\n    labels: {version: v1}\n    trafficPolicy:\n      loadBalancer:\n        simple: ROUND_ROBIN\n      connectionPool:\n        tcp: {maxConnections: 7}\n        http: {http2MaxRequests: 11}\n      outlierDetection:\n        minHealthPercent: 30\n  - name: v2\n    labels: {version: v2}\n',
    },
    {
      name: 'InsecureSkipVerify is not specified with tls mode simple, and the ca cert is specified by CaCertificates',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      caCertificates: test\n      subjectAltNames: [reviews.default.svc]\n',
    },
    {
      name: 'InsecureSkipVerify is not specified with tls mode simple, and the ca cert is specified by CredentialName',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: test\n      subjectAltNames: [reviews.default.svc]\n',
    },
    {
      name: 'InsecureSkipVerify is set false with tls mode simple, and the ca cert is specified by CaCertificates',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      caCertificates: test\n      subjectAltNames: [reviews.default.svc]\n      insecureSkipVerify: false\n',
    },
    {
      name: 'InsecureSkipVerify is set false with tls mode simple, and the ca cert is specified by CredentialName',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: test\n      subjectAltNames: [reviews.default.svc]\n      insecureSkipVerify: false\n',
    },
    {
      name: 'InsecureSkipVerify is set true with tls mode simple, and the ca cert is specified by CaCertificates',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      credentialName: test\n      insecureSkipVerify: true\n',
    },
    {
      name: 'InsecureSkipVerify is set true with tls mode simple, and the ca cert is specified by CredentialName',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      caCertificates: test\n      insecureSkipVerify: true\n',
    },
    {
      name: 'InsecureSkipVerify is set true with tls mode simple, and the san is specified',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      subjectAltNames: [reviews.default.svc]\n      insecureSkipVerify: true\n',
    },
    {
      name: 'InsecureSkipVerify is not specified with tls mode mutual, and the ca cert is specified by CaCertificates',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      caCertificates: test\n      privateKey: key\n      clientCertificate: cert\n      subjectAltNames: [reviews.default.svc]\n',
    },
    {
      name: 'InsecureSkipVerify is not specified with tls mode mutual, and the ca cert is specified by CredentialName',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      credentialName: test\n      subjectAltNames: [reviews.default.svc]\n',
    },
    {
      name: 'InsecureSkipVerify is set false with tls mode mutual, and the ca cert is specified by CaCertificates',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      caCertificates: test\n      privateKey: key\n      clientCertificate: cert\n      subjectAltNames: [reviews.default.svc]\n      insecureSkipVerify: false\n',
    },
    {
      name: 'InsecureSkipVerify is set false with tls mode mutual, and the ca cert is specified by CredentialName',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      credentialName: test\n      subjectAltNames: [reviews.default.svc]\n      insecureSkipVerify: false\n',
    },
    {
      name: 'InsecureSkipVerify is set true with tls mode mutual, and the ca cert is specified by CaCertificates',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      caCertificates: test\n      privateKey: key\n      clientCertificate: cert\n      insecureSkipVerify: true\n',
    },
    {
      name: 'InsecureSkipVerify is set true with tls mode mutual, and the ca cert is specified by CaCertificates (second case, by credentialName)',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      credentialName: test\n      insecureSkipVerify: true\n',
    },
    {
      name: 'InsecureSkipVerify is set true with tls mode mutual, and the ca cert is not specified',
      valid: true,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      privateKey: key\n      clientCertificate: cert\n      insecureSkipVerify: true\n',
    },
    {
      name: 'InsecureSkipVerify is set true with tls mode mutual, and the san is specified',
      valid: false,
      yaml: 'apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n  namespace: default\nspec:\n  host: reviews\n  trafficPolicy:\n    tls:\n      mode: MUTUAL\n      privateKey: key\n      clientCertificate: cert\n      subjectAltNames: [reviews.default.svc]\n      insecureSkipVerify: true\n',
    },
  ],
};
