import { finding, type AnalysisFinding } from '../finding';
import { selectorRequirementProblem, selects, type WorkloadSelector } from '../labelSelector';
import type { Resource } from '../resources';
import type { WorkspaceModel } from '../workspaceModel';

/**
 * A workload's own selector against its pod template, as the API server checks them on create
 * (kubernetes/kubernetes pkg/apis/apps/validation/validation.go ValidateDeploymentSpec,
 * ValidateReplicaSetSpec, ValidateStatefulSetSpec, ValidateDaemonSetSpec; pkg/apis/batch/validation
 * ValidateJobSpec): it refuses a workload whose selector is missing, empty, malformed, or does not
 * select its own pods. These are one resource's rules, here because only the workspace model
 * reads core workloads (the document checks cover the mesh kinds).
 */
export function workloadSelectorRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const workload of model.workloads) {
    const selector = workload.workload!.selector;
    if (!selector || selector.templated) continue;
    findings.push(...selectorFindings(workload, selector, workload.workload!.podLabels));
  }
  return findings;
}

function selectorFindings(workload: Resource, selector: WorkloadSelector, podLabels: Record<string, string>): AnalysisFinding[] {
  const kind = workload.kind;
  // A Job makes its own selector unless told not to; its pods then get the labels it selects.
  if (kind === 'Job' && !selector.manual) return [];
  const error = (path: string, message: string) => finding(workload, path, 'workload-selector', 'error', message);
  if (!selector.written) {
    const why = kind === 'Job' ? 'a Job with manualSelector: true must say which pods are its own' : `the API server refuses a ${kind} without one`;
    return [error('spec', `spec.selector is required: ${why}. Add a matchLabels with labels of spec.template.metadata.labels.`)];
  }
  const found: AnalysisFinding[] = [];
  selector.matchExpressions.forEach((requirement, i) => {
    const problem = selectorRequirementProblem(requirement);
    if (problem) found.push(error(`spec.selector.matchExpressions.${i}`, `The API server refuses this selector requirement: ${problem}.`));
  });
  if (found.length) return found;
  const empty = Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
  if (empty) {
    // An empty selector selects every pod: a Job may have one; the apps kinds are refused it.
    if (kind !== 'Job')
      found.push(
        error('spec.selector', `An empty selector is invalid for a ${kind}: it would select every pod in the namespace. Select the pod template's labels.`),
      );
    return found;
  }
  if (!selects(selector, podLabels)) {
    const written = Object.entries(podLabels).map(([k, v]) => `${k}=${v}`);
    found.push(
      error(
        'spec.template.metadata.labels',
        `spec.selector does not match the pod template's labels (${written.length ? written.join(', ') : 'none'}): the API server refuses this ${kind}, since it would not own the pods it creates. Give the template every label the selector asks for.`,
      ),
    );
  }
  return found;
}
