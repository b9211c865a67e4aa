// Writing minted files: private keys 0600 in folders 0700, nothing half-written, nothing
// overwritten unless the caller says so, and a .gitignore beside the keys so git never takes them.

import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

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
}

const GITIGNORE_HEADER = '# Written by Mesh mTLS: private keys (and manifests that hold them) stay out of git.\n';

/** The files of `files` that exist in `dir` with different content: what writing would overwrite. */
export function conflictingFiles(dir: string, files: OutputFile[]): string[] {
  return files.filter((file) => {
    const target = path.join(dir, file.name);
    if (!existsSync(target)) return false;
    try {
      return readFileSync(target, 'utf8') !== file.content;
    } catch {
      return true;
    }
  }).map((file) => file.name);
}

/**
 * Writes every file or none: conflicts are found before the first write. Each file goes to a
 * temporary name first and is renamed into place, so a crash never leaves half a key behind.
 */
export function writeOutput(dir: string, files: OutputFile[], options: { overwrite?: boolean } = {}): WriteResult {
  for (const file of files) if (file.name !== path.basename(file.name) || file.name.startsWith('.')) throw new Error(`not a plain file name: ${file.name}`);
  const conflicts = conflictingFiles(dir, files);
  if (conflicts.length && !options.overwrite) throw new OverwriteRefused(conflicts);
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const result: WriteResult = { written: [], unchanged: [] };
  const secrets = files.filter((f) => f.secret).map((f) => f.name);
  if (secrets.length) {
    const gitignore = ensureIgnored(dir, secrets);
    if (gitignore) result.gitignore = gitignore;
  }
  for (const file of files) {
    const target = path.join(dir, file.name);
    const mode = file.secret ? 0o600 : 0o644;
    if (existsSync(target) && !conflicts.includes(file.name)) {
      // Same content: leave it, but a key must still not be readable by others.
      if (file.secret) chmodSync(target, mode);
      result.unchanged.push(target);
      continue;
    }
    const temporary = path.join(dir, `.${file.name}.${randomBytes(6).toString('hex')}.tmp`);
    writeFileSync(temporary, file.content, { mode, flag: 'wx' });
    renameSync(temporary, target);
    // rename keeps the temporary file's mode, but an umask may have narrowed it at creation.
    chmodSync(target, mode);
    result.written.push(target);
  }
  return result;
}

/** Adds the names git must not take to the folder's .gitignore (created when missing); the path when it changed. */
function ensureIgnored(dir: string, names: string[]): string | undefined {
  const file = path.join(dir, '.gitignore');
  const existing = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  const lines = new Set((existing ?? '').split(/\r?\n/).map((l) => l.trim()));
  if (lines.has('*')) return undefined;
  const missing = names.filter((name) => !lines.has(name) && !lines.has(`/${name}`));
  if (missing.length === 0) return undefined;
  const prefix = existing === undefined ? GITIGNORE_HEADER : existing.endsWith('\n') || existing === '' ? '' : '\n';
  writeFileSync(file, `${existing ?? ''}${prefix}${missing.join('\n')}\n`, { mode: 0o644 });
  return file;
}
