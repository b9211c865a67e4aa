import type { JsonSchema } from '../jsonSchema';

/**
 * Every documentation key below `spec` of a resource schema, as `fieldDoc` looks them up: list
 * items as `[]`, free-form map values as `*` (`spec.rules[].from[].source.principals`).
 */
export function docPaths(schema: JsonSchema): Map<string, JsonSchema> {
  const found = new Map<string, JsonSchema>();
  const spec = schema.properties?.spec;
  if (spec) walk(spec, 'spec', found, 0);
  return found;
}

function walk(schema: JsonSchema, key: string, found: Map<string, JsonSchema>, depth: number): void {
  // A list item or a map value reads its list's or map's doc (see fieldDoc), so it needs none of its own.
  if (!found.has(key) && !/(\[\]|\.\*)$/.test(key)) found.set(key, schema);
  if (depth > 24) return;
  const child = (next: JsonSchema, nextKey: string) => walk(next, nextKey, found, depth + 1);
  for (const [name, property] of Object.entries(schema.properties ?? {})) child(property, `${key}.${name}`);
  if (typeof schema.additionalProperties === 'object') child(schema.additionalProperties, `${key}.*`);
  if (schema.items) child(schema.items, `${key}[]`);
  for (const alternative of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) {
    for (const [name, property] of Object.entries(alternative.properties ?? {})) child(property, `${key}.${name}`);
  }
}

/** Number of named steps in a key (`spec.subsets[].name` has three). */
function depthOf(key: string): number {
  return key.replace(/\[\]/g, '').split('.').length;
}

/**
 * Which fields get hand-written documentation, by "<group>/<Kind>"; the rest of a schema gets a
 * generated summary. The issue asks for every field of the security kinds, DestinationRule's TLS
 * in depth, and the CA, self-signed, Vault and ACME parts of cert-manager issuers.
 */
export const DOCUMENTED_SCOPE: Record<string, (key: string) => boolean> = {
  'security.istio.io/AuthorizationPolicy': () => true,
  'security.istio.io/PeerAuthentication': () => true,
  'security.istio.io/RequestAuthentication': () => true,
  'networking.istio.io/DestinationRule': (key) => /\.tls(\.|$)/.test(key) || depthOf(key) <= 3,
  'policy.linkerd.io/Server': () => true,
  'policy.linkerd.io/ServerAuthorization': () => true,
  'policy.linkerd.io/AuthorizationPolicy': () => true,
  'policy.linkerd.io/MeshTLSAuthentication': () => true,
  'policy.linkerd.io/NetworkAuthentication': () => true,
  'policy.linkerd.io/HTTPRoute': () => true,
  'policy.linkerd.io/EgressNetwork': () => true,
  'policy.linkerd.io/HTTPLocalRateLimitPolicy': () => true,
  'cert-manager.io/Certificate': () => true,
  'cert-manager.io/CertificateRequest': () => true,
  'cert-manager.io/Issuer': issuerScope,
  'cert-manager.io/ClusterIssuer': issuerScope,
  'spire.spiffe.io/ClusterSPIFFEID': () => true,
  'spire.spiffe.io/ClusterFederatedTrustDomain': () => true,
  'spire.spiffe.io/ClusterStaticEntry': () => true,
};

function issuerScope(key: string): boolean {
  if (key === 'spec' || /^spec\.(ca|selfSigned)(\.|$)/.test(key)) return true;
  return /^spec\.(vault|acme)(\.[^.[\]]+)?$/.test(key);
}
