import { isMap, isScalar, type Node } from 'yaml';
import type { Path, ResourceView } from './resourceView';

// What metav1.LabelSelectorAsSelector refuses (k8s.io/apimachinery pkg/apis/meta/v1/helpers.go and
// pkg/labels/selector.go NewRequirement): label keys and values of the wrong shape, an unknown
// operator, In/NotIn without values, Exists/DoesNotExist with values.

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Why a label key is refused (a qualified name: an optional DNS-subdomain prefix and "/", then a name of at most 63 characters). */
export function labelKeyProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (key.split('/').length > 2) return 'a label key has at most one "/"';
  if (prefix !== undefined && (prefix === '' || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return 'the prefix before "/" must be a lower-case DNS subdomain of at most 253 characters';
  if (name === '') return 'the name part must not be empty';
  if (name.length > 63) return 'the name part must be at most 63 characters';
  if (!NAME.test(name)) return 'the name part must start and end with a letter or digit, with only letters, digits, "-", "_" and "." between';
  return undefined;
}

/** Why a label value is refused (empty, or at most 63 characters shaped like a name). */
export function labelValueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63) return 'a label value must be at most 63 characters';
  if (!NAME.test(value)) return 'a label value must start and end with a letter or digit, with only letters, digits, "-", "_" and "." between';
  return undefined;
}

/** Reports each problem of the label selector at `path` through `report`, at the node it concerns. */
export function checkLabelSelector(r: ResourceView, path: Path, report: (node: Node | undefined, problem: string) => void): void {
  const labels = r.node([...path, 'matchLabels']);
  if (isMap(labels)) {
    for (const pair of labels.items) {
      const key = pair.key as Node | null;
      if (!isScalar(key) || r.ctx.isTemplated(key)) continue;
      const keyProblem = labelKeyProblem(String(key.value));
      if (keyProblem) report(key, `matchLabels key ${JSON.stringify(String(key.value))}: ${keyProblem}`);
      const value = pair.value as Node | null;
      if (isScalar(value) && !r.ctx.isTemplated(value) && value.value !== null) {
        const valueProblem = labelValueProblem(String(value.value));
        if (valueProblem) report(value, `matchLabels value ${JSON.stringify(String(value.value))}: ${valueProblem}`);
      }
    }
  }
  for (const expression of r.items([...path, 'matchExpressions'])) {
    const key = r.string(['key'], expression);
    const operator = r.string(['operator'], expression);
    const values = r.value(['values'], expression);
    if (key !== undefined) {
      const problem = labelKeyProblem(key);
      if (problem) report(r.node(['key'], expression), `matchExpressions key ${JSON.stringify(key)}: ${problem}`);
    }
    if (operator === undefined) continue;
    if (!OPERATORS.includes(operator)) {
      report(r.node(['operator'], expression), `${JSON.stringify(operator)} is not a label selector operator (In, NotIn, Exists, DoesNotExist)`);
      continue;
    }
    if (r.unknown(['values'], expression)) continue;
    const list = Array.isArray(values) ? values : [];
    if ((operator === 'In' || operator === 'NotIn') && list.length === 0)
      report(r.node(['operator'], expression), `the ${operator} operator needs at least one value`);
    if ((operator === 'Exists' || operator === 'DoesNotExist') && list.length > 0)
      report(r.node(['values'], expression), `the ${operator} operator takes no values`);
    for (const value of list) {
      if (typeof value !== 'string') continue;
      const problem = labelValueProblem(value);
      if (problem) report(r.node(['values'], expression), `matchExpressions value ${JSON.stringify(value)}: ${problem}`);
    }
  }
}
