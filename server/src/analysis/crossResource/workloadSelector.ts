import { finding, type AnalysisFinding } from '../finding';
import { selectorRequirementProblem, selects, type WorkloadSelector } from '../labelSelector';
import { isTemplateText } from '../../documents/templates';
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
    if (!selector || selector.unknown) continue;
    findings.push(...selectorFindings(workload, selector, workload.workload!.podLabels));
  }
  return findings;
}

function selectorFindings(workload: Resource, selector: WorkloadSelector, podLabels: Record<string, string>): AnalysisFinding[] {
  const kind = workload.kind;
  const error = (path: string, message: string) => finding(workload, path, 'workload-selector', 'error', message);
  if (kind === 'Job' && !selector.manual) return generatedSelectorFindings(workload, selector, error);
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

/** The labels the API server gives a Job's pods and adds to its selector: its uid's (unknown here) and its name's, legacy and prefixed. */
const JOB_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];

/**
 * A Job without manualSelector: true gets its selector from the API server, which adds its
 * controller-uid label to whatever is written and then requires the selector to select the
 * labels it generates (ValidateGeneratedSelector, pkg/apis/batch/validation/validation.go): a
 * written requirement on any other label makes it refuse the Job. Requirements on the uid labels
 * are left out, as the uid is known only once created.
 */
function generatedSelectorFindings(job: Resource, selector: WorkloadSelector, error: (path: string, message: string) => AnalysisFinding): AnalysisFinding[] {
  if (!selector.written || job.name === undefined || isTemplateText(job.name)) return [];
  const known: WorkloadSelector = {
    ...selector,
    matchLabels: Object.fromEntries(Object.entries(selector.matchLabels).filter(([key]) => !JOB_UID_LABELS.includes(key))),
    matchExpressions: selector.matchExpressions.filter((r) => !JOB_UID_LABELS.includes(r.key)),
  };
  const generated = Object.fromEntries(JOB_NAME_LABELS.map((key) => [key, job.name!]));
  if (selects(known, generated)) return [];
  return [
    error(
      'spec.selector',
      'Without manualSelector: true the API server makes a Job\'s selector itself, and this one does not select the labels it gives the pods (job-name, controller-uid): it refuses the Job ("`selector` not auto-generated"). Remove spec.selector, or set manualSelector: true.',
    ),
  ];
}
