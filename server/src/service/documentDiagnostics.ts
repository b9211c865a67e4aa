import { guarded } from '../../../common/src/log/guarded';
import type { TargetVersions } from '../../../common/src/versions';
import type { Diagnostic } from 'vscode-languageserver-types';
import { defaultSettings } from '../../../common/src/protocol';
import type { ParsedDocument } from '../documents/parsedDocument';
import type { SchemaRegistry } from '../schema/registry';
import { certificateDiagnostics, type CertificateCheckContext } from './certificates/certificateDiagnostics';
import { documentObjects } from './certificates/documentObjects';
import { isKustomizePatch } from '../documents/kustomize';
import { validateYaml } from './validation/index';
import { checkSpireConfig, spireSideOf } from '../spire/index';

/**
 * All diagnostics of one document, whatever its language: the manifest checks of YAML and the
 * certificate checks of anything holding certificates. The server and the CLI both call this;
 * without a context (the CLI) certificates are checked against the clock and the default
 * setting, with no git or sibling-file knowledge.
 */
export function documentDiagnostics(
  parsed: ParsedDocument,
  registry: SchemaRegistry,
  certificates?: CertificateCheckContext,
  versions?: TargetVersions,
): Diagnostic[] {
  const found = documentObjects(parsed);
  const context = certificates ?? { now: new Date(), expiringSoonDays: defaultSettings.certificates.expiringSoonDays, inGitWorkTree: false, siblings: [] };
  // Each part failing costs its own diagnostics: the certificate checks still run when validation throws, and the reverse.
  const certificateFindings = found.groups.length ? guarded('certificate checks', () => certificateDiagnostics(found, context), []) : [];
  const yaml = parsed.yaml;
  if (parsed.maySpire) return [...guarded('SPIRE checks', () => spireFileDiagnostics(parsed, versions), []), ...certificateFindings];
  return yaml
    ? [
        ...guarded('validation', () => validateYaml(yaml, registry, { partial: isKustomizePatch(parsed.uri), ...(versions ? { versions } : {}) }), []),
        ...certificateFindings,
      ]
    : certificateFindings;
}

/**
 * A .conf or .hcl file, or one the editor calls SPIRE, is checked when it reads as a SPIRE server
 * or agent config (a `server {}` or `agent {}` block): nginx.conf or OpenVPN's server.conf are not ours.
 */
function spireFileDiagnostics(parsed: ParsedDocument, versions: TargetVersions | undefined): Diagnostic[] {
  const side = spireSideOf(parsed.text);
  return side ? checkSpireConfig(parsed.text, side, { version: versions?.spire, versionOrigin: versions?.spireOrigin }) : [];
}
