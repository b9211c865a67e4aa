import { isMap, isScalar, Scalar, type Document, type LineCounter } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';
import { lineTextOf } from '../documents/lineStarts';
import { readHcl } from './hclReader';
import { spireSideOf, type SpireSide } from './index';
import { expandsEnv, Section } from './model';

// SPIRE's layouts (its quickstart, Istio's SPIRE sample, the hardened Helm charts) ship
// server.conf and agent.conf as ConfigMap data mounted into the pod: the file SPIRE reads is a
// data value. Where such values are, and how the file's lines sit in the manifest.

/** Data keys that may hold a SPIRE config: SPIRE reads the file by the name given with -config, so any such name. */
const CONFIG_KEY = /\.(conf|hcl|json)$/i;

export interface EmbeddedSpireConfig {
  key: string;
  value: Scalar;
  text: string;
  side: SpireSide;
}

/** The data values of a ConfigMap that are SPIRE server or agent configs (a `server {}` or `agent {}` block at the top). */
export function embeddedSpireConfigs(data: unknown): EmbeddedSpireConfig[] {
  if (!isMap(data)) return [];
  const found: EmbeddedSpireConfig[] = [];
  for (const pair of data.items) {
    const key = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
    const value = pair.value;
    if (key === undefined || !CONFIG_KEY.test(key) || !isScalar(value) || typeof value.value !== 'string') continue;
    const side = spireSideOf(value.value);
    if (side) found.push({ key, value, text: value.value, side });
  }
  return found;
}

/** Data keys that may hold the controller's config: it reads YAML or JSON by the name given with -config. */
const CONTROLLER_CONFIG_KEY = /\.(ya?ml|json)$/i;
const NAMES_CONTROLLER_CONFIG = /^\s*["']?kind["']?\s*:\s*["']?ControllerManagerConfig["']?\s*,?\s*$/m;

/** The data values of a ConfigMap that are spire-controller-manager config files (Istio's SPIRE sample, the hardened Helm chart). */
export function embeddedControllerConfigs(data: unknown): Scalar[] {
  if (!isMap(data)) return [];
  const found: Scalar[] = [];
  for (const pair of data.items) {
    const key = isScalar(pair.key) && typeof pair.key.value === 'string' ? pair.key.value : undefined;
    const value = pair.value;
    if (key !== undefined && CONTROLLER_CONFIG_KEY.test(key) && isScalar(value) && typeof value.value === 'string' && NAMES_CONTROLLER_CONFIG.test(value.value))
      found.push(value);
  }
  return found;
}

/** How the lines of a file held in a literal block sit in the manifest: from the line after its header, shifted by the block's indentation. */
export interface LiteralLayout {
  /** The manifest's position of a position in the file. */
  outer(position: Position): Position;
  /** The file's position of a manifest position inside the block, or undefined outside it. */
  inner(position: Position): Position | undefined;
}

/**
 * The layout of a literal block scalar whose manifest range is `whole`: its content indentation is
 * that of its first non-blank line, as YAML decides it; undefined for other scalar forms and for an
 * explicit indentation indicator, which this does not read.
 */
export function literalLayout(value: Scalar, whole: Range, lineText: (line: number) => string): LiteralLayout | undefined {
  if (value.type !== Scalar.BLOCK_LITERAL) return undefined;
  const header = whole.start.line;
  if (/\|[-+]?\d/.test(lineText(header))) return undefined;
  let indent: number | undefined;
  for (let line = header + 1; line <= whole.end.line && indent === undefined; line++) {
    const text = lineText(line);
    if (text.trim() !== '') indent = text.length - text.trimStart().length;
  }
  if (indent === undefined) return undefined;
  const by = indent;
  // The range ends where the next key starts: a line of its own is no part of the file.
  const last = whole.end.character === 0 ? whole.end.line - 1 : whole.end.line;
  return {
    outer: (p) => ({ line: header + 1 + p.line, character: by + p.character }),
    inner: (p) => (p.line > header && p.line <= last ? { line: p.line - header - 1, character: Math.max(0, p.character - by) } : undefined),
  };
}

/** What the workspace analysis reads of a SPIRE config: whose identities it issues or fetches, and where. */
export interface SpireFacts {
  side: SpireSide;
  /** trust_domain as written, with its range in the config's own text. */
  trustDomain?: { value: string; range: Range };
  /** The agent's Workload API socket (socket_path), with its range. */
  socketPath?: { value: string; range: Range };
}

export function spireFacts(text: string, side: SpireSide): SpireFacts {
  const block = Section.of('top-level', [readHcl(text).root]).section(side);
  const stringAt = (key: string) => {
    const value = block?.last(key)?.value;
    return value?.kind === 'string' && typeof value.value === 'string' && !expandsEnv(value.value) ? { value: value.value, range: value.range } : undefined;
  };
  const trustDomain = stringAt('trust_domain');
  const socketPath = side === 'agent' ? stringAt('socket_path') : undefined;
  return { side, ...(trustDomain ? { trustDomain } : {}), ...(socketPath ? { socketPath } : {}) };
}

/** A config file held in a ConfigMap's data, placed in the manifest. */
export type Placed<T> = T & {
  /** The value's range in the manifest. */
  whole: Range;
  /** How the file's lines map to the manifest's: a literal block only. */
  layout?: LiteralLayout;
};

/** A SPIRE config held in a ConfigMap document, placed in the manifest. */
export type PlacedSpireConfig = Placed<EmbeddedSpireConfig>;

/**
 * The config files `find` picks from the data of a YAML document that is a ConfigMap, with where
 * each sits in the manifest (`text` and its line starts). The one reading of ConfigMap-held
 * configs the analysis and the language features share.
 */
function placedConfigs<T extends { value: Scalar }>(
  document: Document.Parsed,
  text: string,
  lineCounter: LineCounter,
  find: (data: unknown) => T[],
): Array<Placed<T>> {
  const root = document.contents;
  if (!isMap(root) || !root.items.some((pair) => isScalar(pair.key) && pair.key.value === 'kind' && isScalar(pair.value) && pair.value.value === 'ConfigMap'))
    return [];
  const data = root.items.find((pair) => isScalar(pair.key) && pair.key.value === 'data')?.value;
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line - 1, character: col - 1 };
  };
  return find(data).flatMap((config) => {
    const at = config.value.range;
    if (!at) return [];
    const whole = { start: position(at[0]), end: position(at[1]) };
    const layout = literalLayout(config.value, whole, (line) => lineTextOf(text, lineCounter.lineStarts, line));
    return [{ ...config, whole, ...(layout ? { layout } : {}) }];
  });
}

/** The SPIRE server and agent configs of a ConfigMap document, placed in the manifest. */
export function placedSpireConfigs(document: Document.Parsed, text: string, lineCounter: LineCounter): PlacedSpireConfig[] {
  return placedConfigs(document, text, lineCounter, embeddedSpireConfigs);
}

/** The spire-controller-manager configs of a ConfigMap document, placed in the manifest. */
export function placedControllerConfigs(document: Document.Parsed, text: string, lineCounter: LineCounter): Array<Placed<{ value: Scalar; text: string }>> {
  return placedConfigs(document, text, lineCounter, (data) => embeddedControllerConfigs(data).map((value) => ({ value, text: value.value as string })));
}
