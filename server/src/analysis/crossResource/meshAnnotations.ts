import { finding, label, type AnalysisFinding } from '../finding';
import { ISTIO_TRAFFIC_PREFIX, istioValueProblem, LINKERD_ANNOTATIONS, LINKERD_OPAQUE_PORTS, linkerdValueProblem, podAnnotationPath } from '../meshAnnotations';
import type { Resource } from '../resources';
import type { WorkspaceModel } from '../workspaceModel';

/**
 * The capture annotations of Istio and Linkerd (see meshAnnotations.ts) where each mesh reads
 * them: a value Istio's injector refuses is an error where the workspace shows Istio injects the
 * pod (it is not created then), a warning where it may; one Linkerd skips is a warning (the pod
 * runs, without that setting); an annotation where its mesh never looks is a warning that says
 * where it belongs.
 */
export function meshAnnotationRules(model: WorkspaceModel): AnalysisFinding[] {
  const findings: AnalysisFinding[] = [];
  for (const resource of model.resources) {
    if (resource.workload) {
      findings.push(...podFindings(model, resource));
      if (resource.kind !== 'Pod') findings.push(...misplaced(resource, 'workload'));
    } else if (resource.group === '' && resource.kind === 'Namespace') {
      findings.push(...misplaced(resource, 'namespace'));
      for (const name of LINKERD_ANNOTATIONS)
        findings.push(...linkerdValue(resource, name, `metadata.annotations.${name}`, resource.annotations[name], model.settings.versions.linkerd));
    } else if (resource.group === '' && resource.kind === 'Service') {
      findings.push(...misplaced(resource, 'service'));
      const opaque = resource.annotations[LINKERD_OPAQUE_PORTS];
      findings.push(...linkerdValue(resource, LINKERD_OPAQUE_PORTS, `metadata.annotations.${LINKERD_OPAQUE_PORTS}`, opaque, model.settings.versions.linkerd));
    }
  }
  return findings;
}

function podFindings(model: WorkspaceModel, workload: Resource): AnalysisFinding[] {
  const { podAnnotations } = workload.workload!;
  const found: AnalysisFinding[] = [];
  const injection = model.istioInjection(workload).injection;
  for (const [name, value] of Object.entries(podAnnotations)) {
    const problem = name.startsWith(ISTIO_TRAFFIC_PREFIX) && injection !== 'off' ? istioValueProblem(name, value) : undefined;
    if (problem) {
      const setting = name.slice(ISTIO_TRAFFIC_PREFIX.length);
      const outcome = injection === 'on' ? 'The' : 'Where Istio injects them, the';
      const message = `Istio's sidecar injector refuses a pod with this ${setting}: ${problem}. ${outcome} pods of ${label(workload)} would not be created.`;
      found.push(finding(workload, podAnnotationPath(workload, name), 'mesh-annotation-value', injection === 'on' ? 'error' : 'warning', message));
    }
    if (LINKERD_ANNOTATIONS.includes(name))
      found.push(...linkerdValue(workload, name, podAnnotationPath(workload, name), value, model.settings.versions.linkerd));
  }
  return found;
}

function linkerdValue(resource: Resource, name: string, path: string, value: string | undefined, linkerdVersion: string): AnalysisFinding[] {
  const problem = value === undefined ? undefined : linkerdValueProblem(name, value, linkerdVersion);
  return problem ? [finding(resource, path, 'mesh-annotation-value', 'warning', `${name}: ${problem}.`)] : [];
}

/** Where each mesh reads its annotations, in the words of a message about one found elsewhere. */
function misplaced(resource: Resource, where: 'workload' | 'namespace' | 'service'): AnalysisFinding[] {
  const found: AnalysisFinding[] = [];
  const warn = (name: string, message: string) =>
    found.push(finding(resource, `metadata.annotations.${name}`, 'mesh-annotation-placement', 'warning', message));
  for (const name of Object.keys(resource.annotations)) {
    if (name.startsWith(ISTIO_TRAFFIC_PREFIX)) {
      warn(
        name,
        where === 'workload'
          ? `Istio reads ${name} on pods only, never on a ${resource.kind}'s own metadata: move it to spec.template.metadata.annotations.`
          : `Istio reads ${name} on pods only, never on a ${where === 'namespace' ? 'Namespace' : 'Service'}: put it in the pod template's annotations of each workload it is for.`,
      );
    } else if (LINKERD_ANNOTATIONS.includes(name)) {
      if (where === 'workload')
        warn(name, `Linkerd reads ${name} on pods and namespaces, never on a ${resource.kind}'s own metadata: move it to spec.template.metadata.annotations.`);
      else if (where === 'service' && name !== LINKERD_OPAQUE_PORTS)
        warn(
          name,
          `Linkerd reads ${name} on pods and namespaces, never on a Service: put it in the pod template's annotations of the workloads behind it, or on their Namespace.`,
        );
    }
  }
  return found;
}
