import type { Range } from 'vscode-languageserver-types';
import type { DiagnosticCode, FixData } from '../documents/diagnostic';
import { defaultsNote } from '../documents/templates';
import { rangeAt, type Resource } from './resources';

/** One cross-resource finding, in the file of the resource it is about. */
export interface AnalysisFinding {
  uri: string;
  range: Range;
  code: DiagnosticCode;
  severity: 'error' | 'warning' | 'information';
  message: string;
  /** A quick fix replacing the finding's range, where the fix is unambiguous. */
  fix?: FixData;
}

export function finding(
  resource: Resource,
  path: string,
  code: DiagnosticCode,
  severity: AnalysisFinding['severity'],
  message: string,
  fix?: FixData,
): AnalysisFinding {
  const range = rangeAt(resource, path);
  const said = resource.defaults ? message + defaultsNote(range, resource.defaults) : message;
  return { uri: resource.uri, range, code, severity, message: said, ...(fix ? { fix } : {}) };
}

/** "PeerAuthentication shop/default" as messages name resources. */
export function label(resource: Resource): string {
  return `${resource.kind} ${resource.clusterScoped ? '' : `${resource.namespace ?? 'default'}/`}${resource.name ?? '(unnamed)'}`;
}
