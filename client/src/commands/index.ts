import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { DecodeCertificateCommand, OpenHandshakeTestCommand, ShowLocationsCommand } from '../../../common/src/protocol';
import { decodeCertificate } from './decodeCertificate';
import { openHandshakeTest } from './openHandshakeTest';
import type { CertificateTree } from '../views/certificateTree';
import type { DecodedViewContext } from '../views/certificateWebview';
import type { HandshakePanelContext } from '../views/handshakePanel';
import { OPEN_POSTURE_PLACE, type PostureTree } from '../views/postureTree';
import { copyFingerprint } from './copyFingerprint';
import { createDevCa } from './createDevCa';
import { exportCertManagerIssuer } from './exportCertManagerIssuer';
import { exportIstioPluginCa } from './exportIstioPluginCa';
import { exportLinkerdIdentity } from './exportLinkerdIdentity';
import { exportTlsSecret } from './exportTlsSecret';
import { issueCertificate } from './issueCertificate';
import { openExample } from './openExample';
import { openPosturePlace } from './openPosturePlace';
import { refreshCertificates } from './refreshCertificates';
import { restartServer } from './restartServer';
import { savePostureReport } from './savePostureReport';
import { showLocations } from './showLocations';
import { showServerOutput } from './showServerOutput';
import { trusted } from './trust';
import { verifyChain } from './verifyChain';

/** What a command factory may use. */
export interface CommandContext {
  extension: vscode.ExtensionContext;
  client: LanguageClient;
  outputChannel: vscode.LogOutputChannel;
  decodedViews: DecodedViewContext;
  certificateTree: CertificateTree;
  handshakeViews: HandshakePanelContext;
  postureTree: PostureTree;
}

export type CommandFactory = (context: CommandContext) => (...args: unknown[]) => unknown;

/** Every command the extension contributes; package.json `contributes.commands` lists the same ids. */
export const COMMANDS: Record<string, CommandFactory> = {
  [DecodeCertificateCommand]: decodeCertificate,
  'meshMtls.verifyChain': verifyChain,
  [OpenHandshakeTestCommand]: openHandshakeTest,
  'meshMtls.copyFingerprint': copyFingerprint,
  'meshMtls.refreshCertificates': refreshCertificates,
  'meshMtls.restartServer': restartServer,
  'meshMtls.showServerOutput': showServerOutput,
  [ShowLocationsCommand]: showLocations,
  'meshMtls.createDevCa': createDevCa,
  'meshMtls.issueCertificate': issueCertificate,
  'meshMtls.exportIstioPluginCa': exportIstioPluginCa,
  'meshMtls.exportLinkerdIdentity': exportLinkerdIdentity,
  'meshMtls.exportTlsSecret': exportTlsSecret,
  'meshMtls.exportCertManagerIssuer': exportCertManagerIssuer,
  'meshMtls.refreshPosture':
    ({ postureTree }) =>
    () =>
      postureTree.refresh(),
  'meshMtls.savePostureReport': savePostureReport,
  [OPEN_POSTURE_PLACE]: openPosturePlace,
  'meshMtls.openExample': openExample,
};

export function registerCommands(context: CommandContext): void {
  for (const [id, factory] of Object.entries(COMMANDS)) {
    context.extension.subscriptions.push(vscode.commands.registerCommand(id, trusted(id, factory(context))));
  }
}
