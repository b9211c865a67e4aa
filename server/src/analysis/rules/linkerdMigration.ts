import type { Range } from 'vscode-languageserver-types';
import type { FixData } from '../../service/diagnostic';
import { namespaceOf, type Resource } from '../resources';

interface ServerAuthorizationSpec {
  server?: { name?: unknown; selector?: unknown };
  client?: {
    unauthenticated?: unknown;
    networks?: unknown;
    meshTLS?: { serviceAccounts?: Array<{ name?: unknown; namespace?: unknown }>; identities?: unknown[]; unauthenticatedTLS?: unknown };
  };
}

const GROUP = 'policy.linkerd.io';

/**
 * The ServerAuthorization rewritten as an AuthorizationPolicy with a MeshTLSAuthentication (or a
 * NetworkAuthentication for unauthenticated clients), when the translation is exact: a Server
 * named, and clients given as service accounts, identities, or anyone. Anything else (selectors,
 * networks, unauthenticated TLS) has no single faithful translation, so no fix is offered.
 */
export function serverAuthorizationMigration(resource: Resource): FixData | undefined {
  const raw = resource.body?.spec;
  const spec = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as ServerAuthorizationSpec;
  if (spec.client !== undefined && (typeof spec.client !== 'object' || spec.client === null)) return undefined;
  const server = spec.server?.name;
  const document = resource.ranges.get('');
  if (typeof server !== 'string' || spec.server?.selector !== undefined || spec.client?.networks !== undefined || !resource.name || !document) return undefined;
  const name = resource.name;
  const ns = namespaceOf(resource);
  const metadata = [`metadata:`, `  name: ${name}`, `  namespace: ${ns}`];
  let authentication: string[];
  let kind: string;
  if (spec.client?.unauthenticated === true && !spec.client.meshTLS) {
    kind = 'NetworkAuthentication';
    authentication = [`apiVersion: ${GROUP}/v1alpha1`, `kind: ${kind}`, ...metadata, 'spec:', '  networks:', '    - cidr: 0.0.0.0/0', '    - cidr: ::/0'];
  } else {
    const meshTLS = spec.client?.meshTLS;
    if (meshTLS !== undefined && (typeof meshTLS !== 'object' || meshTLS === null)) return undefined;
    if (!meshTLS || spec.client?.unauthenticated !== undefined || meshTLS.unauthenticatedTLS !== undefined) return undefined;
    if ((meshTLS.serviceAccounts !== undefined && !Array.isArray(meshTLS.serviceAccounts)) || (meshTLS.identities !== undefined && !Array.isArray(meshTLS.identities))) return undefined;
    const accounts = (meshTLS.serviceAccounts ?? []).map((a) => (a && typeof a === 'object' ? a : { name: undefined }));
    const identities = meshTLS.identities ?? [];
    if (accounts.some((a) => typeof a?.name !== 'string' || (a.namespace !== undefined && typeof a.namespace !== 'string')) || identities.some((i) => typeof i !== 'string')) return undefined;
    if (accounts.length + identities.length === 0) return undefined;
    kind = 'MeshTLSAuthentication';
    authentication = [`apiVersion: ${GROUP}/v1alpha1`, `kind: ${kind}`, ...metadata, 'spec:'];
    if (identities.length) authentication.push('  identities:', ...identities.map((i) => `    - ${JSON.stringify(i)}`));
    if (accounts.length) authentication.push('  identityRefs:', ...accounts.flatMap((a) => [`    - kind: ServiceAccount`, `      name: ${String(a.name)}`, ...(a.namespace ? [`      namespace: ${String(a.namespace)}`] : [])]));
  }
  const policy = [`apiVersion: ${GROUP}/v1alpha1`, 'kind: AuthorizationPolicy', ...metadata, 'spec:', '  targetRef:', `    group: ${GROUP}`, '    kind: Server', `    name: ${server}`, '  requiredAuthenticationRefs:', `    - name: ${name}`, `      kind: ${kind}`, `      group: ${GROUP}`];
  const range: Range = document;
  return { title: `Rewrite as an AuthorizationPolicy and a ${kind}`, replacement: [...policy, '---', ...authentication].join('\n'), range };
}
