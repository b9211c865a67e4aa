import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { READ_CAPS, readBounded, readTextBounded, type BoundedText } from '../../../common/src/files/boundedRead';

/** Folders that hold dependencies, build output or history, never the user's manifests. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'target', 'vendor', '.cache', '.venv', '__pycache__']);

export interface ScanLimits {
  maxFiles: number;
  maxFileBytes: number;
}

const READS_IN_FLIGHT = 16;

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxFiles: 3000, maxFileBytes: READ_CAPS.manifest };

/** The files the workspace index reads. */
export const YAML_FILE = /\.ya?ml$/i;

/**
 * Reads every YAML file under the folders (or, given `names`, every file whose name it matches), within limits, handing each to `onFile`. It awaits
 * between files, so requests are served while a large workspace is read. Symbolic links are not
 * followed: one inside the folder leads to a file read under its own name anyway, one out of it
 * leads where the workspace does not go, and neither can loop.
 */
export async function scanYamlFiles(
  folders: string[],
  onFile: (uri: string, text: string) => void,
  limits = DEFAULT_SCAN_LIMITS,
  excluded: (relativePath: string) => boolean = () => false,
  names: RegExp = YAML_FILE,
): Promise<number> {
  return scanFiles(folders, (uri, bytes) => onFile(uri, bytes.toString('utf8')), limits, excluded, names);
}

/** As scanYamlFiles, with each file's bytes: for files that may be binary (DER certificates). */
export async function scanFiles(
  folders: string[],
  onFile: (uri: string, bytes: Buffer) => void,
  limits: ScanLimits,
  excluded: (relativePath: string) => boolean,
  names: RegExp,
): Promise<number> {
  const listed = listFiles(folders, excluded, names);
  // A few reads in flight at once: one at a time, a cold workspace waits on the disk more than it
  // parses. The next batch is listed and read while this one is parsed, across folders too (a
  // workspace of many small folders would otherwise wait on each folder's first reads).
  const readBatch = async (room: number) => {
    const batch: string[] = [];
    while (batch.length < Math.min(READS_IN_FLIGHT, room)) {
      const file = await listed.next();
      if (file.done) break;
      batch.push(file.value);
    }
    return { batch, contents: await Promise.all(batch.map((file) => readListedFile(file, limits.maxFileBytes))) };
  };
  let files = 0;
  let next = readBatch(limits.maxFiles);
  while (files < limits.maxFiles) {
    const { batch, contents } = await next;
    if (batch.length === 0) break;
    next = readBatch(limits.maxFiles - files);
    batch.forEach((file, i) => {
      const bytes = contents[i];
      // The batch read ahead may hold more than the bound leaves room for.
      if (bytes === undefined || files >= limits.maxFiles) return;
      files++;
      onFile(pathToFileURL(file).toString(), bytes);
    });
  }
  // The listing may still be reading a folder for a batch nobody will take.
  await next.catch(() => undefined);
  return files;
}

/** The files under the folders whose names match, folder by folder, listed as they are asked for. */
async function* listFiles(folders: string[], excluded: (relativePath: string) => boolean, names: RegExp): AsyncGenerator<string> {
  const queue = folders.map((folder) => ({ dir: folder, root: folder }));
  while (queue.length > 0) {
    const { dir, root } = queue.shift()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or gone: nothing to learn there
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (excluded(path.relative(root, full).split(path.sep).join('/'))) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) queue.push({ dir: full, root });
      } else if (entry.isFile() && names.test(entry.name)) yield full;
    }
  }
}

/**
 * A file the scan listed: a regular file (not a link) in a folder reached from the workspace
 * folder without following a link, so its real path is inside the folder's and needs no
 * resolving. Opened without following a link all the same, in case one replaced it since.
 */
async function readListedFile(file: string, maxBytes: number): Promise<Buffer | undefined> {
  const read = await readBounded(file, { maxBytes, noSymlinks: true });
  return 'bytes' in read ? read.bytes : undefined;
}

/**
 * A file's text, or undefined when it is missing, not a regular file, larger than `maxBytes`, or
 * (given `root`) a link out of `root`: see common/src/files/boundedRead.ts.
 */
export async function readSmallFile(file: string, maxBytes: number, root?: string): Promise<string | undefined> {
  return textOf(await readTextBounded(file, { maxBytes, root }));
}

function textOf(read: BoundedText): string | undefined {
  return 'text' in read ? read.text : undefined;
}
