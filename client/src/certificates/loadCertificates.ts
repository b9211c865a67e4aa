import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { DocumentCertificatesRequest, type DocumentCertificates, type DocumentCertificatesParams } from '../../../common/src/protocol';
import { SERVER_DOCUMENTS } from '../languageClient';
import { fileObjects, withChain } from './fileObjects';
import { locatedFromServer, type LocatedObjects } from './located';
import { readWorkspaceFile } from './workspaceFile';

/** Manifests on disk, which the server reads when they are not open: only it finds certificates inside them. */
const MANIFEST_FILE = /\.ya?ml$/i;

export interface LoadOptions {
  /** Certificates carry their DER (Verify Chain); costs a base64 copy per certificate from the server. */
  includeDer?: boolean;
  log?: vscode.LogOutputChannel;
}

/**
 * Every object of a file. Documents the server reads (open ones, and manifests on disk) are asked
 * of the server, which alone finds certificates inside manifests; everything else (DER files,
 * private keys, PEM files not open in an editor, or a server that cannot answer) is decoded here
 * from the bytes.
 */
export async function loadCertificates(client: LanguageClient, uri: vscode.Uri, options: LoadOptions = {}): Promise<LocatedObjects> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  const served = document ? vscode.languages.match(SERVER_DOCUMENTS, document) > 0 : uri.scheme === 'file' && MANIFEST_FILE.test(uri.path);
  if (served) {
    try {
      const params: DocumentCertificatesParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(uri) }, includeDer: options.includeDer === true };
      const answer = await client.sendRequest<DocumentCertificates>(DocumentCertificatesRequest, params);
      if (answer.objects.length > 0) return locatedFromServer(answer);
    } catch (error) {
      options.log?.warn(`The language server could not list the certificates of ${uri.toString(true)}; decoding them here. ${(error as Error).message}`);
    }
  }
  const bytes = document ? new TextEncoder().encode(document.getText()) : await readWorkspaceFile(uri, READ_CAPS.certificateBundle, { named: true });
  return withChain(fileObjects(bytes, path.posix.basename(uri.path)));
}
