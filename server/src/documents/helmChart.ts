import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { READ_CAPS, readTextBoundedSync } from '../../../common/src/files/boundedRead';

/**
 * The chart a template belongs to, as far as reading its templates offline needs: its name, the
 * defaults of its values.yaml and the bodies of the named templates its helpers define. With
 * them, `{{ .Values.mtls.mode }}` reads as what `helm install` renders when nobody overrides it,
 * and each resource of the chart lands in the one namespace the release is installed in.
 */
export interface HelmChart {
  /** The folder holding Chart.yaml. */
  root: string;
  /** Chart.yaml's name, when it has one. */
  name?: string;
  /** Chart.yaml's version and appVersion, for `.Chart.Version` and `.Chart.AppVersion`. */
  version?: string;
  appVersion?: string;
  /** values.yaml read as YAML; undefined when missing, unreadable, not a map, or itself templated. */
  values?: Record<string, unknown>;
  /** `define` bodies of the chart's templates folder, by template name, as written. */
  definitions: Map<string, string>;
  /** Another for each reading of the chart (see forgetChart): a parse made with another stamp is stale. */
  stamp: string;
}

/** How far up from a template the chart's templates folder may be (templates/ and a few sub-folders). */
const LEVELS_UP = 4;
/** Helper files read at most per chart: charts keep a handful. */
const MAX_HELPER_FILES = 32;
const HELPER_FILE = /\.tpl$/i;

/** Charts read, by root. Read once and kept until `forgetChart`: every parse of a chart's file asks, so no stat per parse. */
const charts = new Map<string, HelmChart>();
/** The chart root (or none) of each folder asked about. */
const rootsOf = new Map<string, string | null>();
/** Bumped by each `forgetChart`, so a chart read again has another stamp. */
let generation = 0;

/** The chart whose templates folder holds the file `uri`, if any. */
export function chartOf(uri: string): HelmChart | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let file: string;
  try {
    file = fileURLToPath(uri);
  } catch {
    return undefined;
  }
  const folder = path.dirname(file);
  let root = rootsOf.get(folder);
  if (root === undefined) rootsOf.set(folder, (root = chartRootAbove(folder)));
  if (root === null) return undefined;
  let chart = charts.get(root);
  if (!chart) charts.set(root, (chart = readChart(root)));
  return chart;
}

/**
 * Drops what was read of the chart a changed file belongs to (its Chart.yaml, values.yaml or a
 * helper): the server calls this on the editor's file events, the next parse reads the chart again.
 */
export function forgetChart(changedUri: string): void {
  generation++;
  rootsOf.clear();
  try {
    const file = fileURLToPath(changedUri);
    const folder = path.dirname(file);
    charts.delete(path.basename(folder) === 'templates' ? path.dirname(folder) : folder);
  } catch {
    charts.clear();
  }
}

function chartRootAbove(start: string): string | null {
  let folder = start;
  for (let level = 0; level < LEVELS_UP; level++) {
    if (path.basename(folder) === 'templates') {
      const root = path.dirname(folder);
      if (isFile(path.join(root, 'Chart.yaml'))) return root;
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return null;
}

function isFile(file: string): boolean {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

function helperFilesOf(root: string): string[] {
  const templates = path.join(root, 'templates');
  try {
    // Names only: each file is then read through the bounded reader.
    return readdirSync(templates)
      .filter((name) => HELPER_FILE.test(name))
      .sort()
      .slice(0, MAX_HELPER_FILES)
      .map((name) => path.join(templates, name));
  } catch {
    return [];
  }
}

function readChart(root: string): HelmChart {
  const helperFiles = helperFilesOf(root);
  const stamp = `${root}#${generation}`;
  const text = (file: string) => {
    const read = readTextBoundedSync(file, { maxBytes: READ_CAPS.chartFile, root });
    return 'text' in read ? read.text : undefined;
  };
  const yamlMap = (source: string | undefined): Record<string, unknown> | undefined => {
    if (source === undefined) return undefined;
    try {
      const value: unknown = parse(source, { logLevel: 'silent' });
      return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const chartYaml = yamlMap(text(path.join(root, 'Chart.yaml'))) ?? {};
  const valuesText = text(path.join(root, 'values.yaml'));
  const chart: HelmChart = {
    root,
    definitions: new Map(),
    stamp,
    // A values.yaml with template actions in it is rendered by some other tool first: its values are unknown here.
    values: valuesText?.includes('{{') ? undefined : (yamlMap(valuesText ?? '') ?? {}),
  };
  if (typeof chartYaml.name === 'string') chart.name = chartYaml.name;
  if (typeof chartYaml.version === 'string' || typeof chartYaml.version === 'number') chart.version = String(chartYaml.version);
  if (typeof chartYaml.appVersion === 'string' || typeof chartYaml.appVersion === 'number') chart.appVersion = String(chartYaml.appVersion);
  for (const file of helperFiles) {
    const helpers = text(file) ?? '';
    if (changesValues(helpers)) delete chart.values;
    for (const [name, body] of definitionsIn(helpers)) if (!chart.definitions.has(name)) chart.definitions.set(name, body);
  }
  return chart;
}

/**
 * The namespace every namespaced resource of a chart lands in: `.Release.Namespace`, however the
 * template spells it, and the namespace of resources that name none (Helm installs them there).
 * Named by the chart, so two charts' releases are not taken for one namespace.
 */
export function releaseNamespaceOf(chart: HelmChart): string {
  return `{{ .Release.Namespace }} of chart ${chart.name ?? path.basename(chart.root)}`;
}

/**
 * Whether a template changes `.Values` as it renders (`set $ "Values" …`, `merge .Values …`, as
 * Istio's charts do to apply their own defaults): values.yaml alone then no longer says what renders.
 */
export function changesValues(source: string): boolean {
  return /\b(?:set|unset|merge|mergeOverwrite)\s+(?:\$?\.Values\b|\$\s+"Values")/.test(source);
}

const ACTION = /\{\{-?\s*([\s\S]*?)\s*-?\}\}/g;
const DEFINE = /^define\s+"([^"\\]+)"$/;

/** The named templates a file defines: the text between `{{ define "x" }}` and its own `{{ end }}`. */
export function definitionsIn(source: string): Map<string, string> {
  const definitions = new Map<string, string>();
  let current: { name: string; bodyStart: number; trimStart: boolean; depth: number } | undefined;
  for (const match of source.matchAll(ACTION)) {
    const words = match[1];
    if (!current) {
      const define = DEFINE.exec(words);
      if (define) current = { name: define[1], bodyStart: match.index + match[0].length, trimStart: match[0].endsWith('-}}'), depth: 0 };
      continue;
    }
    if (/^(if|with|range|block|define)\b/.test(words)) current.depth++;
    else if (/^end\b/.test(words)) {
      if (current.depth === 0) {
        // `-}}` on the define and `{{-` on its end trim the body's ends, as Go does.
        let body = source.slice(current.bodyStart, match.index);
        if (current.trimStart) body = body.trimStart();
        if (match[0].startsWith('{{-')) body = body.trimEnd();
        definitions.set(current.name, body);
        current = undefined;
      } else current.depth--;
    }
  }
  return definitions;
}
