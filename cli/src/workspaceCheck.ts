import { projectConfigFor, readProjectConfig, type ProjectConfig } from '../../common/src/files/projectConfig';
import { NEWEST_VERSIONS, parseVersion, targetVersions, type Project, type TargetVersions } from '../../common/src/versions';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { resourcesOf, type Resource } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { inferSpireRelease } from '../../common/src/spireRelease';
import { spireImagesOf } from '../../server/src/analysis/spireImages';
import { DEFAULT_ANALYSIS_SETTINGS, WorkspaceModel, type AnalysisSettings } from '../../server/src/analysis/workspaceModel';
import { parseDocument, SPIRE_LANGUAGE, type ParsedDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { diagnostic } from '../../server/src/documents/diagnostic';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { certificatesOf, certificatesOfFile, type CertificateSource } from '../../server/src/report/posture';
import { LINTED_FILE } from '../../server/src/report/ownFindings';
import { isInside, READ_CAPS, readBoundedSync, skipMessage } from '../../common/src/files/boundedRead';
// Certificate files, PEM or DER, are read for what they hold (the report's expiry timeline), not linted.
import { CERTIFICATE_FILE_NAME } from '../../common/src/files/certificateFiles';
import type { ParsedOptions } from './options';
import { UsageError } from './usageError';

// What `lint` and `report` share: the settings from flags and .mesh-mtls.yaml, the files a
// target names, and every file checked on its own and then all of them as one workspace.

const FINDING_SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.cache', 'dist', 'out']);

const JSON_FILE = /\.json$/i;
const SPIRE_FILE = /\.(conf|hcl)$/i;

interface Expanded {
  /**
   * The files to read, with the folder their links must stay in (undefined: named by the user)
   * and, for a regular entry of a walked folder, its real path (the folder's, and its own name).
   */
  files: Array<{ file: string; root?: string; real?: string }>;
  /** Links the walk did not take, in words. */
  skipped: string[];
}

/**
 * The files a target names: the file itself, or every file below a folder whose name `wanted`
 * takes. A link inside the folder is not taken (what it leads to is read under its own name); one
 * out of it only with `follow`, and then each folder once, so a cycle ends.
 */
function expand(target: string, follow: boolean, wanted: RegExp): Expanded {
  const expanded: Expanded = { files: [], skipped: [] };
  if (!statSync(target).isDirectory()) {
    expanded.files.push({ file: target });
    return expanded;
  }
  const root = realpathSync(target);
  // Real paths: a folder reached twice (by a link and by its own name, or round a cycle) is read once.
  const walked = new Set<string>();
  const walk = (dir: string) => {
    const real = realpathSync(dir);
    if (walked.has(real)) return;
    walked.add(real);
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(full);
      } else if (entry.isSymbolicLink()) followLink(full, entry.name);
      else if (wanted.test(entry.name)) expanded.files.push({ file: full, root, real: path.join(real, entry.name) });
    }
  };
  const followLink = (link: string, name: string) => {
    let real: string;
    let folder: boolean;
    try {
      real = realpathSync(link);
      folder = statSync(real).isDirectory();
    } catch (error) {
      if (wanted.test(name)) expanded.skipped.push(`${link} was skipped: a symbolic link that leads nowhere (${(error as NodeJS.ErrnoException).code})`);
      return;
    }
    if (isInside(real, root)) return;
    if (!follow) {
      if (folder || wanted.test(name))
        expanded.skipped.push(`${link} was skipped: it is a symbolic link to ${real}, outside ${target} (--follow-symlinks reads it)`);
    } else if (folder) {
      if (!SKIPPED_FOLDERS.has(name)) walk(link);
    } else if (wanted.test(name)) expanded.files.push({ file: link, root });
  };
  walk(target);
  return expanded;
}

export const VERSION_FLAGS: Record<string, Project> = {
  'istio-version': 'istio',
  'linkerd-version': 'linkerd',
  'cert-manager-version': 'certManager',
  'spire-version': 'spire',
};

/** The options both commands take besides their own. */
export const WORKSPACE_OPTIONS = ['root-namespace', 'trust-domain', 'config', ...Object.keys(VERSION_FLAGS)];

export interface WorkspaceSettings {
  analysis: AnalysisSettings;
  versions: TargetVersions;
  config?: ProjectConfig;
  /** The releases a flag named (they win over .mesh-mtls.yaml and the workspace's images). */
  flagged: Partial<Record<Project, string>>;
}

/** Flags win over the repository's .mesh-mtls.yaml (found from the working directory up), which wins over the newest releases. */
export function workspaceSettings(options: ParsedOptions): WorkspaceSettings {
  const last = (name: string) => options.repeated.get(name)?.at(-1);
  const flagged: Partial<Record<Project, string>> = {};
  for (const [flag, project] of Object.entries(VERSION_FLAGS)) {
    const version = last(flag);
    if (version === undefined) continue;
    if (!parseVersion(version)) throw new UsageError(`--${flag} must be a release such as ${NEWEST_VERSIONS[project]}, not "${version}"`);
    flagged[project] = version.replace(/^v/, '');
  }
  const configFile = last('config');
  const config = configFile !== undefined ? readProjectConfig(path.resolve(configFile)) : projectConfigFor(process.cwd());
  if (configFile !== undefined && !config) throw new UsageError(`cannot read ${configFile}`);
  for (const problem of config?.problems ?? []) process.stderr.write(`mesh-mtls: ${config!.file}: ${problem}\n`);
  const versions = targetVersions({ ...config?.versions, ...flagged });
  return {
    analysis: {
      rootNamespace: last('root-namespace') ?? config?.analysis.rootNamespace ?? DEFAULT_ANALYSIS_SETTINGS.rootNamespace,
      trustDomain: last('trust-domain') ?? config?.analysis.trustDomain ?? DEFAULT_ANALYSIS_SETTINGS.trustDomain,
      versions,
    },
    versions,
    ...(config ? { config } : {}),
    flagged,
  };
}

