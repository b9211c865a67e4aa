import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import type { FingerprintAlgorithm } from '../../../common/src/webview/certificateMessages';
import type { CertificateDetails } from '../../../common/src/x509/model';
import { objectName } from '../../../common/src/x509/objectName';
import { loadCertificates } from '../certificates/loadCertificates';
import { objectIndexAt } from '../certificates/located';
import { commandTarget } from './target';

const NAMES: Record<FingerprintAlgorithm, string> = { sha256: 'SHA-256', sha1: 'SHA-1' };

/**
 * Copies the fingerprint of the certificate under the cursor (or the file's first one), as
 * `openssl x509 -fingerprint` prints it. Arguments [uri, line, algorithm] skip the questions;
 * without an algorithm a quick pick offers SHA-256 (first) and SHA-1. Resolves with what it copied.
 */
export const copyFingerprint: CommandFactory =
  ({ client, outputChannel }) =>
  async (target?: unknown, line?: unknown, algorithm?: unknown) => {
    const at = commandTarget(target, line);
    if (!at) {
      void vscode.window.showErrorMessage('Copy Fingerprint: open a certificate file first.');
      return undefined;
    }
    const { objects } = await loadCertificates(client, at.uri, { log: outputChannel });
    const picked = objects[objectIndexAt(objects, at.line, at.index)]?.decoded;
    // On a key or request, the file's first certificate is what the user means.
    const certificate = picked?.kind === 'certificate' ? picked : objects.find((o) => o.decoded.kind === 'certificate')?.decoded;
    if (certificate?.kind !== 'certificate') {
      void vscode.window.showErrorMessage(`Copy Fingerprint: ${vscode.workspace.asRelativePath(at.uri)} holds no certificate.`);
      return undefined;
    }
    const chosen = algorithm === 'sha256' || algorithm === 'sha1' ? algorithm : await pickAlgorithm(certificate);
    if (!chosen) return undefined;
    const fingerprint = certificate.fingerprints[chosen];
    await vscode.env.clipboard.writeText(fingerprint);
    vscode.window.setStatusBarMessage(`$(copy) ${NAMES[chosen]} fingerprint of ${objectName(certificate)} copied`, 5000);
    return fingerprint;
  };

async function pickAlgorithm(certificate: CertificateDetails): Promise<FingerprintAlgorithm | undefined> {
  const items = (['sha256', 'sha1'] as const).map((algorithm) => ({ label: NAMES[algorithm], detail: certificate.fingerprints[algorithm], algorithm }));
  const picked = await vscode.window.showQuickPick(items, { title: `Copy the fingerprint of ${objectName(certificate)}`, placeHolder: 'Which hash?' });
  return picked?.algorithm;
}
