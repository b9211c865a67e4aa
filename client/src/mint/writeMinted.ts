import * as path from 'node:path';
import * as vscode from 'vscode';
import { conflictingFiles, writeOutput, type OutputFile } from '../../../common/src/pki/outputFiles';
import { DecodeCertificateCommand } from '../../../common/src/protocol';
import type { CommandContext } from '../commands';
import { refusal, type Refusal } from '../input/multiStep';
import { shortPath } from './workspace';

/** What writing needs of the extension: the log, and the Certificates view to tell of new files. */
export type MintContext = Pick<CommandContext, 'outputChannel' | 'certificateTree'>;

/** The command of issue 6 that opens a handshake test on certificate files; offered when installed. */
export const HANDSHAKE_TEST_COMMAND = 'meshMtls.openHandshakeTest';

export interface MintedFiles {
  /** The command's title, for the log and the modal. */
  command: string;
  dir: string;
  files: Array<OutputFile & { role?: string }>;
  /** From a preset: true replaces conflicting files, false refuses them; absent asks. */
  overwrite?: boolean;
  /** The notification's sentence. */
  message: string;
  /** The file name Open and Decode act on. */
  primary: string;
  /** An issued leaf: Test Handshake is offered on its files (roles cert, key, chain, ca). */
  handshake?: boolean;
  notes?: string[];
}

/** What a minting command resolves with: the absolute path of each file by role (its name when it has none). */
export interface MintedResult {
  files: Record<string, string>;
  notes: string[];
  /** The buttons the notification offered. */
  actions: string[];
}

/**
 * Writes the files, asking before replacing any that exist with other content (a modal that
 * lists them); refuses when a preset said not to overwrite. Logs which files were written, never
 * their content, and shows the final notification without waiting for it.
 */
export async function writeMinted({ outputChannel: log, certificateTree }: MintContext, minted: MintedFiles): Promise<MintedResult | Refusal | undefined> {
  const conflicts = conflictingFiles(minted.dir, minted.files);
  if (conflicts.length > 0) {
    if (minted.overwrite === false)
      return refusal(
        `${conflicts.join(', ')} ${conflicts.length === 1 ? 'exists' : 'exist'} in ${shortPath(minted.dir)} with other content; nothing was written`,
      );
    if (minted.overwrite !== true) {
      const choice = await vscode.window.showWarningMessage(
        `${minted.command}: replace ${conflicts.length === 1 ? 'a file' : `${conflicts.length} files`} in ${shortPath(minted.dir)}?`,
        { modal: true, detail: `${conflicts.join('\n')}\n\nThe files there now, keys included, would be lost.` },
        'Overwrite',
      );
      if (choice !== 'Overwrite') return undefined;
    }
  }
  const written = writeOutput(minted.dir, minted.files, { overwrite: conflicts.length > 0 });
  for (const warning of written.warnings) log.warn(`${minted.command}: ${warning}`);
  const files = Object.fromEntries(minted.files.map((file) => [file.role ?? file.name, path.join(minted.dir, file.name)]));
  const secrets = minted.files.filter((file) => file.secret).map((file) => file.name);
  log.info(
    `${minted.command}: wrote ${written.written.map((file) => path.basename(file)).join(', ') || 'nothing new'} in ${minted.dir}${written.unchanged.length ? ` (kept ${written.unchanged.map((file) => path.basename(file)).join(', ')}, unchanged)` : ''}; ${secrets.join(', ')} owner-only (0600)${written.gitignore ? `, listed in ${written.gitignore}` : ''}.`,
  );
  for (const note of minted.notes ?? []) log.info(`${minted.command}: ${note}`);
  void certificateTree.filesWritten(written.written.map((file) => vscode.Uri.file(file)));
  const actions = ['Open', 'Decode'];
  if (minted.handshake && (await vscode.commands.getCommands(true)).includes(HANDSHAKE_TEST_COMMAND)) actions.push('Test Handshake');
  void notify(minted, files, actions);
  return { files, notes: minted.notes ?? [], actions };
}

async function notify(minted: MintedFiles, files: Record<string, string>, actions: string[]): Promise<void> {
  const text = [minted.message, ...(minted.notes ?? [])].join(' ');
  const choice = await vscode.window.showInformationMessage(text, ...actions);
  const primary = vscode.Uri.file(path.join(minted.dir, minted.primary));
  if (choice === 'Open') await vscode.window.showTextDocument(primary);
  else if (choice === 'Decode') await vscode.commands.executeCommand(DecodeCertificateCommand, primary);
  else if (choice === 'Test Handshake') {
    // The new certificate plays the server (sending its chain); both sides trust its root.
    const uri = (role: string) => vscode.Uri.file(files[role]);
    await vscode.commands.executeCommand(HANDSHAKE_TEST_COMMAND, { serverCert: uri('chain'), serverKey: uri('key'), serverCa: uri('ca'), clientCa: uri('ca') });
  }
}
