import * as vscode from 'vscode';

/** A file of the opened workspace (the examples folder). */
export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need the examples folder open as the workspace');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** Resolves with the diagnostics of `uri` as soon as they satisfy `accept`, checking now and on every change. */
export function diagnosticsWhen(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const current = vscode.languages.getDiagnostics(uri);
    if (accept(current)) return resolve(current);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (!accept(diagnostics)) return;
      subscription.dispose();
      resolve(diagnostics);
    });
  });
}

/** Resolves when a tab satisfying `accept` is open, checking now and on every tab change. */
export function tabWhen(accept: (tab: vscode.Tab) => boolean): Promise<vscode.Tab> {
  const find = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(accept);
  return new Promise((resolve) => {
    const now = find();
    if (now) return resolve(now);
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      subscription.dispose();
      resolve(tab);
    });
  });
}

/**
 * Closes the tab satisfying `accept`. A tab object is replaced whenever its state changes, so one
 * found a moment ago may be gone by the time it is closed: then the current one is closed.
 */
export async function closeTab(accept: (tab: vscode.Tab) => boolean): Promise<void> {
  for (;;) {
    try {
      await vscode.window.tabGroups.close(await tabWhen(accept));
      return;
    } catch (error) {
      if (!/tab not found/i.test(String(error))) throw error;
    }
  }
}

export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  return typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
}

/** Resolves with the next value `event` fires that satisfies `accept`. Subscribe before acting. */
export function eventWhen<T>(event: vscode.Event<T>, accept: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const subscription = event((value) => {
      if (!accept(value)) return;
      subscription.dispose();
      resolve(value);
    });
  });
}

/** The extension's API, activated. */
export async function meshMtlsApi(): Promise<import('../../client/src/api').MeshMtlsApi> {
  const extension = vscode.extensions.getExtension<import('../../client/src/api').MeshMtlsApi>('mesh-mtls.mesh-mtls');
  if (!extension) throw new Error('mesh-mtls.mesh-mtls is not installed in this extension host');
  return extension.activate();
}
