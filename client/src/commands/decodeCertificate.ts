import * as vscode from 'vscode';
import { findPemBlocks, type PemBlock } from '../../../common/src/pem/blocks';
import { decodeCertificate as decode, CertificateDecodeError } from '../../../common/src/x509/certificate';
import type { CommandFactory } from '.';
import { CertificatePanel } from '../views/certificatePanel';

/**
 * Opens the details panel for a certificate. Called from the palette (the active editor and its
 * cursor), from a CodeLens (`uri`, `line`) and from the explorer (`Uri`).
 */
export const decodeCertificate: CommandFactory = ({ extension }) => async (target?: unknown, line?: unknown) => {
  const uri = toUri(target) ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showErrorMessage('Decode Certificate: open a PEM file first, or pick one in the explorer.');
    return;
  }
  const document = await vscode.workspace.openTextDocument(uri);
  const cursorLine = typeof line === 'number' ? line : activeLine(uri);
  const block = pickCertificate(findPemBlocks(document.getText()), cursorLine);
  if (!block) {
    void vscode.window.showErrorMessage(`Decode Certificate: ${vscode.workspace.asRelativePath(uri)} holds no PEM certificate.`);
    return;
  }
  if (!block.der) {
    void vscode.window.showErrorMessage(`Decode Certificate: the certificate at line ${block.beginLine + 1} is not valid PEM (${block.problem?.kind}).`);
    return;
  }
  try {
    const summary = decode(block.der);
    CertificatePanel.show(extension.extensionUri, summary, `${vscode.workspace.asRelativePath(uri)}:${block.beginLine + 1}`);
  } catch (error) {
    if (!(error instanceof CertificateDecodeError)) throw error;
    void vscode.window.showErrorMessage(`Decode Certificate: ${error.message}`);
  }
};

function toUri(target: unknown): vscode.Uri | undefined {
  if (target instanceof vscode.Uri) return target;
  if (typeof target !== 'string') return undefined;
  try {
    return vscode.Uri.parse(target, true);
  } catch {
    return undefined;
  }
}

function activeLine(uri: vscode.Uri): number {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.uri.toString() === uri.toString() ? editor.selection.active.line : 0;
}

/** The certificate block under the line, or else the first certificate of the file. */
function pickCertificate(blocks: PemBlock[], line: number): PemBlock | undefined {
  const certificates = blocks.filter((b) => b.label === 'CERTIFICATE' || b.label === 'TRUSTED CERTIFICATE');
  return certificates.find((b) => b.beginLine <= line && line <= b.endLine) ?? certificates[0];
}
