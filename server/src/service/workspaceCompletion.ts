import type { WorkspaceValues } from '../analysis/workspaceValues';
import type { PathStep } from './yamlPath';

/** A value the workspace suggests for a position, with where it comes from. */
export interface Suggestion {
  value: string;
  detail: string;
}

/** Istio's and Linkerd's default trust domain; a mesh with another one edits the suggestion. */
const TRUST_DOMAIN = 'cluster.local';

/**
 * Values from the workspace for a value position: namespaces, service accounts written the way
 * each field wants them, and pod labels in selectors.
 */
export function workspaceValueSuggestions(groupKind: string, path: PathStep[], values: WorkspaceValues): Suggestion[] {
  const names = path.filter((step): step is string => typeof step === 'string');
  const field = names[names.length - 1];
  const parent = names[names.length - 2];
  const accounts = () => values.serviceAccounts().filter((a) => a.namespace);
  if (names.length === 2 && names[0] === 'metadata' && field === 'namespace')
    return values.namespaces().map((ns) => ({ value: ns, detail: 'namespace in the workspace' }));
  if (parent === 'matchLabels') return values.labelValues(field).map((value) => ({ value, detail: `pod label ${field} in the workspace` }));
  if (groupKind === 'security.istio.io/AuthorizationPolicy') {
    if (field === 'principals' || field === 'notPrincipals')
      return accounts().map((a) => ({ value: `${TRUST_DOMAIN}/ns/${a.namespace}/sa/${a.name}`, detail: `service account ${a.name} in ${a.namespace}` }));
    if (field === 'namespaces' || field === 'notNamespaces') return values.namespaces().map((ns) => ({ value: ns, detail: 'namespace in the workspace' }));
    if (field === 'serviceAccounts' || field === 'notServiceAccounts')
      return accounts().map((a) => ({ value: `${a.namespace}/${a.name}`, detail: `service account ${a.name} in ${a.namespace}` }));
  }
  if (groupKind === 'policy.linkerd.io/MeshTLSAuthentication' && field === 'identities') {
    return accounts().map((a) => ({
      value: `${a.name}.${a.namespace}.serviceaccount.identity.linkerd.${TRUST_DOMAIN}`,
      detail: `service account ${a.name} in ${a.namespace}`,
    }));
  }
  return [];
}

/** Keys from the workspace for a mapping: pod label keys in a matchLabels selector. */
export function workspaceKeySuggestions(path: PathStep[], values: WorkspaceValues): Suggestion[] {
  return path[path.length - 1] === 'matchLabels' ? values.labelKeys().map((key) => ({ value: key, detail: 'pod label in the workspace' })) : [];
}
