import { closestName } from '../../documents/similarNames';
import type { FixData } from '../../documents/diagnostic';
import type { Resource } from '../resources';
import type { WorkspaceModel } from '../workspaceModel';

/**
 * For a one-label selector that matches nothing: the label value of a workload in the namespace
 * that it most likely meant (a typo away), placed over the written value. Nothing when no value
 * is that close, or the selector has more labels than one.
 */
export function selectorFix(
  model: WorkspaceModel,
  resource: Resource,
  selectorPath: string,
  selector: Record<string, string>,
  namespace: string,
): FixData | undefined {
  const entries = Object.entries(selector);
  if (entries.length !== 1) return undefined;
  const [[label, value]] = entries;
  const range = resource.ranges.get(`${selectorPath}.${label}=`);
  if (!range) return undefined;
  const values = new Set(model.workloadsIn(namespace).flatMap((w) => (w.workload!.podLabels[label] === undefined ? [] : [w.workload!.podLabels[label]])));
  const closest = closestName(value, values);
  return closest ? { title: `Select ${label}=${closest}`, replacement: closest, range } : undefined;
}
