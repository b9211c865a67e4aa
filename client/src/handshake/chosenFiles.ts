// The files of the handshake panel as the page shows them: a name and what the file holds in
// words ("web.shop.svc · expires in 60 days", "Private key · ECDSA P-256"). Only these words
// reach the page; the bytes stay in the host, read again when a test runs. A value of a Secret is
// its manifest's URI with a fragment naming the value: decoded in memory, never written anywhere.

import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChosenFile } from '../../../common/src/webview/handshakeForm';
import { describeValidity } from '../../../common/src/time/validityPhrase';
import { keyFileNames } from '../../../common/src/x509/keyFileNames';
import { objectName } from '../../../common/src/x509/objectName';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { fileObjects } from '../certificates/fileObjects';
import type { LocatedObject } from '../certificates/located';
import { describeSecretValue, secretValueAt, secretValueFragment, secretValueReference, type SecretValue } from '../../../common/src/handshake/secretValues';
import { readWorkspaceFile, type ReadScope } from '../certificates/workspaceFile';

/** A file's bytes, refusing one too large to be a certificate or key, or not a regular file. */
export async function readBytes(uri: vscode.Uri, scope: ReadScope = { named: true }): Promise<Uint8Array> {
  if (secretValueReference(uri.fragment)) return (await readSecretValue(uri, scope)).bytes;
  return readWorkspaceFile(uri, READ_CAPS.keyOrCertificate, scope);
}

/** The Secret value a manifest URI's fragment names, read afresh from the manifest. */
async function readSecretValue(uri: vscode.Uri, scope: ReadScope): Promise<SecretValue> {
  const manifest = uri.with({ fragment: '' });
  const text = new TextDecoder().decode(await readWorkspaceFile(manifest, READ_CAPS.manifest, scope));
  const value = secretValueAt(text, uri.fragment);
  if (!value) throw new Error(`${path.posix.basename(manifest.path)} no longer holds that ${secretValueReference(uri.fragment)?.key ?? 'value'}`);
  return value;
}

/** The URI naming one value of a Secret in a manifest. */
export function secretValueUri(manifest: vscode.Uri, value: Pick<SecretValue, 'document' | 'key'>): vscode.Uri {
  return manifest.with({ fragment: secretValueFragment(value) });
}

export async function readObjects(uri: vscode.Uri, scope?: ReadScope): Promise<LocatedObject[]> {
  const bytes = await readBytes(uri, scope);
  // A Secret's value is named for its key ("tls.key"): the reader guesses nothing from a .yaml name.
  return fileObjects(bytes, secretValueReference(uri.fragment)?.key ?? path.posix.basename(uri.path));
}

/** How the page names a chosen file: its workspace path, or which Secret value of which manifest. */
export function chosenName(uri: vscode.Uri, secret?: string): string {
  const file = vscode.workspace.asRelativePath(uri.with({ fragment: '' }));
  const reference = secretValueReference(uri.fragment);
  return reference ? describeSecretValue({ key: reference.key, secret: secret ?? 'a Secret' }, file) : file;
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
  let name = vscode.workspace.asRelativePath(uri);
  try {
    if (secretValueReference(uri.fragment)) {
      const value = await readSecretValue(uri, { named: true });
      name = chosenName(uri, value.secret);
      return { uri: uri.toString(), name, summary: summarize(fileObjects(value.bytes, value.key)) };
    }
    return { uri: uri.toString(), name, summary: summarize(await readObjects(uri)) };
  } catch (error) {
    return { uri: uri.toString(), name: chosenName(uri), summary: `cannot be read (${readError(error)})` };
  }
}

export function readError(error: unknown): string {
  if (error instanceof vscode.FileSystemError) return error.code === 'FileNotFound' ? 'no such file' : error.code || error.message;
  return (error as Error).message;
}

/** The key beside a certificate file, by the naming conventions the language server pairs them by. */
export async function siblingKey(certificate: vscode.Uri): Promise<vscode.Uri | undefined> {
  if (secretValueReference(certificate.fragment)) return secretKeyOf(certificate);
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

/** A Secret's tls.key beside its tls.crt, when the manifest holds one. */
async function secretKeyOf(certificate: vscode.Uri): Promise<vscode.Uri | undefined> {
  const reference = secretValueReference(certificate.fragment);
  if (reference?.key !== 'tls.crt') return undefined;
  const key = secretValueUri(certificate.with({ fragment: '' }), { document: reference.document, key: 'tls.key' });
  try {
    await readSecretValue(key, {});
    return key;
  } catch {
    return undefined;
  }
}
