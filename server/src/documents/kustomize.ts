import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { filePathOf } from '../../../common/src/files/fileUri';
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

/** Whether a file (a path or URI) is a kustomization, by the names kustomize reads. */
export function isKustomization(file: string): boolean {
  return NAMES.includes(file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1));
}
/** Kustomizations are small; a larger file of that name is not one. */
const MAX_KUSTOMIZATION_BYTES = 256_000;
/** How many folders up a patch or resource is looked for from a kustomization (overlays name `../base/x.yaml`). */
const LEVELS_UP = 3;
/** How far below those folders overlays are looked for (`overlays/prod` beside `base`). */
const LEVELS_DOWN = 2;
/** Folders looked into for overlays at most, per file: a huge tree is not a kustomize layout worth reading whole. */
const MAX_FOLDERS = 256;

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

/** The folder of a file and the few above it, nearest first. */
function ancestors(file: string): string[] {
  const found: string[] = [];
  let folder = path.dirname(file);
  for (let level = 0; level <= LEVELS_UP; level++) {
    found.push(folder);
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return found;
}

interface Listing {
  /** Subfolders, hidden ones and node_modules left out. */
  folders: string[];
  hasKustomization: boolean;
}
const listingCache = new Map<string, { mtimeMs: number; listing: Listing }>();
const EMPTY: Listing = { folders: [], hasKustomization: false };

/** What a folder holds, read once per change of the folder: one stat per folder looked into, not one per kustomization name. */
function listing(folder: string): Listing {
  let stat;
  try {
    stat = statSync(folder, { throwIfNoEntry: false });
  } catch {
    return EMPTY;
  }
  if (!stat?.isDirectory()) return EMPTY;
  const cached = listingCache.get(folder);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.listing;
  let read = EMPTY;
  try {
    const entries = readdirSync(folder, { withFileTypes: true });
    read = {
      folders: entries
        .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules')
        .map((entry) => path.join(folder, entry.name)),
      hasKustomization: entries.some((entry) => NAMES.includes(entry.name)),
    };
  } catch {
    // Unreadable: no overlays known there.
  }
  listingCache.set(folder, { mtimeMs: stat.mtimeMs, listing: read });
  return read;
}

/**
 * Every kustomization that may build a file: those in its folder and the few above, and the
 * overlays beside a base among them (`overlays/prod` naming `../../base`): those a few folders
 * below the parent of a folder that holds a kustomization. Reading no further keeps the look-up
 * within the tree the file's own kustomizations belong to.
 */
function kustomizationsNear(file: string): Kustomization[] {
  const folder = path.dirname(file);
  let near = nearByFolder.get(folder);
  if (!near) nearByFolder.set(folder, (near = readKustomizationsNear(file)));
  return near;
}

/**
 * What `kustomizationsNear` found, by folder, until `forgetKustomizations`: every parse of a file
 * asks twice (is it a patch, how is it built), and a dozen stats per question made a third of a
 * 2,000-file workspace's start-up and part of every keystroke.
 */
const nearByFolder = new Map<string, Kustomization[]>();

/** A kustomization was created, changed or deleted (the server hears it from the editor's file events): read the trees again. */
export function forgetKustomizations(): void {
  nearByFolder.clear();
}

function readKustomizationsNear(file: string): Kustomization[] {
  const up = ancestors(file);
  const own = up.map(kustomizationIn);
  const found = own.filter((k): k is Kustomization => k !== undefined);
  const seen = new Set(up);
  let level = up.slice(1).filter((_, i) => own[i] !== undefined);
  for (let depth = 0; depth < LEVELS_DOWN && level.length; depth++) {
    const next: string[] = [];
    for (const folder of level.flatMap((f) => listing(f).folders)) {
      if (seen.has(folder) || seen.size >= MAX_FOLDERS + up.length) continue;
      seen.add(folder);
      next.push(folder);
      const kustomization = listing(folder).hasKustomization ? kustomizationIn(folder) : undefined;
      if (kustomization) found.push(kustomization);
    }
    level = next;
  }
  return found;
}

const includes = (resource: string, file: string) => resource === file || file.startsWith(resource + path.sep);

/**
 * The ways `kustomization` builds `file`, each as the overlay the file's resources get: through a
 * folder it lists that holds a kustomization of its own, that one's builds wrapped by this one's.
 * `seen` stops a cycle of kustomizations naming each other.
 */
function builds(kustomization: Kustomization, file: string, seen: Set<string>): KustomizeOverlay[] {
  const found: KustomizeOverlay[] = [];
  for (const resource of kustomization.resources) {
    if (!includes(resource, file)) continue;
    const inner = resource === file ? undefined : kustomizationIn(resource);
    if (!inner) {
      found.push(wrap({ namePrefix: '', nameSuffix: '', labels: {} }, kustomization));
      continue;
    }
    if (seen.has(inner.file)) continue;
    for (const built of builds(inner, file, new Set([...seen, inner.file]))) found.push(wrap(built, kustomization));
  }
  return found;
}

/** An inner build as an outer kustomization changes it: its namespace replaces, its prefix and suffix wrap, its labels add. */
function wrap(inner: KustomizeOverlay, outer: Kustomization): KustomizeOverlay {
  return {
    ...((outer.namespace ?? inner.namespace) ? { namespace: outer.namespace ?? inner.namespace } : {}),
    namePrefix: (outer.namePrefix ?? '') + inner.namePrefix,
    nameSuffix: inner.nameSuffix + (outer.nameSuffix ?? ''),
    labels: { ...inner.labels, ...outer.labels },
  };
}

/** Whether a kustomization near the file lists it as a patch (`../../base/patch.yaml` from an overlay too): its resources are partial. */
export function isKustomizePatch(uri: string): boolean {
  const file = filePathOf(uri);
  return file !== undefined && kustomizationsNear(file).some((k) => k.patches.has(file));
}

/** What one kustomize build does to a file's resources: see `kustomizeBuilds`. */
export interface KustomizeOverlay {
  namespace?: string;
  namePrefix: string;
  nameSuffix: string;
  labels: Record<string, string>;
}

/**
 * How kustomize builds a file's resources: once per top kustomization that includes it (one that
 * no other kustomization near it includes in turn), through the chain of kustomizations between.
 * A base that two overlays build is two objects (`overlays/prod` and `overlays/staging` place it in
 * two namespaces); one build per distinct result. Empty when none includes the file.
 */
export function kustomizeBuilds(uri: string): KustomizeOverlay[] {
  const file = filePathOf(uri);
  if (file === undefined) return [];
  const near = kustomizationsNear(file);
  const included = new Set(near.flatMap((k) => k.resources));
  const tops = near.filter((k) => !included.has(path.dirname(k.file)));
  const distinct = new Map<string, KustomizeOverlay>();
  for (const top of tops) for (const built of builds(top, file, new Set([top.file]))) distinct.set(JSON.stringify(built), built);
  return [...distinct.values()];
}
