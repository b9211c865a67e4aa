import * as path from 'node:path';
import * as vscode from 'vscode';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { fileObjects, withChain } from '../certificates/fileObjects';
import { toViewModel } from '../certificates/viewModel';
import { readWorkspaceFile } from '../certificates/workspaceFile';
import { expiringSoonDays } from '../settings';
import { CertificateWebview, type DecodedViewContext } from './certificateWebview';

/** Default editor for *.der; an option for *.cer and *.crt, which hold DER as often as PEM. */
export const DER_EDITOR = 'meshMtls.derCertificate';
export const DER_EDITOR_OPTION = 'meshMtls.binaryCertificate';

/**
 * Binary certificates open as the decoded view instead of unreadable bytes. Read-only: there is
 * nothing to edit in a DER file by hand. The view follows the file when it changes on disk.
 */
export class DerEditorProvider implements vscode.CustomReadonlyEditorProvider {
  constructor(private readonly context: DecodedViewContext) {}

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const view = new CertificateWebview(panel.webview, this.context, await modelOf(document.uri));
    const folder = path.posix.dirname(document.uri.path);
    const watcher = vscode.workspace.createFileSystemWatcher(
      new vscode.RelativePattern(document.uri.with({ path: folder }), path.posix.basename(document.uri.path)),
    );
    const reload = async () => view.show(await modelOf(document.uri));
    const subscriptions = [watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload)];
    panel.onDidDispose(() => {
      view.dispose();
      for (const subscription of subscriptions) subscription.dispose();
    });
  }
}

async function modelOf(uri: vscode.Uri) {
  let bytes: Uint8Array;
  try {
    bytes = await readWorkspaceFile(uri, READ_CAPS.certificateBundle, { named: true });
  } catch {
    bytes = new Uint8Array();
  }
  return toViewModel(
    uri.toString(),
    vscode.workspace.asRelativePath(uri),
    withChain(fileObjects(bytes, path.posix.basename(uri.path))),
    {},
    expiringSoonDays(uri),
  );
}

export function registerDerEditor(context: DecodedViewContext): vscode.Disposable[] {
  const provider = new DerEditorProvider(context);
  const options = { webviewOptions: { enableFindWidget: true } };
  return [
    vscode.window.registerCustomEditorProvider(DER_EDITOR, provider, options),
    vscode.window.registerCustomEditorProvider(DER_EDITOR_OPTION, provider, options),
  ];
}
