import { projectConfigFor, readProjectConfig } from '../../common/src/files/projectConfig';
import { NEWEST_VERSIONS, parseVersion, targetVersions, type Project } from '../../common/src/versions';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { resourcesOf } from '../../server/src/analysis/resources';
import { analyzeWorkspace } from '../../server/src/analysis/crossResource';
import { inferSpireRelease } from '../../common/src/spireRelease';
import { spireImagesOf } from '../../server/src/analysis/spireImages';
import { DEFAULT_ANALYSIS_SETTINGS, WorkspaceModel, type AnalysisSettings } from '../../server/src/analysis/workspaceModel';
import { parseDocument, SPIRE_LANGUAGE, type ParsedDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { diagnostic } from '../../server/src/documents/diagnostic';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { isInside, READ_CAPS, readTextBoundedSync, skipMessage } from '../../common/src/files/boundedRead';
import { explain } from './explain';
import { parseOptions } from './options';
import { sarifLog } from './sarif';
import { UsageError } from './usageError';

const SEVERITY: Record<number, 'error' | 'warning' | 'information' | 'hint'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'information',
  [DiagnosticSeverity.Hint]: 'hint',
};
const FINDING_SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;
const FAIL_ON = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, never: 0 } as const;

const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.cache', 'dist', 'out']);

/** Manifests, the files that may be SPIRE server or agent configs, and JSON that may be a proxy's secret dump (each checked only when its text is one). */
const LINTED = /\.(ya?ml|conf|hcl|json)$/i;
const JSON_FILE = /\.json$/i;
const SPIRE_FILE = /\.(conf|hcl)$/i;

interface Expanded {
  /** The files to read, with the folder their links must stay in (undefined: named by the user). */
  files: Array<{ file: string; root?: string }>;
  /** Links the walk did not take, in words. */
  skipped: string[];
}

/**
 * The files a lint target names: the file itself, or every .yaml/.yml/.conf/.hcl/.json below a folder. A link
 * inside the folder is not taken (what it leads to is read under its own name); one out of it
 * only with `follow`, and then each folder once, so a cycle ends.
 */
function expand(target: string, follow: boolean): Expanded {
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
      else if (LINTED.test(entry.name)) expanded.files.push({ file: full, root });
    }
  };
  const followLink = (link: string, name: string) => {
    let real: string;
    let folder: boolean;
    try {
      real = realpathSync(link);
      folder = statSync(real).isDirectory();
    } catch (error) {
      if (LINTED.test(name)) expanded.skipped.push(`${link} was skipped: a symbolic link that leads nowhere (${(error as NodeJS.ErrnoException).code})`);
      return;
    }
    if (isInside(real, root)) return;
    if (!follow) {
      if (folder || LINTED.test(name))
        expanded.skipped.push(`${link} was skipped: it is a symbolic link to ${real}, outside ${target} (--follow-symlinks reads it)`);
    } else if (folder) {
      if (!SKIPPED_FOLDERS.has(name)) walk(link);
    } else if (LINTED.test(name)) expanded.files.push({ file: link, root });
  };
  walk(target);
  return expanded;
}

const VERSION_FLAGS: Record<string, Project> = {
  'istio-version': 'istio',
  'linkerd-version': 'linkerd',
  'cert-manager-version': 'certManager',
  'spire-version': 'spire',
};

interface Finding {
  file: string;
  uri: string;
  diagnostic: Diagnostic;
}

/**
 * `mesh-mtls lint`: every file checked on its own, then all of them read as one workspace for
 * the cross-resource rules. Returns the exit code.
 */
