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
  return async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: EXAMPLE_MANIFEST });
    await vscode.window.showTextDocument(document);
    watching?.dispose();
    let hadErrors = false;
    watching = vscode.languages.onDidChangeDiagnostics(({ uris }) => {
      if (!uris.some((uri) => uri.toString() === document.uri.toString())) return;
      const showsError = showsOurError(vscode.languages.getDiagnostics(document.uri), vscode.DiagnosticSeverity.Error);
      if (hadErrors && !showsError) {
        void vscode.commands.executeCommand('setContext', EXAMPLE_FIXED_CONTEXT, true);
        watching?.dispose();
        watching = undefined;
      }
      hadErrors ||= showsError;
    });
    extension.subscriptions.push({ dispose: () => watching?.dispose() });
    return document.uri;
  };
};
