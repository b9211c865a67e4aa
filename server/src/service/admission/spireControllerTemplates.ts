import { isScalar, parseDocument, type Node } from 'yaml';
import { parseGoTemplate, type ParsedTemplate, type TemplatePart } from '../../spire/goTemplate';
import type { ResourceView } from './resourceView';

// The Go templates of spire-controller-manager (v0.6.6): a ClusterSPIFFEID's spiffeIDTemplate,
// dnsNameTemplates and workloadSelectorTemplates, and the config's parentIDTemplate. They are
// parsed when the object is admitted (api/v1alpha1/clusterspiffeid_webhook.go) and executed per
// pod against the controller's data (pkg/spireentry/entries.go templateData).

/** The data's fields: the three strings, and the Kubernetes objects by the Go type behind them. */
const DATA: Record<string, 'string' | 'ObjectMeta' | 'PodSpec' | 'NodeSpec'> = {
  TrustDomain: 'string',
  ClusterName: 'string',
  ClusterDomain: 'string',
  PodMeta: 'ObjectMeta',
  PodSpec: 'PodSpec',
  NodeMeta: 'ObjectMeta',
  NodeSpec: 'NodeSpec',
};

/** Methods every generated Kubernetes type has (deepcopy and protobuf), reachable from a template. */
const GENERATED_METHODS = [
  'DeepCopy',
  'DeepCopyInto',
  'Descriptor',
  'Marshal',
  'MarshalTo',
  'MarshalToSizedBuffer',
  'ProtoMessage',
  'Reset',
  'Size',
  'String',
  'Unmarshal',
];

const OBJECT_META_FIELDS = [
  'Name',
  'GenerateName',
  'Namespace',
  'SelfLink',
  'UID',
  'ResourceVersion',
  'Generation',
  'CreationTimestamp',
  'DeletionTimestamp',
  'DeletionGracePeriodSeconds',
  'Labels',
  'Annotations',
  'OwnerReferences',
  'Finalizers',
  'ManagedFields',
];
/** ObjectMeta's fields and its accessor methods (GetName, SetLabels, ...). */
const OBJECT_META = new Set([...OBJECT_META_FIELDS, ...OBJECT_META_FIELDS.flatMap((f) => [`Get${f}`, `Set${f}`]), 'GetObjectMeta', ...GENERATED_METHODS]);

/** k8s.io/api core/v1 PodSpec and NodeSpec at v0.36 (the controller's k8s.io/api). */
const POD_SPEC = new Set([
  'Volumes',
  'InitContainers',
  'Containers',
  'EphemeralContainers',
  'RestartPolicy',
  'TerminationGracePeriodSeconds',
  'ActiveDeadlineSeconds',
  'DNSPolicy',
  'NodeSelector',
  'ServiceAccountName',
  'DeprecatedServiceAccount',
  'AutomountServiceAccountToken',
  'NodeName',
  'HostNetwork',
  'HostPID',
  'HostIPC',
  'ShareProcessNamespace',
  'SecurityContext',
  'ImagePullSecrets',
  'Hostname',
  'Subdomain',
  'Affinity',
  'SchedulerName',
  'Tolerations',
  'HostAliases',
  'PriorityClassName',
  'Priority',
  'DNSConfig',
  'ReadinessGates',
  'RuntimeClassName',
  'EnableServiceLinks',
  'PreemptionPolicy',
  'Overhead',
  'TopologySpreadConstraints',
  'SetHostnameAsFQDN',
  'OS',
  'HostUsers',
  'SchedulingGates',
  'ResourceClaims',
  'Resources',
  'HostnameOverride',
  'WorkloadRef',
  ...GENERATED_METHODS,
]);
const NODE_SPEC = new Set(['PodCIDR', 'PodCIDRs', 'ProviderID', 'Unschedulable', 'Taints', 'ConfigSource', 'DoNotUseExternalID', ...GENERATED_METHODS]);

/** Where a template is used decides which data it sees: a parent ID is rendered before the pod is known. */
export type TemplateUse = 'pod' | 'parent';

export interface FieldProblem {
  message: string;
  /** Whether the controller certainly fails (the action runs on every render and the name is certainly wrong). */
  certain: boolean;
}

/** Names the template reads that the controller's data does not have. */
export function fieldProblems(parsed: ParsedTemplate, use: TemplateUse): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const { chain, always } of parsed.fields) {
    const [first, second] = chain;
    const type = DATA[first];
    const shown = `.${chain.join('.')}`;
    if (!type) {
      problems.push({ message: `${shown}: the data has no field ${first} (it has ${Object.keys(DATA).join(', ')})`, certain: always });
      continue;
    }
    if (use === 'parent' && (first === 'PodMeta' || first === 'PodSpec')) {
      problems.push({ message: `${shown}: the parent ID is rendered with the node alone, so ${first} is nil there`, certain: always });
      continue;
    }
    if (second === undefined) continue;
    if (type === 'string') problems.push({ message: `${shown}: ${first} is a string and has no field ${second}`, certain: always });
    else if (type === 'ObjectMeta' && !OBJECT_META.has(second))
      problems.push({ message: `${shown}: ObjectMeta has no field ${second} (Name, Namespace, UID, Labels, Annotations, ...)`, certain: always });
    else if (type === 'PodSpec' && !POD_SPEC.has(second))
      // A field newer than the list is possible: never certain.
      problems.push({ message: `${shown}: PodSpec has no field ${second} in k8s.io/api v0.36 (ServiceAccountName, NodeName, Hostname, ...)`, certain: false });
    else if (type === 'NodeSpec' && !NODE_SPEC.has(second))
      problems.push({ message: `${shown}: NodeSpec has no field ${second} in k8s.io/api v0.36 (ProviderID, PodCIDR, ...)`, certain: false });
  }
  return problems;
}

