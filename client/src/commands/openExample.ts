import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { EXAMPLE_FIXED_CONTEXT, EXAMPLE_MANIFEST, showsOurError } from '../walkthrough/exampleManifest';

/**
 * The walkthrough's first step: opens its example manifest in an untitled editor (nothing is
 * written to disk, so it works in Restricted Mode too), then watches the editor's diagnostics to
 * complete the "fix a diagnostic" step when the error it was opened with is gone.
 */
export const openExample: CommandFactory = ({ extension }) => {
  let watching: vscode.Disposable | undefined;
  extension.subscriptions.push({ dispose: () => watching?.dispose() });
  return async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXAMPLE_MANIFEST });
    // Watch before showing it: its first diagnostics may come while the editor opens.
    watching?.dispose();
    const showsError = () => showsOurError(vscode.languages.getDiagnostics(document.uri), vscode.DiagnosticSeverity.Error);
    let hadErrors = showsError();
    watching = vscode.languages.onDidChangeDiagnostics(({ uris }) => {
      if (!uris.some((uri) => uri.toString() === document.uri.toString())) return;
      const now = showsError();
      if (hadErrors && !now) {
        void vscode.commands.executeCommand('setContext', EXAMPLE_FIXED_CONTEXT, true);
        watching?.dispose();
        watching = undefined;
      }
      hadErrors ||= now;
    });
    await vscode.window.showTextDocument(document);
    return document.uri;
  };
};
