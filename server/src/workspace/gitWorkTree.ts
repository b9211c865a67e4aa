import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Whether a file is one git would commit: inside a work tree (a `.git` folder or file in it or
 * above it) and not ignored there. Answers are cached per folder and per file, so diagnostics
 * on every keystroke ask the disk and git only once; `forget` drops a file's answer (on close,
 * or when a .gitignore changes).
 */
export class GitWorkTrees {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly answers = new Map<string, Promise<boolean>>();

  wouldCommit(file: string): Promise<boolean> {
    let answer = this.answers.get(file);
    if (!answer) {
      answer = this.rootOf(path.dirname(file)).then((root) => (root === undefined ? false : notIgnored(root, file)));
      this.answers.set(file, answer);
    }
    return answer;
  }

  forget(file?: string): void {
    if (file === undefined) {
      this.answers.clear();
      this.roots.clear();
    } else this.answers.delete(file);
  }

  private rootOf(dir: string): Promise<string | undefined> {
    let root = this.roots.get(dir);
    if (!root) {
      root = exists(path.join(dir, '.git')).then((found) => {
        if (found) return dir;
        const parent = path.dirname(dir);
        return parent === dir ? undefined : this.rootOf(parent);
      });
      this.roots.set(dir, root);
    }
    return root;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}

/** `git check-ignore` exits 0 for an ignored file, 1 for one it would take; without git, assume it would. */
function notIgnored(root: string, file: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile('git', ['-C', root, 'check-ignore', '-q', '--', file], { timeout: 10_000, windowsHide: true }, (error) => resolve(error !== null));
  });
}
