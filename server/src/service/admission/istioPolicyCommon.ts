import { isMap, isScalar, type Node } from 'yaml';
import { parseCidr } from '../../../../common/src/net/cidr';
import type { Path, ResourceView } from './resourceView';
import { istioBefore, targetIstio } from './istioReleases';

// What istiod's webhook checks alike for the security kinds (pkg/config/validation/validation.go:
// validateMetadata, validatePolicyTargetReference; pkg/config/security/security.go).

const DRY_RUN = 'istio.io/dry-run';
/** Annotations istiod keeps for itself and refuses on any resource. */
const INTERNAL_ANNOTATIONS = ['internal.istio.io/webhook-always-reject', 'internal.istio.io/parents', 'internal.istio.io/parent-namespace'];
/** The spellings Go's strconv.ParseBool reads. */
const GO_BOOLEANS = new Set(['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False']);
/**
 * The kinds a targetRef may name, by group ("" is the core group), with the first release whose
 * webhook accepts each (allowedTargetRefs in validation.go; 1.20 and 1.21 took only a Gateway).
 */
const TARGET_KINDS: Array<[string, string, string]> = [
  ['', 'Service', '1.22'],
  ['networking.istio.io', 'ServiceEntry', '1.24'],
  ['gateway.networking.k8s.io', 'Gateway', '1.20'],
  ['gateway.networking.k8s.io', 'GatewayClass', '1.25'],
];
/** The GatewayClass istiod applies policies through (constants.WaypointGatewayClassName), and the release it started to. */
const WAYPOINT_CLASS = 'istio-waypoint';
const GATEWAY_CLASS_APPLIED = '1.26';

/** The kinds a targetRef may name, as written in the kind field. */
export const TARGET_KIND_VALUES: readonly string[] = TARGET_KINDS.map(([, kind]) => kind);

/** The plain string items of a list (templated ones left out), each with its node. */
export function stringItems(r: ResourceView, path: Path, from: Node): Array<{ node: Node; value: string }> {
  return r
    .items(path, from)
    .flatMap((node) => (isScalar(node) && typeof node.value === 'string' && !r.ctx.isTemplated(node) ? [{ node, value: node.value }] : []));
}

