import { statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { readTextBoundedSync } from '../../../common/src/files/boundedRead';

/**
 * What a kustomization.yaml says about the files beside and below it. kustomize builds resources
 * from bases and patches: a patch holds only the fields it changes, and the kustomization's
 * namespace, name prefix/suffix and labels land on every resource it includes. Reading a file
 * without these would report a patch's missing required fields and place resources in the wrong
 * namespace.
 */
export interface Kustomization {
  file: string;
  /** Absolute paths of the files its patch lists name. */
  patches: Set<string>;
  /** Absolute paths of its `resources` (files or folders). */
  resources: string[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  /** commonLabels and labels[].pairs together. */
  labels: Record<string, string>;
}

const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
/** Kustomizations are small; a larger file of that name is not one. */
const MAX_KUSTOMIZATION_BYTES = 256_000;
/** How many folders up a patch or resource is looked for from a kustomization (overlays name `../base/x.yaml`). */
const LEVELS_UP = 3;

const cache = new Map<string, { mtimeMs: number; size: number; kustomization: Kustomization | undefined }>();

/** The kustomization in a folder, if any; read once per change of the file. */
export function kustomizationIn(folder: string): Kustomization | undefined {
  for (const name of NAMES) {
    const file = path.join(folder, name);
    let stat;
    try {
      // Most folders have none: asked without an exception, the look-up stays cheap for a workspace of thousands of files.
      stat = statSync(file, { throwIfNoEntry: false });
    } catch {
      continue;
    }
    if (!stat?.isFile()) continue;
    const cached = cache.get(file);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.kustomization;
    const read = readTextBoundedSync(file, { maxBytes: MAX_KUSTOMIZATION_BYTES });
    const kustomization = 'text' in read ? readKustomization(file, read.text) : undefined;
    cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, kustomization });
    return kustomization;
  }
  return undefined;
}

export function readKustomization(file: string, text: string): Kustomization | undefined {
  let json: unknown;
  try {
    json = parse(text, { logLevel: 'silent' });
  } catch {
    return undefined;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const k = json as Record<string, unknown>;
  const folder = path.dirname(file);
  const at = (p: unknown) => (typeof p === 'string' && !p.includes('\n') && !/^[a-z]+:\/\//i.test(p) ? [path.resolve(folder, p)] : []);
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
  const pathOf = (item: unknown) => at(typeof item === 'string' ? item : item && typeof item === 'object' ? (item as { path?: unknown }).path : undefined);
  const patches = new Set([...list(k.patches), ...list(k.patchesStrategicMerge), ...list(k.patchesJson6902)].flatMap(pathOf));
  const labels: Record<string, string> = {};
  const addLabels = (value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) for (const [name, v] of Object.entries(value)) if (typeof v === 'string') labels[name] = v;
  };
  addLabels(k.commonLabels);
  for (const entry of list(k.labels)) addLabels((entry as { pairs?: unknown } | null)?.pairs);
  const text_ = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const result: Kustomization = { file, patches, resources: [...list(k.resources), ...list(k.bases), ...list(k.components)].flatMap(pathOf), labels };
  const namespace = text_(k.namespace);
  if (namespace) result.namespace = namespace;
  const prefix = text_(k.namePrefix);
  if (prefix) result.namePrefix = prefix;
  const suffix = text_(k.nameSuffix);
  if (suffix) result.nameSuffix = suffix;
  return result;
}

function fileOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The kustomizations in the folder of a file and the few above it, nearest first. */
function kustomizationsAround(file: string): Kustomization[] {
  const found: Kustomization[] = [];
  let folder = path.dirname(file);
  for (let level = 0; level <= LEVELS_UP; level++) {
    const kustomization = kustomizationIn(folder);
    if (kustomization) found.push(kustomization);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return found;
}

/** Whether a kustomization near the file lists it as a patch: its resources are partial. */
export function isKustomizePatch(uri: string): boolean {
  const file = fileOf(uri);
  return file !== undefined && kustomizationsAround(file).some((k) => k.patches.has(file));
}

/** What kustomize does to a file's resources: see `kustomizationIncluding`. */
export interface KustomizeOverlay {
  namespace?: string;
  namePrefix: string;
  nameSuffix: string;
  labels: Record<string, string>;
}

/**
 * The kustomizations around a file that include it (the file itself, or a folder holding it),
 * combined as kustomize builds them: an outer kustomization's namespace replaces an inner one's,
 * prefixes and suffixes wrap what the inner ones made, labels add up. Undefined when none does.
 */
export function kustomizationIncluding(uri: string): KustomizeOverlay | undefined {
  const file = fileOf(uri);
  if (file === undefined) return undefined;
  const including = kustomizationsAround(file).filter((k) => k.resources.some((r) => r === file || file.startsWith(r + path.sep)));
  if (including.length === 0) return undefined;
  const overlay: KustomizeOverlay = { namePrefix: '', nameSuffix: '', labels: {} };
  for (const k of including) {
    if (k.namespace) overlay.namespace = k.namespace;
    overlay.namePrefix = (k.namePrefix ?? '') + overlay.namePrefix;
    overlay.nameSuffix += k.nameSuffix ?? '';
    Object.assign(overlay.labels, k.labels);
  }
  return overlay;
}
