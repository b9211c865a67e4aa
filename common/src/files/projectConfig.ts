import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { READ_CAPS, readTextBoundedSync } from './boundedRead';
import { NEWEST_VERSIONS, parseVersion, type Project } from '../versions';

/**
 * `.mesh-mtls.yaml`: what a repository says about the cluster it targets, for CI and editors alike
 * (the CLI and the server read the same file). Example:
 *
 *     istio: { version: "1.22" }
 *     linkerd: { version: "2.17" }
 *     certManager: { version: "1.15" }
 *     spire: { version: "1.11" }
 *     analysis: { rootNamespace: istio-system, trustDomain: cluster.local }
 */
export const PROJECT_CONFIG_FILE = '.mesh-mtls.yaml';

export interface ProjectConfig {
  file: string;
  versions: Partial<Record<Project, string>>;
  analysis: { rootNamespace?: string; trustDomain?: string };
  /** What in the file was not understood, in words, for the CLI to print. */
  problems: string[];
}

const PROJECTS = Object.keys(NEWEST_VERSIONS) as Project[];
/** A release of each project, as the problem messages show one. */
const EXAMPLES: Record<Project, string> = { istio: '1.22', linkerd: '2.17', certManager: '1.15', spire: '1.11' };
const NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const cache = new Map<string, { stamp: string; config: ProjectConfig | undefined }>();

/** The nearest `.mesh-mtls.yaml` from `folder` up to `root` (or the file system's root), read. */
export function projectConfigFor(folder: string, root?: string): ProjectConfig | undefined {
  for (let at = path.resolve(folder); ; at = path.dirname(at)) {
    const file = path.join(at, PROJECT_CONFIG_FILE);
    const stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isFile()) return readProjectConfig(file, `${stat.mtimeMs}:${stat.size}`);
    if ((root !== undefined && path.resolve(root) === at) || path.dirname(at) === at) return undefined;
  }
}

export function readProjectConfig(file: string, stamp = ''): ProjectConfig | undefined {
  const cached = cache.get(file);
  if (cached && stamp && cached.stamp === stamp) return cached.config;
  const read = readTextBoundedSync(file, { maxBytes: READ_CAPS.projectConfig });
  const config = 'text' in read ? projectConfigOf(file, read.text) : undefined;
  cache.set(file, { stamp, config });
  return config;
}

export function projectConfigOf(file: string, text: string): ProjectConfig {
  const config: ProjectConfig = { file, versions: {}, analysis: {}, problems: [] };
  const document = parseDocument(text);
  if (document.errors.length) {
    config.problems.push(`not YAML: ${document.errors[0].message.split('\n')[0]}`);
    return config;
  }
  const json: unknown = document.toJSON();
  if (json === null || json === undefined) return config;
  if (typeof json !== 'object' || Array.isArray(json)) {
    config.problems.push('expected a mapping at the top');
    return config;
  }
  const top = json as Record<string, unknown>;
  for (const project of PROJECTS) {
    const section = top[project];
    if (section === undefined) continue;
    const version = section && typeof section === 'object' ? (section as { version?: unknown }).version : undefined;
    const text = typeof version === 'number' ? String(version) : version;
    if (typeof text === 'string' && parseVersion(text)) config.versions[project] = text.trim().replace(/^v/, '');
    else config.problems.push(`${project}.version must be a release such as "${EXAMPLES[project]}"`);
  }
  const analysis = top.analysis;
  if (analysis && typeof analysis === 'object') {
    for (const field of ['rootNamespace', 'trustDomain'] as const) {
      const value = (analysis as Record<string, unknown>)[field];
      if (value === undefined) continue;
      if (typeof value === 'string' && NAME.test(value)) config.analysis[field] = value;
      else config.problems.push(`analysis.${field} must be a DNS name`);
    }
  }
  for (const key of Object.keys(top)) if (!(PROJECTS as string[]).includes(key) && key !== 'analysis') config.problems.push(`unknown key ${key}`);
  return config;
}
