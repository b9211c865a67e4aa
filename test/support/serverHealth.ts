import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LspProcess } from './lspProcess';

// Whether a language server process is still serving: it has not exited, it answers a request
// about a document it knows within a bound, its resident memory stays under a bound, and
// nothing it printed or logged reports an error that escaped its handlers.

/** What escaped a handler: a crash report on stderr, or a failure the server logged with its stack. */
const ESCAPED = /uncaught|unhandled|\bfailed\b|\berror\b|\n\s+at /i;

export class ServerHealth {
  /** Settles when the process ends, with how it ended and the end of its stderr. */
  private readonly exited: Promise<string>;

  constructor(
    private readonly server: LspProcess,
    private readonly bounds: { answerMs: number; rssMb: number },
  ) {
    const child = server.child;
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(`${String(signal ?? code)}: ${server.stderr.slice(-600)}`)));
  }

  /**
   * `answer`, or a failure naming `what` when the server takes longer than the bound or exits
   * first. A bound on a hang, not a speed check: the timer only ends a wait that went wrong.
   */
  async within<T>(what: string, answer: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${this.bounds.answerMs} ms`)), this.bounds.answerMs);
    });
    const died = this.exited.then((how) => Promise.reject(new Error(`${what}: the server exited (${how})`)));
    try {
      return await Promise.race([answer, late, died]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The server's resident memory, from /proc. */
  rssMb(): number {
    const status = readFileSync(`/proc/${this.server.child.pid}/status`, 'utf8');
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    assert.ok(kb, 'VmRSS in /proc/PID/status');
    return Number(kb[1]) / 1024;
  }

  /**
   * Fails unless the server, after `what`, answers `probe` as `expect` says within the bound,
   * stays under the memory bound and has reported no escaped error: none on stderr, and none in
   * its log unless `logged` allows it (after input that breaks the protocol, logging it is right).
   */
  async check<T>(what: string, probe: () => Promise<T>, expect: (answer: T) => void, logged: 'forbid' | 'allow' = 'forbid'): Promise<void> {
    expect(await this.within(`the probe after ${what}`, probe()));
    assert.equal(this.server.child.exitCode, null, `the server exited after ${what}`);
    const rss = this.rssMb();
    assert.ok(rss < this.bounds.rssMb, `after ${what} the server holds ${rss.toFixed(0)} MB, over ${this.bounds.rssMb} MB`);
    assert.doesNotMatch(this.server.stderr, ESCAPED, `stderr after ${what}`);
    if (logged === 'allow') return;
    const escaped = this.server.logs.find((message) => ESCAPED.test(message));
    assert.equal(escaped, undefined, `logged after ${what}`);
  }
}
