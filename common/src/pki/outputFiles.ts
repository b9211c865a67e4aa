// Writing minted files: private keys 0600 in folders 0700, nothing half-written, nothing
// overwritten unless the caller says so, and a .gitignore beside the keys so git never takes them.
// No write, chmod or read of ours goes through a symbolic link: a key.pem or .gitignore that
// links elsewhere is something in the way, never a path to write to.

import { closeSync, constants, existsSync, fchmodSync, lstatSync, mkdirSync, openSync, renameSync, statSync, writeSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { READ_CAPS, readTextBoundedSync } from '../files/boundedRead';

export interface OutputFile {
  /** A plain file name, no folders. */
  name: string;
  content: string;
  /** Holds key material (a key, or a manifest carrying one): mode 0600, and git-ignored. */
  secret: boolean;
}

export class OverwriteRefused extends Error {
  constructor(readonly files: string[]) {
    const list = files.length === 1 ? files[0] : `${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}`;
    super(`${list} already ${files.length === 1 ? 'exists' : 'exist'} with other content; nothing was written`);
  }
}

export interface WriteResult {
  /** Absolute paths, in the order given. */
  written: string[];
  /** Files that already held exactly this content. */
  unchanged: string[];
  /** The .gitignore, when it was created or extended. */
  gitignore?: string;
  /** What the caller should tell the user: a folder others can list or write to. */
  warnings: string[];
}

const GITIGNORE_HEADER = '# Written by Mesh mTLS: private keys (and manifests that hold them) stay out of git.\n';

const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/** The file's text when it is a regular file (not a link) of at most `maxBytes`; undefined when it is anything else. */
function plainText(file: string, maxBytes: number): string | undefined {
  const read = readTextBoundedSync(file, { maxBytes, noSymlinks: true });
  return 'text' in read ? read.text : undefined;
}

function exists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** The files of `files` that exist in `dir` with different content (or as a link, a FIFO…): what writing would replace. */
export function conflictingFiles(dir: string, files: OutputFile[]): string[] {
  return files
    .filter((file) => {
      const target = path.join(dir, file.name);
      return exists(target) && plainText(target, Buffer.byteLength(file.content)) !== file.content;
    })
    .map((file) => file.name);
}

/**
 * Writes every file or none: conflicts are found before the first write. Each file goes to a
 * temporary name first and is renamed into place, so a crash never leaves half a key behind; a
 * link in the way is replaced, never written through.
 *
 * A folder we create is 0700. One that exists is the user's: its mode is left as it is (it may be
 * the root of a repository others read), the keys in it are 0600 all the same, and a folder others
 * can list is named in `warnings`.
 */
export function writeOutput(dir: string, files: OutputFile[], options: { overwrite?: boolean } = {}): WriteResult {
  for (const file of files) if (file.name !== path.basename(file.name) || file.name.startsWith('.')) throw new Error(`not a plain file name: ${file.name}`);
  const conflicts = conflictingFiles(dir, files);
  if (conflicts.length && !options.overwrite) throw new OverwriteRefused(conflicts);
  const created = !existsSync(dir);
  if (!created && !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  const secrets = files.filter((f) => f.secret).map((f) => f.name);
  const gitignore = path.join(dir, '.gitignore');
  const ignored = secrets.length ? ignoreFileText(gitignore, secrets) : undefined;
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const result: WriteResult = { written: [], unchanged: [], warnings: [] };
  const folderMode = statSync(dir).mode & 0o777;
  if (secrets.length && !created && folderMode & 0o077)
    result.warnings.push(
      `${dir} has mode ${folderMode.toString(8).padStart(4, '0')}: others can list the key files in it (the keys themselves are 0600); chmod 700 it to keep even their names to yourself`,
    );
  if (ignored !== undefined) {
    withFile(gitignore, constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NO_FOLLOW, (fd) => writeSync(fd, ignored), 0o644);
    result.gitignore = gitignore;
  }
  for (const file of files) {
    const target = path.join(dir, file.name);
    const mode = file.secret ? 0o600 : 0o644;
    if (!conflicts.includes(file.name) && exists(target)) {
      // Same content in a plain file: leave it, but a key must still not be readable by others.
      if (file.secret) withFile(target, constants.O_RDONLY | NO_FOLLOW | (constants.O_NONBLOCK ?? 0), (fd) => fchmodSync(fd, mode));
      result.unchanged.push(target);
      continue;
    }
    const temporary = path.join(dir, `.${file.name}.${randomBytes(6).toString('hex')}.tmp`);
    // O_EXCL: a fresh file of ours, never one a link points to. fchmod: an umask may have narrowed the mode at creation.
    withFile(
      temporary,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NO_FOLLOW,
      (fd) => {
        writeSync(fd, file.content);
        fchmodSync(fd, mode);
      },
      mode,
    );
    renameSync(temporary, target);
    result.written.push(target);
  }
  return result;
}

function withFile(file: string, flags: number, use: (fd: number) => void, mode?: number): void {
  const fd = openSync(file, flags, mode);
  try {
    use(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * The folder's .gitignore with the names git must not take added (a new one when missing), or
 * undefined when it lists them already. Throws, before anything is written, when the .gitignore
 * is a link or anything but a plain file: writing through it would change a file elsewhere.
 */
function ignoreFileText(file: string, names: string[]): string | undefined {
  const existing = exists(file) ? plainText(file, READ_CAPS.gitignore) : undefined;
  if (exists(file) && existing === undefined)
    throw new Error(
      `${file} is a link or not a plain file; nothing was written (the keys would not be git-ignored, and we do not write through it): replace it with a plain file`,
    );
  const lines = new Set((existing ?? '').split(/\r?\n/).map((l) => l.trim()));
  if (lines.has('*')) return undefined;
  const missing = names.filter((name) => !lines.has(name) && !lines.has(`/${name}`));
  if (missing.length === 0) return undefined;
  const prefix = existing === undefined ? GITIGNORE_HEADER : existing.endsWith('\n') || existing === '' ? '' : '\n';
  return `${existing ?? ''}${prefix}${missing.join('\n')}\n`;
}
