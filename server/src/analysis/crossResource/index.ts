import { guarded } from '../../../../common/src/log/guarded';
import type { AnalysisFinding } from '../finding';
import type { WorkspaceModel } from '../workspaceModel';
import { ambientRules } from './ambient';
import { authorizationPolicyRules } from './authorizationPolicy';
import { certManagerRules } from './certManager';
import { ambientDestinationRules, destinationRuleRules } from './destinationRule';
import { linkerdRules } from './linkerd';
import { linkerdDefaultDenyRules, linkerdDefaultPolicyRefusalRules } from './linkerdDefaultPolicy';
import { meshAnnotationRules } from './meshAnnotations';
import { peerAuthenticationRules, strictBypassRules } from './peerAuthentication';
import { spireRules } from './spire';
import { spireControllerRules, spireIstioIdentityRules } from './spireController';
import { workloadSelectorRules } from './workloadSelector';

/** The rules by the name a failure is reported under. */
const RULES: Record<string, (model: WorkspaceModel) => AnalysisFinding[]> = {
  peerAuthentication: peerAuthenticationRules,
  destinationRule: destinationRuleRules,
  ambientDestinationRule: ambientDestinationRules,
  authorizationPolicy: authorizationPolicyRules,
  ambient: ambientRules,
  certManager: certManagerRules,
  linkerd: linkerdRules,
  linkerdDefaultDeny: linkerdDefaultDenyRules,
  linkerdDefaultPolicyRefusal: linkerdDefaultPolicyRefusalRules,
  spire: spireRules,
  spireController: spireControllerRules,
  spireIstioIdentity: spireIstioIdentityRules,
  workloadSelector: workloadSelectorRules,
  meshAnnotations: meshAnnotationRules,
  strictBypass: strictBypassRules,
};

/** Every cross-resource rule, over one workspace model; a rule that throws costs only its own findings. */
export function analyzeWorkspace(model: WorkspaceModel): AnalysisFinding[] {
  const findings = Object.entries(RULES).flatMap(([name, rule]) => guarded(name, () => rule(model), []));
  // A kustomize base built by several overlays is one object per overlay: what is wrong with it in each alike is said once.
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = JSON.stringify([f.uri, f.range, f.code, f.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
