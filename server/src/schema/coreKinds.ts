import type { JsonSchema } from './jsonSchema';
import type { KindInfo } from './registry';

// Core Kubernetes parts are not CRDs: what we check of them is written here, from the API reference.

const stringMap: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };
const looseObject: JsonSchema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };

/** ObjectMeta as a user may write it in a manifest (server-set fields included, since exports carry them). */
export const objectMeta: JsonSchema = {
  type: 'object',
  properties: {
    name: { type: 'string', maxLength: 253 },
    generateName: { type: 'string' },
    namespace: { type: 'string', maxLength: 63, pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$' },
    labels: stringMap,
    annotations: stringMap,
    finalizers: { type: 'array', items: { type: 'string' } },
    ownerReferences: { type: 'array', items: looseObject },
    uid: { type: 'string' },
    resourceVersion: { type: 'string' },
    generation: { type: 'integer' },
    creationTimestamp: { type: 'string', nullable: true },
    deletionTimestamp: { type: 'string', nullable: true },
    deletionGracePeriodSeconds: { type: 'integer' },
    managedFields: { type: 'array', items: looseObject },
    selfLink: { type: 'string' },
  },
};

/** A kind's schema with the envelope every resource has (apiVersion, kind, metadata). */
export function resourceSchema(schema: JsonSchema): JsonSchema {
  return {
    ...schema,
    type: 'object',
    properties: {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      ...schema.properties,
      metadata: objectMeta,
    },
  };
}

const secret: JsonSchema = resourceSchema({
  properties: {
    type: { type: 'string' },
    immutable: { type: 'boolean' },
    data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
    stringData: stringMap,
  },
});

/** Read for the SPIRE configs it holds (see admission/spireConfigMap.ts); other ConfigMaps are not ours. */
const configMap: JsonSchema = resourceSchema({
  properties: {
    immutable: { type: 'boolean' },
    data: stringMap,
    binaryData: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
  },
});

export function coreKinds(): KindInfo[] {
  return [
    { apiVersion: 'v1', group: '', version: 'v1', kind: 'Secret', scope: 'Namespaced', preferredVersion: 'v1', deprecated: false, schema: secret },
    { apiVersion: 'v1', group: '', version: 'v1', kind: 'ConfigMap', scope: 'Namespaced', preferredVersion: 'v1', deprecated: false, schema: configMap },
  ];
}
