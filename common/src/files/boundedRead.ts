// The one way the server, the client and the CLI read a file they did not write: regular files
// only, never more than a cap, never blocking on a FIFO or a device, and never through a symbolic
// link out of the folder being read unless asked. A workspace is input we do not control: a
// key.pem that links to /dev/zero (whose size says 0), a FIFO named cert.pem, or a manifest that
// links to ~/.kube/config must cost nothing and quote nothing.

import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import * as path from 'node:path';

/** Every size cap of a read, in one place. */
export const READ_CAPS = {
  /** A YAML manifest the language server indexes: larger ones are generated bundles, not worth the wait. */
  manifest: 512_000,
  /** A YAML manifest `lint` checks: generated CRD bundles run to a few megabytes and must still be checked. */
  lintedManifest: 16_000_000,
  /** A certificate or key file found beside another, or named as one (siblings, CA folders, handshake inputs). */
  keyOrCertificate: 1_000_000,
  /** A file decoded as a whole (inspect, the Certificates view, a decode of a file not open): bundles stay far below it. */
  certificateBundle: 4_000_000,
  /** A .gitignore or other ignore file: read for its rules, or added to when keys are written. */
  gitignore: 1_000_000,
  /** A Helm chart's Chart.yaml, values.yaml or helper file, read to resolve a template's defaults. */
  chartFile: 1_000_000,
  /** A repository's .mesh-mtls.yaml: a few lines. */
  projectConfig: 64_000,
} as const;

export type SkipReason = 'too-large' | 'not-a-regular-file' | 'outside-root' | 'missing' | 'unreadable';

export interface Skipped {
  skipped: SkipReason;
  file: string;
  /** What was found, in words: "a character device", "more than 512000 bytes", "ENOENT"… */
  detail: string;
}

export type BoundedBytes = { bytes: Buffer } | Skipped;
export type BoundedText = { text: string } | Skipped;

export interface ReadPolicy {
  maxBytes: number;
  /**
   * The folder reads stay in: a file whose real path (every symbolic link resolved) lies outside
   * it is not read. Undefined: the file was named by the user, and is read wherever it leads.
   */
  root?: string;
  /** `root` with every link resolved, when the caller has it: a scan resolves its folder once, not once per file. */
  realRoot?: string;
  /**
   * The file's own path with every link resolved, when the caller has it: a folder walk that
   * found the file as a regular entry of a folder it resolved knows it without asking again.
   */
  realPath?: string;
  /** Read through links out of `root` all the same (the CLI's --follow-symlinks). */
  followOutside?: boolean;
  /** The file itself must not be a symbolic link at all. */
  noSymlinks?: boolean;
}

// O_NONBLOCK: opening a FIFO with no writer returns at once instead of holding a thread until
// one comes; reads of regular files ignore it. Windows has neither flag.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const CHUNK = 64 * 1024;

