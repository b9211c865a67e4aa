import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findPemBlocks } from '../../../common/src/pem/blocks';
import { CaFolderError, issuedFilePaths, readPemFile } from '../../../common/src/pki/pkiFiles';
import { summarize, type CertificateSummary } from './summary';
import { workspaceFolderPath } from './workspaceCas';

/** A certificate written by Issue Certificate, with the files beside it that an export needs. */
export interface IssuedFiles {
  cert: string;
  key: string;
  chain: string;
  ca: string;
  /** BASE of BASE.pem, BASE-key.pem, BASE-chain.pem. */
  base: string;
  summary: CertificateSummary;
}

/** The files of the certificate BASE.pem; throws naming the one that is missing. With `root`, no link out of it is read. */
export function loadIssued(certificateFile: string, root?: string): IssuedFiles {
  const files = issuedFilePaths(certificateFile);
  for (const file of Object.values(files)) {
    if (!existsSync(file))
      throw new CaFolderError(
        `${path.basename(file)} is missing beside ${path.basename(files.cert)}: pick a certificate written by Issue Certificate (BASE.pem with BASE-key.pem, BASE-chain.pem and root-ca.pem beside it)`,
      );
  }
  const der = findPemBlocks(readPemFile(files.cert, root) ?? '').find((block) => block.label === 'CERTIFICATE' && block.der)?.der;
  if (!der) throw new CaFolderError(`${path.basename(files.cert)} holds no readable PEM certificate`);
  return { ...files, base: path.basename(files.cert).replace(/\.pem$/, ''), summary: summarize(der) };
}

/** Every certificate in the workspace that Issue Certificate wrote, found by its -chain.pem. */
export async function findIssuedCertificates(): Promise<IssuedFiles[]> {
  const chains = await vscode.workspace.findFiles('**/*-chain.pem', '**/node_modules/**', 500);
  return chains
    .filter((uri) => uri.scheme === 'file')
    .flatMap((uri) => {
      try {
        return [loadIssued(uri.fsPath.replace(/-chain\.pem$/, '.pem'), workspaceFolderPath(uri))];
      } catch {
        return [];
      }
    })
    .sort((a, b) => a.cert.localeCompare(b.cert));
}
