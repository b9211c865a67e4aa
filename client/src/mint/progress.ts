import * as vscode from 'vscode';
import { MintCancelled } from '../../../common/src/pki/mint';

/**
 * Runs key generation under a cancellable progress notification that names each step. Cancel
 * (or the caller's `signal`) aborts the engine's signal; whatever finishes after that is thrown
 * away as MintCancelled, so nothing is written.
 */
export function withKeyProgress<T>(
  title: string,
  signal: AbortSignal | undefined,
  work: (signal: AbortSignal, onStep: (step: string) => void) => Promise<T>,
): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      const controller = new AbortController();
      const abort = () => controller.abort();
      const cancelled = token.onCancellationRequested(abort);
      signal?.addEventListener('abort', abort);
      if (signal?.aborted) abort();
      try {
        const value = await work(controller.signal, (step) => progress.report({ message: step }));
        if (controller.signal.aborted) throw new MintCancelled();
        return value;
      } finally {
        cancelled.dispose();
        signal?.removeEventListener('abort', abort);
      }
    }),
  );
}
