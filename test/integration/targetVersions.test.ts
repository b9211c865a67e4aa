import * as assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { codeOf, diagnosticsWhen, meshMtlsApi, workspaceUri } from './support';

// An incomplete plug-in CA: istiod refuses to start with it from Istio 1.27 and quietly falls back
// to a self-signed root before (pilot/pkg/bootstrap/istio_ca.go).
const CACERTS = [
  'apiVersion: v1',
  'kind: Secret',
  'metadata: { name: cacerts, namespace: istio-system }',
  'stringData:',
  '  ca-cert.pem: ""',
  '  ca-key.pem: ""',
  '',
].join('\n');

describe('Target releases in a real VS Code', () => {
  const file = workspaceUri('scratch-cacerts.yaml');
  const message = (diagnostics: vscode.Diagnostic[]) => diagnostics.find((d) => codeOf(d) === 'istio-cacerts')?.message ?? '';

  before(async () => {
    await meshMtlsApi();
    await vscode.workspace.fs.writeFile(file, Buffer.from(CACERTS));
  });
  after(async () => {
    await vscode.workspace.getConfiguration('meshMtls').update('istio.version', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(file.fsPath, { force: true });
  });

  it('changes the verdict on a manifest when meshMtls.istio.version changes', async () => {
    const newest = diagnosticsWhen(file, (d) => /refuses to start/.test(message(d)));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file));
    await newest;
    const older = diagnosticsWhen(file, (d) => /Istio 1\.26 ignores an incomplete plug-in CA/.test(message(d)));
    await vscode.workspace.getConfiguration('meshMtls').update('istio.version', '1.26', vscode.ConfigurationTarget.Global);
    const [finding] = (await older).filter((d) => codeOf(d) === 'istio-cacerts');
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
    // Back to the default: the newest release's verdict returns.
    const back = diagnosticsWhen(file, (d) => /refuses to start/.test(message(d)));
    await vscode.workspace.getConfiguration('meshMtls').update('istio.version', undefined, vscode.ConfigurationTarget.Global);
    await back;
  });
});
