import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, meshMtlsApi, workspaceUri } from './support';

/** Replaces every `from` in the open document with `to`, as typing would (the file stays unsaved). */
async function replaceAll(document: vscode.TextDocument, from: string, to: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  const text = document.getText();
  for (let at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + from.length))
    edit.replace(document.uri, new vscode.Range(document.positionAt(at), document.positionAt(at + from.length)), to);
  assert.ok(await vscode.workspace.applyEdit(edit));
}

const conflict = (d: vscode.Diagnostic[]) => d.some((x) => codeOf(x) === 'mtls-destination-conflict');

describe('Cross-resource analysis in a real VS Code', () => {
  before(async () => {
    await (
      await meshMtlsApi()
    ).workspaceIndexed;
  });

  afterEach(async () => {
    // Edits stay unsaved; reverting closes each editor without a save prompt.
    for (let i = 0; i < 5 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('an edit in the PeerAuthentication file changes the diagnostics of the DestinationRule in another file', async () => {
    const ruleUri = workspaceUri('istio/destination-rule.yaml');
    const rule = await vscode.workspace.openTextDocument(ruleUri);
    await vscode.window.showTextDocument(rule);
    // The rule sends plaintext to checkout, whose pods the namespace's PeerAuthentication makes STRICT.
    const flagged = diagnosticsWhen(ruleUri, conflict);
    await replaceAll(rule, 'mode: ISTIO_MUTUAL', 'mode: DISABLE');
    const [diagnostic] = (await flagged).filter((d) => codeOf(d) === 'mtls-destination-conflict');
    assert.match(
      diagnostic.message,
      /sends plaintext to checkout\.shop\.svc\.cluster\.local, but Deployment shop\/checkout accepts only Istio mTLS \(STRICT, from PeerAuthentication shop\/checkout-metrics\)/,
    );
    assert.equal(rule.getText(diagnostic.range), 'DISABLE');

    // Now relax the policies in the other file: the rule's error goes, though the rule did not change.
    const policies = await vscode.workspace.openTextDocument(workspaceUri('istio/peer-authentication.yaml'));
    await vscode.window.showTextDocument(policies, { preview: false });
    const cleared = diagnosticsWhen(ruleUri, (d) => !conflict(d));
    await replaceAll(policies, 'mode: STRICT', 'mode: PERMISSIVE');
    await cleared;
    // And back: it returns.
    const back = diagnosticsWhen(ruleUri, conflict);
    await replaceAll(policies, 'mode: PERMISSIVE', 'mode: STRICT');
    await back;
  });

  it('puts the effective mode above each PeerAuthentication and workload', async () => {
    const policies = workspaceUri('istio/peer-authentication.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(policies));
    const titles = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', policies)).map((l) => l.command?.title);
    assert.deepEqual(titles, ['STRICT, but narrower policies decide its 1 workload', 'STRICT for 1 workload; port 9090 PERMISSIVE']);
    const workloads = workspaceUri('workloads/shop.yaml');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workloads));
    const workloadTitles = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', workloads)).map((l) => l.command?.title);
    // The examples hold a Linkerd Server for checkout as well: both meshes' views are shown.
    assert.deepEqual(workloadTitles, [
      'Linkerd inbound: port http by Server checkout-api; other ports all-unauthenticated (cluster default)',
      'mTLS STRICT (from PeerAuthentication shop/checkout-metrics); port 9090 PERMISSIVE',
    ]);
  });
});