export function isInside(file: string, root: string): boolean {
  const relative = path.relative(root, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The sentence a caller prints for a skipped file. */
export function skipMessage(skip: Skipped): string {
  switch (skip.skipped) {
    case 'too-large':
      return `${skip.file} was skipped: ${skip.detail}, too large for the file it should be`;
    case 'not-a-regular-file':
      return `${skip.file} was skipped: it is ${skip.detail}, not a regular file`;
    case 'outside-root':
      return `${skip.file} was skipped: it is a symbolic link to ${skip.detail}, outside the folder being read`;
    default:
      return `cannot read ${skip.file}: ${skip.detail}`;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function failed(file: string, error: unknown): Skipped {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return { skipped: 'missing', file, detail: code };
  // ELOOP: a link cycle, or a link where none may be.
  return { skipped: 'unreadable', file, detail: code ?? (error as Error).message };
}

/** What to open: the real path when a root must be kept (so the check and the open see one file), else the path. */
function target(file: string, policy: ReadPolicy, real: string | undefined, realRoot: string | undefined): string | Skipped {
  if (real === undefined || realRoot === undefined || policy.followOutside) return file;
  return isInside(real, realRoot) ? real : { skipped: 'outside-root', file, detail: real };
}

function flags(policy: ReadPolicy, opened: string, file: string): number {
  // The real path has no link left in it; the named path may be one only if links are allowed. A
  // real path the caller found earlier must still be no link when opened.
  return OPEN_FLAGS | (policy.noSymlinks || policy.realPath !== undefined || opened !== file ? NO_FOLLOW : 0);
}

function irregular(file: string, stats: Stats): Skipped | undefined {
  return stats.isFile() ? undefined : { skipped: 'not-a-regular-file', file, detail: kindOf(stats) };
}

/** Chunks read so far: one byte past the cap is enough to know a file is too large. */
class Collected {
  private readonly chunks: Buffer[] = [];
  private total = 0;
  private ended = false;

  /**
   * @param statedSize what fstat says the file holds: a read that stops there, short of the buffer,
   * is the whole file, which spares the read of zero bytes that would say so (the scan reads
   * thousands of small files). Files that state 0 (those of /proc and /sys) are read to the end.
   */
  constructor(
    private readonly file: string,
    private readonly maxBytes: number,
    private readonly statedSize = 0,
  ) {}

  /** The buffer the next read fills, or undefined when the reading is over. */
  next(): Buffer | undefined {
    return this.ended || this.total > this.maxBytes ? undefined : Buffer.allocUnsafe(Math.min(CHUNK, this.maxBytes + 1 - this.total));
  }

  add(chunk: Buffer, bytesRead: number): void {
    if (bytesRead === 0 || (this.statedSize > 0 && this.total + bytesRead === this.statedSize && bytesRead < chunk.length)) this.ended = true;
    this.chunks.push(chunk.subarray(0, bytesRead));
    this.total += bytesRead;
  }

  result(): BoundedBytes {
    if (this.total > this.maxBytes) return { skipped: 'too-large', file: this.file, detail: `more than ${this.maxBytes} bytes` };
    return { bytes: Buffer.concat(this.chunks, this.total) };
  }
}

/** Reads at most `policy.maxBytes` of a regular file; the size `stat` gives is never trusted (files in /proc and /sys say 0). */
export async function readBounded(file: string, policy: ReadPolicy): Promise<BoundedBytes> {
  let handle;
  try {
    const realRoot = policy.root === undefined || policy.followOutside ? undefined : (policy.realRoot ?? (await realpath(policy.root)));
    const real = realRoot === undefined ? undefined : await realpath(file);
    const opened = target(file, policy, real, realRoot);
    if (typeof opened !== 'string') return opened;
    handle = await open(opened, flags(policy, opened, file));
    const stats = await handle.stat();
    const refused = irregular(file, stats);
    if (refused) return refused;
    const collected = new Collected(file, policy.maxBytes, stats.size);
    for (let chunk = collected.next(); chunk; chunk = collected.next()) collected.add(chunk, (await handle.read(chunk, 0, chunk.length, null)).bytesRead);
    return collected.result();
  } catch (error) {
    return failed(file, error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function readBoundedSync(file: string, policy: ReadPolicy): BoundedBytes {
  let fd: number | undefined;
  try {
    const realRoot = policy.root === undefined || policy.followOutside ? undefined : (policy.realRoot ?? realpathSync.native(policy.root));
    const real = realRoot === undefined ? undefined : (policy.realPath ?? realpathSync.native(file));
    const opened = target(file, policy, real, realRoot);
    if (typeof opened !== 'string') return opened;
    fd = openSync(opened, flags(policy, opened, file));
    const stats = fstatSync(fd);
    const refused = irregular(file, stats);
    if (refused) return refused;
    return readAllSync(fd, file, policy, stats.size);
  } catch (error) {
    return failed(file, error);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Reads an open descriptor (a file, or standard input) to its end, or until it passes the cap. */
export function readAllSync(fd: number, file: string, policy: ReadPolicy, statedSize?: number): BoundedBytes {
  const collected = new Collected(file, policy.maxBytes, statedSize);
  for (let chunk = collected.next(); chunk; chunk = collected.next()) collected.add(chunk, readSync(fd, chunk, 0, chunk.length, null));
  return collected.result();
}

function asText(read: BoundedBytes): BoundedText {
  return 'bytes' in read ? { text: read.bytes.toString('utf8') } : read;
}

export async function readTextBounded(file: string, policy: ReadPolicy): Promise<BoundedText> {
  return asText(await readBounded(file, policy));
}

export function readTextBoundedSync(file: string, policy: ReadPolicy): BoundedText {
  return asText(readBoundedSync(file, policy));
}
