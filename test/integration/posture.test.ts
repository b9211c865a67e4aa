import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { MeshMtlsApi } from '../../client/src/api';
import type { PostureReport } from '../../common/src/report/postureReport';
import { eventWhen, meshMtlsApi, workspaceUri } from './support';

describe('Mesh Posture view in a real VS Code', () => {
  let api: MeshMtlsApi;
  let scratch: string;

  before(async () => {
    api = await meshMtlsApi();
    await api.workspaceIndexed;
    scratch = mkdtempSync(path.join(os.tmpdir(), 'mm-posture-'));
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it("shows the examples' billing namespace blocked from STRICT, and a port's row opens what decides it", async () => {
    const top = await api.postureView.items();
    const billing = top.find(({ row }) => row.label === 'billing');
    assert.ok(billing, top.map(({ row }) => row.label).join(', '));
    assert.equal(billing.item.description, 'STRICT blocked · 2 workloads');
    const ledger = (await api.postureView.items(billing.row)).find(({ row }) => row.label === 'ledger');
    assert.ok(ledger);
    const http = (await api.postureView.items(ledger.row)).find(({ row }) => row.label === '8080 (http)');
    assert.ok(http?.item.command);
    await vscode.commands.executeCommand(http.item.command.command, ...(http.item.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), workspaceUri('mesh/billing.yaml').toString());
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /^kind: PeerAuthentication$/);
  });

  it('follows an unsaved edit: the port that bypassed the sidecar goes through it', async () => {
    await vscode.commands.executeCommand('meshMtls.posture.focus');
    const document = await vscode.workspace.openTextDocument(workspaceUri('mesh/billing.yaml'));
    const editor = await vscode.window.showTextDocument(document);
    const line = document
      .getText()
      .split('\n')
      .findIndex((l) => l.includes('excludeInboundPorts'));
    const refreshed = eventWhen(api.postureView.onDidRefresh, (report) => report?.summary.bypassedPorts === 0);
    await editor.edit((edit) => edit.delete(document.lineAt(line).rangeIncludingLineBreak));
    const report = await refreshed;
    const ledger = report!.namespaces.find((n) => n.name === 'billing')!.workloads.find((w) => w.name === 'ledger')!;
    assert.deepEqual(
      ledger.ports.map((p) => [p.port, p.mode]),
      [
        [8080, 'mtls-or-plaintext'],
        [9090, 'mtls-or-plaintext'],
      ],
    );
    const reverted = eventWhen(api.postureView.onDidRefresh, (r) => r?.summary.bypassedPorts === 1);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await reverted;
  });

  it('saves the report as JSON where it is told, and refuses to replace a file without the save dialog', async () => {
    const target = vscode.Uri.file(path.join(scratch, 'posture.json'));
    const saved = await vscode.commands.executeCommand<vscode.Uri | undefined>('meshMtls.savePostureReport', { format: 'json', target });
    assert.equal(saved?.toString(), target.toString());
    const written = JSON.parse(readFileSync(target.fsPath, 'utf8')) as PostureReport;
    assert.deepEqual([written.format, written.formatVersion], ['mesh-mtls-posture', 1]);
    assert.ok(written.namespaces.some((n) => n.name === 'billing'));

    const existing = path.join(scratch, 'keep.json');
    writeFileSync(existing, 'keep');
    const refused = await vscode.commands.executeCommand('meshMtls.savePostureReport', { format: 'json', target: vscode.Uri.file(existing) });
    assert.equal(refused, undefined);
    assert.equal(readFileSync(existing, 'utf8'), 'keep');
  });
});
