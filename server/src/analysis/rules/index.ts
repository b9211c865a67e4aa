import type { AnalysisFinding } from '../finding';
import type { WorkspaceModel } from '../workspaceModel';
import { authorizationPolicyRules } from './authorizationPolicy';
import { certManagerRules } from './certManager';
import { destinationRuleRules } from './destinationRule';
import { linkerdRules } from './linkerd';
import { peerAuthenticationRules } from './peerAuthentication';

/** Every cross-resource rule, over one workspace model. */
export function analyzeWorkspace(model: WorkspaceModel): AnalysisFinding[] {
  return [...peerAuthenticationRules(model), ...destinationRuleRules(model), ...authorizationPolicyRules(model), ...certManagerRules(model), ...linkerdRules(model)];
}
