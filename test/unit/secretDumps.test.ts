import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { certificateDiagnostics } from '../../server/src/service/certificates/certificateDiagnostics';
import type { DocumentObjects } from '../../server/src/service/certificates/found';
import { certificateCodeLenses } from '../../server/src/service/codeLens';
import { base64, objectsOf } from '../support/certificateDocuments';
import { openssl509 } from '../support/certificates';
import { caExtensions, DAY_MS, TestPki, type Minted } from '../support/pki';

// Envoy's secret dumps: istioctl's `proxy-config secret -o json|yaml` (camelCase) built here from
// minted certificates, and the admin endpoint's /config_dump (proto names) from istio's own
// testdata (test/fixtures/envoy/SOURCES.md).

const now = new Date();
const REDACTED = base64('[redacted]');
const FIXTURES = path.join(__dirname, '..', '..', '..', 'test', 'fixtures', 'envoy');

const check = (found: DocumentObjects, at = now): Diagnostic[] =>
  certificateDiagnostics(found, { now: at, expiringSoonDays: 30, inGitWorkTree: false, siblings: [] });
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();
const jsonObjects = (text: string) => objectsOf(text, 'json', 'file:///work/dump.json').found;

/** A secret as istioctl prints it: a certificate chain with its redacted key, or a validation context. */
function activeSecret(name: string, content: { chain?: string; trustedCa?: string }): object {
  const secret = content.chain
    ? { tlsCertificate: { certificateChain: { inlineBytes: base64(content.chain) }, privateKey: { inlineBytes: REDACTED } } }
    : { validationContext: { trustedCa: { inlineBytes: base64(content.trustedCa!) } } };
  return {
    name,
    versionInfo: now.toISOString(),
    lastUpdated: now.toISOString(),
    secret: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', name, ...secret },
  };
}

/** `istioctl proxy-config secret <pod> -o json`: protojson with four-space indent. */
function istioctlDump(...secrets: object[]): string {
  return `${JSON.stringify({ dynamicActiveSecrets: secrets }, null, 4)}\n`;
}

/** Where `value` sits in `text` as a JSON string, quotes included: the range a group's objects must have. */
function rangeOf(text: string, value: string) {
  const at = text.indexOf(`"${value}"`);
  assert.ok(at >= 0, 'the value is in the text');
  const position = (offset: number) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: position(at), end: position(at + value.length + 2) };
}

