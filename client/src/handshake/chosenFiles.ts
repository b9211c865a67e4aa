// The files of the handshake panel as the page shows them: a name and what the file holds in
// words ("web.shop.svc · expires in 60 days", "Private key · ECDSA P-256"). Only these words
// reach the page; the bytes stay in the host, read again when a test runs.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChosenFile } from '../../../common/src/webview/handshakeForm';
import { describeValidity } from '../../../common/src/time/validityPhrase';
import { keyFileNames } from '../../../common/src/x509/keyFileNames';
import { objectName } from '../../../common/src/x509/objectName';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { fileObjects } from '../certificates/fileObjects';
import type { LocatedObject } from '../certificates/located';
import { readWorkspaceFile, type ReadScope } from '../certificates/workspaceFile';

/** A file's bytes, refusing one too large to be a certificate or key, or not a regular file. */
export async function readBytes(uri: vscode.Uri, scope: ReadScope = { named: true }): Promise<Uint8Array> {
  return readWorkspaceFile(uri, READ_CAPS.keyOrCertificate, scope);
}

export async function readObjects(uri: vscode.Uri, scope?: ReadScope): Promise<LocatedObject[]> {
  return fileObjects(await readBytes(uri, scope), path.posix.basename(uri.path));
}

/** What a file holds, in a few words: its first certificate (and how many more), else its key. */
export function summarize(objects: LocatedObject[], now = new Date()): string {
  const certificates = objects.flatMap((o) => (o.decoded.kind === 'certificate' ? [o.decoded] : []));
  const first = certificates[0];
  if (first) {
    const more = certificates.length > 1 ? ` (+${certificates.length - 1} more)` : '';
    return `${first.isCA ? 'CA ' : ''}${objectName(first)} · ${describeValidity(new Date(first.notBefore), new Date(first.notAfter), now)}${more}`;
  }
  const key = objects.find((o) => o.decoded.kind === 'privateKey');
  if (key) return objectName(key.decoded);
  return objects.length ? `${objects.length} block${objects.length === 1 ? '' : 's'}, no certificate or private key` : 'no PEM or DER certificate or key';
}

/** A file as the page shows it; one that cannot be read says why, and a run then stops on it. */
export async function chosenFile(uri: vscode.Uri): Promise<ChosenFile> {
  const name = vscode.workspace.asRelativePath(uri);
  try {
    return { uri: uri.toString(), name, summary: summarize(await readObjects(uri)) };
  } catch (error) {
    return { uri: uri.toString(), name, summary: `cannot be read (${readError(error)})` };
  }
}

export function readError(error: unknown): string {
  if (error instanceof vscode.FileSystemError) return error.code === 'FileNotFound' ? 'no such file' : error.code || error.message;
  return (error as Error).message;
}

/** The key beside a certificate file, by the naming conventions the language server pairs them by. */
export async function siblingKey(certificate: vscode.Uri): Promise<vscode.Uri | undefined> {
  const folder = certificate.with({ path: path.posix.dirname(certificate.path) });
  for (const name of keyFileNames(path.posix.basename(certificate.path))) {
    const candidate = vscode.Uri.joinPath(folder, name);
    try {
      if ((await readObjects(candidate, {})).some((o) => o.decoded.kind === 'privateKey')) return candidate;
    } catch {
      // Not there, or not readable: try the next name.
    }
  }
  return undefined;
}
