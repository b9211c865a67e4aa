import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { version } from '../../common/src/version';
import { explanation } from './explain';

const LEVEL: Record<number, 'error' | 'warning' | 'note'> = {
  [DiagnosticSeverity.Error]: 'error',
  [DiagnosticSeverity.Warning]: 'warning',
  [DiagnosticSeverity.Information]: 'note',
  [DiagnosticSeverity.Hint]: 'note',
};

const DOCS = 'https://github.com/mesh-mtls/vscode-mesh-mtls/blob/main/docs/diagnostics.md';

/**
 * SARIF 2.1.0 for code scanning: one run, a rule per code that occurs (with its docs entry), a
 * result per finding with its 1-based region. `uri` is relative to `root`, which GitHub maps to
 * the repository.
 */
export function sarifLog(findings: Array<{ file: string; uri: string; diagnostic: Diagnostic }>): object {
  const codes = [...new Set(findings.map((f) => String(f.diagnostic.code)))].sort();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'mesh-mtls',
            version,
            informationUri: 'https://github.com/mesh-mtls/vscode-mesh-mtls',
            rules: codes.map((code) => ({
              id: code,
              name: code,
              helpUri: `${DOCS}#${code}`,
              fullDescription: { text: explanation(code)?.replace(/^## \S+\n+/, '') ?? code },
            })),
          },
        },
        results: findings.map(({ uri, diagnostic: d }) => ({
          ruleId: String(d.code),
          ruleIndex: codes.indexOf(String(d.code)),
          level: LEVEL[d.severity ?? DiagnosticSeverity.Error],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
}
