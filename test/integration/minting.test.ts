import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseAllDocuments } from 'yaml';
import type { MintOutcome } from '../../client/src/mint/mintCommand';
import type { MintedResult } from '../../client/src/mint/writeMinted';
import { findWorkspaceCas } from '../../client/src/mint/workspaceCas';
import { eventWhen, meshMtlsApi, workspaceUri } from './support';

/** Everything these tests write goes below this folder of the workspace, deleted afterwards. */
const SCRATCH = 'mint-scratch';

function run(command: string, options: Record<string, unknown>): Thenable<MintOutcome> {
  return vscode.commands.executeCommand<MintOutcome>(command, options);
}

/** The outcome as files written, failing the test with the refusal when it is one. */
function written(outcome: MintOutcome): MintedResult {
  assert.ok(outcome, 'the command was cancelled');
  assert.ok('files' in outcome, `refused: ${'refused' in outcome ? outcome.refused : ''}`);
  return outcome;
}

function modeOf(file: string): number {
  return statSync(file).mode & 0o777;
}

function openssl(args: string[]): { status: number | null; output: string } {
  const result = spawnSync('openssl', args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `openssl verify -CAfile root -untrusted chain -purpose P leaf` must pass. */
function assertVerifies(files: Record<string, string>, purpose: 'sslserver' | 'sslclient'): void {
  const result = openssl(['verify', '-CAfile', files.ca, '-untrusted', files.chain, '-purpose', purpose, files.cert]);
  assert.equal(result.status, 0, result.output);
  assert.match(result.output, /: OK/);
}

function sanOf(file: string): string {
  return execFileSync('openssl', ['x509', '-in', file, '-noout', '-ext', 'subjectAltName'], { encoding: 'utf8' });
}

/** The names, modes and contents of a folder's files: what a refused run must leave as it was. */
function snapshot(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((name) => `${name} ${modeOf(path.join(dir, name)).toString(8)} ${readFileSync(path.join(dir, name), 'utf8')}`)
    .join('\n');
}

function gitignored(dir: string): string[] {
  return readFileSync(path.join(dir, '.gitignore'), 'utf8').split('\n');
}

/** A Secret's data values decoded, by key. */
function secretData(manifest: unknown): Record<string, string> {
  const data = (manifest as { data: Record<string, string> }).data;
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]));
}

