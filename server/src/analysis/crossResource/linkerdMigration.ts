import type { Range } from 'vscode-languageserver-types';
import { atLeast } from '../../../../common/src/versions';
import type { FixData } from '../../documents/diagnostic';
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
 * The `clusterNetworks` a Linkerd release installs with unless told otherwise (the control-plane
 * chart's values.yaml; fd00::/8 joined with IPv6 support in 2.16). A ServerAuthorization without
 * `networks` admits clients from these only (policy-controller/grpc/src/inbound.rs, to_authz).
 */
export function linkerdClusterNetworks(version: string): string[] {
  const ipv4 = ['10.0.0.0/8', '100.64.0.0/10', '172.16.0.0/12', '192.168.0.0/16'];
  return atLeast(version, '2.16') ? [...ipv4, 'fd00::/8'] : ipv4;
}

/** The cluster networks of the install in the workspace (see WorkspaceModel.linkerdInstallNetworks), in words and CIDRs. */
export interface InstalledNetworks {
  networks: string[];
  /** Where they are written: "--cluster-networks of Deployment linkerd/linkerd-destination". */
  from: string;
}

/** The networks as a NetworkAuthentication lists them, or undefined when one cannot be read. */
function networkLines(networks: unknown, version: string, installed?: InstalledNetworks): string[] | undefined {
  // An empty list reads as none: the policy controller then uses the cluster networks too.
  if (networks === undefined || (Array.isArray(networks) && networks.length === 0)) {
    return [
      '  # The ServerAuthorization named no networks, so it admitted clients from the cluster networks only.',
      installed
        ? `  # These are the cluster networks of your installation (${installed.from}).`
        : `  # These are Linkerd ${version}'s default clusterNetworks: use your installation's value if it differs.`,
      '  networks:',
      ...(installed?.networks ?? linkerdClusterNetworks(version)).map((cidr) => `    - cidr: ${JSON.stringify(cidr)}`),
    ];
  }
  if (!Array.isArray(networks)) return undefined;
  const lines = ['  networks:'];
  for (const network of networks as unknown[]) {
    const { cidr, except } = (network && typeof network === 'object' ? network : {}) as { cidr?: unknown; except?: unknown };
    if (typeof cidr !== 'string' || (except !== undefined && (!Array.isArray(except) || except.some((e) => typeof e !== 'string')))) return undefined;
    lines.push(`    - cidr: ${JSON.stringify(cidr)}`);
    if (Array.isArray(except) && except.length) lines.push('      except:', ...except.map((e) => `        - ${JSON.stringify(e)}`));
  }
  return lines;
}

/** The identities of a meshTLS client list as MeshTLSAuthentication spec lines, when they can be read and name someone. */
function identityLines(meshTLS: NonNullable<ServerAuthorizationSpec['client']>['meshTLS']): string[] | undefined {
  if (meshTLS === undefined || typeof meshTLS !== 'object' || meshTLS === null || meshTLS.unauthenticatedTLS !== undefined) return undefined;
  if (
    (meshTLS.serviceAccounts !== undefined && !Array.isArray(meshTLS.serviceAccounts)) ||
    (meshTLS.identities !== undefined && !Array.isArray(meshTLS.identities))
  )
    return undefined;
  const accounts = (meshTLS.serviceAccounts ?? []).map((a) => (a && typeof a === 'object' ? a : { name: undefined }));
  const identities = meshTLS.identities ?? [];
  if (
    accounts.some((a) => typeof a?.name !== 'string' || (a.namespace !== undefined && typeof a.namespace !== 'string')) ||
    identities.some((i) => typeof i !== 'string')
  )
    return undefined;
  if (accounts.length + identities.length === 0) return undefined;
  const lines: string[] = [];
  if (identities.length) lines.push('  identities:', ...identities.map((i) => `    - ${JSON.stringify(i)}`));
  if (accounts.length)
    lines.push(
      '  identityRefs:',
      ...accounts.flatMap((a) => [
        `    - kind: ServiceAccount`,
        `      name: ${String(a.name)}`,
        ...(a.namespace ? [`      namespace: ${String(a.namespace)}`] : []),
      ]),
    );
  return lines;
}

/**
 * The ServerAuthorization rewritten as an AuthorizationPolicy that admits the same clients: a
 * MeshTLSAuthentication for the identities (none for unauthenticated clients) and always a
 * NetworkAuthentication, because an AuthorizationPolicy without one admits every address while
 * a ServerAuthorization is limited to its `networks`, or to the cluster networks when it has none
 * (policy-controller/k8s/index/src/inbound/index.rs, policy_client_authz). Offered only for a
 * named Server and clients given as service accounts, identities or anyone: a Server selector
 * and unauthenticated TLS have no faithful translation.
 */
export function serverAuthorizationMigration(resource: Resource, linkerdVersion: string, installed?: InstalledNetworks): FixData | undefined {
  const raw = resource.body?.spec;
  const spec = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as ServerAuthorizationSpec;
  if (spec.client === undefined || typeof spec.client !== 'object' || spec.client === null) return undefined;
  const server = spec.server?.name;
  const document = resource.ranges.get('');
  if (typeof server !== 'string' || spec.server?.selector !== undefined || !resource.name || !document) return undefined;
  const networks = networkLines(spec.client.networks, linkerdVersion, installed);
  if (!networks) return undefined;
  let identities: string[] | undefined;
  if (spec.client.unauthenticated === true) {
    if (spec.client.meshTLS !== undefined) return undefined;
  } else {
    if (spec.client.unauthenticated !== undefined && spec.client.unauthenticated !== false) return undefined;
    identities = identityLines(spec.client.meshTLS);
    if (!identities) return undefined;
  }
  const name = resource.name;
  const metadata = [`metadata:`, `  name: ${name}`, `  namespace: ${namespaceOf(resource)}`];
  const resourceOf = (kind: string, body: string[]) => [`apiVersion: ${GROUP}/v1alpha1`, `kind: ${kind}`, ...metadata, 'spec:', ...body];
  const kinds = identities ? ['MeshTLSAuthentication', 'NetworkAuthentication'] : ['NetworkAuthentication'];
  const refs = kinds.flatMap((kind) => [`    - name: ${name}`, `      kind: ${kind}`, `      group: ${GROUP}`]);
  const policy = resourceOf('AuthorizationPolicy', [
    '  targetRef:',
    `    group: ${GROUP}`,
    '    kind: Server',
    `    name: ${server}`,
    '  requiredAuthenticationRefs:',
    ...refs,
  ]);
  const parts = [policy, ...(identities ? [resourceOf('MeshTLSAuthentication', identities)] : []), resourceOf('NetworkAuthentication', networks)];
  const range: Range = document;
  return {
    title: `Rewrite as an AuthorizationPolicy with a ${kinds.join(' and a ')}`,
    replacement: parts.map((lines) => lines.join('\n')).join('\n---\n'),
    range,
  };
}
