import * as vscode from 'vscode';
import type { CommandContext, CommandFactory } from '../commands';
import { MintCancelled, MintError } from '../../../common/src/pki/mint';
import { OverwriteRefused } from '../../../common/src/pki/outputFiles';
import { CaFolderError } from '../../../common/src/pki/pkiFiles';
import { isRefusal, refusal, type Refusal } from '../input/multiStep';
import type { MintedResult } from './writeMinted';
import { mintingRefusal } from './workspace';

/** What every minting command's options object may carry besides the answers to its steps. */
export interface MintPreset {
  /** When files exist with other content: true replaces them, false refuses; absent asks. */
  overwrite?: boolean;
  /** Aborts the minting as the progress notification's Cancel does. */
  signal?: AbortSignal;
  [answer: string]: unknown;
}

/** The properties of MintPreset that answer no step. */
export const PRESET_OPTIONS = ['overwrite', 'signal'] as const;

export type MintOutcome = MintedResult | Refusal | undefined;

/**
 * The frame of a minting command: refuses in Restricted Mode and on remote folders, takes the
 * options object (tests and other extensions fill every prompt with it; the palette passes
 * none), and shows a refusal as an error with its reason. Resolves with the files written, the
 * refusal, or undefined when the user cancelled (nothing is written then).
 */
export function mintCommand(title: string, run: (context: CommandContext, preset: MintPreset | undefined) => Promise<MintOutcome>): CommandFactory {
  return (context) => async (options?: unknown) => {
    const outcome = await attempt(context, options);
    if (isRefusal(outcome)) {
      context.outputChannel.warn(`${title}: ${outcome.refused}`);
      void vscode.window.showErrorMessage(`${title}: ${outcome.refused}`);
    }
    return outcome;
  };

  async function attempt(context: CommandContext, options: unknown): Promise<MintOutcome> {
    const blocked = mintingRefusal();
    if (blocked) return refusal(blocked);
    if (options !== undefined && !isPreset(options)) return refusal('the command takes one options object naming the answers');
    try {
      return await run(context, options);
    } catch (error) {
      if (error instanceof MintCancelled) {
        void vscode.window.showInformationMessage(`${title} cancelled: nothing was written.`);
        return undefined;
      }
      // The engine's refusals and the file system's errors say what is wrong and never carry key material.
      if (
        error instanceof MintError ||
        error instanceof CaFolderError ||
        error instanceof OverwriteRefused ||
        error instanceof RangeError ||
        isFileSystemError(error)
      )
        return refusal((error as Error).message);
      throw error;
    }
  }
}

function isPreset(options: unknown): options is MintPreset {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return false;
  const { overwrite, signal } = options as MintPreset;
  return (overwrite === undefined || typeof overwrite === 'boolean') && (signal === undefined || signal instanceof AbortSignal);
}

function isFileSystemError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
