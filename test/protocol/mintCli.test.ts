import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ROOT } from '../rig/paths';

const cli = (...args: string[]) => spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { encoding: 'utf8' });
const json = (result: ReturnType<typeof cli>) => JSON.parse(result.stdout) as { files: Record<string, string> };
const openssl = (...args: string[]) => spawnSync('openssl', args, { encoding: 'utf8' });
const mode = (file: string) => statSync(file).mode & 0o777;

/** Neither stream may carry a line of any key written below `dir`. */
function assertNoKeyMaterial(result: ReturnType<typeof cli>, dir: string): void {
  const keys = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /key|issuer\.key/.test(f) && f.endsWith('.pem'));
  for (const key of keys) {
    for (const line of readFileSync(path.join(dir, key), 'utf8')
      .split('\n')
      .filter((l) => l.length > 20 && !l.startsWith('-----'))) {
      assert.equal(`${result.stdout}${result.stderr}`.includes(line), false, `a line of ${key} was printed`);
    }
  }
}

describe('mesh-mtls ca create, cert issue and export', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(tmpdir(), 'mm-mint-cli-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('ca create --intermediate --json: prints the four paths, keys 0600 in a 0700 folder, and openssl verifies the intermediate', () => {
    const out = path.join(dir, 'ca');
    const result = cli('ca', 'create', '--out', out, '--name', 'Shop Dev CA', '--intermediate', '--json');
    assert.equal(result.status, 0, result.stderr);
    const { files } = json(result);
    assert.deepEqual(Object.keys(files), ['rootCert', 'rootKey', 'intermediateCert', 'intermediateKey']);
    assert.deepEqual(
      Object.values(files),
      ['root-ca.pem', 'root-ca-key.pem', 'intermediate-ca.pem', 'intermediate-ca-key.pem'].map((f) => path.join(out, f)),
    );
    assert.equal(mode(out), 0o700);
    assert.equal(mode(files.rootKey), 0o600);
    assert.equal(mode(files.intermediateKey), 0o600);
    assert.equal(openssl('verify', '-CAfile', files.rootCert, files.intermediateCert).status, 0);
    assert.match(openssl('x509', '-in', files.rootCert, '-noout', '-subject').stdout, /CN ?= ?Shop Dev CA/);
    assertNoKeyMaterial(result, out);
  });

  for (const [profile, purposes, extra] of [
    ['server', ['sslserver'], ['--service', 'web.shop']],
    ['client', ['sslclient'], ['--cn', 'batch']],
    ['mtls', ['sslserver', 'sslclient'], ['--dns', 'cart.shop.svc', '--ip', '127.0.0.1']],
    ['spiffe', ['sslserver', 'sslclient'], ['--spiffe-id', 'spiffe://cluster.local/ns/shop/sa/pay']],
  ] as const) {
    it(`cert issue --profile ${profile}: the leaf is signed by the intermediate and passes openssl verify -purpose ${purposes.join(' and ')}`, () => {
      const out = path.join(dir, `leaf-${profile}`);
      const result = cli('cert', 'issue', '--ca', path.join(dir, 'ca'), '--out', out, '--profile', profile, ...extra, '--json');
      assert.equal(result.status, 0, result.stderr);
      const { files } = json(result);
      assert.deepEqual(Object.keys(files), ['cert', 'key', 'chain', 'ca']);
      assert.equal(mode(files.key), 0o600);
      for (const purpose of purposes) {
        const verified = openssl('verify', '-CAfile', files.ca, '-untrusted', files.chain, '-purpose', purpose, files.cert);
        assert.equal(verified.status, 0, verified.stdout + verified.stderr);
      }
      assert.match(openssl('x509', '-in', files.cert, '-noout', '-issuer').stdout, /Shop Dev CA Intermediate/);
      assertNoKeyMaterial(result, out);
    });
  }

  it('expands --service into the four names a Kubernetes service answers to, and names the files after the first', () => {
    const text = openssl('x509', '-in', path.join(dir, 'leaf-server', 'web.pem'), '-noout', '-ext', 'subjectAltName').stdout;
    assert.match(text, /DNS:web, DNS:web\.shop, DNS:web\.shop\.svc, DNS:web\.shop\.svc\.cluster\.local/);
  });

  it('exits 3 and changes nothing when the files exist with other content; --force replaces them', () => {
    const out = path.join(dir, 'leaf-mtls');
    const before = readFileSync(path.join(out, 'cart.shop.svc.pem'), 'utf8');
    const again = cli('cert', 'issue', '--ca', path.join(dir, 'ca'), '--out', out, '--dns', 'cart.shop.svc', '--ip', '127.0.0.1');
    assert.equal(again.status, 3);
    assert.equal(
      again.stderr,
      `mesh-mtls: ${out}: cart.shop.svc.pem, cart.shop.svc-key.pem and cart.shop.svc-chain.pem already exist with other content; nothing was written; pass --force to replace them\n`,
    );
    assert.equal(readFileSync(path.join(out, 'cart.shop.svc.pem'), 'utf8'), before);
    const forced = cli('cert', 'issue', '--ca', path.join(dir, 'ca'), '--out', out, '--dns', 'cart.shop.svc', '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.notEqual(readFileSync(path.join(out, 'cart.shop.svc.pem'), 'utf8'), before);
  });

  it('exits 1 with the reason on a name it cannot certify, and 2 on a wrong command line', () => {
    const bad = cli('cert', 'issue', '--ca', path.join(dir, 'ca'), '--out', path.join(dir, 'never'), '--dns', 'web_api.shop');
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr.trim(), 'mesh-mtls: DNS name "web_api.shop": the label "web_api" may hold only letters, digits and "-"');
    assert.equal(cli('cert', 'issue', '--ca', path.join(dir, 'nowhere'), '--out', path.join(dir, 'never'), '--dns', 'a.b').status, 1);
    const usage = cli('ca', 'create', '--out', path.join(dir, 'never'), '--key', 'rsa-1024');
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /--key must be one of ecdsa-p256, ecdsa-p384, rsa-2048, rsa-3072, rsa-4096, ed25519, not "rsa-1024"/);
    assert.equal(cli('cert', 'issue', '--ca', path.join(dir, 'ca')).status, 2);
    assert.throws(() => statSync(path.join(dir, 'never')));
  });

  it('export istio, linkerd and cert-manager from the CA folder, tls-secret from an issued certificate', () => {
    const ca = path.join(dir, 'ca');
    const istio = json(cli('export', 'istio', '--ca', ca, '--out', path.join(dir, 'istio'), '--json')).files;
    assert.deepEqual(Object.keys(istio), ['ca-cert.pem', 'ca-key.pem', 'root-cert.pem', 'cert-chain.pem', 'cacerts-secret.yaml']);
    assert.equal(openssl('verify', '-CAfile', istio['root-cert.pem'], '-untrusted', istio['cert-chain.pem'], istio['ca-cert.pem']).status, 0);
    assert.equal(mode(istio['cacerts-secret.yaml']), 0o600);
    const linkerd = json(cli('export', 'linkerd', '--ca', ca, '--out', path.join(dir, 'linkerd'), '--json')).files;
    assert.equal(openssl('verify', '-CAfile', linkerd['ca.crt'], linkerd['issuer.crt']).status, 0);
    const manager = cli('export', 'cert-manager', '--ca', ca, '--out', path.join(dir, 'cm'), '--name', 'shop-ca', '--namespace', 'shop');
    assert.equal(manager.status, 0, manager.stderr);
    const lint = cli('lint', path.join(dir, 'cm'), path.join(dir, 'istio'), path.join(dir, 'linkerd'));
    assert.equal(lint.status, 0, lint.stdout);
    const secret = cli(
      'export',
      'tls-secret',
      '--cert',
      path.join(dir, 'leaf-server', 'web.pem'),
      '--out',
      path.join(dir, 'k8s'),
      '--namespace',
      'shop',
      '--json',
    );
    assert.equal(secret.status, 0, secret.stderr);
    assert.deepEqual(Object.keys(json(secret).files), ['web-secret.yaml']);
    assert.match(readFileSync(path.join(dir, 'k8s', 'web-secret.yaml'), 'utf8'), /type: kubernetes\.io\/tls/);
    assert.equal(cli('lint', path.join(dir, 'k8s')).status, 0);
  });

  it('documents the minting commands and their exit codes in --help', () => {
    const help = cli('--help').stdout;
    assert.match(help, /mesh-mtls ca create --out DIR/);
    assert.match(help, /mesh-mtls cert issue --ca DIR --out DIR/);
    assert.match(help, /ca create, cert issue, export:\n(.*\n)* {2}3 {2}files exist with other content/);
  });
});
