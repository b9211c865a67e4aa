import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// What certificate checks learn from the disk around a document: sibling key files and whether
// git tracks the folder. Kept out of the services, which stay pure.

const MAX_SIBLING_BYTES = 1_000_000;

export interface FileSurroundings {
  fileName?: string;
  readSibling?: (name: string) => string | undefined;
  inGitRepository?: boolean;
}

/** The answer is per file and changes rarely: asked once per URI, forgotten when the document closes. */
export class SurroundingsCache {
  private readonly tracked = new Map<string, boolean>();

  for(uri: string): FileSurroundings {
    if (!uri.startsWith('file:')) return {};
    let file: string;
    try {
      file = fileURLToPath(uri);
    } catch {
      return {};
    }
    const folder = path.dirname(file);
    return { fileName: path.basename(file), readSibling: (name) => readSmall(path.join(folder, name)), inGitRepository: this.isTracked(uri, file) };
  }

  forget(uri: string): void {
    this.tracked.delete(uri);
  }

  private isTracked(uri: string, file: string): boolean {
    let known = this.tracked.get(uri);
    if (known === undefined) {
      known = insideGitWorkTree(path.dirname(file)) && !gitIgnores(file);
      this.tracked.set(uri, known);
    }
    return known;
  }
}

function readSmall(file: string): string | undefined {
  try {
    if (!existsSync(file) || statSync(file).size > MAX_SIBLING_BYTES) return undefined;
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function insideGitWorkTree(folder: string): boolean {
  for (let at = folder; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, '.git'))) return true;
    if (path.dirname(at) === at) return false;
  }
}

/** `git check-ignore` decides, so nested .gitignore files and global excludes count; without git we assume tracked. */
function gitIgnores(file: string): boolean {
  try {
    execFileSync('git', ['check-ignore', '-q', file], { cwd: path.dirname(file), stdio: 'ignore', timeout: 2000 });
    return true;
  } catch {
    return false;
  }
}
