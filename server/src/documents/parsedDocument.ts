import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { findPemBlocks, type PemBlock } from '../../../common/src/pem/blocks';
import { maskTemplateActions } from './templates';

/** A YAML stream with positions: each `---` document stays separate so one bad document does not hide the rest. */
export interface ParsedYaml {
  documents: Document.Parsed[];
  lineCounter: LineCounter;
  /** Offsets of masked `{{ … }}` template actions (see templates.ts). */
  templateSpans: Array<[number, number]>;
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
}

const YAML_LANGUAGES = new Set(['yaml', 'yml', 'helm', 'dockercompose']);
const YAML_PATH = /\.ya?ml$/i;

export function isYaml(uri: string, languageId: string): boolean {
  return YAML_LANGUAGES.has(languageId) || YAML_PATH.test(uri);
}

export function parseDocument(uri: string, languageId: string, version: number, text: string): ParsedDocument {
  if (isYaml(uri, languageId)) return { uri, version, text, yaml: parseYaml(text), pem: [] };
  return { uri, version, text, pem: findPemBlocks(text) };
}

export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const { text: yaml, templateSpans } = maskTemplateActions(text);
  const parsed = parseAllDocuments(yaml, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: false });
  // parseAllDocuments returns an EmptyStream (an array with no documents) for empty input.
  const documents = Array.isArray(parsed) ? parsed : [parsed];
  return { documents, lineCounter, templateSpans };
}
