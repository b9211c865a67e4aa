// Commands that write keys or open sockets run in trusted workspaces only. package.json disables
// them there (enablement: isWorkspaceTrusted); a caller that runs one anyway (a walkthrough link,
// another extension, a test) is told why instead of getting nothing.

import * as vscode from 'vscode';
import { NEEDS_TRUST, restrictedMessage } from './restricted';

/** `run` as is, or, for a command that needs trust in an untrusted workspace, a refusal that says why. */
export function trusted(command: string, run: (...args: unknown[]) => unknown): (...args: unknown[]) => unknown {
  if (!(command in NEEDS_TRUST)) return run;
  return (...args: unknown[]) => {
    if (vscode.workspace.isTrusted) return run(...args);
    void vscode.window.showWarningMessage(restrictedMessage(command), 'Manage Workspace Trust').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
    });
    return undefined;
  };
}
