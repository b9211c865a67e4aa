import { atLeast, PROJECT_NAMES } from '../../../../common/src/versions';
import { CERTIFICATE_FIELDS_SINCE, CERTIFICATE_GATES, CERTIFICATE_VALUES_SINCE, ISSUER_FIELDS_SINCE, type FieldSince } from '../../schema/certManagerReleases';
import type { DiagnosticCode } from '../../documents/diagnostic';
import type { Path, ResourceView } from './resourceView';

// What an older cert-manager release does not offer (the releases: schema/certManagerReleases.ts).
// Its CRDs are structural without x-kubernetes-preserve-unknown-fields, so an older API server
// drops a field it does not know or, under strict field validation (kubectl apply's default),
// refuses the object: a warning, as the schema's unknown-field is. A gated field, an enum value
// the CRD lacks and a refused annotation are refused whatever the client: errors.

const name = (version: string) => `${PROJECT_NAMES.certManager} ${version}`;

/** The release adding each field of the tables, by dotted path (the first entry for a path wins). */
const FIELD_SINCE = new Map<string, string>();
for (const [path, since] of [...CERTIFICATE_FIELDS_SINCE, ...ISSUER_FIELDS_SINCE]) if (!FIELD_SINCE.has(path.join('.'))) FIELD_SINCE.set(path.join('.'), since);

/** Whether the target release's CRD declares the field at `path` (fields not in the tables are old). */
export function knownField(r: ResourceView, path: Path): boolean {
  const since = FIELD_SINCE.get(path.join('.'));
  return since === undefined || atLeast(r.ctx.versions.certManager, since);
}

function checkFields(r: ResourceView, fields: FieldSince[], code: DiagnosticCode): void {
  const target = r.ctx.versions.certManager;
  for (const [path, since] of fields) {
    if (!r.has(path) || atLeast(target, since)) continue;
    // A field inside one the release lacks is said once, at the outer field.
    if (fields.some(([outer, added]) => outer.length < path.length && path.join('.').startsWith(`${outer.join('.')}.`) && !atLeast(target, added))) continue;
    r.ctx.warning(
      r.rangeOf(path),
      code,
      `${path.slice(1).join('.')} came in ${name(since)}; the ${name(target)} CRD does not have it, so the API server drops it (and kubectl apply, which validates strictly, refuses the object).`,
    );
  }
}

/** Certificate fields, values and gated features the target release does not offer. */
export function checkCertificateRelease(r: ResourceView): void {
  const target = r.ctx.versions.certManager;
  checkFields(r, CERTIFICATE_FIELDS_SINCE, 'cert-manager-certificate');
  for (const [path, value, since] of CERTIFICATE_VALUES_SINCE) {
    if (knownField(r, path) && !atLeast(target, since) && r.string(path) === value) {
      r.ctx.error(r.rangeOf(path), 'cert-manager-certificate', `${value} came in ${name(since)}; the ${name(target)} CRD refuses it.`);
    }
  }
  for (const { path, gate, on } of CERTIFICATE_GATES) {
    if (!r.has(path) || !knownField(r, path) || atLeast(target, on)) continue;
    r.ctx.error(
      r.rangeOf(path),
      'cert-manager-certificate',
      `${name(target)} refuses ${path[path.length - 1]} unless its webhook and controller run with the ${gate} feature gate (alpha, on by default from ${name(on)}).`,
    );
  }
  checkSecretTemplateRelease(r);
}

/** Issuer and ClusterIssuer fields the target release does not have. */
export function checkIssuerRelease(r: ResourceView): void {
  checkFields(r, ISSUER_FIELDS_SINCE, 'cert-manager-issuer');
}

/** Before 1.15 the webhook refused every cert-manager.io/ annotation in secretTemplate (validateSecretTemplateAnnotations). */
function checkSecretTemplateRelease(r: ResourceView): void {
  if (atLeast(r.ctx.versions.certManager, '1.15')) return;
  const key = 'cert-manager.io/allow-direct-injection';
  const path = ['spec', 'secretTemplate', 'annotations', key];
  if (r.has(path))
    r.ctx.error(
      r.rangeOf(path),
      'cert-manager-certificate',
      `${name(r.ctx.versions.certManager)} refuses every cert-manager.io/ annotation in secretTemplate; ${key} is allowed from ${name('1.15')}.`,
    );
}
