/**
 * The subset of JSON Schema (as CRDs' openAPIV3Schema use it) that the registry holds and the
 * validator understands. `mesh-mtls schema` prints these objects as they are.
 */
export interface JsonSchema {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  description?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  enum?: Array<string | number | boolean | null>;
}
