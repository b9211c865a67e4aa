import { LineCounter, type Document } from 'yaml';
import { readPemText, type PemBlock, type StrayEnd } from '../../../common/src/pem/blocks';
import { parseSegments, type Segment } from './segments';
import { maskTemplateActions, type TemplateSource } from './templates';

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
}

const YAML_LANGUAGES = new Set(['yaml', 'yml', 'helm', 'dockercompose']);
const YAML_PATH = /\.ya?ml$/i;

export function isYaml(uri: string, languageId: string): boolean {
  return YAML_LANGUAGES.has(languageId) || YAML_PATH.test(uri);
}

/** Parses a document; given the previous version's parse, reuses the YAML documents that did not change. */
export function parseDocument(uri: string, languageId: string, version: number, text: string, previous?: ParsedDocument): ParsedDocument {
  if (isYaml(uri, languageId)) return { uri, version, text, yaml: parseYaml(text, previous?.yaml), pem: [], strayPemEnds: [] };
  // Any other text (pem, plaintext, …) is read for PEM blocks, found by their BEGIN lines.
  const { blocks, strayEnds } = readPemText(text);
  return { uri, version, text, pem: blocks, strayPemEnds: strayEnds };
}

export function parseYaml(text: string, previous?: ParsedYaml): ParsedYaml {
  const { text: yaml, templateSpans, template } = maskTemplateActions(text);
  const segments = parseSegments(yaml, previous?.segments);
  return { text: yaml, documents: segments.flatMap((segment) => segment.documents), lineCounter: countLines(yaml), templateSpans, ...(template ? { template } : {}), segments };
}

function countLines(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  return lineCounter;
}
