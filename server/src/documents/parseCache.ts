import type { TextDocument } from 'vscode-languageserver-textdocument';
import { chartIsCurrent, parseDocument, type ParsedDocument } from './parsedDocument';

/**
 * Parsed documents keyed by URI and version: validation, code lenses and hovers of one version
 * share one parse. The handlers evict a document when the editor closes it.
 */
export class ParseCache {
  private readonly entries = new Map<string, ParsedDocument>();

  get(document: TextDocument): ParsedDocument {
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && chartIsCurrent(cached)) return cached;
    const parsed = parseDocument(document.uri, document.languageId, document.version, document.getText(), cached);
    this.entries.set(document.uri, parsed);
    return parsed;
  }

  evict(uri: string): void {
    this.entries.delete(uri);
  }

  get size(): number {
    return this.entries.size;
  }
}
