// A workload's own `spec.selector` (a Kubernetes LabelSelector) as the API server reads it, and
// whether it selects a set of labels (k8s.io/apimachinery pkg/labels: matchLabels are equality
// requirements, and every requirement must hold).

import { isMap, isScalar, type Document, type Node, type YAMLMap } from 'yaml';
import type { ParsedYaml } from '../documents/parsedDocument';
import { overlapsTemplate } from '../documents/templates';
import { labels, list, record, text } from './read';

export interface SelectorRequirement {
  key: string;
  operator: string;
  values: string[];
}

export interface WorkloadSelector {
  /** Whether `spec.selector` is written (with a map value). */
  written: boolean;
  matchLabels: Record<string, string>;
  matchExpressions: SelectorRequirement[];
  /** Job only: `spec.manualSelector: true`, without which the API server makes the selector itself. */
  manual?: boolean;
  /**
   * What the selector or the pod template's labels hold is not known here: a template action
   * writes part of them or a key of a map on their way (known only once rendered), or a YAML
   * merge key (`<<: *labels`, which kubectl's reader applies and this one does not) adds to them.
   * Nothing about them is judged then.
   */
  unknown: boolean;
}

/** The workload kinds whose selector the API server checks against their pod template, by "<apiVersion>/<kind>". */
export const SELECTOR_KINDS = new Set(['apps/v1/Deployment', 'apps/v1/StatefulSet', 'apps/v1/DaemonSet', 'apps/v1/ReplicaSet', 'batch/v1/Job']);

/** The selector facts of a workload whose kind is in SELECTOR_KINDS; `json` as read by resources.ts, `templatePath` to its pod template. */
export function selectorOf(json: Record<string, unknown>, templatePath: string[], document: Document.Parsed, yaml: ParsedYaml): WorkloadSelector {
  const spec = record(json.spec);
  const selector = spec.selector;
  const written = selector !== undefined && selector !== null && typeof selector === 'object' && !Array.isArray(selector);
  const matchExpressions = list(record(selector).matchExpressions).map((item) => {
    const requirement = record(item);
    return {
      key: text(requirement.key) ?? '',
      operator: text(requirement.operator) ?? '',
      values: list(requirement.values).map((v) => (typeof v === 'string' ? v : String(v))),
    };
  });
  const result: WorkloadSelector = {
    written,
    matchLabels: labels(record(selector).matchLabels) ?? {},
    matchExpressions,
    unknown: (yaml.template !== undefined && templatedSelector(document, templatePath, yaml)) || mergesLabels(document, templatePath),
  };
  if (json.kind === 'Job') result.manual = spec.manualSelector === true;
  return result;
}

/**
 * Whether a template action may change what the selector or the pod labels hold: it overlaps the
 * selector or the labels, or writes a key of the spec, the pod template or its metadata (where a
 * `{{ include ... }}` may add either).
 */
function templatedSelector(document: Document.Parsed, templatePath: string[], yaml: ParsedYaml): boolean {
  const spans = yaml.templateSpans;
  const overlaps = (node: Node | null | undefined) => !!node?.range && overlapsTemplate(spans, node.range[0], node.range[1]);
  const templatedKey = (map: YAMLMap) => map.items.some((pair) => isScalar(pair.key) && overlaps(pair.key));
  const at = (path: string[]) => document.getIn(path, true) as Node | null | undefined;
  const spec = at(['spec']);
  if (!isMap(spec)) return overlaps(spec);
  if (templatedKey(spec) || overlaps(at(['spec', 'selector'])) || overlaps(at(['spec', 'manualSelector']))) return true;
  for (const path of [templatePath, [...templatePath, 'metadata']]) {
    const node = at(path);
    if (node && !isMap(node)) return overlaps(node);
    if (isMap(node) && templatedKey(node)) return true;
  }
  return overlaps(at([...templatePath, 'metadata', 'labels']));
}

/** Whether a merge key writes into the selector or the pod template's labels. */
function mergesLabels(document: Document.Parsed, templatePath: string[]): boolean {
  const merges = (node: unknown): boolean => isMap(node) && node.items.some((pair) => (isScalar(pair.key) && pair.key.value === '<<') || merges(pair.value));
  return merges(document.getIn(['spec', 'selector'], true)) || merges(document.getIn([...templatePath, 'metadata'], true));
}

/** Whether a selector picks pods with these labels (an empty selector picks every pod). */
export function selects(selector: WorkloadSelector, podLabels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) if (podLabels[key] !== value) return false;
  return selector.matchExpressions.every((r) => requirementHolds(r, podLabels));
}

/**
 * Whether a selector picks an object whose labels are known only in part (`complete` false: a
 * label not in `known` may or may not be there). Undefined when that depends on the labels not known.
 */
export function selectsKnown(selector: WorkloadSelector, known: Record<string, string>, complete: boolean): boolean | undefined {
  if (complete) return selects(selector, known);
  let undecided = false;
  const judge = (key: string, holds: () => boolean) => {
    if (!Object.prototype.hasOwnProperty.call(known, key)) undecided = true;
    else if (!holds()) return false;
    return true;
  };
  for (const [key, value] of Object.entries(selector.matchLabels)) if (!judge(key, () => known[key] === value)) return false;
  for (const requirement of selector.matchExpressions) if (!judge(requirement.key, () => requirementHolds(requirement, known))) return false;
  return undecided ? undefined : true;
}

function requirementHolds(requirement: SelectorRequirement, podLabels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(podLabels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(podLabels[requirement.key]);
    case 'NotIn':
      return !has || !requirement.values.includes(podLabels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // An unknown operator is refused on its own (see selectorRequirementProblem); it decides no match.
      return true;
  }
}

/** Why the API server refuses a matchExpressions entry (ValidateLabelSelectorRequirement), or undefined. */
export function selectorRequirementProblem(requirement: SelectorRequirement): string | undefined {
  switch (requirement.operator) {
    case 'In':
    case 'NotIn':
      return requirement.values.length === 0 ? `values must be given when the operator is ${requirement.operator}` : undefined;
    case 'Exists':
    case 'DoesNotExist':
      return requirement.values.length > 0 ? `values must be empty when the operator is ${requirement.operator}` : undefined;
    default:
      return `"${requirement.operator}" is no operator; use In, NotIn, Exists or DoesNotExist`;
  }
}
