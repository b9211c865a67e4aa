import * as vscode from 'vscode';

/**
 * The file and object a command acts on: its arguments ([uri, line, index] from a lens or the
 * tree, a Uri from the explorer), else the active editor and its cursor. `index` counts the
 * file's objects and tells apart those sharing a line (the certificates of one YAML value).
 */
export interface CommandTarget {
  uri: vscode.Uri;
  line?: number;
  index?: number;
}

export function commandTarget(target: unknown, line: unknown, index?: unknown): CommandTarget | undefined {
  // A Certificates view item's context menu passes the item itself.
  if (isListedCertificate(target)) return commandTarget(target.uri, target.line, target.index);
  const uri = toUri(target);
  if (uri) {
    const at: CommandTarget = { uri, line: isCount(line) ? line : activeLine(uri) };
    if (isCount(index)) at.index = index;
    return at;
  }
  const editor = vscode.window.activeTextEditor;
  if (editor) return { uri: editor.document.uri, line: editor.selection.active.line };
  const custom = activeCustomEditorUri();
  return custom ? { uri: custom } : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isListedCertificate(target: unknown): target is { uri: string; line?: number; index?: number } {
  return typeof target === 'object' && target !== null && typeof (target as { uri?: unknown }).uri === 'string' && 'certificate' in target;
}

/** A Uri, or a string that parses as one (LSP command arguments carry URIs as strings). */
export function toUri(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target !== 'string') return undefined;
  try {
    return vscode.Uri.parse(target, true);
  } catch {
    return undefined;
  }
}

function activeLine(uri: vscode.Uri): number | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active.line : undefined;
}

/** The file of the active custom editor tab (the DER viewer), which has no text editor. */
function activeCustomEditorUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom ? input.uri : undefined;
}
