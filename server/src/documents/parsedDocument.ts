import type { Document, LineCounter } from 'yaml';
import { readPemText, type PemBlock, type StrayEnd } from '../../../common/src/pem/blocks';
import { countLines, linesAfterChange } from './lineStarts';
import { cutsAfterChange, parseSegments, segmentCuts, type Segment } from './segments';
import { MAX_CERTIFICATES, type SkippedPart } from './sizePolicy';
import { chartOf, type HelmChart } from './helmChart';
import { maskTemplateActions, type DefaultSpan, type TemplateSource } from './templates';
import { textChange } from './textChange';

/** A YAML stream with positions: each `---` document stays separate so one bad document does not hide the rest. */
export interface ParsedYaml {
  /** The text as parsed: template actions masked, offsets unchanged. */
  text: string;
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  /** Offsets of masked `{{ … }}` template actions (see templates.ts). */
  templateSpans: Array<[number, number]>;
  /** The text as written and its template branches, when it holds template actions. */
  template?: TemplateSource;
  /** The stream cut at `---` lines, each piece parsed on its own (see segments.ts). */
  segments: Segment[];
  /** Where the stream was cut (see segmentCuts), kept for the next version's parse; absent when it was kept whole. */
  cuts?: number[];
  /** The Helm chart a template belongs to (see helmChart.ts), and the actions read as its defaults. */
  chart?: HelmChart;
  defaults?: DefaultSpan[];
}

/** Everything the services need from one text document, computed once per version. */
export interface ParsedDocument {
  uri: string;
  version: number;
  text: string;
  /** Present for YAML documents. */
  yaml?: ParsedYaml;
  /** PEM blocks of non-YAML documents (PEM inside YAML values is found by the YAML services). */
  pem: PemBlock[];
  /** END lines of non-YAML documents that close no block (the top of a block was cut off). */
  strayPemEnds: StrayEnd[];
  /** The PEM blocks of a non-YAML document past the bound (see sizePolicy.ts), counted, not read. */
  skippedPem?: SkippedPart;
  /** A file SPIRE may read as its server or agent config (see spire/), by its language or name; its text decides. */
  maySpire?: true;
  /** A JSON document: the certificate services read it when it is a proxy's secret dump, and nothing else does. */
  json?: true;
}

/** The language the extension gives SPIRE's server.conf and agent.conf. */
export const SPIRE_LANGUAGE = 'spire';
const SPIRE_PATH = /\.(conf|hcl)$/i;

function maySpire(uri: string, languageId: string): boolean {
  return languageId === SPIRE_LANGUAGE || SPIRE_PATH.test(uri);
}

const YAML_LANGUAGES = new Set(['yaml', 'yml', 'helm', 'dockercompose']);
const YAML_PATH = /\.ya?ml$/i;
const JSON_LANGUAGES = new Set(['json', 'jsonc']);

export function isYaml(uri: string, languageId: string): boolean {
  return YAML_LANGUAGES.has(languageId) || YAML_PATH.test(uri);
}

/** Parses a document; given the previous version's parse, reuses the YAML documents that did not change. */
export function parseDocument(uri: string, languageId: string, version: number, text: string, previous?: ParsedDocument): ParsedDocument {
  if (isYaml(uri, languageId)) return { uri, version, text, yaml: parseYamlAt(uri, text, previous?.yaml), pem: [], strayPemEnds: [] };
  // PEM in a JSON string is escaped onto one line: searching the text for blocks would find only broken ones.
  if (JSON_LANGUAGES.has(languageId)) return { uri, version, text, pem: [], strayPemEnds: [], json: true };
  // Any other text (pem, plaintext, …) is read for PEM blocks, found by their BEGIN lines, up to the bound.
  const cut = nthBegin(text, MAX_CERTIFICATES);
  const { blocks, strayEnds } = readPemText(cut === undefined ? text : text.slice(0, cut));
  const spire = maySpire(uri, languageId);
  const spireMark = spire ? { maySpire: true as const } : {};
  if (cut === undefined) return { uri, version, text, pem: blocks, strayPemEnds: strayEnds, ...spireMark };
  const lineEnd = text.indexOf('\n', cut);
  const skippedPem: SkippedPart = {
    reason: 'certificates',
    line: text.slice(0, cut).match(/\r\n|\r|\n/g)?.length ?? 0,
    count: countBegins(text, cut),
    bytes: text.length - cut,
    width: text.slice(cut, lineEnd < 0 ? text.length : lineEnd).trimEnd().length,
  };
  return { uri, version, text, pem: blocks, strayPemEnds: strayEnds, skippedPem, ...spireMark };
}

const BEGIN_MARKER = '-----BEGIN ';

/** The offset of the line holding the BEGIN marker after the first `n`, if there is one. */
function nthBegin(text: string, n: number): number | undefined {
  let at = -1;
  for (let seen = 0; seen <= n; seen++) {
    at = text.indexOf(BEGIN_MARKER, at + 1);
    if (at < 0) return undefined;
  }
  return Math.max(text.lastIndexOf('\n', at), text.lastIndexOf('\r', at)) + 1;
}

function countBegins(text: string, from: number): number {
  let count = 0;
  for (let at = text.indexOf(BEGIN_MARKER, from); at >= 0; at = text.indexOf(BEGIN_MARKER, at + 1)) count++;
  return count;
}

/** A file's YAML read with what its place says: a template under a chart's templates folder is read with the chart. */
export function parseYamlAt(uri: string, text: string, previous?: ParsedYaml): ParsedYaml {
  // Every file of a chart needs it (a resource naming no namespace lands in the release's); the look-up stats only under a templates folder.
  return parseYaml(text, previous, chartOf(uri));
}

export function parseYaml(text: string, previous?: ParsedYaml, chart?: HelmChart): ParsedYaml {
  // After an edit of a plain (untemplated) text, only what the change touches is searched again.
  const base = previous && !previous.template ? previous : undefined;
  const change = base && textChange(base.text, text);
  const plain = base && change && !text.slice(Math.max(0, change.start - 1), change.newEnd + 1).includes('{{') ? { base, change } : undefined;
  const { text: yaml, templateSpans, template, defaults } = plain ? { text, templateSpans: [] } : maskTemplateActions(text, chart);
  const incremental = plain?.base.cuts && { cuts: plain.base.cuts, change: plain.change };
  const cuts = incremental ? cutsAfterChange(incremental.cuts, yaml, incremental.change) : segmentCuts(yaml);
  const segments = parseSegments(yaml, previous?.segments, cuts ?? [0], incremental?.change);
  return {
    text: yaml,
    documents: segments.flatMap((segment) => segment.documents),
    lineCounter: plain ? linesAfterChange(plain.base.lineCounter, yaml, plain.change) : countLines(yaml),
    templateSpans,
    ...(template ? { template } : {}),
    segments,
    ...(cuts ? { cuts } : {}),
    ...(chart ? { chart } : {}),
    ...(defaults ? { defaults } : {}),
  };
}

/** Whether a parse read its chart as it is now on disk (values.yaml and the helpers change under an open template). */
export function chartIsCurrent(parsed: ParsedDocument): boolean {
  const chart = parsed.yaml?.chart;
  return !chart || chartOf(parsed.uri) === chart;
}

/** How much of the text was parsed: up to the first part left out for its size. */
export function parsedLength(yaml: ParsedYaml): number {
  return yaml.segments.find((segment) => segment.skipped === 'file')?.start ?? yaml.text.length;
}
