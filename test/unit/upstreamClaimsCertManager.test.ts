import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type MarkupContent } from 'vscode-languageserver-types';
import { NEWEST_VERSIONS } from '../../common/src/versions';
import { createDevCa } from '../../common/src/pki/mint';
import { certificatePem } from '../../common/src/pki/pkiFiles';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { DEFAULT_ANALYSIS_SETTINGS, WorkspaceModel } from '../../server/src/analysis/workspaceModel';
import { parseYaml } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { hoverAt } from '../../server/src/service/hover';
import { validateYaml } from '../../server/src/service/validation/index';
import { withCursor } from '../support/cursor';

// Each claim the cert-manager rules and hovers make about a release, checked against the release
// where upstream changed it. Upstream is cert-manager/cert-manager; each test names the file and tag.

const registry = createDefaultRegistry();
const versions = (certManager: string) => ({ ...NEWEST_VERSIONS, certManager });

/** "severity code: message" for every diagnostic of a manifest checked against a cert-manager release. */
function check(text: string, certManager: string): string[] {
  return validateYaml(parseYaml(text), registry, { versions: versions(certManager) }).map(
    (d) => `${d.severity === DiagnosticSeverity.Error ? 'error' : 'warning'} ${String(d.code)}: ${String(d.message)}`,
  );
}

/** A Certificate (with its Secret and issuer) or an Issuer in namespace shop, around the given spec lines. */
const manifest = (kind: 'Certificate' | 'Issuer', spec: string, name = 'web') =>
  `apiVersion: cert-manager.io/v1\nkind: ${kind}\nmetadata: { name: ${name}, namespace: shop }\nspec:\n${kind === 'Certificate' ? '  secretName: web-tls\n  issuerRef: { name: ca }\n' : ''}${spec}`;
const certificate = (spec: string) => manifest('Certificate', spec);
const issuer = (spec: string) => manifest('Issuer', spec, 'ca');

function hover(source: string, certManager: string): string {
  const { text, offset } = withCursor(source);
  return (hoverAt(parseYaml(text), offset, registry, versions(certManager))?.contents as MarkupContent | undefined)?.value ?? '';
}

