import type { AnalysisFinding } from '../finding';
import type { WorkspaceModel } from '../workspaceModel';
import { ambientRules } from './ambient';
import { authorizationPolicyRules } from './authorizationPolicy';
import { certManagerRules } from './certManager';
import { ambientDestinationRules, destinationRuleRules } from './destinationRule';
import { linkerdRules } from './linkerd';
import { peerAuthenticationRules } from './peerAuthentication';

/** Every cross-resource rule, over one workspace model. */
export function analyzeWorkspace(model: WorkspaceModel): AnalysisFinding[] {
  const findings = [
    ...peerAuthenticationRules(model),
    ...destinationRuleRules(model),
    ...ambientDestinationRules(model),
    ...authorizationPolicyRules(model),
    ...ambientRules(model),
    ...certManagerRules(model),
    ...linkerdRules(model),
  ];
  // A kustomize base built by several overlays is one object per overlay: what is wrong with it in each alike is said once.
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.uri, f.range, f.code, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