/** Actions that are Helm's, not the controller's: a template in a chart that Helm renders first. */
const HELM_ACTION = /\.(Values|Release|Chart|Capabilities|Files|Template)\b|\b(include|tpl|required|toYaml|quote|default)\b|`|"\{\{"|"\}\}"/;
const ACTIONS = /\{\{[\s\S]*?\}\}/g;

let lastText: string | undefined;
let lastIsHelm = false;

/** Whether any action of the file is Helm's: then the file is a chart template, found outside its chart. */
function isHelmFile(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastIsHelm = [...text.matchAll(ACTIONS)].some((match) => HELM_ACTION.test(match[0]));
  }
  return lastIsHelm;
}

/**
 * The template text of a field as the controller gets it. A value with masked `{{ }}` actions is
 * read as written when the file is no Helm chart template (in a chart, or with Helm's actions
 * anywhere); otherwise the text is unknown here (undefined).
 */
export function templateText(r: ResourceView, node: Node | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  if (!r.ctx.isTemplated(node)) return typeof node.value === 'string' ? node.value : undefined;
  const written = r.ctx.written;
  if (!written || written.inChart || isHelmFile(written.text)) return undefined;
  const source = r.ctx.writtenSource(node);
  if (source === undefined) return undefined;
  const value = parseDocument(source).contents;
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

/** An unknown piece of rendered text: what an action renders. */
const UNKNOWN = '\u0000';

/** The rendered shape: literal text as written, each action as one unknown character. */
function shape(parts: TemplatePart[]): string {
  return parts.map((part) => ('text' in part ? part.text : UNKNOWN)).join('');
}

/**
 * Why what the template renders cannot be a SPIFFE ID, judged from its literal text alone:
 * undefined when it is fine or depends on what the actions render.
 */
export function renderedIdProblem(parts: TemplatePart[]): string | undefined {
  const text = shape(parts);
  const scheme = 'spiffe://';
  const head = text.split(UNKNOWN)[0];
  if (!text.startsWith(scheme)) {
    if (head.length >= text.length || !scheme.startsWith(head)) return `it renders text that does not start with ${scheme}`;
    return undefined;
  }
  const rest = text.slice(scheme.length);
  const slash = rest.indexOf('/');
  const trustDomain = slash < 0 ? rest : rest.slice(0, slash);
  if (trustDomain === '') return 'it renders an ID with an empty trust domain';
  if (!/^[a-z0-9._\u0000-]+$/.test(trustDomain)) return 'its trust domain part holds characters a trust domain may not (only a-z, 0-9, ".", "-" and "_")';
  if (slash < 0) return undefined;
  const segments = rest.slice(slash + 1).split('/');
  for (const [i, segment] of segments.entries()) {
    if (segment === '') return i === segments.length - 1 ? 'it renders an ID whose path ends with "/"' : 'it renders an ID with an empty path segment ("//")';
    if (segment === '.' || segment === '..') return `it renders an ID with a "${segment}" path segment`;
    const bad = /[^A-Za-z0-9._\u0000-]/.exec(segment);
    if (bad) return `its path holds ${JSON.stringify(bad[0])}, which a SPIFFE ID path may not (only letters, digits, ".", "-", "_" and "/")`;
  }
  return undefined;
}

/**
 * The path a SPIFFE ID template renders, as far as it is known: literal text, with
 * `{{ .TrustDomain }}` right after the scheme standing for a name without "/", up to the first
 * other action. `complete` when no other action follows.
 */
function knownPath(parts: TemplatePart[]): { path: string; complete: boolean } | undefined {
  let text = '';
  let complete = true;
  for (const part of parts) {
    if ('text' in part) text += part.text;
    else if (part.action === '.TrustDomain' && text === 'spiffe://') text += 'td';
    else {
      complete = false;
      break;
    }
  }
  if (!text.startsWith('spiffe://')) return undefined;
  const rest = text.slice('spiffe://'.length);
  const slash = rest.indexOf('/');
  if (slash < 0) return complete && rest !== '' ? { path: '', complete } : undefined;
  return { path: rest.slice(slash), complete };
}

/**
 * Why SPIRE refuses the workload ID a template renders (VerifyTrustDomainWorkloadID in
 * pkg/server/api/id.go, spiffe/spire v1.15.3): no path, or a path in SPIRE's reserved /spire namespace.
 */
export function workloadPathProblem(parts: TemplatePart[]): string | undefined {
  const known = knownPath(parts);
  if (!known) return undefined;
  if (known.complete && known.path === '') return 'it renders an ID without a path, which SPIRE refuses for a workload';
  if ((known.complete && known.path === '/spire') || known.path.startsWith('/spire/'))
    return 'it renders an ID under /spire, the path SPIRE reserves for itself and its agents';
  return undefined;
}

/** Why a rendered workload selector cannot be "type:value", judged from its literal text. */
export function renderedSelectorProblem(parts: TemplatePart[]): string | undefined {
  const text = shape(parts);
  if (!text.includes(UNKNOWN)) return selectorProblem(text);
  if (text.startsWith(':')) return 'it renders a selector with an empty type (before the first ":")';
  return undefined;
}

/** What the controller's parseSelector (entries.go) refuses in a "type:value" selector. */
export function selectorProblem(selector: string): string | undefined {
  const colon = selector.indexOf(':');
  if (colon < 0) return 'a selector is "type:value", and this has no ":"';
  if (colon === 0) return 'the type (before the first ":") is empty';
  if (colon === selector.length - 1) return 'the value (after the first ":") is empty';
  return undefined;
}

export { parseGoTemplate };