describe('cert-manager claims, per release', () => {
  describe('fields a release does not have (deploy/crds at the tags; structural CRDs drop unknown fields: a warning, as unknown-field)', () => {
    it('renewBeforePercentage came in 1.16', () => {
      const manifest = certificate('  dnsNames: [web]\n  duration: 2160h\n  renewBeforePercentage: 33\n');
      const older = check(manifest, '1.15');
      assert.equal(older.length, 1);
      assert.match(
        older[0],
        /^warning cert-manager-certificate: renewBeforePercentage came in cert-manager 1\.16; the cert-manager 1\.15 CRD does not have it/,
      );
      assert.deepEqual(check(manifest, '1.16'), []);
    });

    it('a percentage the 1.15 CRD drops is not judged further (no "not both" beside renewBefore)', () => {
      const manifest = certificate('  dnsNames: [web]\n  renewBefore: 8h\n  renewBeforePercentage: 30\n');
      assert.deepEqual(
        check(manifest, '1.15').map((m) => m.split(':')[0]),
        ['warning cert-manager-certificate'],
      );
      assert.match(check(manifest, '1.16')[0], /Set renewBefore or renewBeforePercentage, not both/);
    });

    it('signatureAlgorithm came in 1.18, and its key check only runs where it exists', () => {
      const manifest = certificate('  dnsNames: [web]\n  privateKey: { algorithm: ECDSA }\n  signatureAlgorithm: SHA256WithRSA\n');
      assert.deepEqual(
        check(manifest, '1.17').map((m) => m.replace(/;.*/, '')),
        ['warning cert-manager-certificate: signatureAlgorithm came in cert-manager 1.18'],
      );
      assert.deepEqual(
        check(manifest, '1.18').map((m) => m.split(':')[0]),
        ['error cert-manager-private-key'],
      );
    });

    it('renewal windows came in 1.21', () => {
      const manifest = certificate(
        '  dnsNames: [web]\n  renewal:\n    policy: RenewBefore\n    windows:\n      - cron: "0 2 * * 1-5"\n        windowDuration: 2h\n',
      );
      assert.match(check(manifest, '1.20').join('\n'), /renewal came in cert-manager 1\.21/);
      assert.deepEqual(check(manifest, '1.21'), []);
    });

    it('a field inside one the release lacks is reported once, at the outer field', () => {
      const manifest = certificate('  dnsNames: [web]\n  keystores:\n    pkcs12: { create: true, password: secret, profile: Modern2023 }\n');
      // password came in 1.17 and profile in 1.14: at 1.13 both are missing, at 1.16 only password.
      assert.deepEqual(
        check(manifest, '1.13').map((m) => /: (\S+) came/.exec(m)?.[1]),
        ['keystores.pkcs12.password', 'keystores.pkcs12.profile'],
      );
      assert.deepEqual(
        check(manifest, '1.16').map((m) => /: (\S+) came/.exec(m)?.[1]),
        ['keystores.pkcs12.password'],
      );
      assert.deepEqual(check(manifest, '1.17'), []);
      const vault = issuer(
        '  vault:\n    server: https://vault.example\n    path: pki/sign/web\n    auth:\n      kubernetes:\n        role: web\n        serviceAccountRef: { name: web, audiences: [vault] }\n',
      );
      assert.deepEqual(
        check(vault, '1.11').map((m) => /: (\S+) came/.exec(m)?.[1]),
        ['vault.auth.kubernetes.serviceAccountRef'],
      );
      assert.deepEqual(
        check(vault, '1.14').map((m) => /: (\S+) came/.exec(m)?.[1]),
        ['vault.auth.kubernetes.serviceAccountRef.audiences'],
      );
      assert.deepEqual(check(vault, '1.15'), []);
    });

    it('the PKCS#12 profile Modern2026 came in 1.21, after the field (1.14)', () => {
      const manifest = certificate(
        '  dnsNames: [web]\n  keystores:\n    pkcs12: { create: true, passwordSecretRef: { name: p, key: k }, profile: Modern2026 }\n',
      );
      assert.match(check(manifest, '1.20').join('\n'), /Modern2026 came in cert-manager 1\.21; the cert-manager 1\.20 CRD refuses it/);
      assert.deepEqual(check(manifest, '1.21'), []);
    });

    it('Issuer fields: issuingCertificateURLs 1.14, vault.serverName 1.18', () => {
      const ca = issuer('  ca:\n    secretName: ca\n    issuingCertificateURLs: [http://ca.example/ca.crt]\n');
      assert.match(check(ca, '1.13').join('\n'), /^warning cert-manager-issuer: ca\.issuingCertificateURLs came in cert-manager 1\.14/);
      assert.deepEqual(check(ca, '1.14'), []);
      const vault = issuer(
        '  vault:\n    server: https://vault.example\n    serverName: vault.internal\n    path: pki/sign/web\n    auth: { tokenSecretRef: { name: t, key: k } }\n',
      );
      assert.match(check(vault, '1.17').join('\n'), /vault\.serverName came in cert-manager 1\.18/);
      assert.deepEqual(check(vault, '1.18'), []);
      const source = vault.replace('serverName:', 'server|Name:');
      assert.match(hover(source, '1.17'), /Before cert-manager 1\.18\*\* \(you target 1\.17\): the field does not exist yet/);
      assert.doesNotMatch(hover(source, '1.18'), /Before cert-manager/);
    });
  });

  describe('feature gates (internal/webhook/feature/features.go at the tags)', () => {
    it('nameConstraints: absent before 1.14, gated off until 1.17', () => {
      const manifest = certificate('  commonName: ca\n  isCA: true\n  nameConstraints:\n    permitted: { dnsDomains: [shop.svc] }\n');
      assert.match(check(manifest, '1.13').join('\n'), /nameConstraints came in cert-manager 1\.14/);
      assert.deepEqual(check(manifest, '1.16'), [
        'error cert-manager-certificate: cert-manager 1.16 refuses nameConstraints unless its webhook and controller run with the NameConstraints feature gate (alpha, on by default from cert-manager 1.17).',
      ]);
      assert.deepEqual(check(manifest, '1.17'), []);
    });

    it('otherNames alone: before 1.14 the field is dropped, so the certificate names nobody', () => {
      const manifest = certificate('  otherNames:\n    - { oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: web@shop }\n');
      assert.deepEqual(
        check(manifest, '1.13').map((m) => m.replace(/[:;].*/, '')),
        ['error cert-manager-certificate', 'warning cert-manager-certificate'],
      );
      assert.match(check(manifest, '1.13')[0], /names nobody/);
      assert.doesNotMatch(check(manifest, '1.19').join('\n'), /names nobody/);
    });

    it('otherNames: gated off until 1.20', () => {
      const manifest = certificate('  otherNames:\n    - { oid: 1.3.6.1.4.1.311.20.2.3, utf8Value: web@shop }\n');
      assert.match(check(manifest, '1.19').join('\n'), /refuses otherNames unless .* OtherNames feature gate/);
      assert.deepEqual(check(manifest, '1.20'), []);
    });
  });

  describe('literalSubject (internal/apis/certmanager/validation/certificate.go)', () => {
    const manifest = certificate('  literalSubject: CN=web,O=Shop\n  subject:\n    serialNumber: "1234"\n');
    it('serialNumber beside literalSubject: let through before 1.14, refused from 1.14; the gate is on from 1.15', () => {
      const gate = /LiteralCertificateSubject feature gate/;
      const serial = /subject\.serialNumber cannot be combined with literalSubject, which spells out the whole subject \(refused since cert-manager 1\.14\)/;
      const at13 = check(manifest, '1.13').join('\n');
      assert.match(at13, gate);
      assert.doesNotMatch(at13, serial);
      const at14 = check(manifest, '1.14').join('\n');
      assert.match(at14, gate);
      assert.match(at14, serial);
      assert.deepEqual(
        check(manifest, '1.15').map((m) => serial.test(m)),
        [true],
      );
    });

    it('other subject fields were refused beside it before 1.14 too', () => {
      const organizations = certificate('  literalSubject: CN=web\n  subject:\n    organizations: [Shop]\n');
      assert.match(check(organizations, '1.13').join('\n'), /subject\.organizations cannot be combined/);
    });

    it('hover: serialNumber included since 1.14, on by default since 1.15', () => {
      const source = certificate('  literal|Subject: CN=web\n');
      assert.match(hover(source, '1.21'), /`serialNumber` included/);
      assert.doesNotMatch(hover(source, '1.21'), /Before cert-manager/);
      const older = hover(source, '1.13');
      assert.match(
        older,
        /Before cert-manager 1\.15\*\* \(you target 1\.13\): the webhook refuses this field unless it runs with the LiteralCertificateSubject feature gate/,
      );
      assert.match(older, /Before cert-manager 1\.14\*\* \(you target 1\.13\): the webhook lets `subject.serialNumber` stand beside/);
    });
  });

  describe('secretTemplate annotations (certificate.go validateSecretTemplateAnnotations)', () => {
    const manifest = certificate('  dnsNames: [web]\n  secretTemplate:\n    annotations:\n      cert-manager.io/allow-direct-injection: "true"\n');
    it('allow-direct-injection is refused before 1.15 and allowed from 1.15', () => {
      assert.deepEqual(check(manifest, '1.14'), [
        'error cert-manager-certificate: cert-manager 1.14 refuses every cert-manager.io/ annotation in secretTemplate; cert-manager.io/allow-direct-injection is allowed from cert-manager 1.15.',
      ]);
      assert.deepEqual(check(manifest, '1.15'), []);
    });
    it('hover says which', () => {
      const source = certificate('  dnsNames: [web]\n  secretTemplate:\n    annot|ations: {}\n');
      assert.match(hover(source, '1.21'), /except `cert-manager.io\/allow-direct-injection`/);
      assert.match(hover(source, '1.14'), /Before cert-manager 1\.15\*\* \(you target 1\.14\): every `cert-manager.io\/` key is refused/);
    });
  });

  describe('renewBeforePercentage (certificate.go ValidateDuration; pkg/util/pki/renewaltime.go desiredRenewalTime)', () => {
    it('the webhook bounds duration × (100 − pct): 1h with 95% is refused, though renewal would come 57m before expiry', () => {
      const messages = check(certificate('  dnsNames: [web]\n  duration: 1h\n  renewBeforePercentage: 95\n'), '1.21');
      assert.equal(messages.length, 1);
      assert.equal(
        messages[0],
        'error cert-manager-duration: The webhook refuses 95% of the duration (1 hour): it checks the other 5% (3 minutes) against its 5m minimum, although renewal would come 57 minutes before expiry.',
      );
    });
    it('1h with 5% is accepted; renewal then comes 3m before expiry (no floor at run time), a warning', () => {
      const messages = check(certificate('  dnsNames: [web]\n  duration: 1h\n  renewBeforePercentage: 5\n'), '1.21');
      assert.deepEqual(messages, [
        'warning cert-manager-duration: At 5% of the duration (1 hour), cert-manager renews only 3 minutes before expiry: accepted, but a renewal that fails leaves no time to recover.',
      ]);
    });
    it('before 1.21 the webhook multiplied in 64-bit nanoseconds: 10 years with 1% overflowed and was refused (fixed in 94c41319)', () => {
      const manifest = certificate('  dnsNames: [web]\n  duration: 87600h\n  renewBeforePercentage: 1\n');
      const older = check(manifest, '1.20');
      assert.equal(older.length, 1);
      assert.match(
        older[0],
        /^error cert-manager-duration: The cert-manager 1\.20 webhook refuses 1% of the duration \(.*\): it multiplies the lifetime in 64-bit nanoseconds, which overflows/,
      );
      assert.deepEqual(check(manifest, '1.21'), []);
      // One year does not overflow: accepted by both.
      assert.deepEqual(check(certificate('  dnsNames: [web]\n  duration: 8760h\n  renewBeforePercentage: 1\n'), '1.20'), []);
    });
    it('hover: the field does not exist before 1.16', () => {
      const source = certificate('  renewBefore|Percentage: 33\n');
      assert.match(hover(source, '1.15'), /Before cert-manager 1\.16\*\* \(you target 1\.15\): the field does not exist yet/);
      assert.doesNotMatch(hover(source, '1.16'), /Before cert-manager/);
    });
  });

  it('privateKey.rotationPolicy defaults to Always from 1.18, Never before (features.go DefaultPrivateKeyRotationPolicyAlways)', () => {
    const source = certificate('  privateKey:\n    rotation|Policy: Always\n');
    assert.match(hover(source, '1.21'), /Default: Always \(since cert-manager 1\.18\)/);
    assert.doesNotMatch(hover(source, '1.18'), /Before cert-manager/);
    assert.match(hover(source, '1.17'), /Before cert-manager 1\.18\*\* \(you target 1\.17\): the default is `Never`/);
  });

  it('v1alpha2 and friends: served until 1.5, not served from 1.6 (served: false in deploy/crds at v1.6.0), gone from 1.7', () => {
    const old = certificate('  dnsNames: [web]\n').replace('cert-manager.io/v1', 'cert-manager.io/v1alpha2');
    assert.match(
      check(old, '1.21').join('\n'),
      /^warning deprecated-api-version: cert-manager.io\/v1alpha2 is no longer served \(from cert-manager 1\.6; removed in 1\.7\); use cert-manager.io\/v1/,
    );
    assert.match(
      check(old, '1.5').join('\n'),
      /^warning deprecated-api-version: cert-manager.io\/v1alpha2 is deprecated \(cert-manager 1\.6 stops serving it\)/,
    );
  });

  it('uris: the webhook does not check them; a bad SPIFFE ID is a warning (certificate.go has no uris check)', () => {
    assert.deepEqual(
      check(certificate('  uris: [spiffe://Cluster.Local/ns/shop/sa/web]\n'), '1.21').map((m) => m.split(':')[0]),
      ['warning cert-manager-certificate'],
    );
  });

  it('CA issuer URLs: only empty OCSP and issuing-certificate URLs are refused, CRL URLs are not read (issuer.go ValidateCAIssuerConfig)', () => {
    const urls = (field: string) => check(issuer(`  ca:\n    secretName: ca\n    ${field}: [""]\n`), '1.21').map((m) => m.split(':')[0]);
    assert.deepEqual(urls('ocspServers'), ['error cert-manager-issuer']);
    assert.deepEqual(urls('issuingCertificateURLs'), ['error cert-manager-issuer']);
    assert.deepEqual(urls('crlDistributionPoints'), ['warning cert-manager-issuer']);
    assert.deepEqual(
      check(issuer('  ca:\n    secretName: ca\n    crlDistributionPoints: [not-a-url]\n'), '1.21').map((m) => m.split(':')[0]),
      ['warning cert-manager-issuer'],
    );
  });
});

