import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { MeshMtlsApi } from '../../client/src/api';
import { codeOf, diagnosticsWhen, tabWhen, workspaceUri } from './support';

const EXTENSION_ID = 'mesh-mtls.mesh-mtls';

describe('Mesh mTLS in a real VS Code', () => {
  let extension: vscode.Extension<MeshMtlsApi>;
  let api: MeshMtlsApi;

  before(async () => {
    const found = vscode.extensions.getExtension<MeshMtlsApi>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in this extension host`);
    extension = found;
    api = await extension.activate();
  });

  it('activates, and its language server answers requests', async () => {
    assert.equal(extension.isActive, true);
    const status = await api.serverStatus();
    assert.equal(status.version, extension.packageJSON.version);
    assert.ok(status.kinds.includes('security.istio.io/v1/PeerAuthentication'), status.kinds.join(', '));
  });

  it('registers every command it contributes', async () => {
    const contributed: string[] = extension.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    assert.ok(contributed.length >= 3);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(
      contributed.filter((id) => !registered.has(id)),
      [],
    );
  });

  it('flags the invalid mtls mode of the example PeerAuthentication, on the value', async () => {
    const uri = workspaceUri('istio/peer-authentication-typo.yaml');
    const pending = diagnosticsWhen(uri, (d) => d.length > 0);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnostics = await pending;
    assert.equal(diagnostics.length, 1);
    const [problem] = diagnostics;
    assert.equal(codeOf(problem), 'enum-value');
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(problem.source, 'mesh-mtls');
    assert.equal(document.getText(problem.range), 'Strict');
    assert.match(problem.message, /Did you mean "STRICT"\?/);
  });

  it('reports nothing on a valid PeerAuthentication, and clears a mistake once it is fixed', async () => {
    const uri = workspaceUri('istio/peer-authentication.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('mode: STRICT'));
    assert.ok(line >= 0, 'the example sets mode: STRICT');
    const value = new vscode.Range(line, document.lineAt(line).text.indexOf('STRICT'), line, document.lineAt(line).text.length);

    const flagged = diagnosticsWhen(uri, (d) => d.length === 1);
    await editor.edit((edit) => edit.replace(value, 'MUTUAL'));
    assert.equal(codeOf((await flagged)[0]), 'enum-value');

    const cleared = diagnosticsWhen(uri, (d) => d.length === 0);
    await editor.edit((edit) => edit.replace(new vscode.Range(value.start, value.start.translate(0, 'MUTUAL'.length)), 'STRICT'));
    assert.deepEqual(await cleared, []);
    assert.equal(document.getText().includes('mode: STRICT'), true);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('puts a CodeLens naming the subject and the expiry above the example certificate', async () => {
    const uri = workspaceUri('certs/expiring-soon.pem');
    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.languageId, 'pem');
    await vscode.window.showTextDocument(document);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    // The summary, then the handshake test a leaf certificate file offers.
    assert.equal(titles.length, 2, titles.join(' | '));
    assert.match(titles[0], /^checkout\.shop\.svc · ECDSA P-256 · expires in 23 days · self-signed$/);
    assert.equal(titles[1], 'Test mTLS handshake');
    assert.equal(lenses[0].range.start.line, 0);
  });

  it('says how long ago the expired example certificate expired', async () => {
    const uri = workspaceUri('certs/legacy-expired.crt');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.equal(lenses.length, 2);
    assert.match(lenses[0].command?.title ?? '', /^legacy-billing\.internal · ECDSA P-256 · expired \d+ (days|months|years) ago · self-signed$/);
  });

  it('opens the certificate details panel from Decode Certificate', async () => {
    const uri = workspaceUri('certs/frontend.crt');
    const opened = tabWhen((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('meshMtls.certificate'));
    await vscode.commands.executeCommand('meshMtls.decodeCertificate', uri);
    const tab = await opened;
    assert.match(tab.label, /frontend\.shop\.svc/);
  });
  it('completes enum values with their meaning, and principals from the workspace', async () => {
    await api.workspaceIndexed;
    const uri = workspaceUri('istio/authorization-policy.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('- cluster.local/ns/shop/sa/frontend'));
    const indent = document.lineAt(line).text.indexOf('-');
    await editor.edit((edit) => edit.insert(new vscode.Position(line + 1, 0), `${' '.repeat(indent)}- \n`));
    const principals = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(line + 1, indent + 2),
    );
    const labels = principals.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    assert.ok(labels.includes('cluster.local/ns/shop/sa/checkout'), labels.join(', '));
    const actionLine = document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('  action: '));
    const actions = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      new vscode.Position(actionLine, '  action: '.length),
    );
    const deny = actions.items.find((item) => item.label === 'DENY');
    assert.ok(deny, actions.items.map((item) => String(item.label)).join(', '));
    assert.match((deny.documentation as vscode.MarkdownString).value, /Reject matching requests/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('explains a field and the security meaning of its value on hover', async () => {
    const uri = workspaceUri('istio/peer-authentication.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('mode: STRICT'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      new vscode.Position(line, document.lineAt(line).text.indexOf('STRICT') + 2),
    );
    const text = hovers.flatMap((hover) => hover.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*mode\*\* · `string`/);
    assert.match(text, /\*\*STRICT\*\*: Accept mutual TLS only: plaintext connections are rejected/);
  });

  it('fixes the case of the mtls mode with the quick fix, and the error goes away', async () => {
    const uri = workspaceUri('istio/peer-authentication-typo.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const [problem] = await diagnosticsWhen(uri, (d) => d.length > 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      problem.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((action) => action.title === 'Change to STRICT');
    assert.ok(fix?.edit, actions.map((a) => a.title).join(', '));
    const cleared = diagnosticsWhen(uri, (d) => d.length === 0);
    assert.equal(await vscode.workspace.applyEdit(fix.edit), true);
    assert.deepEqual(await cleared, []);
    assert.match(document.getText(), /mode: STRICT/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
