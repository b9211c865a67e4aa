import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MeshMtlsApi } from '../../client/src/api';
import type { VerifyChainResult } from '../../client/src/commands/verifyChain';
import type { CertificateViewModel } from '../../common/src/webview/certificateMessages';
import { openssl509 } from '../support/certificates';
import { codeOf, diagnosticsWhen, eventWhen, meshMtlsApi, tabWhen, workspaceUri } from './support';

/** The label of a tree item, whichever form it took. */
function labelOf(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

function iconOf(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}

/** Runs a lens's command as a click would. */
async function click(lens: vscode.CodeLens): Promise<unknown> {
  assert.ok(lens.command, 'the lens has a command');
  return vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
}

/** An Opaque Secret holding the example chain (leaf, intermediate) in tls.crt and its root in ca.crt, base64 as kubectl writes them. */
function paymentsSecret(): string {
  const base64Of = (relative: string) => Buffer.from(readFileSync(workspaceUri(relative).fsPath)).toString('base64');
  return [
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: payments-tls',
    '  namespace: shop',
    'type: Opaque',
    '# tls.crt holds the chain; ca.crt the root that signed it.',
    'data:',
    `  tls.crt: ${base64Of('certs/payments-chain.pem')}`,
    `  ca.crt: ${base64Of('certs/shop-root-ca.pem')}`,
    '',
  ].join('\n');
}

describe('Certificates in a real VS Code', () => {
  let api: MeshMtlsApi;

  before(async () => {
    api = await meshMtlsApi();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('decodes the certificate under the cursor of a bundle and draws it in the view', async () => {
    const uri = workspaceUri('certs/payments-chain.pem');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const secondBlock = editor.document
      .getText()
      .split('\n')
      .findIndex((line, i) => i > 0 && line.startsWith('-----BEGIN CERTIFICATE-----'));
    editor.selection = new vscode.Selection(secondBlock + 3, 0, secondBlock + 3, 0);
    const rendered = eventWhen(api.onDidRenderDecodedView, (r) => r.documentUri === uri.toString());
    const model = await vscode.commands.executeCommand<CertificateViewModel>('meshMtls.decodeCertificate');
    assert.equal(model.objects.length, 2);
    assert.equal(model.selected, 1);
    const view = await rendered;
    assert.equal(view.title, 'Shop Intermediate CA');
    assert.equal(view.index, 1);
  });

  it('opens the decoded view of a closed file from the explorer, with the subject openssl reads', async () => {
    const uri = workspaceUri('certs/frontend.crt');
    const rendered = eventWhen(api.onDidRenderDecodedView, (r) => r.documentUri === uri.toString());
    const opened = tabWhen((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('meshMtls.certificate'));
    await vscode.commands.executeCommand('meshMtls.decodeCertificate', uri);
    const subject = openssl509(readFileSync(uri.fsPath, 'utf8'), ['-subject', '-nameopt', 'multiline']);
    const commonName = /commonName\s*=\s*(.+)/.exec(subject)![1].trim();
    assert.equal((await rendered).title, commonName);
    assert.equal((await opened).label, `Decoded: ${commonName}`);
  });

  it('opens a binary DER certificate in the decoded view instead of the text editor', async () => {
    const uri = workspaceUri('certs/shop-root-ca.der');
    const rendered = eventWhen(api.onDidRenderDecodedView, (r) => r.documentUri === uri.toString());
    await vscode.commands.executeCommand('vscode.open', uri);
    const tab = await tabWhen((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.toString() === uri.toString());
    assert.equal((tab.input as vscode.TabInputCustom).viewType, 'meshMtls.derCertificate');
    assert.equal((await rendered).title, 'Shop Root CA');
  });

  it('copies the SHA-256 fingerprint openssl prints to the clipboard', async () => {
    const uri = workspaceUri('certs/legacy-expired.crt');
    const copied = await vscode.commands.executeCommand<string>('meshMtls.copyFingerprint', uri, 0, 'sha256');
    const expected = /Fingerprint=(.+)/.exec(openssl509(readFileSync(uri.fsPath, 'utf8'), ['-fingerprint', '-sha256']))![1].trim();
    assert.equal(copied, expected);
    assert.equal(await vscode.env.clipboard.readText(), expected);
  });

  it('verifies the example bundle against its root CA, naming the path', async () => {
    const result = await vscode.commands.executeCommand<VerifyChainResult>(
      'meshMtls.verifyChain',
      workspaceUri('certs/payments-chain.pem'),
      0,
      workspaceUri('certs/shop-root-ca.pem'),
    );
    assert.equal(result.verdict.ok, true);
    assert.equal(
      result.message,
      'Chain verified: spiffe://cluster.local/ns/shop/sa/payments → Shop Intermediate CA → Shop Root CA (trusting certs/shop-root-ca.pem).',
    );
  });

  it('says where the bundle breaks against the wrong CA, at the depth openssl verify reports', async () => {
    const bundle = workspaceUri('certs/payments-chain.pem');
    const wrong = workspaceUri('certs/frontend.crt');
    const result = await vscode.commands.executeCommand<VerifyChainResult>('meshMtls.verifyChain', bundle, wrong);
    assert.equal(result.verdict.ok, false);
    const openssl = spawnSync('openssl', ['verify', '-CAfile', wrong.fsPath, '-untrusted', bundle.fsPath, bundle.fsPath], { encoding: 'utf8' });
    const depth = Number(/error \d+ at (\d+) depth lookup/.exec(`${openssl.stdout}${openssl.stderr}`)?.[1]);
    assert.equal(result.verdict.failure?.index, depth);
    assert.equal(
      result.message,
      'Chain does not verify: at certificate 2 of the path, Shop Intermediate CA, its issuer is neither in the file nor among the trusted certificates (trusting certs/frontend.crt).',
    );
  });

  it('lists every example certificate in the Certificates view, soonest expiry first, with badges', async () => {
    const items = await api.certificatesView.items();
    assert.deepEqual(items.map(labelOf), [
      'legacy-billing.internal',
      'checkout.shop.svc',
      'cart.shop.svc',
      'spiffe://cluster.local/ns/shop/sa/payments',
      'Shop Intermediate CA',
      'frontend.shop.svc',
      'Shop Root CA',
      'Shop Root CA',
    ]);
    assert.match(String(items[0].description), /^expired \d+ (days|months|years) ago$/);
    assert.equal(items[1].description, 'expires in 23 days');
    assert.match(String(items[1].tooltip), /File: certs\/expiring-soon\.pem:1/);
    // The Secret's certificate is listed with the value it sits in.
    assert.equal(items[2].description, 'expires in 60 days · tls.crt of Secret shop/cart-tls');
    assert.match(String(items[2].tooltip), /File: workloads\/cart-tls-secret\.yaml:9/);
    assert.deepEqual(items.map(iconOf), ['error', 'warning', 'verified', 'verified', 'verified', 'verified', 'verified', 'verified']);
    assert.deepEqual(
      items.slice(6).map((i) => /File: (.+)/.exec(String(i.tooltip))?.[1]),
      ['certs/shop-root-ca.der', 'certs/shop-root-ca.pem:1'],
    );
    assert.equal(api.certificatesView.badge()?.value, 2);
    assert.deepEqual(items[1].command?.arguments?.map(String), [workspaceUri('certs/expiring-soon.pem').toString(), '0', '0']);
  });

  it('follows a new certificate file into the Certificates view, and its removal', async () => {
    const uri = workspaceUri('certs/added-later.pem');
    const added = eventWhen(api.certificatesView.onDidRefresh, (list) => list.some((entry) => entry.uri === uri.toString()));
    await vscode.workspace.fs.copy(workspaceUri('certs/frontend.crt'), uri);
    await added;
    const removed = eventWhen(api.certificatesView.onDidRefresh, (list) => !list.some((entry) => entry.uri === uri.toString()));
    await vscode.workspace.fs.delete(uri);
    await removed;
    assert.equal((await api.certificatesView.items()).length, 8);
  });

  it('lists each certificate of a new Secret, and an item opens its own certificate though two share a value', async () => {
    const uri = workspaceUri('workloads/payments-tls.yaml');
    const added = eventWhen(api.certificatesView.onDidRefresh, (list) => list.filter((entry) => entry.uri === uri.toString()).length === 3);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(paymentsSecret()));
    try {
      await added;
      const items = (await api.certificatesView.items()).filter((item) => String(item.command?.arguments?.[0]) === uri.toString());
      const described = items.map((item) => [labelOf(item), String(item.description).replace(/^.* · /, ''), item.command?.arguments?.slice(1)]);
      assert.deepEqual(described, [
        ['spiffe://cluster.local/ns/shop/sa/payments', 'block 1 of tls.crt of Secret shop/payments-tls', [8, 0]],
        ['Shop Intermediate CA', 'block 2 of tls.crt of Secret shop/payments-tls', [8, 1]],
        ['Shop Root CA', 'ca.crt of Secret shop/payments-tls', [9, 2]],
      ]);
      const rendered = eventWhen(api.onDidRenderDecodedView, (r) => r.documentUri === uri.toString());
      const model = await vscode.commands.executeCommand<CertificateViewModel>(items[1].command!.command, ...items[1].command!.arguments!);
      assert.equal(model.selected, 1);
      assert.equal((await rendered).title, 'Shop Intermediate CA');
    } finally {
      const removed = eventWhen(api.certificatesView.onDidRefresh, (list) => !list.some((entry) => entry.uri === uri.toString()));
      await vscode.workspace.fs.delete(uri);
      await removed;
    }
  });

  it('verifies the chain in a Secret against its own ca.crt, and says where it breaks against another CA', async () => {
    const uri = workspaceUri('workloads/payments-tls.yaml');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(paymentsSecret()));
    try {
      const verified = await vscode.commands.executeCommand<VerifyChainResult>('meshMtls.verifyChain', uri, 8, 0, uri);
      assert.equal(verified.verdict.ok, true);
      assert.equal(
        verified.message,
        'Chain verified: spiffe://cluster.local/ns/shop/sa/payments → Shop Intermediate CA → Shop Root CA (trusting ca.crt of Secret shop/payments-tls in workloads/payments-tls.yaml).',
      );
      // Against another CA the Secret's root is one more untrusted certificate: openssl, given the
      // Secret's certificates the same way, fails at the same depth.
      const wrong = workspaceUri('certs/frontend.crt');
      const broken = await vscode.commands.executeCommand<VerifyChainResult>('meshMtls.verifyChain', uri, 8, 0, wrong);
      const untrusted = path.join(os.tmpdir(), `mm-untrusted-${process.pid}.pem`);
      writeFileSync(
        untrusted,
        readFileSync(workspaceUri('certs/payments-chain.pem').fsPath, 'utf8') + readFileSync(workspaceUri('certs/shop-root-ca.pem').fsPath, 'utf8'),
      );
      const openssl = spawnSync('openssl', ['verify', '-CAfile', wrong.fsPath, '-untrusted', untrusted, workspaceUri('certs/payments-chain.pem').fsPath], {
        encoding: 'utf8',
      });
      rmSync(untrusted);
      assert.notEqual(openssl.status, 0);
      assert.equal(broken.verdict.ok, false);
      assert.equal(broken.verdict.failure?.index, Number(/error \d+ at (\d+) depth lookup/.exec(`${openssl.stdout}${openssl.stderr}`)?.[1]));
      assert.equal(
        broken.message,
        'Chain does not verify: at certificate 3 of the path, Shop Root CA, it is self-signed and not among the trusted certificates (trusting certs/frontend.crt).',
      );
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('puts a CodeLens on the certificate of a TLS Secret, and its click decodes that certificate', async () => {
    const uri = workspaceUri('workloads/cart-tls-secret.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const lenses = await lensesOf(uri);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    const certificateLens = lenses.find((lens) => /cart\.shop\.svc/.test(lens.command?.title ?? ''));
    assert.ok(certificateLens, titles.join(' | '));
    assert.match(certificateLens.command!.title, /^cart\.shop\.svc · ECDSA P-256 · expires in 60 days/);
    assert.equal(document.lineAt(certificateLens.range.start.line).text.trimStart().startsWith('tls.crt:'), true);
    const rendered = eventWhen(api.onDidRenderDecodedView, (r) => r.documentUri === uri.toString());
    const model = (await click(certificateLens)) as CertificateViewModel;
    assert.equal(model.objects[model.selected].decoded.kind, 'certificate');
    assert.equal((await rendered).title, 'cart.shop.svc');
  });

  it('flags a key file beside a certificate that does not match it, and clears it once the right key is saved', async () => {
    const folder = workspaceUri('certs/pair');
    const cert = vscode.Uri.joinPath(folder, 'cert.pem');
    const key = vscode.Uri.joinPath(folder, 'key.pem');
    const rightKey = vscode.Uri.joinPath(folder, 'right.key.tmp');
    await vscode.workspace.fs.createDirectory(folder);
    try {
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
          '/CN=pair.shop.svc',
          '-addext',
          'subjectAltName=DNS:pair.shop.svc',
          '-days',
          '30',
          '-keyout',
          rightKey.fsPath,
          '-out',
          cert.fsPath,
        ],
        { stdio: 'ignore' },
      );
      execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', key.fsPath], { stdio: 'ignore' });
      const mismatch = (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => codeOf(d) === 'key-mismatch');
      const flagged = diagnosticsWhen(cert, mismatch);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(cert));
      const [diagnostic] = (await flagged).filter((d) => codeOf(d) === 'key-mismatch');
      assert.match(diagnostic.message, /key\.pem/);
      // The fix happens on disk, outside the editor: the file watcher tells the server.
      const cleared = diagnosticsWhen(cert, (diagnostics) => !mismatch(diagnostics));
      await vscode.workspace.fs.writeFile(key, await vscode.workspace.fs.readFile(rightKey));
      await cleared;
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
  });

  it('finds PEM pasted into a plain text file by its BEGIN line', async () => {
    const uri = workspaceUri('notes-with-certificate.txt');
    const pem = readFileSync(workspaceUri('certs/frontend.crt').fsPath, 'utf8');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`Certificate the vendor sent us:\n\n${pem}\nThanks.\n`));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.languageId, 'plaintext');
      await vscode.window.showTextDocument(document);
      const lenses = await lensesOf(uri);
      assert.equal(lenses.length, 1, lenses.map((l) => l.command?.title).join(' | '));
      assert.match(lenses[0].command?.title ?? '', /^frontend\.shop\.svc · /);
      assert.equal(lenses[0].range.start.line, 2);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('describes private keys by type, size, curve and protection, and never shows key material', async () => {
    const plain = workspaceUri('certs/scratch-plain.key');
    const encrypted = workspaceUri('certs/scratch-encrypted.key');
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-384', '-out', plain.fsPath], { stdio: 'ignore' });
    execFileSync(
      'openssl',
      ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-aes-256-cbc', '-pass', 'pass:not-a-secret', '-out', encrypted.fsPath],
      { stdio: 'ignore' },
    );
    try {
      const plainModel = await vscode.commands.executeCommand<CertificateViewModel>('meshMtls.decodeCertificate', plain);
      const plainKey = plainModel.objects[0].decoded;
      assert.equal(plainKey.kind, 'privateKey');
      assert.equal(plainKey.kind === 'privateKey' && plainKey.encrypted, false);
      assert.equal(plainKey.kind === 'privateKey' && plainKey.publicKey?.curve, 'P-384');
      const encryptedModel = await vscode.commands.executeCommand<CertificateViewModel>('meshMtls.decodeCertificate', encrypted);
      const encryptedKey = encryptedModel.objects[0].decoded;
      assert.equal(encryptedKey.kind === 'privateKey' && encryptedKey.encrypted, true);
      for (const [uri, model] of [
        [plain, plainModel],
        [encrypted, encryptedModel],
      ] as const) {
        const body = readFileSync(uri.fsPath, 'utf8')
          .split('\n')
          .filter((line) => line && !line.startsWith('-----'))
          .join('');
        const shown = JSON.stringify(model);
        // No run of 16 characters of the key's base64 may reach the view.
        for (let i = 0; i + 16 <= body.length; i += 8) assert.equal(shown.includes(body.slice(i, i + 16)), false, `key material at ${i} reached the view`);
      }
    } finally {
      rmSync(plain.fsPath, { force: true });
      rmSync(encrypted.fsPath, { force: true });
    }
  });
});

describe('The pem grammar, tokenized by the TextMate engine of this VS Code', () => {
  // The workbench's token inspector is not reachable from an extension in the browser build, so
  // the test loads the same vscode-textmate and oniguruma that this VS Code ships and runs the
  // grammar file the extension contributes.
  interface Engine {
    tokenize(text: string): Array<{ content: string; scopes: string[] }>;
  }

  async function pemEngine(): Promise<Engine> {
    const fromVsCode = createRequire(path.join(vscode.env.appRoot, 'package.json'));
    const textmate = fromVsCode('vscode-textmate') as typeof import('./textmateTypes');
    const oniguruma = fromVsCode('vscode-oniguruma') as typeof import('./textmateTypes').oniguruma;
    const wasm = readFileSync(fromVsCode.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const extension = vscode.extensions.getExtension('mesh-mtls.mesh-mtls')!;
    const grammarPath = path.join(extension.extensionPath, 'syntaxes', 'pem.tmLanguage.json');
    const registry = new textmate.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p),
        createOnigString: (t: string) => new oniguruma.OnigString(t),
      }),
      loadGrammar: async (scope: string) => (scope === 'source.pem' ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath) : null),
    });
    const grammar = await registry.loadGrammar('source.pem');
    if (!grammar) throw new Error('the pem grammar did not load');
    return {
      tokenize(text) {
        let state = textmate.INITIAL;
        return text.split('\n').flatMap((line) => {
          const result = grammar.tokenizeLine(line, state);
          state = result.ruleStack;
          return result.tokens.map((token) => ({ content: line.slice(token.startIndex, token.endIndex), scopes: token.scopes }));
        });
      },
    };
  }

  it('colours labels, headers and base64, and marks stray characters in a body invalid', async () => {
    const text = [
      'openssl says: subject=CN=x',
      '-----BEGIN RSA PRIVATE KEY-----',
      'Proc-Type: 4,ENCRYPTED',
      'DEK-Info: AES-256-CBC,00FF',
      '',
      'MIIBOgIBAAJBAK$x=yz',
      'QUJD==',
      '-----END RSA PRIVATE KEY-----',
    ].join('\n');
    const tokens = (await pemEngine()).tokenize(text);
    const scopesOf = (content: string) => tokens.find((token) => token.content === content)?.scopes.join(' ') ?? `(no token "${content}")`;
    assert.match(scopesOf('openssl says: subject=CN=x'), /comment\.line\.explanatory-text\.pem/);
    assert.match(scopesOf('BEGIN'), /keyword\.control\.begin\.pem/);
    assert.match(scopesOf('RSA PRIVATE KEY'), /entity\.name\.type\.label\.pem/);
    assert.match(scopesOf('Proc-Type'), /meta\.block\.pem variable\.other\.header-name\.pem/);
    assert.match(scopesOf('AES-256-CBC,00FF'), /string\.unquoted\.header-value\.pem/);
    assert.match(scopesOf('MIIBOgIBAAJBAK'), /constant\.other\.base64\.pem/);
    assert.match(scopesOf('$'), /invalid\.illegal\.character\.pem/);
    assert.match(scopesOf('='), /invalid\.illegal\.character\.pem/);
    assert.match(scopesOf('QUJD=='), /constant\.other\.base64\.pem/);
    assert.match(scopesOf('END'), /keyword\.control\.end\.pem/);
  });

  it('opens every certificate file extension as pem', async () => {
    for (const extension of ['pem', 'crt', 'cer', 'cert', 'ca-bundle', 'csr', 'key']) {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `/language-check.${extension}` }));
      assert.equal(document.languageId, 'pem', extension);
    }
  });
});
