import * as vscode from 'vscode';
import { readBounded, skipMessage } from '../../../common/src/files/boundedRead';

export interface ReadScope {
  /** The user chose this very file (a pick, an editor, a menu): it is read wherever its links lead. */
  named?: boolean;
}

/**
 * A file's bytes under the read policy every reader of user files shares (regular files only, at
 * most `maxBytes`, no link out of the workspace folder unless the user named the file); throws
 * saying why one was not read. Files on disk are read here, not through the file service, which
 * trusts a size that /dev/zero and FIFOs report as 0.
 */
export async function readWorkspaceFile(uri: vscode.Uri, maxBytes: number, scope: ReadScope = {}): Promise<Uint8Array> {
  if (uri.scheme !== 'file') {
    // A virtual file system holds no devices or FIFOs: its size can be believed.
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxBytes) throw new Error(`it is ${Math.round(stat.size / 1024)} KB, too large for a certificate or key file`);
    return vscode.workspace.fs.readFile(uri);
  }
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const root = !scope.named && folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
  const read = await readBounded(uri.fsPath, { maxBytes, root });
  if ('skipped' in read) {
    // Callers tell a missing file apart (a pick that went away) by the file service's own error.
    if (read.skipped === 'missing') throw vscode.FileSystemError.FileNotFound(uri);
    throw new Error(skipMessage(read));
  }
  return read.bytes;
}

/** Whether anything exists at `uri`, as the file service sees it. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
