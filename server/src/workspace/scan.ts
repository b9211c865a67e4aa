import { readdir, readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Folders that hold dependencies, build output or history, never the user's manifests. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', 'target', 'vendor', '.cache', '.venv', '__pycache__']);

export interface ScanLimits {
  maxFiles: number;
  maxFileBytes: number;
}

const READS_IN_FLIGHT = 16;

export const DEFAULT_SCAN_LIMITS: ScanLimits = { maxFiles: 3000, maxFileBytes: 512_000 };

/**
 * Reads every YAML file under the folders, within limits, handing each to `onFile`. It awaits
 * between files, so requests are served while a large workspace is read.
 */
export async function scanYamlFiles(folders: string[], onFile: (uri: string, text: string) => void, limits = DEFAULT_SCAN_LIMITS, excluded: (relativePath: string) => boolean = () => false): Promise<number> {
  let files = 0;
  const queue = folders.map((folder) => ({ dir: folder, root: folder }));
  while (queue.length > 0 && files < limits.maxFiles) {
    const { dir, root } = queue.shift()!;
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable or gone: nothing to learn there
    }
    const yamlFiles: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (excluded(path.relative(root, full).split(path.sep).join('/'))) continue;
      if (entry.isDirectory()) {
        if (!SKIPPED.has(entry.name)) queue.push({ dir: full, root });
      } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name)) yamlFiles.push(full);
    }
    // A few reads in flight at once: one at a time, a cold workspace waits on the disk more than it parses.
    for (let at = 0; at < yamlFiles.length && files < limits.maxFiles; at += READS_IN_FLIGHT) {
      const batch = yamlFiles.slice(at, Math.min(at + READS_IN_FLIGHT, at + limits.maxFiles - files));
      const texts = await Promise.all(batch.map((file) => readSmallFile(file, limits.maxFileBytes)));
      batch.forEach((file, i) => {
        const text = texts[i];
        if (text === undefined) return;
        files++;
        onFile(pathToFileURL(file).toString(), text);
      });
    }
  }
  return files;
}

export async function readSmallFile(file: string, maxBytes: number): Promise<string | undefined> {
  try {
    if ((await stat(file)).size > maxBytes) return undefined;
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}
