import ignore, { type Ignore } from 'ignore';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { readSmallFile } from './scan';

/** Ignore files are a few lines; a larger one is not read (its rules are then not applied). */
const MAX_IGNORE_FILE_BYTES = READ_CAPS.gitignore;

/**
 * Whether a file is one git would commit: inside a work tree (a `.git` folder or file in it or
 * above it) and not ignored there. The ignore rules are matched here, in process: running `git`
 * in a folder lets that folder's `.git/config` run commands (`core.fsmonitor`, for one), and the
 * folder may be a stranger's. Read, in git's order of precedence: the `.gitignore` of each folder
 * from the file up to the work tree's root, `.git/info/exclude`, then the user's global excludes
 * file. Answers are cached per folder and per file, so diagnostics on every keystroke read the
 * disk once; `forget` drops a file's answer (on close), or all of them (a .gitignore changed).
 */
export class GitWorkTrees {
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly answers = new Map<string, Promise<boolean>>();
  /** The rules each folder contributes, keyed by folder; a work tree's root holds its excludes too. */
  private readonly rules = new Map<string, Promise<Ignore | undefined>>();

  /** @param globalExcludes the user's excludes file; tests pass their own to stay off the machine's. */
  constructor(private readonly globalExcludes: () => Promise<string | undefined> = userExcludesFile) {}

  wouldCommit(file: string): Promise<boolean> {
    let answer = this.answers.get(file);
    if (!answer) {
      answer = this.rootOf(path.dirname(file))
        .then(async (root) => root !== undefined && !(await this.ignored(root, file)))
        .catch(() => false);
      this.answers.set(file, answer);
    }
    return answer;
  }

  forget(file?: string): void {
    if (file === undefined) {
      this.answers.clear();
      this.roots.clear();
      this.rules.clear();
    } else this.answers.delete(file);
  }

  /**
   * Git's verdict: each folder on the way down is checked before what it holds (a file in an
   * ignored folder cannot be brought back), and for each path the deepest folder whose rules
   * say anything about it decides.
   */
  private async ignored(root: string, file: string): Promise<boolean> {
    const parts = path.relative(root, file).split(path.sep);
    const levels = await Promise.all(
      [root, ...parts.slice(0, -1).map((_, i) => path.join(root, ...parts.slice(0, i + 1)))].map((dir) => this.rulesOf(dir, dir === root)),
    );
    for (let end = 1; end <= parts.length; end++) {
      const isFolder = end < parts.length;
      for (let level = end - 1; level >= 0; level--) {
        const rules = levels[level];
        if (!rules) continue;
        const relative = parts.slice(level, end).join('/') + (isFolder ? '/' : '');
        const verdict = rules.test(relative);
        if (verdict.ignored) return true;
        if (verdict.unignored) break;
      }
    }
    return false;
  }

  private rulesOf(dir: string, isRoot: boolean): Promise<Ignore | undefined> {
    let rules = this.rules.get(dir);
    if (!rules) {
      rules = (async () => {
        // Lowest precedence first: later rules win within one set.
        const sources = isRoot
          ? [await this.globalExcludes(), path.join(dir, '.git', 'info', 'exclude'), path.join(dir, '.gitignore')]
          : [path.join(dir, '.gitignore')];
        const texts = await Promise.all(sources.map(async (source) => (source === undefined ? undefined : readSmallFile(source, MAX_IGNORE_FILE_BYTES))));
        const found = texts.filter((text): text is string => text !== undefined);
        // One `add` per file: an array given to `add` is read as one pattern per item.
        return found.length ? found.reduce((rules, text) => rules.add(text), ignore()) : undefined;
      })();
      this.rules.set(dir, rules);
    }
    return rules;
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

/**
 * The user's global excludes file: `core.excludesFile` of `~/.gitconfig` when set there, else
 * git's default `$XDG_CONFIG_HOME/git/ignore`. Only the user's own configuration is read, never a
 * repository's: a work tree must not choose which file of the machine is read.
 */
async function userExcludesFile(): Promise<string | undefined> {
  const home = homedir();
  const config = await readSmallFile(path.join(home, '.gitconfig'), MAX_IGNORE_FILE_BYTES);
  const configured = config ? excludesFileOf(config) : undefined;
  if (configured) return configured.startsWith('~/') ? path.join(home, configured.slice(2)) : configured;
  return path.join(process.env.XDG_CONFIG_HOME || path.join(home, '.config'), 'git', 'ignore');
}

/** `excludesFile = PATH` in the `[core]` section of a git config file. */
export function excludesFileOf(config: string): string | undefined {
  let section = '';
  let found: string | undefined;
  for (const line of config.split(/\r?\n/)) {
    const header = /^\s*\[\s*([A-Za-z0-9.-]+)/.exec(line);
    if (header) section = header[1].toLowerCase();
    const setting = /^\s*excludesfile\s*=\s*(.*?)\s*$/i.exec(line);
    if (section === 'core' && setting) found = setting[1].replace(/^"(.*)"$/, '$1');
  }
  return found || undefined;
}
