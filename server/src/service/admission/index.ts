import { CERT_MANAGER_RULES } from './certManager';
import { ISTIO_CLOSED_SETS, ISTIO_SECURITY_RULES } from './istioSecurity';
import { ISTIO_DESTINATION_RULE_RULES } from './istioDestinationRule';
import { LINKERD_CLOSED_SETS, LINKERD_RULES } from './linkerd';
import type { Rule } from './resourceView';
import { SECRET_RULES } from './secrets';
import { SPIRE_CONFIG_MAP_RULES } from './spireConfigMap';
import { SPIRE_CONTROLLER_CLOSED_SETS, SPIRE_CONTROLLER_RULES } from './spireController';
import { SPIRE_CONTROLLER_CONFIG_CLOSED_SETS, SPIRE_CONTROLLER_CONFIG_RULES } from './spireControllerConfig';
import { SPIRE_CONTROLLER_CONFIG_MAP_RULES } from './spireControllerConfigMap';

/** Admission rules beyond the CRD schemas, by "<group>/<Kind>". */
export const KIND_RULES: Record<string, Rule[]> = {
  ...ISTIO_SECURITY_RULES,
  ...ISTIO_DESTINATION_RULE_RULES,
  ...LINKERD_RULES,
  ...CERT_MANAGER_RULES,
  ...SECRET_RULES,
  ...SPIRE_CONFIG_MAP_RULES,
  ...SPIRE_CONTROLLER_RULES,
  ...SPIRE_CONTROLLER_CONFIG_RULES,
  // A ConfigMap may hold SPIRE's configs and the controller's: both sets of rules read it.
  '/ConfigMap': [...SPIRE_CONFIG_MAP_RULES['/ConfigMap'], ...SPIRE_CONTROLLER_CONFIG_MAP_RULES],
};

/**
 * Values the admission webhooks alone limit (the CRDs type these fields as free strings), by
 * "<group>/<Kind>" and field path with `*` for any list item: completion offers them as it offers
 * a schema's enum, so it knows every closed set validation knows.
 */
export const KIND_CLOSED_SETS: Record<string, Record<string, readonly string[]>> = {
  ...ISTIO_CLOSED_SETS,
  ...LINKERD_CLOSED_SETS,
  ...SPIRE_CONTROLLER_CLOSED_SETS,
  ...SPIRE_CONTROLLER_CONFIG_CLOSED_SETS,
};

export function closedSet(kind: string, path: ReadonlyArray<string | number>): readonly string[] | undefined {
  return KIND_CLOSED_SETS[kind]?.[path.map((step) => (typeof step === 'number' ? '*' : step)).join('.')];
}
