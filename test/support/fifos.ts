import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';

/** Makes a FIFO (named pipe) at `file`, the real special file a reader must not wait on. */
export function mkfifo(file: string): string {
  execFileSync('mkfifo', [file]);
  return file;
}

/**
 * Lets go of any reader a regression left waiting in open(2) on the FIFO: a writer's open
 * completes theirs, so a failing test still ends instead of holding its process forever.
 */
export function releaseFifo(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: no reader is waiting, as it should be.
  }
}