describe('cert-manager claims across resources, per release', () => {
  const analysed = (files: Record<string, string>, certManager: string, code: string): string[] => {
    const resources = Object.entries(files).flatMap(([name, text]) => resourcesOf(`file:///w/${name}`, parseYaml(text)));
    const model = new WorkspaceModel(resources, { ...DEFAULT_ANALYSIS_SETTINGS, versions: versions(certManager) });
    return analyzeWorkspace(model)
      .filter((f) => f.code === code)
      .map((f) => f.message);
  };
  const named = (name: string) => manifest('Certificate', '  dnsNames: [web]\n', name);

  it('Certificates sharing a Secret: re-issued in turn before 1.14, only the owner issued from 1.14 (internal/controller/certificates/certificates.go CertificateOwnsSecret, used by the trigger controller)', () => {
    const files = { 'c.yaml': `${named('a')}---\n${named('b')}` };
    const older = analysed(files, '1.13', 'duplicate-secret-name');
    assert.equal(older.length, 2);
    assert.match(older[0], /each issuance overwrites the other's key pair and sets off its re-issuance, so cert-manager 1\.13 keeps re-issuing them/);
    const newer = analysed(files, '1.14', 'duplicate-secret-name');
    assert.equal(newer.length, 2);
    assert.match(
      newer[0],
      /issues only one of them \(the one the Secret names in its cert-manager.io\/certificate-name annotation, else the oldest\); the others are never issued and never become Ready/,
    );
  });

  it('a Certificate outliving its CA is not shortened by the CA issuer (pkg/controller/certificaterequests/ca/ca.go signs the template as asked)', async () => {
    const ca = await createDevCa({ name: 'Short CA', days: 30 });
    const secret = `apiVersion: v1\nkind: Secret\nmetadata: {name: short-ca, namespace: shop}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${Buffer.from(certificatePem(ca.root.certificate)).toString('base64')}\n  tls.key: ${Buffer.from('not read').toString('base64')}\n`;
    const caIssuer = 'apiVersion: cert-manager.io/v1\nkind: Issuer\nmetadata: {name: ca, namespace: shop}\nspec:\n  ca: {secretName: short-ca}\n';
    const [message] = analysed({ 's.yaml': secret, 'i.yaml': caIssuer, 'c.yaml': certificate('  dnsNames: [web]\n') }, '1.21', 'certificate-outlives-issuer');
    assert.match(message, /the CA issuer does not shorten it, so from that day its chain no longer verifies/);
    assert.doesNotMatch(message, /cuts it short/);
  });
});
