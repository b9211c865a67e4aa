import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { verifyChain as verify, type ChainVerdict } from '../../../common/src/x509/chain';
import type { CertificateDetails } from '../../../common/src/x509/model';
import { CERTIFICATE_FILE_GLOB } from '../certificates/certificateList';
import { verdictText } from '../certificates/chainVerdict';
import { fileObjects, type FileObject } from '../certificates/fileObjects';
import { objectIndexAt } from '../certificates/located';
import { commandTarget, toUri } from './target';

export interface VerifyChainResult {
  verdict: ChainVerdict;
  message: string;
}

/** Debian's and most distributions' system trust store, offered in the pick when it is there. */
const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * Verifies the certificate under the cursor (with the file's other certificates as intermediates)
 * against a CA bundle the user picks, and says the verdict and, when it fails, the first failing
 * link and why. Arguments: [uri, line] or [uri] as other commands take them, then the bundle's
 * uri to skip the pick. Resolves with the verdict and the sentence shown.
 */
export const verifyChain: CommandFactory = ({ outputChannel }) => async (target?: unknown, lineOrBundle?: unknown, bundleArgument?: unknown) => {
  const bundleGiven = toUri(typeof lineOrBundle === 'number' ? bundleArgument : lineOrBundle);
  const at = commandTarget(target, typeof lineOrBundle === 'number' ? lineOrBundle : undefined);
  if (!at) {
    void vscode.window.showErrorMessage('Verify Chain: open a certificate file first.');
    return undefined;
  }
  const certificates = (await readObjects(at.uri)).filter(isCertificate);
  if (certificates.length === 0) {
    void vscode.window.showErrorMessage(`Verify Chain: ${vscode.workspace.asRelativePath(at.uri)} holds no PEM or DER certificate.`);
    return undefined;
  }
  const bundle = bundleGiven ?? (await pickBundle(at.uri));
  if (!bundle) return undefined;
  const trusted = (await readObjects(bundle)).filter(isCertificate);
  const bundleName = bundle.scheme === 'file' && bundle.fsPath === SYSTEM_BUNDLE ? 'the system trust store' : vscode.workspace.asRelativePath(bundle);
  if (trusted.length === 0) {
    void vscode.window.showErrorMessage(`Verify Chain: ${bundleName} holds no certificate to trust.`);
    return undefined;
  }
  const leafIndex = objectIndexAt(certificates, at.line);
  const chain = [certificates[leafIndex], ...certificates.filter((_, i) => i !== leafIndex)];
  const verdict = verify(
    chain.map((c) => c.der),
    trusted.map((c) => c.der),
    new Date(),
  );
  const message = verdictText(verdict, [...chain, ...trusted].map((c) => c.decoded), bundleName);
  outputChannel.info(`Verify Chain: ${vscode.workspace.asRelativePath(at.uri)}: ${message}`);
  if (verdict.ok) void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(message);
  const result: VerifyChainResult = { verdict, message };
  return result;
};

type CertificateObject = FileObject & { der: Uint8Array; decoded: CertificateDetails };

function isCertificate(object: FileObject): object is CertificateObject {
  return object.decoded.kind === 'certificate' && object.der !== undefined;
}

/** The file's objects with their DER: from the editor's text when it is open (unsaved edits count), else from disk. */
async function readObjects(uri: vscode.Uri): Promise<FileObject[]> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  try {
    const bytes = open ? new TextEncoder().encode(open.getText()) : await vscode.workspace.fs.readFile(uri);
    return fileObjects(bytes, path.posix.basename(uri.path));
  } catch {
    return [];
  }
}

interface BundleItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
}

async function pickBundle(leaf: vscode.Uri): Promise<vscode.Uri | undefined> {
  const files = (await vscode.workspace.findFiles(CERTIFICATE_FILE_GLOB, undefined, 500)).filter((uri) => uri.toString() !== leaf.toString());
  // Files named like CA bundles first: they are what people pick here.
  const caLike = (uri: vscode.Uri) => (/(^|[-_.])(ca|root|trust|bundle|anchor)/i.test(path.posix.basename(uri.path)) ? 0 : 1);
  files.sort((a, b) => caLike(a) - caLike(b) || vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b)));
  const items: BundleItem[] = files.map((uri) => ({ label: path.posix.basename(uri.path), description: path.posix.dirname(vscode.workspace.asRelativePath(uri)), uri, iconPath: new vscode.ThemeIcon('file') }));
  if (await exists(vscode.Uri.file(SYSTEM_BUNDLE))) items.push({ label: 'System trust store', description: SYSTEM_BUNDLE, uri: vscode.Uri.file(SYSTEM_BUNDLE), iconPath: new vscode.ThemeIcon('globe') });
  items.push({ label: 'Browse…', description: 'a CA bundle anywhere on disk', iconPath: new vscode.ThemeIcon('folder-opened') });
  const picked = await vscode.window.showQuickPick(items, { title: `Verify ${path.posix.basename(leaf.path)} against which CA bundle?`, placeHolder: 'The certificates to trust', matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const chosen = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Trust These Certificates', filters: { Certificates: ['pem', 'crt', 'cer', 'cert', 'ca-bundle', 'der'], 'All files': ['*'] } });
  return chosen?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