export interface Finding {
  file: string;
  uri: string;
  diagnostic: Diagnostic;
}

export interface CheckedWorkspace {
  /** The file each linted document's URI names, in the order they were found. */
  files: Map<string, string>;
  /** The objects of every file, certificate files included (only when asked for). */
  certificates: CertificateSource[];
  /** In file order, then position: cross-resource findings land beside the file's own. */
  findings: Finding[];
  model: WorkspaceModel;
  /** A target or file could not be read, so the check is incomplete (exit code 2). */
  unreadable: boolean;
}

/**
 * Every file the targets name checked on its own, then all of them read as one workspace. A file
 * is checked as soon as it is parsed, and its tree let go: a workspace's trees would otherwise stay
 * in memory to the end, and collecting around them cost a third of a 2,000-file run. Only a file
 * holding a SPIRE config waits, for the release the workspace's images name.
 */
export function checkWorkspace(targets: string[], follow: boolean, settings: WorkspaceSettings, options: { certificates?: boolean } = {}): CheckedWorkspace {
  const wanted = options.certificates ? new RegExp(`${LINTED_FILE.source}|${CERTIFICATE_FILE_NAME.source}`, 'i') : LINTED_FILE;
  const registry = createDefaultRegistry();
  const files = new Map<string, string>();
  const certificates: CertificateSource[] = [];
  const resources: Resource[] = [];
  const findings: Finding[] = [];
  const waiting: Array<{ file: string; parsed: ParsedDocument }> = [];
  const { versions } = settings;
  const check = (file: string, parsed: ParsedDocument, at: TargetVersions) => {
    for (const d of documentDiagnostics(parsed, registry, undefined, at)) findings.push({ file, uri: relativeUri(file), diagnostic: d });
  };
  let unreadable = false;
  for (const target of targets) {
    let expanded: Expanded;
    try {
      expanded = expand(target, follow, wanted);
    } catch (error) {
      process.stderr.write(`mesh-mtls: cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
      continue;
    }
    for (const skipped of expanded.skipped) process.stderr.write(`mesh-mtls: ${skipped}\n`);
    for (const { file, root, real } of expanded.files) {
      const certificate = !LINTED_FILE.test(file);
      const read = readBoundedSync(file, {
        maxBytes: certificate ? READ_CAPS.certificateBundle : READ_CAPS.lintedManifest,
        root,
        // The walk resolved its folder already: each file's own path is resolved, not the folder's again.
        ...(root !== undefined ? { realRoot: root } : {}),
        ...(real !== undefined ? { realPath: real } : {}),
        followOutside: follow,
      });
      if ('skipped' in read) {
        process.stderr.write(`mesh-mtls: ${skipMessage(read)}\n`);
        // A link out of the folder is left out by choice; any other file that could not be read leaves the check incomplete.
        if (read.skipped !== 'outside-root') unreadable = true;
        continue;
      }
      const uri = pathToFileURL(path.resolve(file)).href;
      if (certificate) {
        certificates.push(certificatesOfFile(uri, read.bytes));
        continue;
      }
      const languageId = SPIRE_FILE.test(file) ? SPIRE_LANGUAGE : JSON_FILE.test(file) ? 'json' : 'yaml';
      const parsed = parseDocument(uri, languageId, 0, read.bytes.toString('utf8'));
      if (options.certificates) certificates.push(certificatesOf(parsed));
      files.set(uri, file);
      const own = parsed.yaml ? resourcesOf(uri, parsed.yaml) : [];
      resources.push(...own);
      if (languageId === SPIRE_LANGUAGE || own.some((r) => r.spire?.length)) waiting.push({ file, parsed });
      else check(file, parsed, versions);
    }
  }
  // Unless a flag or .mesh-mtls.yaml names the SPIRE release, each config is judged at the one the
  // files beside it deploy: read from all of them before any config is checked.
  const spireImages = settings.flagged.spire === undefined && settings.config?.versions.spire === undefined ? spireImagesOf(resources) : [];
  for (const { file, parsed } of waiting) {
    const inferred = inferSpireRelease(spireImages, parsed.uri);
    check(file, parsed, inferred ? { ...versions, spire: inferred.version, spireOrigin: inferred.origin } : versions);
  }
  const model = new WorkspaceModel(resources, settings.analysis);
  for (const f of analyzeWorkspace(model)) {
    const file = files.get(f.uri) ?? f.uri;
    findings.push({ file, uri: relativeUri(file), diagnostic: diagnostic(f.range, FINDING_SEVERITY[f.severity], f.code, f.message, f.fix) });
  }
  const order = new Map([...files.values()].map((file, i) => [file, i]));
  findings.sort(
    (a, b) =>
      (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) ||
      a.diagnostic.range.start.line - b.diagnostic.range.start.line ||
      a.diagnostic.range.start.character - b.diagnostic.range.start.character,
  );
  return { files, certificates, findings, model, unreadable };
}

/** A path as SARIF wants it: relative to the working directory, with forward slashes. */
function relativeUri(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)).split(path.sep).map(encodeURIComponent).join('/');
}