describe('Envoy secret dumps', () => {
  let pki: TestPki;
  let root: Minted;
  let otherRoot: Minted;
  let workload: Minted;
  let expired: Minted;
  let stranger: Minted;

  before(() => {
    pki = new TestPki();
    const from = new Date(now.getTime() - DAY_MS);
    const until = new Date(now.getTime() + 365 * DAY_MS);
    root = pki.mint({ subject: '/O=cluster.local', extensions: caExtensions(), notBefore: from, notAfter: new Date(now.getTime() + 3650 * DAY_MS) });
    otherRoot = pki.mint({ subject: '/O=cluster.local', extensions: caExtensions(), notBefore: from, notAfter: until });
    // Istio's workload certificates: no subject, one SPIFFE URI, a day long.
    const svid = (issuer: Minted, notBefore: Date, notAfter: Date) =>
      pki.mint({
        subject: '/',
        issuer,
        notBefore,
        notAfter,
        extensions: [
          'basicConstraints=critical,CA:FALSE',
          'keyUsage=critical,digitalSignature,keyEncipherment',
          'extendedKeyUsage=serverAuth,clientAuth',
          'subjectAltName=critical,URI:spiffe://cluster.local/ns/shop/sa/web',
          'authorityKeyIdentifier=keyid',
        ],
      });
    workload = svid(root, new Date(now.getTime() - 2 * 3600_000), new Date(now.getTime() + 22 * 3600_000));
    expired = svid(root, new Date(now.getTime() - 3 * DAY_MS), new Date(now.getTime() - 2 * DAY_MS));
    stranger = svid(otherRoot, new Date(now.getTime() - 2 * 3600_000), new Date(now.getTime() + 22 * 3600_000));
  });
  after(() => pki.dispose());

  it("reads istioctl's dump: the workload chain and ROOTCA as groups at their inlineBytes, the chain verified against ROOTCA", () => {
    const chain = workload.certificatePem + root.certificatePem;
    const text = istioctlDump(activeSecret('default', { chain }), activeSecret('ROOTCA', { trustedCa: root.certificatePem }));
    const found = jsonObjects(text);
    assert.deepEqual(
      found.groups.map((g) => [g.name, g.role, g.objects.length, g.trustedBy?.map((t) => t.name)]),
      [
        ['certificate chain of secret default', 'chain', 2, ['trusted CA of secret ROOTCA']],
        ['trusted CA of secret ROOTCA', 'trust', 1, undefined],
      ],
    );
    assert.deepEqual(found.groups[0].objects[0].range, rangeOf(text, base64(chain)));
    assert.deepEqual(found.groups[1].objects[0].range, rangeOf(text, base64(root.certificatePem)));
    assert.deepEqual(
      found.objects.map((o) => o.decoded.kind === 'certificate' && o.decoded.subjectAltNames.uri),
      [['spiffe://cluster.local/ns/shop/sa/web'], [], []],
    );
    assert.deepEqual(check(found), []);
  });

  it('puts a lens on each certificate: identity, validity and issuer', () => {
    const text = istioctlDump(activeSecret('default', { chain: workload.certificatePem }), activeSecret('ROOTCA', { trustedCa: root.certificatePem }));
    const lenses = certificateCodeLenses('file:///work/dump.json', jsonObjects(text), now);
    const titles = lenses.map((l) => l.command!.title);
    assert.equal(titles.length, 2);
    assert.match(titles[0], /^spiffe:\/\/cluster\.local\/ns\/shop\/sa\/web · .* · .*expires in \d+ hours.* · issued by .*cluster\.local/);
    assert.match(titles[1], /cluster\.local .*self-signed/i);
    assert.deepEqual(
      lenses.map((l) => l.range.start),
      [rangeOf(text, base64(workload.certificatePem)).start, rangeOf(text, base64(root.certificatePem)).start],
    );
  });

  it('reports an expired workload certificate on its value, and only as expired', () => {
    const text = istioctlDump(activeSecret('default', { chain: expired.certificatePem }), activeSecret('ROOTCA', { trustedCa: root.certificatePem }));
    const diagnostics = check(jsonObjects(text));
    assert.deepEqual(codes(diagnostics), ['certificate-expired']);
    assert.deepEqual(diagnostics[0].range, rangeOf(text, base64(expired.certificatePem)));
  });

  it('warns when the workload chain does not lead to ROOTCA', () => {
    const text = istioctlDump(activeSecret('default', { chain: stranger.certificatePem }), activeSecret('ROOTCA', { trustedCa: root.certificatePem }));
    const diagnostics = check(jsonObjects(text));
    assert.deepEqual(codes(diagnostics), ['chain-untrusted']);
    assert.equal(diagnostics[0].severity, 2);
    assert.match(diagnostics[0].message as string, /signature does not verify|issuer is neither/);
    assert.match(diagnostics[0].message as string, /trusting trusted CA of secret ROOTCA/);
    // With its own root in the chain, the path ends at a root ROOTCA does not hold.
    const withRoot = istioctlDump(
      activeSecret('default', { chain: stranger.certificatePem + otherRoot.certificatePem }),
      activeSecret('ROOTCA', { trustedCa: root.certificatePem }),
    );
    const [untrusted] = check(jsonObjects(withRoot));
    assert.equal(untrusted.code, 'chain-untrusted');
    assert.match(untrusted.message as string, /self-signed and not among the trusted certificates/);
  });

  it("never reads the redacted private key, in either writer's spelling", () => {
    const admin = JSON.stringify({
      configs: [
        {
          '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump',
          static_secrets: [
            {
              name: 'default',
              secret: {
                name: 'default',
                tls_certificate: { certificate_chain: { inline_string: workload.certificatePem }, private_key: { inline_string: '[redacted]' } },
              },
            },
          ],
        },
      ],
    });
    const found = jsonObjects(admin);
    assert.deepEqual(
      found.objects.map((o) => o.decoded.kind),
      ['certificate'],
    );
    assert.deepEqual(check(found), []);
    const istioctl = jsonObjects(istioctlDump(activeSecret('default', { chain: workload.certificatePem })));
    assert.deepEqual(
      istioctl.objects.map((o) => o.source),
      ['certificate chain of secret default'],
    );
  });

  it('reads inline_bytes holding DER: the certificate at its value, lensed and verified against ROOTCA like PEM', () => {
    const admin = (chain: Uint8Array, roots: Uint8Array) =>
      `${JSON.stringify(
        {
          configs: [
            {
              '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump',
              dynamic_active_secrets: [
                { name: 'default', secret: { name: 'default', tls_certificate: { certificate_chain: { inline_bytes: base64(chain) } } } },
                { name: 'ROOTCA', secret: { name: 'ROOTCA', validation_context: { trusted_ca: { inline_bytes: base64(roots) } } } },
              ],
            },
          ],
        },
        null,
        2,
      )}\n`;
    const text = admin(workload.der, root.der);
    const found = jsonObjects(text);
    assert.deepEqual(
      found.groups.map((g) => [g.name, g.role, g.objects.map((o) => [o.decoded.kind, o.label, o.source])]),
      [
        ['certificate chain of secret default', 'chain', [['certificate', undefined, 'certificate chain of secret default']]],
        ['trusted CA of secret ROOTCA', 'trust', [['certificate', undefined, 'trusted CA of secret ROOTCA']]],
      ],
    );
    assert.deepEqual(found.groups[0].trustedBy, [found.groups[1]]);
    assert.deepEqual(found.objects[0].range, rangeOf(text, base64(workload.der)));
    assert.deepEqual(found.objects[0].mark, found.objects[0].range);
    assert.deepEqual(check(found), []);
    const lenses = certificateCodeLenses('file:///work/dump.json', found, now);
    assert.deepEqual(
      lenses.map((l) => l.range.start),
      [rangeOf(text, base64(workload.der)).start, rangeOf(text, base64(root.der)).start],
    );
    assert.match(lenses[0].command!.title, /^spiffe:\/\/cluster\.local\/ns\/shop\/sa\/web · /);
    // A DER chain that does not lead to ROOTCA is reported on its value, as a PEM one is.
    const untrusted = admin(stranger.der, root.der);
    const [diagnostic, ...rest] = check(jsonObjects(untrusted));
    assert.deepEqual(rest, []);
    assert.equal(diagnostic.code, 'chain-untrusted');
    assert.deepEqual(diagnostic.range, rangeOf(untrusted, base64(stranger.der)));
  });

  it('reports DER-looking inline_bytes that are no certificate, and ignores bytes that are neither DER nor PEM', () => {
    const dump = (bytes: string) => istioctlDump({ name: 'ROOTCA', secret: { name: 'ROOTCA', validationContext: { trustedCa: { inlineBytes: bytes } } } });
    const broken = dump(base64(workload.der.slice(0, 40)));
    const found = jsonObjects(broken);
    assert.deepEqual(
      found.objects.map((o) => o.decoded.kind),
      ['unreadable'],
    );
    const diagnostics = check(found);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['certificate-unreadable', 1, rangeOf(broken, base64(workload.der.slice(0, 40)))]],
    );
    for (const text of [dump(base64('not a certificate')), dump('%%% not base64 %%%')]) assert.deepEqual(jsonObjects(text).groups, [], text);
  });

  it('reads no file a DataSource names: a filename chain or root gives no group, and an inline chain with file roots is not judged', () => {
    const secret = (name: string, body: object) => ({ name, secret: { name, ...body } });
    const fileRoots = secret('ROOTCA', { validationContext: { trustedCa: { filename: '/etc/certs/root-cert.pem' } } });
    // The workload chain is inline, its roots are on the pod's disk: nothing here says whether it verifies.
    const inlineChain = jsonObjects(istioctlDump(activeSecret('default', { chain: stranger.certificatePem }), fileRoots));
    assert.deepEqual(
      inlineChain.groups.map((g) => [g.name, g.trustedBy]),
      [['certificate chain of secret default', undefined]],
    );
    assert.deepEqual(check(inlineChain), []);
    // A chain the proxy reads from a file, with roots inline: only the roots are read.
    const fileChain = jsonObjects(
      istioctlDump(
        secret('default', { tlsCertificate: { certificateChain: { filename: '/etc/certs/cert-chain.pem' }, privateKey: { filename: '/etc/certs/key.pem' } } }),
        activeSecret('ROOTCA', { trustedCa: root.certificatePem }),
      ),
    );
    assert.deepEqual(
      fileChain.groups.map((g) => g.name),
      ['trusted CA of secret ROOTCA'],
    );
    assert.deepEqual(check(fileChain), []);
  });

  it('finds nothing in JSON that is not a secret dump, even with certificates in it', () => {
    for (const text of [
      JSON.stringify({ caBundle: base64(root.certificatePem), pem: root.certificatePem, broken: '-----BEGIN CERTIFICATE-----\nAAAA' }),
      JSON.stringify({ dynamicActiveSecrets: 'none', secret: { tlsCertificate: { certificateChain: { inlineBytes: base64(expired.certificatePem) } } } }),
      JSON.stringify({ configs: [{ '@type': 'type.googleapis.com/envoy.admin.v3.ClustersConfigDump', static_secrets: 1 }] }),
      '{ "name": "package", "version": "1.0.0" ',
    ]) {
      const found = jsonObjects(text);
      assert.deepEqual(found.groups, [], text);
      assert.deepEqual(check(found), []);
    }
  });

  it('pairs a gateway credential with its -cacert secret and checks no other credential against ROOTCA', () => {
    const text = istioctlDump(
      activeSecret('kubernetes://shop-cert', { chain: stranger.certificatePem }),
      activeSecret('kubernetes://shop-cert-cacert', { trustedCa: root.certificatePem }),
      activeSecret('kubernetes://public-cert', { chain: stranger.certificatePem }),
      activeSecret('ROOTCA', { trustedCa: root.certificatePem }),
    );
    const found = jsonObjects(text);
    assert.deepEqual(
      found.groups.map((g) => g.trustedBy?.map((t) => t.name)),
      [['trusted CA of secret kubernetes://shop-cert-cacert'], undefined, undefined, undefined],
    );
    const diagnostics = check(found);
    assert.deepEqual(codes(diagnostics), ['chain-untrusted']);
    assert.equal(diagnostics[0].range.start.line, found.groups[0].objects[0].range.start.line);
  });

  it('reads the secrets the admin endpoint lists one by one for ?resource=dynamic_active_secrets', () => {
    const entry = (name: string, body: object) => ({
      '@type': 'type.googleapis.com/envoy.admin.v3.SecretsConfigDump.DynamicSecret',
      name,
      secret: { '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret', name, ...body },
    });
    const text = JSON.stringify({
      configs: [
        entry('default', { tls_certificate: { certificate_chain: { inline_bytes: base64(stranger.certificatePem) } } }),
        entry('ROOTCA', { validation_context: { trusted_ca: { inline_bytes: base64(root.certificatePem) } } }),
      ],
    });
    const found = jsonObjects(text);
    assert.deepEqual(
      found.groups.map((g) => g.name),
      ['certificate chain of secret default', 'trusted CA of secret ROOTCA'],
    );
    assert.deepEqual(codes(check(found)), ['chain-untrusted']);
  });

  it('searches a manifest that merely has a field named like a secret list as any other', () => {
    const text = `kind: Gateway\nspec:\n  staticSecrets: []\n  caBundle: ${base64(root.certificatePem)}\n`;
    assert.deepEqual(
      objectsOf(text, 'yaml').found.groups.map((g) => g.name),
      ['spec.caBundle of Gateway (unnamed)'],
    );
  });

  it('reads the YAML istioctl prints with -o yaml the same way', () => {
    const text = [
      'dynamicActiveSecrets:',
      '- name: default',
      '  secret:',
      "    '@type': type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.Secret",
      '    name: default',
      '    tlsCertificate:',
      '      certificateChain:',
      `        inlineBytes: ${base64(stranger.certificatePem)}`,
      '      privateKey:',
      `        inlineBytes: ${REDACTED}`,
      '- name: ROOTCA',
      '  secret:',
      '    name: ROOTCA',
      '    validationContext:',
      '      trustedCa:',
      `        inlineBytes: ${base64(root.certificatePem)}`,
      '',
    ].join('\n');
    const found = objectsOf(text, 'yaml', 'file:///work/secrets.yaml').found;
    assert.deepEqual(
      found.groups.map((g) => [g.name, g.role]),
      [
        ['certificate chain of secret default', 'chain'],
        ['trusted CA of secret ROOTCA', 'trust'],
      ],
    );
    assert.deepEqual(found.groups[0].objects[0].range.start, { line: 7, character: 21 });
    assert.deepEqual(codes(check(found)), ['chain-untrusted']);
  });

  describe("istio 1.30.3's own dumps from the admin endpoint", () => {
    const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');

    it('the sidecar dump: its workload chain verifies against ROOTCA while valid, and is reported expired now', () => {
      const found = jsonObjects(fixture('istio-sidecar-config_dump.json'));
      assert.deepEqual(
        found.groups.map((g) => [g.name, g.objects.length, g.objects[0].range.start.line]),
        [
          ['certificate chain of secret default', 2, 13],
          ['trusted CA of secret ROOTCA', 1, 29],
        ],
      );
      assert.deepEqual(check(found, new Date('2023-05-15T12:00:00Z')), []);
      assert.deepEqual(codes(check(found)), ['certificate-expired']);
    });

    it("the SPIRE dump: ROOTCA's trust bundles, one per federated trust domain, anchor the workload chain", () => {
      const found = jsonObjects(fixture('istio-spire-config_dump.json'));
      assert.deepEqual(
        found.groups.map((g) => [g.name, g.role]),
        [
          ['certificate chain of secret default', 'chain'],
          ['trust bundle of east.local in secret ROOTCA', 'trust'],
          ['trust bundle of west.local in secret ROOTCA', 'trust'],
        ],
      );
      assert.deepEqual(check(found, new Date('2024-10-27T22:00:00Z')), []);
    });

    it('reads the secrets of a whole /config_dump past the parse bound, where they are written', () => {
      const small = fixture('istio-sidecar-config_dump.json');
      // Listeners, clusters and routes before the secrets: over a megabyte, with braces and quotes inside strings.
      const listener = JSON.stringify({
        '@type': 'type.googleapis.com/envoy.admin.v3.ListenersConfigDump',
        note: 'a { b } "c" \\',
        pad: 'x'.repeat(1_200_000),
      });
      const large = small.replace('"configs": [\n', `"configs": [\n    ${listener},\n`);
      assert.ok(large.length > 1_200_000);
      const found = jsonObjects(large);
      // One line more than in the small dump: the listener's.
      assert.deepEqual(
        found.groups.map((g) => [g.name, g.objects.length, g.objects[0].range.start.line]),
        [
          ['certificate chain of secret default', 2, 14],
          ['trusted CA of secret ROOTCA', 1, 30],
        ],
      );
      const [leaf] = found.objects;
      assert.deepEqual(leaf.range.start.character, jsonObjects(small).objects[0].range.start.character);
      assert.deepEqual(check(found, new Date('2023-05-15T12:00:00Z')), []);
    });

    it('decodes the workload certificate as openssl x509 -noout -text reads it', () => {
      const text = fixture('istio-sidecar-config_dump.json');
      const [leaf] = jsonObjects(text).objects;
      assert.equal(leaf.decoded.kind, 'certificate');
      if (leaf.decoded.kind !== 'certificate') return;
      const bytes = /"inline_bytes": "([^"]+)"/.exec(text)![1];
      const pem = /-----BEGIN CERTIFICATE-----[^]*?-----END CERTIFICATE-----\n/.exec(Buffer.from(bytes, 'base64').toString('latin1'))![0];
      const printed = openssl509(pem, ['-text']);
      const serial = /Serial Number:\s*\n?\s*([0-9a-f:]+)/i.exec(printed)![1].replace(/:/g, '').toUpperCase();
      assert.equal(leaf.decoded.serialNumber, serial);
      assert.equal(new Date(leaf.decoded.notAfter).getTime(), new Date(/Not After : (.+)/.exec(printed)![1]).getTime());
      assert.equal(new Date(leaf.decoded.notBefore).getTime(), new Date(/Not Before: (.+)/.exec(printed)![1]).getTime());
      assert.match(printed, new RegExp(`URI:${leaf.decoded.subjectAltNames.uri[0].replace(/[.]/g, '\\.')}`));
      assert.match(printed, /Issuer: O ?= ?cluster\.local/);
      assert.equal(leaf.decoded.issuer, 'O=cluster.local');
      assert.match(printed, new RegExp(`Signature Algorithm: ${leaf.decoded.signatureAlgorithm}`));
      assert.match(printed, new RegExp(`Public-Key: \\(${leaf.decoded.publicKey.size} bit\\)`));
    });
  });
});

