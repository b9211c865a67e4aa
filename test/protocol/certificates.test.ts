import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DocumentCertificatesRequest, type DocumentCertificates } from '../../common/src/protocol';
import { base64, lineCount, mintRootAndLeaf } from '../support/certificateDocuments';
import { certificateExpiringIn } from '../support/certificates';
import { LspProcess } from '../support/lspProcess';
import { DAY_MS, leafExtensions, type Minted, type TestPki } from '../support/pki';

interface Hover {
  contents: { kind: string; value: string };
  range?: { start: { line: number; character: number }; end: { line: number; character: number } };
}

const range = (line: number, from: number, to: number, endLine = line) => ({ start: { line, character: from }, end: { line: endLine, character: to } });

describe('certificates over LSP (stdio)', () => {
  let server: LspProcess;
  let pki: TestPki;
  let root: Minted;
  let leaf: Minted;
  let expired: Minted;
  let other: Minted;
  let dir: string;

  before(async function () {
    this.timeout(60_000);
    ({ pki, root, leaf } = mintRootAndLeaf({
      root: '/CN=Shop Root',
      leaf: '/CN=web.shop.svc',
      notBefore: new Date(Date.now() - DAY_MS),
      notAfter: new Date(Date.now() + 200 * DAY_MS),
    }));
    expired = pki.mint({
      subject: '/CN=old.shop.svc',
      issuer: root,
      extensions: leafExtensions('old.shop.svc'),
      notBefore: new Date(Date.now() - 90 * DAY_MS),
      notAfter: new Date(Date.now() - 3 * DAY_MS),
    });
    other = pki.mint({ subject: '/CN=other.shop.svc', issuer: root, extensions: leafExtensions('other.shop.svc') });
    dir = mkdtempSync(path.join(tmpdir(), 'mm-lsp-certs-'));
    server = new LspProcess();
    await server.initialize();
  });
  after(() => {
    server.kill();
    pki.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('publishes pem-syntax and expiry diagnostics for a PEM file, at their exact ranges, and follows edits', async () => {
    const uri = 'file:///work/bundle.pem';
    const lines = leaf.certificatePem.split('\n');
    const broken = [...lines.slice(0, 3), `${lines[3].slice(0, 7)}#${lines[3].slice(8)}`, ...lines.slice(4)].join('\n');
    const first = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'pem', broken + expired.certificatePem);
    const expiredLine = lineCount(leaf.certificatePem);
    assert.deepEqual(
      (await first).diagnostics.map((d) => [d.code, d.range, d.severity]),
      [
        ['pem-syntax', range(3, 7, 8), 1],
        ['certificate-expired', range(expiredLine, 0, 27), 1],
      ],
    );
    const second = server.nextDiagnostics(uri, 2);
    await server.change(uri, 2, leaf.certificatePem + root.certificatePem);
    assert.deepEqual((await second).diagnostics, []);
  });

  it('publishes key-mismatch for a Secret whose tls.key is not the key of tls.crt', async () => {
    const uri = 'file:///work/secret.yaml';
    const key = base64(other.keyPem);
    const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${base64(leaf.certificatePem)}\n  tls.key: ${key}\n`;
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'yaml', text);
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['key-mismatch', range(8, 11, 11 + key.length)]],
    );
    assert.match(diagnostics[0].message, /^tls\.key is not the key of the certificate in tls\.crt \("web\.shop\.svc", ECDSA P-256\)/);
  });

  it('returns CodeLenses on a Secret: one per object at its value, and the chain of a bundle value', async () => {
    const uri = 'file:///work/lens-secret.yaml';
    await server.open(
      uri,
      'yaml',
      `kind: Secret\nmetadata: {name: web-tls, namespace: shop}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${base64(leaf.certificatePem + root.certificatePem)}\n  tls.key: ${base64(leaf.keyPem)}\n`,
    );
    const lenses = await server.codeLens(uri);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]),
      [
        [4, 'Chain of 2, ends at root Shop Root, verified', 'meshMtls.decodeCertificate'],
        [4, 'web.shop.svc · ECDSA P-256 · valid for 7 months · issued by Shop Root', 'meshMtls.decodeCertificate'],
        [4, 'Shop Root · ECDSA P-256 · valid for 7 months · self-signed', 'meshMtls.decodeCertificate'],
        [5, 'Private key · ECDSA P-256', 'meshMtls.decodeCertificate'],
      ],
    );
  });

  it('answers hover on a PEM block with its summary and validity in UTC and the server’s local time', async () => {
    const uri = 'file:///work/hover.pem';
    await server.open(uri, 'pem', `# the web certificate\n${leaf.certificatePem}`);
    const hover = await server.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 10 } });
    assert.ok(hover);
    assert.match(hover.contents.value, /^\*\*web\.shop\.svc · ECDSA P-256 · valid for 7 months · issued by Shop Root\*\*/);
    assert.match(hover.contents.value, /\| Not after \| \d{4}-\d\d-\d\d \d\d:\d\d UTC \| \d{4}-\d\d-\d\d \d\d:\d\d \S+ \|/);
    assert.match(hover.contents.value, /Local time is the language server's time zone, /);
    assert.deepEqual(hover.range, range(1, 0, 25, lineCount(leaf.certificatePem)));
    assert.equal(await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } }), null);
  });

  it('answers documentCertificates for an open Secret and for a file not open in the editor', async () => {
    const uri = 'file:///work/answer.yaml';
    await server.open(
      uri,
      'yaml',
      `kind: Secret\nmetadata: {name: web-tls, namespace: shop}\nstringData:\n  tls.crt: |\n${leaf.certificatePem.replace(/^/gm, '    ').trimEnd()}\n  ca.crt: ${JSON.stringify(root.certificatePem)}\n`,
    );
    const answer = await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri } });
    assert.deepEqual(
      answer.objects.map((o) => [o.source, o.decoded.kind, o.range.start]),
      [
        ['tls.crt of Secret shop/web-tls', 'certificate', { line: 4, character: 4 }],
        ['ca.crt of Secret shop/web-tls', 'certificate', { line: 4 + lineCount(leaf.certificatePem), character: 10 }],
      ],
    );
    assert.equal(answer.objects[0].decoded.kind === 'certificate' && answer.objects[0].decoded.subjectCommonName, 'web.shop.svc');
    assert.equal(answer.chain?.verified, true);

    const file = path.join(dir, 'closed.crt');
    writeFileSync(file, expired.certificatePem);
    const closed = await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri: pathToFileURL(file).href } });
    assert.deepEqual(
      closed.objects.map((o) => [o.source, o.decoded.kind === 'certificate' && o.decoded.subjectCommonName]),
      [['block 1', 'old.shop.svc']],
    );
    assert.deepEqual(await server.request(DocumentCertificatesRequest, { textDocument: { uri: pathToFileURL(path.join(dir, 'missing.pem')).href } }), {
      groups: [],
      objects: [],
    });
  });

  it('reads a manifest that is not open from disk, with the DER of its certificates when asked', async () => {
    const file = path.join(dir, 'closed-secret.yaml');
    writeFileSync(
      file,
      `apiVersion: v1\nkind: Secret\nmetadata: {name: web-tls, namespace: shop}\ndata:\n  tls.crt: ${Buffer.from(leaf.certificatePem).toString('base64')}\n  ca.crt: ${Buffer.from(root.certificatePem).toString('base64')}\n`,
    );
    const uri = pathToFileURL(file).href;
    const withDer = await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri }, includeDer: true });
    assert.deepEqual(withDer.groups, [
      { name: 'tls.crt of Secret shop/web-tls', role: 'chain' },
      { name: 'ca.crt of Secret shop/web-tls', role: 'trust' },
    ]);
    assert.deepEqual(
      withDer.objects.map((o) => [o.source, o.group, o.range.start.line]),
      [
        ['tls.crt of Secret shop/web-tls', 0, 4],
        ['ca.crt of Secret shop/web-tls', 1, 5],
      ],
    );
    // The DER is the certificate's own bytes: openssl reads the same fingerprint from it.
    for (const object of withDer.objects) {
      const fingerprint = execFileSync('openssl', ['x509', '-inform', 'DER', '-noout', '-fingerprint', '-sha256'], {
        input: Buffer.from(object.der!, 'base64'),
        encoding: 'utf8',
      });
      assert.equal(fingerprint.trim().split('=')[1], object.decoded.kind === 'certificate' && object.decoded.fingerprints.sha256);
    }
    const without = await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri } });
    assert.equal(
      without.objects.some((o) => o.der !== undefined),
      false,
    );
  });

  it('reads certificates in a plaintext document that holds a BEGIN line', async () => {
    const uri = 'untitled:Untitled-1';
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'plaintext', `Pasted from the ticket:\n${expired.certificatePem}`);
    assert.deepEqual(
      (await published).diagnostics.map((d) => d.code),
      ['certificate-expired'],
    );
    assert.deepEqual(
      (await server.codeLens(uri)).map((l) => l.command?.title),
      ['old.shop.svc · ECDSA P-256 · expired 3 days ago · issued by Shop Root'],
    );
  });

  it('compares a certificate file with the key file beside it on disk', async () => {
    const folder = path.join(dir, 'pair');
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'key.pem'), other.keyPem, { mode: 0o600 });
    const uri = pathToFileURL(path.join(folder, 'cert.pem')).href;
    const published = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'pem', leaf.certificatePem);
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range]),
      [['key-mismatch', range(0, 0, 27)]],
    );
    assert.match(diagnostics[0].message, /^key\.pem beside this file is not the key of this certificate/);
  });

  it('checks the certificate again when the key file beside it changes on disk', async () => {
    const folder = path.join(dir, 'rotated');
    mkdirSync(folder);
    const keyFile = path.join(folder, 'tls.key');
    writeFileSync(keyFile, leaf.keyPem, { mode: 0o600 });
    const uri = pathToFileURL(path.join(folder, 'tls.crt')).href;
    const opened = server.nextDiagnostics(uri, 1);
    await server.open(uri, 'pem', leaf.certificatePem);
    assert.deepEqual((await opened).diagnostics, []);
    writeFileSync(keyFile, other.keyPem);
    const rechecked = server.nextDiagnostics(uri, 1);
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(keyFile).href, type: 2 }] });
    assert.deepEqual(
      (await rechecked).diagnostics.map((d) => d.code),
      ['key-mismatch'],
    );
  });

  it('notes an unencrypted private key in a folder git tracks, and none outside one', async () => {
    const repo = path.join(dir, 'repo');
    execFileSync('git', ['init', '-q', repo]);
    const tracked = pathToFileURL(path.join(repo, 'web.key')).href;
    const inRepo = server.nextDiagnostics(tracked, 1);
    await server.open(tracked, 'pem', leaf.keyPem);
    assert.deepEqual(
      (await inRepo).diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['private-key-unencrypted', 3, range(0, 0, 27)]],
    );
    const loose = pathToFileURL(path.join(dir, 'loose.key')).href;
    const outside = server.nextDiagnostics(loose, 1);
    await server.open(loose, 'pem', leaf.keyPem);
    assert.deepEqual((await outside).diagnostics, []);
    assert.equal(server.stderr, '');
  });

  it("reads a hostile repository's ignore rules without running its fsmonitor command", async () => {
    const repo = path.join(dir, 'hostile');
    const marker = path.join(dir, 'pwned');
    execFileSync('git', ['init', '-q', repo]);
    execFileSync('git', ['-C', repo, 'config', 'core.fsmonitor', `sh -c "touch ${marker}" #`]);
    writeFileSync(path.join(repo, '.gitignore'), 'ignored/\n');
    const secret = [
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: web-tls',
      'type: kubernetes.io/tls',
      'data:',
      `  tls.crt: ${base64(leaf.certificatePem)}`,
      `  tls.key: ${base64(leaf.keyPem)}`,
      '',
    ].join('\n');
    const committed = pathToFileURL(path.join(repo, 'secret.yaml')).href;
    const diagnostics = server.nextDiagnostics(committed, 1);
    await server.open(committed, 'yaml', secret);
    assert.deepEqual(
      (await diagnostics).diagnostics.map((d) => d.code),
      ['private-key-unencrypted'],
    );
    const ignored = pathToFileURL(path.join(repo, 'ignored', 'secret.yaml')).href;
    const quiet = server.nextDiagnostics(ignored, 1);
    await server.open(ignored, 'yaml', secret);
    assert.deepEqual((await quiet).diagnostics, []);
    assert.equal(existsSync(marker), false, 'the repository ran a command through the server');
  });
});