/** Whether a list item is written as null (`- ~` or a bare `-`), which istiod refuses where it expects an object. */
export function isNullItem(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

/** Whether a value is a `{{ }}` action itself (not a list or map that merely holds one): only rendering tells what it is. */
export function isTemplateValue(r: ResourceView, node: Node | undefined): boolean {
  return isScalar(node) && r.ctx.isTemplated(node);
}

/**
 * The annotations istiod reads before any kind's own checks: `istio.io/dry-run` only on an
 * AuthorizationPolicy with action ALLOW or DENY, and then a boolean; internal annotations never.
 * `policy` is given for an AuthorizationPolicy, its action undefined when templated.
 */
export function checkAnnotations(r: ResourceView, policy?: { action: string | undefined }): void {
  const annotations = r.node(['metadata', 'annotations']);
  if (!isMap(annotations)) return;
  for (const name of INTERNAL_ANNOTATIONS) {
    if (r.has([name], annotations))
      r.ctx.error(
        r.rangeOf([name], annotations),
        'istio-annotation',
        `istiod refuses any resource with the annotation ${name}: it is set only by Istio itself.`,
      );
  }
  if (!r.has([DRY_RUN], annotations)) return;
  const range = r.rangeOf([DRY_RUN], annotations);
  if (!policy) {
    r.ctx.error(range, 'istio-annotation', `istiod accepts ${DRY_RUN} only on an AuthorizationPolicy; remove it here.`);
  } else if (policy.action === undefined) {
    return;
  } else if (policy.action !== 'ALLOW' && policy.action !== 'DENY') {
    r.ctx.error(range, 'istio-annotation', `istiod accepts ${DRY_RUN} only on ALLOW and DENY policies (this one is ${policy.action}).`);
  } else {
    const value = r.value([DRY_RUN], annotations);
    if (typeof value === 'string' && !GO_BOOLEANS.has(value))
      r.ctx.error(range, 'istio-annotation', `${DRY_RUN} must be a boolean such as "true" or "false", not "${value}".`);
  }
}

/** targetRef and each of targetRefs: a name, no namespace, and a kind the policy can attach to. */
export function checkTargetRefs(r: ResourceView): void {
  // A field the targeted release's CRD lacks is reported by fieldReleases and never reaches istiod.
  const refs = [...(istioBefore(r, '1.20') ? [] : [r.node(['spec', 'targetRef'])]), ...(istioBefore(r, '1.22') ? [] : r.items(['spec', 'targetRefs']))];
  for (const ref of refs) {
    if (!isMap(ref)) continue;
    // An empty name is refused by the schema; a missing one only by istiod.
    if (!r.has(['name'], ref)) r.ctx.error(r.rangeOf(['name'], ref), 'istio-policy-target', 'A targetRef needs the name of the resource it attaches to.');
    const group = r.value(['group'], ref);
    const kind = r.value(['kind'], ref);
    if (typeof kind !== 'string' || (group !== undefined && typeof group !== 'string')) continue;
    if (r.has(['group'], ref) && group === undefined) continue;
    // A group or kind the schema's own patterns refuse is reported there.
    if (!/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/.test(kind) || (group && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(group)))
      continue;
    const canonical = group === 'core' ? '' : (group ?? '');
    const target = TARGET_KINDS.find(([g, k]) => g === canonical && k === kind);
    const accepted = TARGET_KINDS.filter(([, , since]) => !istioBefore(r, since));
    const named = (kinds: typeof TARGET_KINDS) => kinds.map(([g, k]) => (g ? `${g}/${k}` : k)).join(', ');
    if (!target) {
      r.ctx.error(
        r.rangeOf(['kind'], ref),
        'istio-policy-target',
        `istiod attaches policies only to ${named(accepted)}; not to ${canonical ? `${canonical}/` : ''}${kind}.`,
      );
    } else if (istioBefore(r, target[2])) {
      r.ctx.error(
        r.rangeOf(['kind'], ref),
        'istio-version',
        `${targetIstio(r)} attaches policies only to ${named(accepted)}: it refuses a ${kind} target, which came in ${target[2]}.`,
      );
    } else if (kind === 'GatewayClass') {
      checkGatewayClassTarget(r, ref);
    }
  }
}

/**
 * istiod accepts any GatewayClass target, but applies one only to waypoints of the istio-waypoint
 * class, from a policy in the root namespace (ShouldAttachPolicy in pilot/pkg/model/policyattachment.go).
 */
function checkGatewayClassTarget(r: ResourceView, ref: Node): void {
  if (istioBefore(r, GATEWAY_CLASS_APPLIED)) {
    return r.ctx.warning(
      r.rangeOf(['kind'], ref),
      'istio-version',
      `${targetIstio(r)} accepts a GatewayClass target but never applies it (it does from ${GATEWAY_CLASS_APPLIED}): this target selects nothing.`,
    );
  }
  const name = r.string(['name'], ref);
  if (name !== undefined && name !== '' && name !== WAYPOINT_CLASS) {
    r.ctx.warning(
      r.rangeOf(['name'], ref),
      'istio-policy-target',
      `istiod applies a GatewayClass target only when it is ${WAYPOINT_CLASS} (every waypoint of the mesh, from a policy in the root namespace): a policy on the class ${name} applies to nothing.`,
    );
  }
}

/** An address or CIDR as Go's netip.ParseAddr / ParsePrefix read them (a "/" makes it a prefix). */
export function isGoIpOrPrefix(value: string): boolean {
  if (value !== value.trim() || value === '') return false;
  if (value.includes('/')) {
    const [address, bits] = value.split('/');
    return !address.includes('%') && /^(0|[1-9]\d*)$/.test(bits ?? '') && parseCidr(value) !== undefined;
  }
  const [address] = value.split('%');
  return parseCidr(address) !== undefined && (!value.includes('%') || address.includes(':'));
}

/** A port as istiod's ValidatePorts reads it: a base-10 number up to 65535 (0 included). */
export function isGoPort(value: string): boolean {
  return /^\d+$/.test(value) && Number(value) <= 65535;
}
