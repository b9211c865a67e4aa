import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync, watch } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { meshMtlsApi, workspaceUri } from './support';

/** Every file under `dir` whose name ends with `suffix`. */
function filesEndingWith(dir: string, suffix: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesEndingWith(full, suffix);
    return name.endsWith(suffix) ? [full] : [];
  });
}

/** The text of the extension's log files once `accept` holds for it, read again whenever the logs folder changes. */
function logWhen(logs: string, accept: (text: string) => boolean): Promise<string> {
  const read = () =>
    filesEndingWith(logs, 'Mesh mTLS.log')
      .map((file) => readFileSync(file, 'utf8'))
      .join('\n');
  return new Promise((resolve) => {
    const watcher = watch(logs, { recursive: true }, () => {
      const text = read();
      if (!accept(text)) return;
      watcher.close();
      resolve(text);
    });
    const now = read();
    if (accept(now)) {
      watcher.close();
      resolve(now);
    }
  });
}

describe('The log of a real VS Code, with the protocol trace at verbose', () => {
  // The rig gives the workbench its own data folder; VS Code keeps its logs there.
  const logs = path.join(process.env.XDG_DATA_HOME ?? '', 'logs');
  const keyFile = workspaceUri('certs/scratch-web-key.pem');
  const secretFile = workspaceUri('scratch-secret.yaml');

  before(async () => {
    assert.ok(process.env.XDG_DATA_HOME, 'the rig sets XDG_DATA_HOME to the workbench data folder, where the logs are');
    await meshMtlsApi();
    await vscode.workspace.getConfiguration('meshMtls').update('trace.server', 'verbose', vscode.ConfigurationTarget.Global);
    // The language client traces only when its channel logs at Trace: what a user sets with the
    // gear of the Output view, on the channel shown.
    await vscode.commands.executeCommand('meshMtls.showServerOutput');
    await vscode.commands.executeCommand('workbench.action.output.activeOutputLogLevel.1');
    await logWhen(logs, (text) => text.includes("Sending notification '$/setTrace'"));
  });
  after(async () => {
    await vscode.commands.executeCommand('meshMtls.showServerOutput');
    await vscode.commands.executeCommand('workbench.action.output.activeOutputLogLevelDefault');
    // With the Output view focused no text editor is active, which later suites rely on.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.workspace.getConfiguration('meshMtls').update('trace.server', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(keyFile.fsPath, { force: true });
    rmSync(secretFile.fsPath, { force: true });
  });

  it('never holds the private keys of the files opened, as PEM or as a Secret’s base64', async () => {
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile.fsPath], { stdio: 'ignore' });
    const keyPem = readFileSync(keyFile.fsPath, 'utf8');
    const secretKey = Buffer.from(keyPem).toString('base64');
    await vscode.workspace.fs.writeFile(
      secretFile,
      Buffer.from(
        ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: web-tls', 'type: kubernetes.io/tls', 'data:', `  tls.key: ${secretKey}`, ''].join('\n'),
      ),
    );
    for (const uri of [keyFile, secretFile]) {
      await vscode.window.showTextDocument(uri);
      // A lens over the key means the server has the document, so its didOpen went through the trace.
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.ok(lenses.length > 0, `no lens on ${uri.path}`);
    }
    const log = await logWhen(
      logs,
      (text) => text.includes('scratch-secret.yaml') && text.includes('scratch-web-key.pem') && text.includes('textDocument/codeLens'),
    );
    assert.match(log, /Sending notification 'textDocument\/didOpen'/);
    assert.match(log, /characters of document text, not logged/);
    const body = keyPem
      .split('\n')
      .filter((line) => line && !line.startsWith('-----'))
      .join('');
    // No run of 16 characters of the key, or of its base64, may reach the log.
    for (const material of [body, secretKey]) {
      for (let i = 0; i + 16 <= material.length; i += 8) assert.equal(log.includes(material.slice(i, i + 16)), false, `key material at ${i} reached the log`);
    }
  });
});
