import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseDocument } from '../../server/src/documents/parsedDocument';
import { createDefaultRegistry } from '../../server/src/schema/registry';
import { documentDiagnostics } from '../../server/src/service/documentDiagnostics';
import { checkSpireConfig, type SpireSide } from '../../server/src/spire/index';

// Conformance suites: the upstream projects' own validation tests, case by case, as manifests
// with the upstream verdict. Each suite file under test/conformance/<project>/ translates one
// upstream test (a Go or Rust test function, or a testdata file) and names it.

export type Project = 'istio' | 'linkerd' | 'cert-manager' | 'spire' | 'spire-controller-manager';

export interface ConformanceCase {
  /** The upstream case's own name (its table entry's name, or its position when it has none). */
  name: string;
  /** One YAML document: the resource the upstream case validates (SPIRE cases: empty, see `spire`). */
  yaml: string;
  /** SPIRE cases: the configuration file the upstream case builds, and which side reads it. */
  spire?: { side: SpireSide; text: string; scope?: 'config' | 'run' };
  /** SPIRE cases whose upstream test also asserts a logged warning: the code we must give it as. */
  warning?: string;
  /** Whether the upstream test expects the resource to be accepted. */
  valid: boolean;
  /** Where we deliberately give another verdict, and why (the case then counts apart). */
  differs?: string;
}

export interface ConformanceSuite {
  project: Project;
  /** The upstream file and test, at the commit the CRDs come from: "istio/istio@86c9f01f pkg/config/validation/validation_test.go TestValidateAuthorizationPolicy". */
  source: string;
  cases: ConformanceCase[];
}

/** The errors `mesh-mtls lint` would report for the case's manifest, as "code: message". */
export function errorsOf(yaml: string): string[] {
  const parsed = parseDocument('file:///conformance/case.yaml', 'yaml', 1, yaml);
  return documentDiagnostics(parsed, registry)
    .filter((d: Diagnostic) => d.severity === DiagnosticSeverity.Error)
    .map((d) => `${String(d.code)}: ${d.message}`);
}

const registry = createDefaultRegistry();

/**
 * The findings of a SPIRE case as "severity code: message". The run_test.go tables call
 * NewServerConfig/NewAgentConfig, which stop before the plugin catalog, on a POSIX build, so the
 * default scope is the configuration alone.
 */
export function spireFindingsOf(spire: NonNullable<ConformanceCase['spire']>): Array<{ severity: 'error' | 'warning' | 'other'; text: string }> {
  return checkSpireConfig(spire.text, spire.side, { scope: spire.scope ?? 'config', platform: 'posix' }).map((d) => ({
    severity: d.severity === DiagnosticSeverity.Error ? 'error' : d.severity === DiagnosticSeverity.Warning ? 'warning' : 'other',
    text: `${String(d.code)}: ${String(d.message)}`,
  }));
}

/** The errors a case gets, whichever project it belongs to. */
export function caseErrors(testCase: ConformanceCase): string[] {
  if (!testCase.spire) return errorsOf(testCase.yaml);
  return spireFindingsOf(testCase.spire)
    .filter((f) => f.severity === 'error')
    .map((f) => f.text);
}
