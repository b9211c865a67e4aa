import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { loadCertificates } from '../certificates/loadCertificates';
import { toViewModel } from '../certificates/viewModel';
import { expiringSoonDays } from '../settings';
import { CertificatePanel } from '../views/certificatePanel';
import { commandTarget } from './target';

/**
 * Opens the decoded view on a file's objects, showing the one under the line. Called from the
 * palette (the active editor and its cursor), a CodeLens or the Certificates view ([uri, line, index]),
 * and the explorer (a Uri). Resolves with the model shown, for callers that want to know.
 */
export const decodeCertificate: CommandFactory =
  ({ client, outputChannel, decodedViews }) =>
  async (target?: unknown, line?: unknown, index?: unknown) => {
    const at = commandTarget(target, line, index);
    if (!at) {
      void vscode.window.showErrorMessage('Decode Certificate: open a certificate file first, or pick one in the explorer.');
      return undefined;
    }
    let located;
    try {
      located = await loadCertificates(client, at.uri, { log: outputChannel });
    } catch (error) {
      void vscode.window.showErrorMessage(`Decode Certificate: cannot read ${vscode.workspace.asRelativePath(at.uri)} (${(error as Error).message}).`);
      return undefined;
    }
    if (located.objects.length === 0) {
      void vscode.window.showErrorMessage(`Decode Certificate: ${vscode.workspace.asRelativePath(at.uri)} holds no certificate, request or key.`);
      return undefined;
    }
    const model = toViewModel(at.uri.toString(), vscode.workspace.asRelativePath(at.uri), located, at, expiringSoonDays(at.uri));
    CertificatePanel.show(decodedViews, model);
    return model;
  };