describe('Minting certificates with the commands, in a real VS Code', () => {
  let scratch: string;
  let caDir: string;
  let plainCaDir: string;
  let leaf: MintedResult;

  before(async () => {
    await meshMtlsApi();
    scratch = workspaceUri(SCRATCH).fsPath;
    caDir = path.join(scratch, 'shop-ca');
    plainCaDir = path.join(scratch, 'plain-ca');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('creates a Dev CA with an intermediate and a SPIFFE trust domain constraint: keys 0600 in a new 0700 folder, listed in .gitignore', async () => {
    const result = written(
      await run('meshMtls.createDevCa', {
        name: 'Shop Dev CA',
        intermediate: true,
        intermediateDays: 90,
        permittedUri: ['spiffe://cluster.local'],
        out: caDir,
        overwrite: false,
      }),
    );
    assert.deepEqual(Object.keys(result.files).sort(), ['intermediateCert', 'intermediateKey', 'rootCert', 'rootKey']);
    assert.deepEqual(
      Object.values(result.files).sort(),
      ['intermediate-ca-key.pem', 'intermediate-ca.pem', 'root-ca-key.pem', 'root-ca.pem'].map((name) => path.join(caDir, name)),
    );
    assert.equal(modeOf(caDir), 0o700);
    assert.equal(modeOf(result.files.rootKey), 0o600);
    assert.equal(modeOf(result.files.intermediateKey), 0o600);
    assert.ok(
      gitignored(caDir).includes('root-ca-key.pem') && gitignored(caDir).includes('intermediate-ca-key.pem'),
      readFileSync(path.join(caDir, '.gitignore'), 'utf8'),
    );
    const verified = openssl(['verify', '-CAfile', result.files.rootCert, result.files.intermediateCert]);
    assert.equal(verified.status, 0, verified.output);
    const root = new X509Certificate(readFileSync(result.files.rootCert));
    assert.equal(root.subject, 'CN=Shop Dev CA');
    assert.equal(root.publicKey.asymmetricKeyDetails?.namedCurve, 'prime256v1');
    const text = execFileSync('openssl', ['x509', '-in', result.files.intermediateCert, '-noout', '-text'], { encoding: 'utf8' });
    assert.match(text, /X509v3 Name Constraints: critical\s+Permitted:\s+URI:cluster\.local\s+X509v3/);
    // Its lifetime is what was asked: 90 days, backdated five minutes for clock skew.
    const intermediate = new X509Certificate(readFileSync(result.files.intermediateCert));
    assert.equal(Date.parse(intermediate.validTo) - Date.parse(intermediate.validFrom), 90 * 86_400_000 + 5 * 60_000);
    assert.deepEqual(result.actions, ['Open', 'Decode']);
  });

  it('writes to .mesh-mtls/<name> in the workspace by default, and the Certificates view lists the new root', async () => {
    const api = await meshMtlsApi();
    const folder = workspaceUri('.mesh-mtls/default-folder-ca').fsPath;
    const listed = eventWhen(api.certificatesView.onDidRefresh, (list) =>
      list.some((entry) => entry.uri === vscode.Uri.file(path.join(folder, 'root-ca.pem')).toString()),
    );
    try {
      const result = written(await run('meshMtls.createDevCa', { name: 'Default Folder CA', overwrite: false }));
      assert.deepEqual(result.files, { rootCert: path.join(folder, 'root-ca.pem'), rootKey: path.join(folder, 'root-ca-key.pem') });
      await listed;
      const item = (await api.certificatesView.items()).find((i) => i.label === 'Default Folder CA');
      assert.match(String(item?.description), /^expires in 1[12] months$/);
      // Deeper new folders too, which the file watcher may not have started watching when the files land.
      const deep = workspaceUri('.mesh-mtls/team/dev/deep-ca').fsPath;
      const deepListed = eventWhen(api.certificatesView.onDidRefresh, (list) =>
        list.some((entry) => entry.uri === vscode.Uri.file(path.join(deep, 'root-ca.pem')).toString()),
      );
      written(await run('meshMtls.createDevCa', { name: 'Deep CA', out: deep, overwrite: false }));
      await deepListed;
    } finally {
      rmSync(workspaceUri('.mesh-mtls').fsPath, { recursive: true, force: true });
      // The watcher that missed the new folder misses its removal too: Refresh reads the workspace again.
      const after = await vscode.commands.executeCommand<Array<{ uri: string }>>('meshMtls.refreshCertificates');
      assert.equal(
        after.some((entry) => entry.uri.includes('.mesh-mtls')),
        false,
      );
    }
  });

  it('issues an mTLS certificate under the intermediate, its service names expanded, that openssl verifies as server and client', async () => {
    leaf = written(
      await run('meshMtls.issueCertificate', {
        ca: caDir,
        profile: 'mtls',
        services: ['payments.shop'],
        dns: ['payments.shop.svc.cluster.local', 'api.shop'],
        ip: ['10.0.0.7'],
        overwrite: false,
      }),
    );
    const issued = path.join(caDir, 'issued');
    assert.deepEqual(leaf.files, {
      cert: path.join(issued, 'payments.pem'),
      key: path.join(issued, 'payments-key.pem'),
      chain: path.join(issued, 'payments-chain.pem'),
      ca: path.join(issued, 'root-ca.pem'),
    });
    assertVerifies(leaf.files, 'sslserver');
    assertVerifies(leaf.files, 'sslclient');
    assert.match(
      sanOf(leaf.files.cert),
      /DNS:payments, DNS:payments\.shop, DNS:payments\.shop\.svc, DNS:payments\.shop\.svc\.cluster\.local, DNS:api\.shop, IP Address:10\.0\.0\.7/,
    );
    // The chain is what a server sends: the leaf, then the intermediate.
    assert.equal(readFileSync(leaf.files.chain, 'utf8'), readFileSync(leaf.files.cert, 'utf8') + readFileSync(path.join(caDir, 'intermediate-ca.pem'), 'utf8'));
    assert.equal(readFileSync(leaf.files.ca, 'utf8'), readFileSync(path.join(caDir, 'root-ca.pem'), 'utf8'));
    assert.equal(modeOf(leaf.files.key), 0o600);
    assert.equal(modeOf(issued), 0o700);
    assert.ok(gitignored(issued).includes('payments-key.pem'));
    // Test Handshake needs meshMtls.openHandshakeTest (issue 6), which this build does not have.
    assert.deepEqual(
      leaf.actions,
      (await vscode.commands.getCommands(true)).includes('meshMtls.openHandshakeTest') ? ['Open', 'Decode', 'Test Handshake'] : ['Open', 'Decode'],
    );
  });

  it('refuses a second run that would overwrite without leave, changing nothing; replaces the files when told to', async () => {
    const issued = path.dirname(leaf.files.cert);
    const before = snapshot(issued);
    const oldKey = readFileSync(leaf.files.key, 'utf8');
    const again = { ca: caDir, profile: 'mtls', services: ['payments.shop'], dns: ['payments.shop.svc.cluster.local', 'api.shop'], ip: ['10.0.0.7'] };
    const refused = await run('meshMtls.issueCertificate', { ...again, overwrite: false });
    // root-ca.pem holds the same root: only the new leaf, key and chain would differ.
    assert.deepEqual(refused, {
      refused: `payments.pem, payments-key.pem, payments-chain.pem exist in ${SCRATCH}/shop-ca/issued with other content; nothing was written`,
    });
    assert.equal(snapshot(issued), before);
    const replaced = written(await run('meshMtls.issueCertificate', { ...again, overwrite: true }));
    assert.notEqual(readFileSync(replaced.files.key, 'utf8'), oldKey);
    assertVerifies(replaced.files, 'sslserver');
    assert.equal(modeOf(replaced.files.key), 0o600);
  });

  it('issues a 24-hour SPIFFE workload certificate whose only URI SAN is the workload ID', async () => {
    const result = written(
      await run('meshMtls.issueCertificate', {
        ca: caDir,
        profile: 'spiffe',
        namespace: 'shop',
        serviceAccount: 'orders',
        out: path.join(scratch, 'spiffe'),
        overwrite: false,
      }),
    );
    assert.equal(path.basename(result.files.cert), 'orders.pem');
    // The trust domain comes from the CA's URI name constraint.
    assert.match(sanOf(result.files.cert), /^\s*URI:spiffe:\/\/cluster\.local\/ns\/shop\/sa\/orders\s*$/m);
    const certificate = new X509Certificate(readFileSync(result.files.cert));
    assert.equal(Date.parse(certificate.validTo) - Date.parse(certificate.validFrom), 24 * 3_600_000 + 5 * 60_000);
    assertVerifies(result.files, 'sslclient');
    assertVerifies(result.files, 'sslserver');
  });

  it('refuses a bad DNS name with the reason a typed one gets, and writes nothing', async () => {
    const out = path.join(scratch, 'refused');
    const outcome = await run('meshMtls.issueCertificate', { ca: caDir, profile: 'server', dns: ['payments..shop'], out, overwrite: false });
    assert.deepEqual(outcome, { refused: 'DNS name "payments..shop": it has an empty label ("..")' });
    const badService = await run('meshMtls.issueCertificate', { ca: caDir, profile: 'server', services: ['Payments.shop'], out, overwrite: false });
    assert.deepEqual(badService, {
      refused: 'Service "Payments.shop": the service name "Payments" must be lower-case letters, digits and "-", starting and ending with a letter or digit',
    });
    const noName = await run('meshMtls.issueCertificate', { ca: caDir, profile: 'server', out, overwrite: false });
    assert.deepEqual(noName, { refused: 'a server certificate needs at least one DNS name or IP address for peers to check' });
    // Values of the wrong kind, and options the command does not have, are refused as well.
    assert.deepEqual(await run('meshMtls.issueCertificate', { ca: caDir, dns: ['api.shop'], keyType: 'rsa-1024', out }), {
      refused: 'Key type: "rsa-1024" is none of "ecdsa-p256", "ecdsa-p384", "rsa-2048", "rsa-3072", "rsa-4096", "ed25519"',
    });
    assert.deepEqual(await run('meshMtls.issueCertificate', { ca: caDir, dns: 'api.shop', out }), {
      refused: 'DNS names: "api.shop" is not a value this step takes',
    });
    const misspelt = await run('meshMtls.issueCertificate', { ca: caDir, dnsNames: ['api.shop'], out });
    assert.ok(
      misspelt && 'refused' in misspelt && misspelt.refused.startsWith('"dnsNames" is no option of this command (it takes ca, profile, '),
      JSON.stringify(misspelt),
    );
    assert.deepEqual(await vscode.commands.executeCommand('meshMtls.issueCertificate', 'api.shop'), {
      refused: 'the command takes one options object naming the answers',
    });
    assert.equal(existsSync(out), false);
  });

  it('issues inside the DNS name constraints of a CA, and refuses a name outside them, saying which and writing nothing', async () => {
    const constrained = path.join(scratch, 'constrained-ca');
    written(
      await run('meshMtls.createDevCa', {
        name: 'Constrained CA',
        permittedDns: ['shop.svc.cluster.local', '.example.com'],
        out: constrained,
        overwrite: false,
      }),
    );
    const text = execFileSync('openssl', ['x509', '-in', path.join(constrained, 'root-ca.pem'), '-noout', '-text'], { encoding: 'utf8' });
    assert.match(text, /Permitted:\s+DNS:shop\.svc\.cluster\.local\s+DNS:\.example\.com\s/);
    const inside = written(
      await run('meshMtls.issueCertificate', {
        ca: constrained,
        profile: 'server',
        dns: ['payments.shop.svc.cluster.local', 'api.example.com'],
        overwrite: false,
      }),
    );
    assertVerifies(inside.files, 'sslserver');
    const out = path.join(scratch, 'outside');
    const outcome = await run('meshMtls.issueCertificate', { ca: constrained, profile: 'server', dns: ['payments.example.org'], out, overwrite: false });
    assert.deepEqual(outcome, { refused: 'payments.example.org is outside what Constrained CA may certify (DNS:shop.svc.cluster.local, DNS:.example.com)' });
    assert.equal(existsSync(out), false);
  });

  it('writes nothing when the minting is cancelled', async () => {
    const out = path.join(scratch, 'cancelled');
    const controller = new AbortController();
    controller.abort();
    assert.equal(await run('meshMtls.createDevCa', { name: 'Cancelled CA', keyType: 'rsa-2048', out, signal: controller.signal }), undefined);
    assert.equal(await run('meshMtls.issueCertificate', { ca: caDir, dns: ['cancelled.shop'], out, signal: controller.signal }), undefined);
    assert.equal(existsSync(out), false);
  });

  it('finds the CAs of the workspace, Create Dev CA folders and CA files beside their keys, but not the folders of issued certificates', async () => {
    const loose = path.join(scratch, 'loose');
    mkdirSync(loose, { recursive: true });
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-384',
        '-nodes',
        '-subj',
        '/CN=Loose Test CA',
        '-addext',
        'basicConstraints=critical,CA:TRUE',
        '-addext',
        'keyUsage=critical,keyCertSign,cRLSign',
        '-days',
        '30',
        '-keyout',
        path.join(loose, 'ca-key.pem'),
        '-out',
        path.join(loose, 'ca.pem'),
      ],
      { stdio: 'ignore' },
    );
    // A leaf and its key beside it are no CA.
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-subj',
        '/CN=leaf.shop',
        '-addext',
        'basicConstraints=critical,CA:FALSE',
        '-days',
        '30',
        '-keyout',
        path.join(loose, 'leaf-key.pem'),
        '-out',
        path.join(loose, 'leaf.pem'),
      ],
      { stdio: 'ignore' },
    );
    const found = (await findWorkspaceCas()).filter((ca) => ca.location.startsWith(scratch));
    assert.deepEqual(
      found.map((ca) => [path.relative(scratch, ca.location), ca.root.name, ca.intermediate?.name, ca.root.details.publicKey.description]),
      [
        ['constrained-ca', 'Constrained CA', undefined, 'ECDSA P-256'],
        ['loose/ca.pem', 'Loose Test CA', undefined, 'ECDSA P-384'],
        ['shop-ca', 'Shop Dev CA', 'Shop Dev CA Intermediate', 'ECDSA P-256'],
      ],
    );
    const result = written(
      await run('meshMtls.issueCertificate', {
        ca: path.join(loose, 'ca.pem'),
        profile: 'server',
        dns: ['web.loose.test'],
        keyType: 'rsa-2048',
        lifetime: 7,
        overwrite: false,
      }),
    );
    assert.equal(path.dirname(result.files.cert), path.join(loose, 'issued'));
    assertVerifies(result.files, 'sslserver');
    assert.notEqual(openssl(['verify', '-CAfile', result.files.ca, '-untrusted', result.files.chain, '-purpose', 'sslclient', result.files.cert]).status, 0);
  });

  it('exports the CA for Istio’s plug-in CA: the intermediate signs, the chain runs to the root, the cacerts Secret carries all four', async () => {
    const out = path.join(scratch, 'istio');
    const result = written(await run('meshMtls.exportIstioPluginCa', { ca: caDir, out, overwrite: false }));
    assert.deepEqual(Object.keys(result.files).sort(), ['ca-cert.pem', 'ca-key.pem', 'cacerts-secret.yaml', 'cert-chain.pem', 'root-cert.pem']);
    assert.equal(readFileSync(result.files['ca-cert.pem'], 'utf8'), readFileSync(path.join(caDir, 'intermediate-ca.pem'), 'utf8'));
    const verified = openssl(['verify', '-CAfile', result.files['root-cert.pem'], '-untrusted', result.files['cert-chain.pem'], result.files['ca-cert.pem']]);
    assert.equal(verified.status, 0, verified.output);
    assert.equal(modeOf(result.files['ca-key.pem']), 0o600);
    assert.equal(modeOf(result.files['cacerts-secret.yaml']), 0o600);
    const [secret] = parseAllDocuments(readFileSync(result.files['cacerts-secret.yaml'], 'utf8')).map((d) => d.toJSON());
    assert.deepEqual(secret.metadata, { name: 'cacerts', namespace: 'istio-system' });
    assert.equal(secretData(secret)['ca-key.pem'], readFileSync(result.files['ca-key.pem'], 'utf8'));
    assert.ok(gitignored(out).includes('ca-key.pem') && gitignored(out).includes('cacerts-secret.yaml'));
  });

  it('refuses an Ed25519 CA for Istio and Linkerd with the reason, writing nothing', async () => {
    written(await run('meshMtls.createDevCa', { name: 'Plain CA', keyType: 'ed25519', out: plainCaDir, overwrite: false }));
    const out = path.join(scratch, 'not-for-meshes');
    assert.deepEqual(await run('meshMtls.exportIstioPluginCa', { ca: plainCaDir, out }), {
      refused: "Istio's CA signs with RSA or ECDSA keys, not Ed25519: create the CA with an ECDSA or RSA key",
    });
    assert.deepEqual(await run('meshMtls.exportLinkerdIdentity', { ca: plainCaDir, out }), {
      refused: 'its root has an Ed25519 key, and Linkerd takes ECDSA P-256 trust anchors only',
    });
    assert.equal(existsSync(out), false);
  });

  it('exports the CA for Linkerd’s identity: the P-256 intermediate as issuer under the root as trust anchor, and Helm values', async () => {
    const out = path.join(scratch, 'linkerd');
    const result = written(await run('meshMtls.exportLinkerdIdentity', { ca: caDir, out, overwrite: false }));
    assert.deepEqual(Object.keys(result.files).sort(), ['ca.crt', 'issuer.crt', 'issuer.key', 'linkerd-identity-values.yaml']);
    assert.deepEqual(result.notes, []);
    const verified = openssl(['verify', '-CAfile', result.files['ca.crt'], result.files['issuer.crt']]);
    assert.equal(verified.status, 0, verified.output);
    assert.equal(modeOf(result.files['issuer.key']), 0o600);
    const values = parseAllDocuments(readFileSync(result.files['linkerd-identity-values.yaml'], 'utf8'))[0].toJSON();
    assert.equal(values.identityTrustAnchorsPEM, readFileSync(result.files['ca.crt'], 'utf8'));
    assert.equal(values.identity.issuer.tls.crtPEM, readFileSync(result.files['issuer.crt'], 'utf8'));
    // A root-only CA gets an issuer minted under its root, and the notification says so.
    const rootOnly = path.join(scratch, 'root-only-ca');
    written(await run('meshMtls.createDevCa', { name: 'Root Only CA', out: rootOnly, overwrite: false }));
    const minted = written(await run('meshMtls.exportLinkerdIdentity', { ca: rootOnly, out: path.join(scratch, 'linkerd-minted'), overwrite: false }));
    assert.deepEqual(minted.notes, ['The CA has no ECDSA P-256 intermediate, so an issuer for Linkerd was minted under its root.']);
    const mintedVerified = openssl(['verify', '-CAfile', minted.files['ca.crt'], minted.files['issuer.crt']]);
    assert.equal(mintedVerified.status, 0, mintedVerified.output);
    assert.match(
      execFileSync('openssl', ['x509', '-in', minted.files['issuer.crt'], '-noout', '-subject'], { encoding: 'utf8' }),
      /CN ?= ?identity\.linkerd\.cluster\.local/,
    );
    // DNS name constraints that leave out Linkerd's proxy names would break every proxy.
    assert.deepEqual(await run('meshMtls.exportLinkerdIdentity', { ca: path.join(scratch, 'constrained-ca'), out: path.join(scratch, 'linkerd-refused') }), {
      refused:
        'Linkerd names its proxies under identity.linkerd.cluster.local, and that is outside what Constrained CA may certify (DNS:shop.svc.cluster.local, DNS:.example.com)',
    });
    assert.equal(existsSync(path.join(scratch, 'linkerd-refused')), false);
  });

  it('exports an issued certificate as a kubernetes.io/tls Secret with its chain, key and root', async () => {
    const result = written(await run('meshMtls.exportTlsSecret', { certificate: leaf.files.cert, namespace: 'shop', overwrite: false }));
    assert.deepEqual(result.files, { 'payments-secret.yaml': path.join(path.dirname(leaf.files.cert), 'payments-secret.yaml') });
    const [secret] = parseAllDocuments(readFileSync(result.files['payments-secret.yaml'], 'utf8')).map((d) => d.toJSON());
    assert.equal(secret.type, 'kubernetes.io/tls');
    assert.deepEqual(secret.metadata, { name: 'payments', namespace: 'shop' });
    assert.deepEqual(secretData(secret), {
      'tls.crt': readFileSync(leaf.files.chain, 'utf8'),
      'tls.key': readFileSync(leaf.files.key, 'utf8'),
      'ca.crt': readFileSync(leaf.files.ca, 'utf8'),
    });
    assert.equal(modeOf(result.files['payments-secret.yaml']), 0o600);
    const badName = await run('meshMtls.exportTlsSecret', { certificate: leaf.files.cert, secretName: 'Payments_TLS' });
    assert.deepEqual(badName, {
      refused: 'the Secret name "Payments_TLS" must be lower-case letters, digits and "-", starting and ending with a letter or digit',
    });
  });

  it('exports the CA as a cert-manager CA Issuer: its Secret with the intermediate and the root, and the Issuer naming it', async () => {
    const out = path.join(scratch, 'cert-manager');
    const result = written(await run('meshMtls.exportCertManagerIssuer', { ca: caDir, issuerName: 'shop-ca', namespace: 'shop', out, overwrite: false }));
    const [secret, issuer] = parseAllDocuments(readFileSync(result.files['shop-ca-issuer.yaml'], 'utf8')).map((d) => d.toJSON());
    assert.deepEqual(secret.metadata, { name: 'shop-ca-ca', namespace: 'shop' });
    assert.equal(
      secretData(secret)['tls.crt'],
      readFileSync(path.join(caDir, 'intermediate-ca.pem'), 'utf8') + readFileSync(path.join(caDir, 'root-ca.pem'), 'utf8'),
    );
    assert.equal(secretData(secret)['tls.key'], readFileSync(path.join(caDir, 'intermediate-ca-key.pem'), 'utf8'));
    assert.deepEqual(issuer, {
      apiVersion: 'cert-manager.io/v1',
      kind: 'Issuer',
      metadata: { name: 'shop-ca', namespace: 'shop' },
      spec: { ca: { secretName: 'shop-ca-ca' } },
    });
    assert.equal(modeOf(result.files['shop-ca-issuer.yaml']), 0o600);
  });
});
