import * as assert from 'node:assert/strict';
import { cronProblem } from '../../server/src/service/admission/certManager';
import { parseGoDuration } from '../../common/src/time/goDuration';
import { opensslCsr } from '../support/certificates';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { parseDistinguishedName } from '../../server/src/service/admission/certManagerSubject';
import { validateYaml } from '../../server/src/service/validation/index';
import { expectDiagnostics as expect } from '../support/expectDiagnostics';

/** Every diagnostic of a manifest, as [code, severity], in order. */
function severities(text: string): Array<[string, DiagnosticSeverity | undefined]> {
  return validateYaml(parseYaml(text), createDefaultRegistry()).map((d) => [String(d.code), d.severity]);
}

const certificate = (spec: string) => `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web, namespace: shop }
spec:
  secretName: web-tls
  issuerRef: { name: ca }
${spec}`;

const issuer = (spec: string) => `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: { name: issuer }
spec:
${spec}`;

describe('cert-manager webhook rules', () => {
  describe('Certificate', () => {
    it('needs someone to name, and a commonName of at most 64 bytes', () => {
      const messages = expect(
        'cert-manager-certificate',
        `apiVersion: cert-manager.io/v1
kind: Certificate
metadata: { name: web }
⟦spec⟧:
  secretName: web-tls
  issuerRef: { name: ca }
`,
      );
      assert.match(messages[0], /names nobody/);
      expect('cert-manager-certificate', certificate(`  ⟦commonName⟧: ${'a'.repeat(65)}\n`));
      expect('cert-manager-certificate', certificate(`  commonName: ${'a'.repeat(64)}\n`));
      expect('cert-manager-certificate', certificate(`  commonName: ${'é'.repeat(33)}\n`).replace('commonName', '⟦commonName⟧'));
      expect('cert-manager-certificate', certificate('  uris: [spiffe://cluster.local/ns/shop/sa/web]\n'));
    });

    it('checks the Secret name and issuerRef kind', () => {
      expect('cert-manager-certificate', certificate('  dnsNames: [web]\n').replace('secretName: web-tls', '⟦secretName⟧: Web_TLS'));
      expect('cert-manager-certificate', certificate('  dnsNames: [web]\n').replace('issuerRef: { name: ca }', 'issuerRef: { name: ca, ⟦kind⟧: Vault }'));
      expect(
        'cert-manager-certificate',
        certificate('  dnsNames: [web]\n').replace('issuerRef: { name: ca }', 'issuerRef: { name: ca, kind: Vault, group: example.com }'),
      );
      expect(
        'cert-manager-certificate',
        certificate('  dnsNames: [web]\n').replace('issuerRef: { name: ca }', 'issuerRef: { name: ca, kind: ClusterIssuer, group: cert-manager.io }'),
      );
    });

    it('checks IP addresses, bare emails, SPIFFE IDs and otherNames', () => {
      expect(
        'cert-manager-certificate',
        certificate(`  ipAddresses: [10.0.0.1, "::1", ⟦10.0.0.300⟧]
  emailAddresses: [ops@example.com, ⟦"Ops <ops@example.com>"⟧, ⟦"mailto:ops@example.com"⟧]
  uris: [⟦"spiffe://cluster.local/ns//sa/web"⟧, https://example.com]
  otherNames:
    - { ⟦oid⟧: not.an.oid, utf8Value: x }
    - { oid: 1.3.6.1.4.1.311.20.2.3, ⟦utf8Value⟧: "" }
`),
      );
    });

    it('warns about more than one SPIFFE ID', () => {
      expect('cert-manager-certificate', certificate('  ⟦uris⟧: [spiffe://td/a, spiffe://td/b]\n'));
    });

    it('checks key size per algorithm and that the signature algorithm fits the key', () => {
      expect(
        'cert-manager-private-key',
        certificate(`  dnsNames: [web]
  privateKey: { algorithm: RSA, ⟦size⟧: 1024 }
`),
      );
      expect(
        'cert-manager-private-key',
        certificate(`  dnsNames: [web]
  privateKey: { algorithm: ECDSA, ⟦size⟧: 512 }
  ⟦signatureAlgorithm⟧: SHA256WithRSA
`),
      );
      expect(
        'cert-manager-private-key',
        certificate(`  dnsNames: [web]
  privateKey: { algorithm: ECDSA, size: 384 }
  signatureAlgorithm: ECDSAWithSHA384
`),
      );
      expect(
        'cert-manager-private-key',
        certificate(`  dnsNames: [web]
  privateKey: { size: 4096 }
  ⟦signatureAlgorithm⟧: PureEd25519
`),
      );
    });

    it('checks duration and renewBefore', () => {
      const [days] = expect('cert-manager-duration', certificate('  dnsNames: [web]\n  duration: ⟦90d⟧\n'));
      assert.match(days, /2160h/);
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  ⟦duration⟧: 30m\n'));
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  duration: 24h\n  ⟦renewBefore⟧: 24h\n'));
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  ⟦renewBefore⟧: 2m\n'));
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  ⟦renewBefore⟧: 2200h\n'));
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  renewBefore: 8h\n  ⟦renewBeforePercentage⟧: 30\n'));
      // The webhook reads the percentage as the share of the lifetime that passes before renewal:
      // 95% of 1h leaves 3m, under the 5m minimum.
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  duration: 1h\n  ⟦renewBeforePercentage⟧: 95\n'));
      // 5% of 1h passes the webhook (it checks the 57m left), but renewal comes 3m before expiry: a warning.
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  duration: 1h\n  ⟦renewBeforePercentage⟧: 5\n'));
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  duration: 1h30m\n  renewBefore: 20m\n'));
      expect('cert-manager-duration', certificate('  dnsNames: [web]\n  duration: 24h\n  renewBeforePercentage: 50\n'));
    });

    it('guards secretTemplate, nameConstraints, keystores, output formats and revision history', () => {
      expect(
        'cert-manager-certificate',
        certificate(`  dnsNames: [web]
  secretTemplate:
    annotations: { ⟦cert-manager.io/issuer-name⟧: x, team: payments }
    labels: { app: web, ⟦"-bad"⟧: x, tier: ⟦"not ok"⟧ }
  additionalOutputFormats: [{ type: DER }, { ⟦type⟧: DER }]
  ⟦revisionHistoryLimit⟧: 0
`),
      );
      expect(
        'cert-manager-certificate',
        certificate(`  commonName: Dev CA
  ⟦nameConstraints⟧:
    permitted: { ipRanges: [10.0.0.0/8, ⟦10.0.0.0/33⟧] }
`),
      );
      expect(
        'cert-manager-certificate',
        certificate(`  commonName: Dev CA
  isCA: true
  nameConstraints:
    excluded: { dnsDomains: [example.com] }
`),
      );
      expect(
        'cert-manager-keystore',
        certificate(`  dnsNames: [web]
  keystores:
    ⟦jks⟧: { create: true }
    pkcs12: { create: true, ⟦password⟧: "", passwordSecretRef: { name: p, key: k } }
`),
      );
      expect(
        'cert-manager-keystore',
        certificate(`  dnsNames: [web]
  keystores:
    pkcs12: { create: true, ⟦password⟧: "" }
`),
      );
    });

    it('checks renewal windows', () => {
      expect(
        'cert-manager-certificate',
        certificate(`  dnsNames: [web]
  renewal:
    policy: Disabled
    ⟦windows⟧:
      - { cron: "0 2 * * 1-5", ⟦timezone⟧: Mars/Olympus, windowDuration: 2h }
      - { cron: ⟦"CRON_TZ=UTC"⟧, windowDuration: 2h }
`),
      );
      expect(
        'cert-manager-certificate',
        certificate(`  dnsNames: [web]
  renewal:
    policy: RenewBefore
    windows: [{ cron: "0 2 * * 1-5", timezone: America/Denver, windowDuration: 2h }]
`),
      );
    });

    it('parses Go durations and cron schedules as Go and cert-manager do', () => {
      assert.equal(parseGoDuration('2160h'), 2160 * 3_600_000);
      assert.equal(parseGoDuration('1h30m'), 90 * 60_000);
      assert.equal(parseGoDuration('1.5h'), 90 * 60_000);
      assert.equal(parseGoDuration('0'), 0);
      assert.equal(parseGoDuration('90d'), undefined);
      assert.equal(parseGoDuration('1h 30m'), undefined);
      assert.equal(parseGoDuration(''), undefined);
      assert.equal(parseGoDuration('1h\n30m'), undefined);
      assert.equal(cronProblem('*/15 0-6 * * MON-FRI'), undefined);
      assert.equal(cronProblem('CRON_TZ=Europe/Berlin 0 2 * * *'), undefined);
      assert.equal(cronProblem('@daily'), undefined);
      assert.match(cronProblem('0 2 * *')!, /4 fields/);
    });
  });

  describe('CertificateRequest', () => {
    const request = (csrPem: string, extra = '') => `apiVersion: cert-manager.io/v1
kind: CertificateRequest
metadata: { name: r }
spec:
  issuerRef: { name: ca }
  request: ⟦${Buffer.from(csrPem).toString('base64')}⟧
${extra}`;

    it('accepts a CSR whose usages match, or that encodes none', () => {
      const matching = opensslCsr(['keyUsage=digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth,clientAuth']);
      expect(
        'cert-manager-certificate-request',
        request(matching, '  usages: [digital signature, key encipherment, server auth, client auth]\n').replace(/[⟦⟧]/g, ''),
      );
      expect('cert-manager-certificate-request', request(opensslCsr([])).replace(/[⟦⟧]/g, ''));
      expect('cert-manager-certificate-request', request(opensslCsr(['keyUsage=digitalSignature,keyEncipherment'])).replace(/[⟦⟧]/g, ''));
    });

    it('rejects usages that differ, a CA flag that differs, and a request that is no CSR', () => {
      const serverOnly = opensslCsr(['keyUsage=digitalSignature,keyEncipherment', 'extendedKeyUsage=serverAuth']);
      expect('cert-manager-certificate-request', request(serverOnly, '  usages: [digital signature, key encipherment, server auth, client auth]\n'));
      expect('cert-manager-certificate-request', request(opensslCsr(['basicConstraints=critical,CA:TRUE'])));
      expect('cert-manager-certificate-request', request('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'));
      expect('cert-manager-certificate-request', request('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n'));
    });
  });

  describe('Issuer and ClusterIssuer', () => {
    it('has exactly one type', () => {
      expect('cert-manager-issuer', issuer('  ca: { secretName: ca }\n  ⟦selfSigned⟧: {}\n'));
      expect('cert-manager-issuer', `apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: { name: i }\n⟦spec⟧: { }\n`);
      expect('cert-manager-issuer', issuer('  selfSigned: {}\n'));
    });

    it('CA issuer URLs: an empty one is refused, one that is no URL only warned about', () => {
      assert.deepEqual(severities(issuer('  ca:\n    secretName: ca\n    ocspServers: [""]\n    issuingCertificateURLs: ["ca.example.com/ca.crt"]\n')), [
        ['cert-manager-issuer', DiagnosticSeverity.Error],
        ['cert-manager-issuer', DiagnosticSeverity.Warning],
      ]);
      expect(
        'cert-manager-issuer',
        issuer('  ca:\n    secretName: ca\n    ocspServers: [http://ocsp.example.com, ⟦not a url⟧]\n    issuingCertificateURLs: [⟦"ca.example.com/ca.crt"⟧]\n'),
      );
    });

    it('ACME: CA bundle or skipTLSVerify, deprecated EAB keyAlgorithm, one solver type, ingress choices', () => {
      expect(
        'cert-manager-issuer',
        issuer(`  acme:
    server: https://acme.example/directory
    privateKeySecretRef: { name: acme-key }
    caBundle: ⟦${Buffer.from('not pem').toString('base64')}⟧
    ⟦skipTLSVerify⟧: true
    externalAccountBinding: { keyID: k, keySecretRef: { name: eab, key: secret }, ⟦keyAlgorithm⟧: HS256 }
    solvers:
      - ⟦{}⟧
      - http01:
          ingress: { class: nginx, ⟦ingressClassName⟧: nginx }
      - http01:
          ingress: { ⟦serviceType⟧: LoadBalancer }
      - dns01:
          cloudflare: { apiTokenSecretRef: { name: cf, key: token } }
          ⟦route53⟧: { region: eu-west-1 }
`),
      );
    });

    it('ACME dns01 providers: credentials paired, nameservers and TSIG algorithms valid', () => {
      expect(
        'cert-manager-issuer',
        issuer(`  acme:
    server: https://acme.example/directory
    privateKeySecretRef: { name: acme-key }
    solvers:
      - dns01:
          cloudflare: { ⟦apiKeySecretRef⟧: { name: cf, key: key } }
      - dns01:
          rfc2136: { ⟦nameserver⟧: "2001:db8::1", ⟦tsigAlgorithm⟧: HMACSHA3, ⟦tsigKeyName⟧: k }
      - dns01:
          rfc2136: { nameserver: "[2001:db8::1]:53", tsigAlgorithm: hmacsha256, tsigKeyName: k, tsigSecretSecretRef: { name: t, key: k } }
      - dns01:
          rfc2136: { nameserver: dns.example.com }
`),
      );
    });

    it('Vault: no .. in paths, a CA bundle or its Secret, client cert and key together, auth constraints', () => {
      expect(
        'cert-manager-issuer',
        issuer(`  vault:
    server: https://vault.example
    ⟦path⟧: pki/../sign/web
    caBundle: ${Buffer.from('x').toString('base64')}
    ⟦caBundleSecretRef⟧: { name: ca, key: ca.crt }
    ⟦clientCertSecretRef⟧: { name: c, key: tls.crt }
    auth:
      kubernetes: { role: r, secretRef: { name: s }, ⟦serviceAccountRef⟧: { name: sa } }
      aws: { role: r, ⟦serviceAccountRef⟧: { name: sa } }
`).replace('caBundle: eA==', 'caBundle: ⟦eA==⟧'),
      );
    });
  });

  describe('what the webhook refuses is an error, once; what it accepts is not', () => {
    it('a Certificate without secretName, issuerRef or anyone to name is refused, in place of the schema note', () => {
      const found = validateYaml(
        parseYaml('apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: web }\nspec:\n  duration: 2160h\n'),
        createDefaultRegistry(),
      );
      assert.deepEqual(
        found.map((d) => [d.code, d.severity, d.range.start.line, String(d.message).split(':')[0]]),
        [
          ['cert-manager-certificate', DiagnosticSeverity.Error, 3, 'secretName is required'],
          ['cert-manager-certificate', DiagnosticSeverity.Error, 3, 'The certificate names nobody'],
          ['cert-manager-certificate', DiagnosticSeverity.Error, 3, 'issuerRef.name is required'],
        ],
      );
      assert.deepEqual(
        severities(`apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: web }\nspec:\n  dnsNames: [web]\n  issuerRef: { kind: Issuer }\n`),
        [
          ['cert-manager-certificate', DiagnosticSeverity.Error],
          ['cert-manager-certificate', DiagnosticSeverity.Error],
        ],
      );
    });

    it('reads literalSubject as a distinguished name: its CN names the certificate, unknown attributes and subject fields beside it are refused', () => {
      expect('cert-manager-certificate', certificate('  literalSubject: "CN=web,O=Shop,2.5.4.5=42"\n'));
      expect('cert-manager-certificate', certificate('  ⟦literalSubject⟧: "CN=web,B=TX"\n  subject: { ⟦serialNumber⟧: "1" }\n'));
      expect('cert-manager-certificate', certificate(`  ⟦literalSubject⟧: "CN=${'a'.repeat(65)}"\n`));
      expect(
        'cert-manager-certificate',
        `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: web }\n⟦spec⟧:\n  secretName: web-tls\n  issuerRef: { name: ca }\n  literalSubject: O=Shop\n`,
      );
      assert.deepEqual(parseDistinguishedName('CN=James \\"Jim\\" Smith\\, III,DC=net'), [
        { type: 'CN', value: 'James "Jim" Smith, III' },
        { type: 'DC', value: 'net' },
      ]);
      assert.deepEqual(parseDistinguishedName('CN=a+OU=b;O=c\\2C d'), [
        { type: 'CN', value: 'a' },
        { type: 'OU', value: 'b' },
        { type: 'O', value: 'c, d' },
      ]);
      assert.match(String(parseDistinguishedName('CN=a,justtext')), /has no "="/);
    });

    it('lets cert-manager.io/allow-direct-injection through secretTemplate, and counts the annotations size', () => {
      expect(
        'cert-manager-certificate',
        certificate('  dnsNames: [web]\n  secretTemplate: { annotations: { cert-manager.io/allow-direct-injection: "true" } }\n'),
      );
      expect('cert-manager-certificate', certificate(`  dnsNames: [web]\n  secretTemplate:\n    ⟦annotations⟧: { a: "${'x'.repeat(256 * 1024)}" }\n`));
    });

    it('a keystore passwordSecretRef counts once it names a Secret', () => {
      expect(
        'cert-manager-keystore',
        certificate('  dnsNames: [web]\n  keystores:\n    ⟦pkcs12⟧: { create: true, passwordSecretRef: { name: "", key: k } }\n'),
      );
      expect(
        'cert-manager-keystore',
        certificate('  dnsNames: [web]\n  keystores:\n    pkcs12: { create: true, password: changeit, passwordSecretRef: { name: "", key: k } }\n'),
      );
    });

    it('warns, does not refuse, a renewBeforePercentage alone that the webhook would not check', () => {
      assert.deepEqual(severities(certificate('  dnsNames: [web]\n  renewBeforePercentage: 100\n')), [['cert-manager-duration', DiagnosticSeverity.Warning]]);
      assert.deepEqual(severities(certificate('  dnsNames: [web]\n  duration: 2160h\n  renewBeforePercentage: 100\n')), [
        ['cert-manager-duration', DiagnosticSeverity.Error],
      ]);
    });

    it('an invalid SPIFFE URI is a warning: cert-manager issues it, SPIFFE peers refuse it', () => {
      assert.deepEqual(severities(certificate('  uris: ["spiffe://cluster.local/ns//sa/web"]\n')), [['cert-manager-certificate', DiagnosticSeverity.Warning]]);
    });

    it('requires the fields issuer.go requires, and complete Secret references in dns01 providers', () => {
      assert.deepEqual(severities(issuer('  acme:\n    solvers: [{ http01: { ingress: {} } }]\n')), [
        ['cert-manager-issuer', DiagnosticSeverity.Error],
        ['cert-manager-issuer', DiagnosticSeverity.Error],
      ]);
      expect(
        'cert-manager-issuer',
        issuer(`  acme:
    server: https://acme.example/directory
    privateKeySecretRef: { name: k }
    solvers:
      - dns01:
          cloudDNS: { project: p, serviceAccountSecretRef: { ⟦name⟧: "", key: k } }
      - dns01:
          akamai:
            serviceConsumerDomain: d
            accessTokenSecretRef: { name: a, ⟦key⟧: "" }
            clientSecretSecretRef: { name: a, key: b }
            clientTokenSecretRef: { name: a, key: c }
      - dns01:
          ⟦webhook⟧: { groupName: acme.example.com }
      - dns01:
          nameservers: [1.1.1.1:53, https://dns.example/dns-query, ⟦8.8.8.8⟧, ⟦"https://"⟧]
          ⟦azureDNS⟧: { resourceGroupName: g, environment: AzureChinaCloud }
`),
      );
      // No server, no path; a token reference without a key is fine (it defaults to "token").
      assert.deepEqual(severities(issuer('  vault: { auth: { tokenSecretRef: { name: t } } }\n')), [
        ['cert-manager-issuer', DiagnosticSeverity.Error],
        ['cert-manager-issuer', DiagnosticSeverity.Error],
      ]);
      expect('cert-manager-issuer', issuer('  venafi: { zone: z, ⟦tpp⟧: { credentialsRef: { name: c } } }\n'));
    });

    it('reads RFC 2136 nameservers as Go splits host and port', () => {
      const rfc2136 = (nameserver: string, bad: boolean) =>
        expect(
          'cert-manager-issuer',
          issuer(
            `  acme:\n    server: https://acme.example/directory\n    privateKeySecretRef: { name: k }\n    solvers:\n      - dns01:\n          rfc2136: { ${bad ? '⟦nameserver⟧' : 'nameserver'}: "${nameserver}" }\n`,
          ),
        );
      for (const good of ['127.0.0.1', 'dns', 'dns.example.com:5353', '[2001:db8::1]', '[2001:db8::1]:53', 'dns:domain']) rfc2136(good, false);
      for (const bad of ['2001:db8::1', '[]:53', ':53', '[2001:db8::1', 'a]:53']) rfc2136(bad, true);
    });

    it('leaves an aliased or placeholder mapping alone instead of calling its fields missing', () => {
      expect(
        'cert-manager-issuer',
        `apiVersion: cert-manager.io/v1
kind: Issuer
metadata: { name: i }
spec:
  acme:
    server: https://acme.example/directory
    privateKeySecretRef: &key { name: k, key: tls.key }
    externalAccountBinding: { keyID: id, keySecretRef: *key }
`,
      );
      assert.deepEqual(severities(issuer('  vault:\n    server: https://vault.example\n    path: pki/sign/web\n    auth: ...\n')), [
        ['placeholder', DiagnosticSeverity.Information],
      ]);
    });
  });
});
