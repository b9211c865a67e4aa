import { CERT_MANAGER_RULES } from './certManager';
import { ISTIO_SECURITY_RULES } from './istioSecurity';
import { ISTIO_DESTINATION_RULE_RULES } from './istioDestinationRule';
import { LINKERD_RULES } from './linkerd';
import type { Rule } from './resourceView';
import { SECRET_RULES } from './secrets';

/** Admission rules beyond the CRD schemas, by "<group>/<Kind>". */
export const KIND_RULES: Record<string, Rule[]> = {
  ...ISTIO_SECURITY_RULES,
  ...ISTIO_DESTINATION_RULE_RULES,
  ...LINKERD_RULES,
  ...CERT_MANAGER_RULES,
  ...SECRET_RULES,
};