// ztunnel's certificate dumps: ztunnel 1.30.3's own expected dump and istioctl 1.30.3's ztunnel
// test dump (test/fixtures/ztunnel/SOURCES.md), and dumps of the same shape from minted certificates.
describe('ztunnel certificate dumps', () => {
  const ZTUNNEL = path.join(FIXTURES, '..', 'ztunnel');
  const fixture = (name: string) => readFileSync(path.join(ZTUNNEL, name), 'utf8');
  const SA0 = 'spiffe://trust_domain/ns/namespace/sa/sa-0';
  const SA1 = 'spiffe://trust_domain/ns/namespace/sa/sa-1';
  let pki: TestPki;
  let root: Minted;
  let intermediate: Minted;
  let workload: Minted;
  let stranger: Minted;

  before(() => {
    pki = new TestPki();
    const dates = { notBefore: new Date(now.getTime() - DAY_MS), notAfter: new Date(now.getTime() + 365 * DAY_MS) };
    root = pki.mint({ subject: '/O=cluster.local', extensions: caExtensions(), ...dates });
    intermediate = pki.mint({ subject: '/O=cluster.local/CN=Intermediate CA', issuer: root, extensions: caExtensions(), ...dates });
    const elsewhere = pki.mint({ subject: '/O=cluster.local', extensions: caExtensions(), ...dates });
    const svid = (issuer: Minted) =>
      pki.mint({
        subject: '/',
        issuer,
        ...dates,
        extensions: [
          'basicConstraints=critical,CA:FALSE',
          'keyUsage=critical,digitalSignature,keyEncipherment',
          'subjectAltName=critical,URI:spiffe://cluster.local/ns/shop/sa/web',
        ],
      });
    workload = svid(intermediate);
    stranger = svid(elsewhere);
  });
  after(() => pki.dispose());

  /** One CertDump as ztunnel 1.30 writes it: base64 of the PEM, the serial in decimal. */
  const certDump = (m: Minted) => ({ pem: base64(m.certificatePem), serialNumber: '1', validFrom: now.toISOString(), expirationTime: now.toISOString() });
  const entry = (identity: string, chain: Minted[], roots: Minted[]) => ({
    identity,
    state: 'Available',
    certChain: chain.map(certDump),
    rootCerts: roots.map(certDump),
  });
  /** `istioctl ztunnel-config certificate <pod> -o json`: the list alone, four-space indent. */
  const istioctlZtunnel = (...entries: object[]) => `${JSON.stringify(entries, null, 4)}\n`;

  it("reads ztunnel 1.30.3's own dump: each identity's chain and roots as groups at their pem values, the chain verified against its roots", () => {
    const text = fixture('ztunnel-certificates.json');
    const found = jsonObjects(text);
    // The two identities share their root: each value's line is found by its offset.
    const values = [...text.matchAll(/"pem": "([^"]+)"/g)];
    const pems = values.map((m) => m[1]);
    const lines = values.map((m) => text.slice(0, m.index).split('\n').length - 1);
    assert.deepEqual(
      found.groups.map((g) => [g.name, g.role, g.objects.map((o) => [o.source, o.range.start.line]), g.trustedBy?.map((t) => t.name)]),
      [
        [`certificate chain of ${SA0}`, 'chain', [[`certChain[0] of ${SA0}`, lines[0]]], [`root certificates of ${SA0}`]],
        [`root certificates of ${SA0}`, 'trust', [[`rootCerts[0] of ${SA0}`, lines[1]]], undefined],
        [`certificate chain of ${SA1}`, 'chain', [[`certChain[0] of ${SA1}`, lines[2]]], [`root certificates of ${SA1}`]],
        [`root certificates of ${SA1}`, 'trust', [[`rootCerts[0] of ${SA1}`, lines[3]]], undefined],
      ],
    );
    assert.deepEqual(found.objects[0].range, rangeOf(text, pems[0]));
    assert.deepEqual(
      found.objects.map((o) => o.decoded.kind === 'certificate' && o.decoded.subjectAltNames.uri),
      [[SA0], [], [SA1], []],
    );
    // While the workload certificates were valid, the roots (minted again in 2025) were not yet: only that is said.
    const then = check(found, new Date('2023-03-11T08:00:00Z'));
    assert.deepEqual(
      then.map((d) => [d.code, d.range.start.line]),
      [
        ['certificate-not-yet-valid', lines[1]],
        ['certificate-not-yet-valid', lines[3]],
      ],
    );
    assert.deepEqual(
      check(found).map((d) => [d.code, d.range.start.line]),
      [
        ['certificate-expired', lines[0]],
        ['certificate-expired', lines[2]],
      ],
    );
  });

  it('decodes each certificate as openssl x509 reads it, and as the dump describes it', () => {
    const text = fixture('ztunnel-certificates.json');
    const described = JSON.parse(text) as Array<{ certChain: Array<{ pem: string; serialNumber: string; validFrom: string; expirationTime: string }> }>;
    const dumped = described.flatMap((e) => e.certChain);
    const leaves = jsonObjects(text)
      .groups.filter((g) => g.role === 'chain')
      .map((g) => g.objects[0].decoded);
    assert.equal(leaves.length, dumped.length);
    leaves.forEach((leaf, i) => {
      assert.equal(leaf.kind, 'certificate');
      if (leaf.kind !== 'certificate') return;
      const printed = openssl509(Buffer.from(dumped[i].pem, 'base64').toString('latin1'), ['-serial', '-startdate', '-enddate']);
      assert.equal(leaf.serialNumber, /serial=([0-9A-F]+)/.exec(printed)![1]);
      assert.equal(BigInt(`0x${leaf.serialNumber}`).toString(), dumped[i].serialNumber);
      assert.equal(new Date(leaf.notBefore).getTime(), new Date(/notBefore=(.+)/.exec(printed)![1]).getTime());
      assert.equal(new Date(leaf.notAfter).getTime(), new Date(dumped[i].expirationTime).getTime());
      assert.equal(new Date(leaf.notBefore).getTime(), new Date(dumped[i].validFrom).getTime());
      // Named O=cluster.local like the RSA root above it, but with an EC key: issued by the root, not self-signed.
      assert.equal(leaf.selfSigned, false);
    });
    const titles = certificateCodeLenses('file:///work/ztunnel.json', jsonObjects(text), new Date('2023-03-11T08:00:00Z')).map((l) => l.command!.title);
    assert.match(titles[0], / · issued by O=cluster\.local$/);
    assert.match(titles[1], / · self-signed$/);
  });

  it("reads istioctl 1.30.3's ztunnel /config_dump: PEM text, the root last in the chain, no rootCerts", () => {
    const text = fixture('istio-ztunnel-config_dump.json');
    const found = jsonObjects(text);
    assert.deepEqual(
      found.groups.map((g) => [g.name, g.role, g.objects.map((o) => o.source), g.trustedBy]),
      [
        [
          'certificate chain of spiffe://cluster.local/ns/istio-system/sa/istiod',
          'chain',
          ['certChain[0] of spiffe://cluster.local/ns/istio-system/sa/istiod', 'certChain[1] of spiffe://cluster.local/ns/istio-system/sa/istiod'],
          undefined,
        ],
      ],
    );
    const at = new Date('2023-03-21T14:00:00Z');
    assert.deepEqual(check(found, at), []);
    const lenses = certificateCodeLenses('file:///work/ztunnel.json', found, at).map((l) => l.command!.title);
    assert.match(lenses[0], /^Chain of 2, ends at root O=cluster\.local, verified$/);
    assert.match(lenses[1], /^spiffe:\/\/cluster\.local\/ns\/istio-system\/sa\/istiod · ECDSA P-256 · /);
    assert.deepEqual(codes(check(found)), ['certificate-expired']);
  });

  it('verifies a leaf and intermediate against the identity roots, and warns on the leaf when they do not lead there', () => {
    const sound = istioctlZtunnel(entry('spiffe://cluster.local/ns/shop/sa/web', [workload, intermediate], [root]));
    const found = jsonObjects(sound);
    assert.deepEqual(
      found.groups.map((g) => [g.role, g.objects.length]),
      [
        ['chain', 2],
        ['trust', 1],
      ],
    );
    assert.deepEqual(check(found), []);
    const untrusted = istioctlZtunnel(entry('spiffe://cluster.local/ns/shop/sa/web', [stranger], [root]), {
      identity: 'spiffe://cluster.local/ns/shop/sa/db',
      state: 'Initializing',
      certChain: [],
      rootCerts: [],
    });
    const diagnostics = check(jsonObjects(untrusted));
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['chain-untrusted', 2, rangeOf(untrusted, base64(stranger.certificatePem))]],
    );
    assert.match(diagnostics[0].message as string, /trusting root certificates of spiffe:\/\/cluster\.local\/ns\/shop\/sa\/web/);
  });

  it("reads the list inside ztunnel's whole /config_dump, in istioctl's YAML, and past the parse bound", () => {
    const certificates = [entry('spiffe://cluster.local/ns/shop/sa/web', [stranger], [root])];
    const whole = {
      workloads: { 'Kubernetes//Pod/shop/web': { name: 'web' } },
      services: {},
      policies: {},
      staticConfig: {},
      version: {},
      config: {},
      certificates,
    };
    const expected = [
      ['certificate chain of spiffe://cluster.local/ns/shop/sa/web', 'chain'],
      ['root certificates of spiffe://cluster.local/ns/shop/sa/web', 'trust'],
    ];
    const byRole = (found: DocumentObjects) => found.groups.map((g) => [g.name, g.role]);
    assert.deepEqual(byRole(jsonObjects(JSON.stringify(whole, null, 2))), expected);
    const yaml = [
      '- certChain:',
      `  - pem: ${base64(stranger.certificatePem)}`,
      '    serialNumber: "1"',
      '  identity: spiffe://cluster.local/ns/shop/sa/web',
      '  rootCerts:',
      `  - pem: ${base64(root.certificatePem)}`,
      '  state: Available',
      '',
    ].join('\n');
    const fromYaml = objectsOf(yaml, 'yaml', 'file:///work/certs.yaml').found;
    assert.deepEqual(byRole(fromYaml), expected);
    assert.deepEqual(fromYaml.objects[0].range.start, { line: 1, character: 9 });
    assert.deepEqual(codes(check(fromYaml)), ['chain-untrusted']);
    // Thousands of workloads before the certificates: over a megabyte, with brackets and quotes inside strings.
    const large = JSON.stringify({ ...whole, workloads: { big: { note: 'a [ { ] } "c" \\', pad: 'x'.repeat(1_200_000) } } }, null, 2);
    assert.ok(large.length > 1_200_000);
    const found = jsonObjects(large);
    assert.deepEqual(byRole(found), expected);
    assert.deepEqual(found.objects[0].range, rangeOf(large, base64(stranger.certificatePem)));
    assert.deepEqual(codes(check(found)), ['chain-untrusted']);
  });

  it('takes no other JSON for a ztunnel dump, even with certificates and the same field names', () => {
    const pem = root.certificatePem;
    for (const text of [
      JSON.stringify([{ identity: 'spiffe://a/ns/b/sa/c', pem }]),
      JSON.stringify([{ identity: 'spiffe://a/ns/b/sa/c', certChain: 'none', rootCerts: [{ pem }] }]),
      JSON.stringify({ certificates: [{ certChain: [{ pem }] }] }),
      JSON.stringify({ certificates: [entry('spiffe://a/ns/b/sa/c', [workload], [root]), { name: 'other', certChain: [{ pem }] }] }),
      JSON.stringify({ spec: { certChain: [{ pem }], identity: 'x' } }),
      JSON.stringify({ certificates: [] }),
    ]) {
      const found = jsonObjects(text);
      assert.deepEqual(found.groups, [], text);
      assert.deepEqual(check(found), []);
    }
  });
});
