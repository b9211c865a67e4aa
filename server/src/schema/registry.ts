import { loadCrdSchemas } from './crdSchemas';
import type { JsonSchema } from './jsonSchema';
import { coreKinds, resourceSchema } from './coreKinds';
import { spireControllerConfigKind } from './spireControllerConfig';

/** A kind at one version, with the schema it is checked against. */
export interface KindInfo {
  apiVersion: string;
  group: string;
  version: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  /** The version the API server stores; what a deprecated version should move to. */
  preferredVersion: string;
  deprecated: boolean;
  deprecationWarning?: string;
  schema: JsonSchema;
}

/** The one place that maps a manifest's apiVersion and kind to the schema it is checked against. */
export class SchemaRegistry {
  private readonly byKey = new Map<string, KindInfo>();
  private readonly byKind = new Map<string, KindInfo[]>();

  constructor(kinds: KindInfo[]) {
    for (const info of kinds) {
      this.byKey.set(registryKey(info.apiVersion, info.kind), info);
      const all = this.byKind.get(info.kind) ?? [];
      all.push(info);
      this.byKind.set(info.kind, all);
    }
  }

  lookup(apiVersion: string, kind: string): KindInfo | undefined {
    return this.byKey.get(registryKey(apiVersion, kind));
  }

  /** Every version we know of a kind name, in any group. */
  versionsOf(kind: string): KindInfo[] {
    return this.byKind.get(kind) ?? [];
  }

  /** Whether any kind of the group is known: an unknown kind in a known group deserves a word. */
  kindsInGroup(group: string): KindInfo[] {
    return [...this.byKey.values()].filter((info) => info.group === group);
  }

  all(): KindInfo[] {
    return [...this.byKey.values()].sort((a, b) => registryKey(a.apiVersion, a.kind).localeCompare(registryKey(b.apiVersion, b.kind)));
  }

  /** Every "<apiVersion>/<Kind>" key with its schema, in a stable order. */
  entries(): Array<[string, JsonSchema]> {
    return this.all().map((info) => [registryKey(info.apiVersion, info.kind), info.schema]);
  }
}

export function registryKey(apiVersion: string, kind: string): string {
  return `${apiVersion}/${kind}`;
}

export function apiVersionOf(group: string, version: string): string {
  return group ? `${group}/${version}` : version;
}

let defaultRegistry: SchemaRegistry | undefined;

/** The registry of every supported kind: the CRD-derived mesh kinds plus the core kinds we check. */
export function createDefaultRegistry(): SchemaRegistry {
  defaultRegistry ??= new SchemaRegistry([
    ...loadCrdSchemas().map((crd) => ({
      apiVersion: apiVersionOf(crd.group, crd.version),
      group: crd.group,
      version: crd.version,
      kind: crd.kind,
      scope: crd.scope,
      preferredVersion: crd.storageVersion,
      deprecated: crd.deprecated,
      deprecationWarning: crd.deprecationWarning,
      schema: resourceSchema(crd.schema),
    })),
    ...coreKinds(),
    spireControllerConfigKind(),
  ]);
  return defaultRegistry;
}
