import type { JsonSchema } from './jsonSchema';
import { peerAuthentication } from './kinds/istioSecurity';

/** The one place that maps a manifest's apiVersion and kind to the schema it is checked against. */
export class SchemaRegistry {
  private readonly schemas = new Map<string, JsonSchema>();

  constructor(entries: Iterable<[apiVersion: string, kind: string, schema: JsonSchema]>) {
    for (const [apiVersion, kind, schema] of entries) this.schemas.set(registryKey(apiVersion, kind), schema);
  }

  lookup(apiVersion: string, kind: string): JsonSchema | undefined {
    return this.schemas.get(registryKey(apiVersion, kind));
  }

  /** Every "<apiVersion>/<Kind>" key with its schema, in a stable order. */
  entries(): Array<[string, JsonSchema]> {
    return [...this.schemas.entries()].sort(([a], [b]) => a.localeCompare(b));
  }
}

export function registryKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

export function createDefaultRegistry(): SchemaRegistry {
  return new SchemaRegistry([
    ['security.istio.io/v1', 'PeerAuthentication', peerAuthentication],
    ['security.istio.io/v1beta1', 'PeerAuthentication', peerAuthentication],
  ]);
}
