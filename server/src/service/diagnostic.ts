import { Diagnostic, DiagnosticSeverity, type Range } from 'vscode-languageserver-types';

export const DIAGNOSTIC_SOURCE = 'mesh-mtls';
const DOCS = 'https://github.com/mesh-mtls/vscode-mesh-mtls/blob/main/docs/diagnostics.md';

/**
 * Stable diagnostic codes. Each has an entry (heading of the same name) in docs/diagnostics.md,
 * which the diagnostic links to; users and CI filters rely on them, so never rename one.
 */
export type DiagnosticCode = 'yaml-syntax' | 'duplicate-key' | 'enum-value';

export function diagnostic(range: Range, severity: DiagnosticSeverity, code: DiagnosticCode, message: string): Diagnostic {
  return {
    range,
    severity,
    code,
    codeDescription: { href: `${DOCS}#${code}` },
    source: DIAGNOSTIC_SOURCE,
    message,
  };
}
