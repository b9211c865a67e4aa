import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../../common/src/protocol';
import type { ParsedDocument } from '../documents/parsedDocument';
import type { SchemaRegistry } from '../schema/registry';
import { certificateDiagnostics, type CertificateCheckOptions } from './certificates/certificateDiagnostics';
import { documentObjects } from './certificates/documentObjects';
import { validateYaml } from './validation/index';

/** All diagnostics of one document, whatever its language. The server and the CLI both call this. */
export function documentDiagnostics(parsed: ParsedDocument, registry: SchemaRegistry, certificates?: CertificateCheckOptions): Diagnostic[] {
  const options = certificates ?? { now: new Date(), expiringSoonDays: defaultSettings.certificates.expiringSoonDays };
  const found = documentObjects(parsed);
  const certificateFindings = found.objects.length ? certificateDiagnostics(found, options) : [];
  return parsed.yaml ? [...validateYaml(parsed.yaml, registry), ...certificateFindings] : certificateFindings;
}