export function lint(args: string[]): number {
  // Valued options may be repeated: the last one counts, as it always has.
  const options = parseOptions('lint', args, {
    flags: ['follow-symlinks'],
    repeated: ['format', 'fail-on', 'explain', 'root-namespace', 'trust-domain', 'config', ...Object.keys(VERSION_FLAGS)],
  });
  const last = (name: string) => options.repeated.get(name)?.at(-1);
  const explained = last('explain');
  if (explained !== undefined) return explain(explained);
  const format = last('format') ?? 'text';
  const failOn = (last('fail-on') ?? 'error') as keyof typeof FAIL_ON;
  if (!Object.hasOwn(FAIL_ON, failOn)) throw new UsageError(`--fail-on must be error, warning or never, not "${failOn}"`);
  const follow = options.flags.has('follow-symlinks');
  const targets = options.positional;
  const given: { rootNamespace?: string; trustDomain?: string; versions: Partial<Record<Project, string>>; config?: string } = {
    rootNamespace: last('root-namespace'),
    trustDomain: last('trust-domain'),
    config: last('config'),
    versions: {},
  };
  for (const [flag, project] of Object.entries(VERSION_FLAGS)) {
    const version = last(flag);
    if (version === undefined) continue;
    if (!parseVersion(version)) throw new UsageError(`--${flag} must be a release such as ${NEWEST_VERSIONS[project]}, not "${version}"`);
    given.versions[project] = version.replace(/^v/, '');
  }
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${format}"`);
  if (targets.length === 0) throw new UsageError('lint needs at least one FILE or FOLDER');
  // Flags win over the repository's .mesh-mtls.yaml (found from the working directory up), which wins over the newest releases.
  const config = given.config !== undefined ? readProjectConfig(path.resolve(given.config)) : projectConfigFor(process.cwd());
  if (given.config !== undefined && !config) throw new UsageError(`cannot read ${given.config}`);
  for (const problem of config?.problems ?? []) process.stderr.write(`mesh-mtls: ${config!.file}: ${problem}\n`);
  const versions = targetVersions({ ...config?.versions, ...given.versions });
  const analysis: AnalysisSettings = {
    rootNamespace: given.rootNamespace ?? config?.analysis.rootNamespace ?? DEFAULT_ANALYSIS_SETTINGS.rootNamespace,
    trustDomain: given.trustDomain ?? config?.analysis.trustDomain ?? DEFAULT_ANALYSIS_SETTINGS.trustDomain,
    versions,
  };

  const registry = createDefaultRegistry();
  const parsedFiles: Array<{ file: string; parsed: ParsedDocument }> = [];
  let unreadable = false;
  for (const target of targets) {
    let expanded: Expanded;
    try {
      expanded = expand(target, follow);
    } catch (error) {
      process.stderr.write(`mesh-mtls: cannot read ${target}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      unreadable = true;
      continue;
    }
    for (const skipped of expanded.skipped) process.stderr.write(`mesh-mtls: ${skipped}\n`);
    for (const { file, root } of expanded.files) {
      const read = readTextBoundedSync(file, { maxBytes: READ_CAPS.lintedManifest, root, followOutside: follow });
      if ('skipped' in read) {
        process.stderr.write(`mesh-mtls: ${skipMessage(read)}\n`);
        // A link out of the folder is left out by choice; any other file that could not be read leaves the check incomplete.
        if (read.skipped !== 'outside-root') unreadable = true;
        continue;
      }
      const languageId = SPIRE_FILE.test(file) ? SPIRE_LANGUAGE : JSON_FILE.test(file) ? 'json' : 'yaml';
      parsedFiles.push({ file, parsed: parseDocument(pathToFileURL(path.resolve(file)).href, languageId, 0, read.text) });
    }
  }
  const resources = parsedFiles.flatMap(({ parsed }) => (parsed.yaml ? resourcesOf(parsed.uri, parsed.yaml) : []));
  // Unless a flag or .mesh-mtls.yaml names the SPIRE release, each config is judged at the one the
  // files beside it deploy: read from all of them before any config is checked.
  const spireImages = given.versions.spire === undefined && config?.versions.spire === undefined ? spireImagesOf(resources) : [];
  const versionsFor = (uri: string) => {
    const inferred = inferSpireRelease(spireImages, uri);
    return inferred ? { ...versions, spire: inferred.version, spireOrigin: inferred.origin } : versions;
  };
  const findings: Finding[] = [];
  const byUri = new Map<string, string>();
  for (const { file, parsed } of parsedFiles) {
    byUri.set(parsed.uri, file);
    for (const d of documentDiagnostics(parsed, registry, undefined, versionsFor(parsed.uri))) findings.push({ file, uri: relativeUri(file), diagnostic: d });
  }
  const model = new WorkspaceModel(resources, analysis);
  for (const f of analyzeWorkspace(model)) {
    const file = byUri.get(f.uri) ?? f.uri;
    findings.push({ file, uri: relativeUri(file), diagnostic: diagnostic(f.range, FINDING_SEVERITY[f.severity], f.code, f.message, f.fix) });
  }
  // In file order, then position: cross-resource findings land beside the file's own.
  const order = new Map(parsedFiles.map(({ file }, i) => [file, i]));
  findings.sort(
    (a, b) =>
      (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) ||
      a.diagnostic.range.start.line - b.diagnostic.range.start.line ||
      a.diagnostic.range.start.character - b.diagnostic.range.start.character,
  );

  if (format === 'json') {
    const json = findings.map(({ file, diagnostic: d }) => ({
      file,
      range: d.range,
      severity: SEVERITY[d.severity ?? DiagnosticSeverity.Error],
      code: d.code,
      message: d.message,
    }));
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  } else if (format === 'sarif') {
    process.stdout.write(`${JSON.stringify(sarifLog(findings), null, 2)}\n`);
  } else {
    for (const { file, diagnostic } of findings) process.stdout.write(`${formatText(file, diagnostic)}\n`);
  }
  if (unreadable) return 2;
  const threshold = FAIL_ON[failOn];
  return threshold !== 0 && findings.some(({ diagnostic }) => (diagnostic.severity ?? DiagnosticSeverity.Error) <= threshold) ? 1 : 0;
}

/** A path as SARIF wants it: relative to the working directory, with forward slashes. */
function relativeUri(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)).split(path.sep).map(encodeURIComponent).join('/');
}

function formatText(file: string, d: Diagnostic): string {
  const { line, character } = d.range.start;
  return `${file}:${line + 1}:${character + 1}: ${SEVERITY[d.severity ?? DiagnosticSeverity.Error]} [${d.code}] ${d.message}`;
}