/** Certificates as an LSP editor other than VS Code sees them: diagnostics, lenses, hover and the custom request. */
describe('certificates over stdio', function () {
  this.timeout(20_000);
  let server: LspProcess;
  beforeEach(async () => {
    server = new LspProcess();
    await server.initialize();
  });
  afterEach(async () => {
    await server.shutdown();
  });

  const secret = (crt: string, key: string) =>
    `apiVersion: v1\nkind: Secret\nmetadata:\n  name: web-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${Buffer.from(crt).toString('base64')}\n  tls.key: ${Buffer.from(key).toString('base64')}\n`;

  it('publishes certificate diagnostics for a PEM file: an expired certificate and a broken block', async () => {
    const expired = await certificateExpiringIn(-3, 'old.shop.svc');
    const uri = 'file:///nowhere/old.pem';
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'pem', `${expired.certificatePem}-----BEGIN CERTIFICATE-----\nMIIB\n`);
    const { diagnostics } = await published;
    const lines = expired.certificatePem.trimEnd().split('\n').length;
    const found = diagnostics.map((d) => [d.code, d.range.start.line]).sort((x, y) => Number(x[1]) - Number(y[1]));
    assert.deepEqual(found, [
      ['certificate-expired', 0],
      ['pem-syntax', lines],
    ]);
  });

  it('checks a TLS Secret: a lens on tls.crt, and a key that does not belong to it', async () => {
    const a = await certificateExpiringIn(40, 'web.shop.svc');
    const b = await certificateExpiringIn(40, 'other.shop.svc');
    const uri = 'file:///nowhere/secret.yaml';
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'yaml', secret(a.certificatePem, b.privateKeyPem));
    const { diagnostics } = await published;
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.range.start.line]),
      [['key-mismatch', 8]],
    );
    const lenses = await server.codeLens(uri);
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [
        [7, 'web.shop.svc · ECDSA P-256 · expires in 40 days · self-signed'],
        [8, 'Private key · ECDSA P-256'],
      ],
    );
  });

  it('answers hover on a certificate block and the documentCertificates request', async () => {
    const cert = await certificateExpiringIn(40, 'web.shop.svc');
    const uri = 'file:///nowhere/web.crt';
    const published = server.nextDiagnostics(uri);
    await server.open(uri, 'pem', cert.certificatePem + cert.privateKeyPem);
    await published;
    const hover = await server.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 1 } });
    assert.match(hover.contents.value, /\| Not after \| .* UTC \| .* \|/);
    const answer = await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri } });
    assert.deepEqual(
      answer.objects.map((o) => [o.source, o.decoded.kind, o.range.start.line]),
      [
        ['block 1', 'certificate', 0],
        ['block 2', 'privateKey', cert.certificatePem.trimEnd().split('\n').length],
      ],
    );
    const [certificate] = answer.objects;
    assert.equal(certificate.decoded.kind === 'certificate' && certificate.decoded.subjectCommonName, 'web.shop.svc');
    assert.equal(answer.chain, undefined);
    assert.deepEqual(await server.request<DocumentCertificates>(DocumentCertificatesRequest, { textDocument: { uri: 'file:///not/open.pem' } }), {
      groups: [],
      objects: [],
    });
  });
});
