import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { findPemBlocks } from '../../../common/src/pem/blocks';
import type { CaMaterial } from '../../../common/src/pki/mint';
import { CA_FILES, CaFolderError, keyed, readCaFolder, readPemFile } from '../../../common/src/pki/pkiFiles';
import { keyFileNames } from '../../../common/src/x509/keyFileNames';
import { parseCertificate, sameDer } from '../../../common/src/x509/parsed';
import { summarize, type CertificateSummary } from './summary';

/** A CA the workspace holds, with its keys loaded, ready to issue from or export. */
export interface FoundCa {
  /** A folder written by Create Dev CA, or a CA certificate file with its key beside it. */
  location: string;
  material: CaMaterial;
  root: CertificateSummary;
  intermediate?: CertificateSummary;
  /** The folder that holds it: issued certificates and exports go below it by default. */
  folder: string;
}

// Keys and certificates vendored by packages are never the user's CA.
const EXCLUDE = '**/node_modules/**';
const CA_FILE_NAMES: ReadonlySet<string> = new Set(Object.values(CA_FILES));

/**
 * Reads the CA at `location`: a Create Dev CA folder, or a PEM file whose first certificate is a
 * CA with its key in a file named by the usual conventions (ca.pem/ca-key.pem, ca.crt/ca.key).
 * A file holding an intermediate must carry its root after it. Throws with the reason. With
 * `root` (a CA found in the workspace), no file is read through a link out of it.
 */
export function loadCa(location: string, root?: string): FoundCa {
  if (!existsSync(location)) throw new CaFolderError(`${location} does not exist`);
  if (statSync(location).isDirectory()) {
    const material = readCaFolder(location, root);
    return described(location, location, material);
  }
  return described(location, path.dirname(location), caFileMaterial(location, root));
}

function caFileMaterial(file: string, within: string | undefined): CaMaterial {
  const keyFile = keyFileNames(path.basename(file))
    .map((name) => path.join(path.dirname(file), name))
    .find((candidate) => existsSync(candidate));
  if (!keyFile)
    throw new CaFolderError(`no key file beside ${path.basename(file)} (looked for ${keyFileNames(path.basename(file)).join(', ') || 'none by its name'})`);
  const text = readPemFile(file, within) ?? '';
  const signer = keyed(text, readPemFile(keyFile, within) ?? '', file, keyFile);
  const parsed = parseCertificate(signer.certificate);
  if (!parsed) throw new CaFolderError(`${path.basename(file)}: the certificate cannot be read`);
  if (!sameDer(parsed.spki, signer.key.spki)) throw new CaFolderError(`${path.basename(keyFile)} is not the key of the certificate in ${path.basename(file)}`);
  if (!parsed.basicConstraints?.ca) throw new CaFolderError(`${path.basename(file)} is not a CA certificate (basicConstraints CA is not set)`);
  if (parsed.subjectKey === parsed.issuerKey) return { root: signer };
  // An intermediate issues leaves whose chain ends at its root, which must be known.
  const root = findPemBlocks(text)
    .flatMap((block) => (block.label === 'CERTIFICATE' && block.der ? [parseCertificate(block.der)] : []))
    .find((candidate) => candidate !== undefined && candidate.subjectKey === parsed.issuerKey && candidate.subjectKey === candidate.issuerKey);
  if (!root) throw new CaFolderError(`${path.basename(file)} holds an intermediate CA without its root: append the root certificate to the file`);
  return { root: { certificate: root.der }, intermediate: signer };
}

function described(location: string, folder: string, material: CaMaterial): FoundCa {
  const found: FoundCa = { location, folder, material, root: summarize(material.root.certificate) };
  if (material.intermediate) found.intermediate = summarize(material.intermediate.certificate);
  return found;
}

/**
 * Every CA of the workspace's folders on disk: Create Dev CA folders (a root-ca.pem with a key
 * to sign with), then CA certificate files with their keys beside them. Folders that hold only
 * a root-ca.pem (issued certificates' folders) and files that are no CA are left out quietly.
 */
export async function findWorkspaceCas(): Promise<FoundCa[]> {
  const found: FoundCa[] = [];
  const roots = (await vscode.workspace.findFiles(`**/${CA_FILES.rootCert}`, EXCLUDE, 200)).filter((uri) => uri.scheme === 'file');
  for (const uri of roots) {
    const dir = path.dirname(uri.fsPath);
    if (!existsSync(path.join(dir, CA_FILES.rootKey)) && !existsSync(path.join(dir, CA_FILES.intermediateKey))) continue;
    tryLoad(dir, found, workspaceFolderPath(uri));
  }
  const certificates = (await vscode.workspace.findFiles('**/*.{pem,crt,cer,cert}', EXCLUDE, 1000)).filter(
    (uri) => uri.scheme === 'file' && !CA_FILE_NAMES.has(path.basename(uri.fsPath)),
  );
  for (const uri of certificates) {
    const file = uri.fsPath;
    // Only a file with a key beside it can sign: the rest are not read at all.
    if (keyFileNames(path.basename(file)).some((name) => existsSync(path.join(path.dirname(file), name)))) tryLoad(file, found, workspaceFolderPath(uri));
  }
  return found.sort((a, b) => a.location.localeCompare(b.location));
}

/** The workspace folder a found file lies in: what it may link to. */
export function workspaceFolderPath(uri: vscode.Uri): string | undefined {
  return vscode.workspace.getWorkspaceFolder(uri)?.uri.fsPath;
}

function tryLoad(location: string, found: FoundCa[], root: string | undefined): void {
  try {
    found.push(loadCa(location, root));
  } catch {
    // Not a CA we can sign with (a leaf and its key, an encrypted key): not one to offer.
  }
}
