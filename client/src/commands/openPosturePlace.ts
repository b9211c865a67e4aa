import * as vscode from 'vscode';
import { exists } from '../certificates/workspaceFile';
import type { CommandFactory } from '.';

/**
 * A Mesh Posture row's click, with arguments [file, line] as the report names them: relative to
 * the first workspace folder holding the file (so the first folder where it exists), 1-based line.
 * Opens it at that line as the decoded view's links do. Other arguments are ignored.
 */
export const openPosturePlace: CommandFactory = () => async (file?: unknown, line?: unknown) => {
  if (typeof file !== 'string' || typeof line !== 'number' || !Number.isInteger(line)) return undefined;
  const uri = await resolve(file);
  if (!uri) {
    void vscode.window.showWarningMessage(`${file} is not in the workspace any more: refresh the Mesh Posture view.`);
    return undefined;
  }
  const open = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  await vscode.window.showTextDocument(uri, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  return uri;
};

async function resolve(file: string): Promise<vscode.Uri | undefined> {
  // A file outside every folder is named by its absolute path.
  const candidates = file.startsWith('/') ? [vscode.Uri.file(file)] : (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, file));
  for (const uri of candidates) if (await exists(uri)) return uri;
  return undefined;
}
