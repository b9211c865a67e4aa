import * as vscode from 'vscode';
import { exists } from '../certificates/workspaceFile';
import { renderHtml } from '../../../common/src/report/html';
import { renderMarkdown } from '../../../common/src/report/markdown';
import type { PostureReport } from '../../../common/src/report/postureReport';
import type { CommandFactory } from '.';

interface Format extends vscode.QuickPickItem {
  id: 'html' | 'markdown' | 'json';
  extension: string;
  render(report: PostureReport): string;
}

const FORMATS: Format[] = [
  { id: 'html', label: 'HTML', description: 'one self-contained page, to read or print', extension: 'html', render: renderHtml },
  { id: 'markdown', label: 'Markdown', description: 'fits a pull-request comment', extension: 'md', render: renderMarkdown },
  {
    id: 'json',
    label: 'JSON',
    description: 'for other tools: docs/posture-report.md describes it',
    extension: 'json',
    render: (report) => `${JSON.stringify(report, null, 2)}\n`,
  },
];

/**
 * Options for tests and other extensions: `format` skips the pick; `target` skips the save dialog
 * and is then refused when the file exists, since only the dialog may confirm replacing a file.
 */
export interface SavePostureOptions {
  format?: Format['id'];
  target?: vscode.Uri;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Saves the workspace's posture report as HTML, Markdown or JSON: the format picked, the report
 * asked of the server and rendered, then the file named in the save dialog (which asks before
 * replacing one). Resolves with the file written, or undefined when cancelled or failed (said).
 */
export const savePostureReport: CommandFactory =
  ({ postureTree }) =>
  async (options?: unknown): Promise<vscode.Uri | undefined> => {
    const preset = (typeof options === 'object' && options !== null ? options : {}) as SavePostureOptions;
    const format =
      FORMATS.find((f) => f.id === preset.format) ??
      (await vscode.window.showQuickPick(FORMATS, { title: 'Save Posture Report', placeHolder: 'Format of the report' }));
    if (!format) return undefined;
    const report = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Computing the posture report' }, () =>
      postureTree.refresh(),
    );
    if (!report) {
      void vscode.window.showErrorMessage('The language server could not compute the posture report: see the Mesh mTLS output for why.');
      return undefined;
    }
    let text: string;
    try {
      text = format.render(report);
    } catch (error) {
      void vscode.window.showErrorMessage(`The posture report could not be written as ${format.label}: ${errorText(error)}`);
      return undefined;
    }
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target =
      preset.target ??
      (await vscode.window.showSaveDialog({
        title: 'Save Posture Report',
        saveLabel: 'Save Report',
        filters: { [format.label]: [format.extension] },
        ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `mesh-posture.${format.extension}`) } : {}),
      }));
    if (!target) return undefined;
    try {
      if (preset.target && (await exists(target))) throw new Error('the file exists; only the save dialog may replace it');
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    } catch (error) {
      void vscode.window.showErrorMessage(`The posture report could not be saved to ${target.fsPath}: ${errorText(error)}`);
      return undefined;
    }
    void vscode.window.showInformationMessage(`Saved the posture report to ${vscode.workspace.asRelativePath(target)}.`, 'Open').then((choice) => {
      if (choice === 'Open') void vscode.window.showTextDocument(target);
    });
    return target;
  };
