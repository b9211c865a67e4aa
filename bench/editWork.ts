import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../common/src/protocol';
import type { AnalysisFinding } from '../server/src/analysis/finding';
import { resourcesOf } from '../server/src/analysis/resources';
import { WorkspaceAnalysis } from '../server/src/analysis/workspaceAnalysis';
import { parseDocument, type ParsedDocument } from '../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../server/src/schema/registry';
import type { CertificateCheckContext } from '../server/src/service/certificates/certificateDiagnostics';
import { documentObjects } from '../server/src/service/certificates/documentObjects';
import { documentDiagnostics } from '../server/src/service/documentDiagnostics';
import { versionsOf } from '../server/src/settings';

// Where the edit rows type, and the work the server does for one keystroke, done in this process
// with the server's own functions in the order its handlers call them (handlers/diagnostics.ts
// and handlers/workspace.ts): nothing re-implemented, no transport, no debounce.

export interface EditPlace {
  name: 'start' | 'middle' | 'end';
  /** Where the character goes: the end of a `name:` value whose resource nothing refers to, so the findings stay the same. */
  offset: number;
  line: number;
  character: number;
  /** The `name` key on that line, for hover. */
  key: { line: number; character: number };
}

/** Names of kinds no other resource of the manifest refers to by name (see manifest.ts). */
const UNREFERENCED_NAME = /^ {2}name: (?:pa|jwt|dr|allow|rate|egress|cert)-\d+$/gm;

/** The first such name, the one nearest the middle of the text, and the last. */
export function editPlaces(text: string): EditPlace[] {
  const ends = [...text.matchAll(UNREFERENCED_NAME)].map((m) => m.index + m[0].length);
  if (ends.length < 3) throw new Error('the manifest has too few resources to edit at its start, middle and end');
  const middle = ends.reduce((best, end) => (Math.abs(end - text.length / 2) < Math.abs(best - text.length / 2) ? end : best));
  const place = (name: EditPlace['name'], offset: number): EditPlace => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    const line = countLines(text, lineStart);
    return { name, offset, line, character: offset - lineStart, key: { line, character: 3 } };
  };
  return [place('start', ends[0]), place('middle', middle), place('end', ends[ends.length - 1])];
}

function countLines(text: string, end: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** The text with one character typed at the place (`typed`) or as it was. */
export const editedText = (text: string, place: EditPlace, typed: boolean) => (typed ? `${text.slice(0, place.offset)}x${text.slice(place.offset)}` : text);

/**
 * The server's state for one open document, in process: its last parse (the next one reuses it),
 * and the workspace analysis holding its resources (the one index, which completion also reads).
 */
export class InProcessEditor {
  private readonly registry = createDefaultRegistry();
  private readonly analysis = new WorkspaceAnalysis();
  private readonly versions = versionsOf(defaultSettings);
  private previous: ParsedDocument | undefined;
  private version = 0;

  constructor(private readonly uri: string) {}

  /** One version of the document as the server handles it; returns what it would publish: its own diagnostics, then the workspace's findings in it. */
  edit(text: string): { diagnostics: Diagnostic[]; findings: AnalysisFinding[] } {
    const parsed = parseDocument(this.uri, 'yaml', ++this.version, text, this.previous);
    this.previous = parsed;
    // The index's part (indexOpen), then the publish's (certificate context, checks, findings).
    this.analysis.setFile(this.uri, resourcesOf(this.uri, parsed.yaml!, true));
    documentObjects(parsed);
    const context: CertificateCheckContext = {
      now: new Date(),
      expiringSoonDays: defaultSettings.certificates.expiringSoonDays,
      inGitWorkTree: false,
      siblings: [],
    };
    return { diagnostics: documentDiagnostics(parsed, this.registry, context, this.versions), findings: this.analysis.findingsFor(this.uri) };
  }
}

/**
 * How many diagnostics the server publishes for the text once the workspace analysis has seen it.
 * The bench times a valid file: an error means the generator and the rules have drifted apart.
 */
export function expectedDiagnostics(uri: string, text: string): number {
  const { diagnostics, findings } = new InProcessEditor(uri).edit(text);
  const errors = [
    ...diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => `line ${d.range.start.line + 1}: [${d.code}] ${d.message}`),
    ...findings.filter((f) => f.severity === 'error').map((f) => `line ${f.range.start.line + 1}: [${f.code}] ${f.message}`),
  ];
  if (errors.length) throw new Error(`the bench manifest should hold no error, and the server finds ${errors.length}:\n${errors.slice(0, 10).join('\n')}`);
  return diagnostics.length + findings.length;
}
