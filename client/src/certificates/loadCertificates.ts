import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DocumentCertificatesRequest, type DocumentCertificates, type DocumentCertificatesParams } from '../../../common/src/protocol';
import { SERVER_DOCUMENTS } from '../languageClient';
import { fileObjects, withChain } from './fileObjects';
import type { LocatedObjects } from './located';

/**
 * Every object of a file. Documents the server reads are asked of the server, which alone finds
 * certificates inside manifests; everything else (DER files, private keys, files not open in an
 * editor, or a server that cannot answer) is decoded here from the bytes.
 */
export async function loadCertificates(client: LanguageClient, uri: vscode.Uri, log?: vscode.LogOutputChannel): Promise<LocatedObjects> {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document && vscode.languages.match(SERVER_DOCUMENTS, document) > 0) {
    try {
      const params: DocumentCertificatesParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(uri) } };
      const answer = await client.sendRequest<DocumentCertificates>(DocumentCertificatesRequest, params);
      if (answer.objects.length > 0) return fromServer(answer);
    } catch (error) {
      log?.warn(`The language server could not list the certificates of ${uri.toString(true)}; decoding them here. ${(error as Error).message}`);
    }
  }
  const bytes = document ? new TextEncoder().encode(document.getText()) : await vscode.workspace.fs.readFile(uri);
  return withChain(fileObjects(bytes, path.posix.basename(uri.path)));
}

function fromServer(answer: DocumentCertificates): LocatedObjects {
  return {
    objects: answer.objects.map((o) => ({ source: o.source, startLine: o.range.start.line, endLine: o.range.end.line, decoded: o.decoded })),
    chain: answer.chain,
  };
}
