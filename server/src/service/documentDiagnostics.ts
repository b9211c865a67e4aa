import type { Diagnostic } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../documents/parsedDocument';
import type { SchemaRegistry } from '../schema/registry';
import { validateYaml } from './validation/index';

/** All diagnostics of one document, whatever its language. The server and the CLI both call this. */
export function documentDiagnostics(parsed: ParsedDocument, registry: SchemaRegistry): Diagnostic[] {
  return parsed.yaml ? validateYaml(parsed.yaml, registry) : [];
}
