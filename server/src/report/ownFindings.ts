import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { PostureReport } from '../../../common/src/report/postureReport';
import type { TargetVersions } from '../../../common/src/versions';
import type { ParsedDocument } from '../documents/parsedDocument';
import type { SchemaRegistry } from '../schema/registry';
import { documentDiagnostics } from '../service/documentDiagnostics';

// What `lint` finds in a file on its own (schemas, rules, certificates), counted: the posture
// report adds it to the workspace's cross-resource findings, so that the editor's counts are the
// CLI's. Checked as lint checks it: without the editor's git and sibling-file context.

export type FindingCounts = PostureReport['findings'];

/** The files lint reads: manifests, files that may be SPIRE server or agent configs, and JSON that may be a proxy's secret dump (each checked only when its text is one). */
export const LINTED_FILE = /\.(ya?ml|conf|hcl|json)$/i;

export function noFindings(): FindingCounts {
  return { error: 0, warning: 0, information: 0 };
}

export function ownFindingCounts(parsed: ParsedDocument, registry: SchemaRegistry, versions: TargetVersions): FindingCounts {
  return countDiagnostics(documentDiagnostics(parsed, registry, undefined, versions));
}

/** As `mesh-mtls report` counts lint's findings: one without a severity is an error; hints are not counted. */
export function countDiagnostics(diagnostics: Iterable<Diagnostic>): FindingCounts {
  const counts = noFindings();
  for (const diagnostic of diagnostics) {
    const severity = severityOf(diagnostic);
    if (severity) counts[severity]++;
  }
  return counts;
}

export function addCounts(total: FindingCounts, more: FindingCounts): void {
  total.error += more.error;
  total.warning += more.warning;
  total.information += more.information;
}

function severityOf(diagnostic: Diagnostic): keyof FindingCounts | undefined {
  switch (diagnostic.severity ?? DiagnosticSeverity.Error) {
    case DiagnosticSeverity.Error:
      return 'error';
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'information';
    default:
      return undefined;
  }
}
