import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { refusal, type Refusal } from '../input/multiStep';

// Minting writes keys with node:fs (VS Code's file system API cannot set 0600), so it works
// only where the workspace is on this machine's disk and trusted.

/** Why this window may not mint at all, or undefined when it may. */
export function mintingRefusal(): string | undefined {
  if (!vscode.workspace.isTrusted)
    return 'Mesh mTLS never writes private keys in Restricted Mode: trust this workspace first (Workspaces: Manage Workspace Trust).';
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length > 0 && !folders.some((folder) => folder.uri.scheme === 'file')) {
    return `the workspace folders are not on this machine's disk (${folders[0].uri.scheme}:), and keys must be written with owner-only permissions, which only local files allow.`;
  }
  return undefined;
}

/** The first workspace folder on disk, which relative output folders are read against. */
export function workspaceRoot(): string | undefined {
  return vscode.workspace.workspaceFolders?.find((folder) => folder.uri.scheme === 'file')?.uri.fsPath;
}

/** A folder as typed: absolute, or relative to the workspace; refused when a file is in the way. */
export function readFolder(text: string): string | Refusal {
  const typed = text.trim();
  if (typed === '') return refusal('give the folder to write to');
  const root = workspaceRoot();
  if (!path.isAbsolute(typed) && root === undefined) return refusal('no folder is open, so give an absolute path');
  const folder = path.resolve(root ?? '/', typed);
  let ancestor = folder;
  // Nothing can be created below a file, however deep the missing folders go.
  while (!existsSync(ancestor)) ancestor = path.dirname(ancestor);
  if (!statSync(ancestor).isDirectory()) return refusal(`${shortPath(ancestor)} is a file, not a folder`);
  return folder;
}

/** A folder as the output step shows it, so that `readFolder` reads it back: relative to the first folder when inside it. */
export function typedFolder(folder: string): string {
  const root = workspaceRoot();
  if (folder === '' || root === undefined) return folder;
  const relative = path.relative(root, folder);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? folder : relative;
}

/** A path as the user reads it: relative inside the workspace, absolute outside. */
export function shortPath(file: string): string {
  return vscode.workspace.asRelativePath(file, false);
}

/** A folder name made from a CA's name: "Shop Dev CA" → "shop-dev-ca". */
export function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'dev-ca'
  );
}
