import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { CACHE } from './paths';
import { freePort, run, stopProcessGroup, trackProcessGroup, waitForOutput } from './process';
import { which } from './system';

/** Newest code-server whose engines accept Node 20; it embeds VS Code 1.100.3, our `engines.vscode` floor. */
export const CODE_SERVER_VERSION = '4.100.3';
// The @vscode/ripgrep that this code-server pins, and the rg release its postinstall would download.
const RIPGREP_PACKAGE = '1.15.11';
const RIPGREP_ASSET = 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz';

const INSTALL_DIR = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);
const BIN = path.join(INSTALL_DIR, 'node_modules', '.bin', 'code-server');
const MARKER = path.join(INSTALL_DIR, '.installed');

/**
 * Installs code-server into the git-ignored cache once. Its install would download ripgrep from
 * GitHub, which this machine cannot reach: we seed the download cache with Debian's rg instead.
 */
export async function ensureCodeServer(log: (line: string) => void): Promise<string> {
  if (existsSync(MARKER) && existsSync(BIN)) return BIN;
  const rg = which('rg');
  if (!rg) throw new Error('ripgrep (rg) is needed to install code-server offline');
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(process.cwd(), INSTALL_DIR)} (about a minute, once)`);
  rmSync(INSTALL_DIR, { recursive: true, force: true });
  const tmp = path.join(INSTALL_DIR, 'tmp');
  const seed = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE}`);
  const staging = path.join(tmp, 'rg-staging');
  mkdirSync(seed, { recursive: true });
  mkdirSync(staging, { recursive: true });
  copyFileSync(rg, path.join(staging, 'rg'));
  await run('tar', ['czf', path.join(seed, RIPGREP_ASSET), '-C', staging, 'rg']);
  // npm 11 runs a dependency's install scripts only when package.json allows them.
  writeFileSync(path.join(INSTALL_DIR, 'package.json'), JSON.stringify({ private: true, allowScripts: { 'code-server': true } }, null, 2));
  const env = { ...process.env, TMPDIR: tmp, npm_config_yes: 'true', npm_config_unsafe_perm: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  await run('npm', ['install', '--no-save', `code-server@${CODE_SERVER_VERSION}`], { cwd: INSTALL_DIR, env });
  if (!existsSync(BIN)) throw new Error(`code-server installed but ${BIN} is missing`);
  writeFileSync(MARKER, `${new Date().toISOString()}\n`);
  return BIN;
}

export interface CodeServer {
  url: string;
  port: number;
  runDir: string;
  /** Workbench URL opening `folder`, optionally with extension-development parameters. */
  workbenchUrl(folder: string, payload?: Array<[string, string]>): string;
  /** vscode-remote URI of a local path, as the workbench payload expects. */
  remoteUri(localPath: string): string;
  stop(): Promise<void>;
}

// User settings for a fresh profile: no welcome page, no prompts about the repository around examples/.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'telemetry.telemetryLevel': 'off',
};

export interface StartOptions {
  bin: string;
  /** An extensions dir to use (with our .vsix installed, say); a fresh empty one otherwise. */
  extensionsDir?: string;
  port?: number;
  /**
   * Workspace trust on, as in a user's VS Code: folders open in Restricted Mode, without the
   * startup prompt (a modal a test would have to answer). Off by default: everything is trusted.
   */
  workspaceTrust?: boolean;
}

// Trust as VS Code ships it, minus the startup prompt; the banner stays, as a user sees it.
const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'always',
};

/** A fresh, isolated code-server on 127.0.0.1 with no auth, no gallery and no telemetry. */
export async function startCodeServer(options: StartOptions): Promise<CodeServer> {
  // Unix socket paths are limited to ~107 characters: keep the run folder short.
  const runDir = mkdtempSync(path.join(tmpdir(), 'mm-'));
  const dirs = Object.fromEntries(['home', 'tmp', 'data', 'ext', 'cfg', 'cache'].map((d) => [d, path.join(runDir, d)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(dirs.data, 'User'), { recursive: true });
  const settings = options.workspaceTrust ? { ...QUIET_SETTINGS, ...RESTRICTED_SETTINGS } : QUIET_SETTINGS;
  writeFileSync(path.join(dirs.data, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  const port = options.port ?? (await freePort());
  const child: ChildProcess = spawn(
    options.bin,
    [
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--user-data-dir',
      dirs.data,
      '--extensions-dir',
      options.extensionsDir ?? dirs.ext,
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
    ],
    {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        HOME: dirs.home,
        TMPDIR: dirs.tmp,
        XDG_CONFIG_HOME: dirs.cfg,
        XDG_DATA_HOME: dirs.data,
        XDG_CACHE_HOME: dirs.cache,
        EXTENSIONS_GALLERY: '{}',
      },
    },
  );
  trackProcessGroup(child);
  const stop = async () => {
    await stopProcessGroup(child);
    rmSync(runDir, { recursive: true, force: true });
  };
  try {
    await waitForOutput(child, /HTTP server listening on/, 60_000, 'code-server');
    await expectHealthy(port);
  } catch (error) {
    await stop();
    throw error;
  }
  const url = `http://127.0.0.1:${port}`;
  const remoteUri = (localPath: string) => `vscode-remote://127.0.0.1:${port}${localPath}`;
  return {
    url,
    port,
    runDir,
    remoteUri,
    workbenchUrl(folder, payload) {
      const query = new URLSearchParams({ folder });
      if (payload) query.set('payload', JSON.stringify(payload));
      return `${url}/?${query.toString()}`;
    },
    stop,
  };
}

/** Installs a packaged .vsix into an extensions dir with code-server's own installer. */
export async function installVsix(bin: string, vsix: string, extensionsDir: string): Promise<void> {
  const home = mkdtempSync(path.join(tmpdir(), 'mm-inst-'));
  try {
    await run(bin, ['--extensions-dir', extensionsDir, '--user-data-dir', path.join(home, 'data'), '--install-extension', vsix], {
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, 'cfg'), XDG_DATA_HOME: path.join(home, 'data'), EXTENSIONS_GALLERY: '{}' },
    });
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function expectHealthy(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/healthz' }, (response) => {
      response.resume();
      if (response.statusCode === 200) resolve();
      else reject(new Error(`code-server /healthz answered ${response.statusCode}`));
    }).once('error', reject);
  });
}
