import type { JsonSchema } from '../jsonSchema';

// PeerAuthentication as served by security.istio.io v1 and v1beta1 (same shape in both).
// This hand-written slice covers the mTLS mode; the schemas generated from the CRDs replace it.
const mtlsMode: JsonSchema = {
  type: 'string',
  description: 'How the sidecar treats incoming connections: STRICT accepts only mutual TLS, PERMISSIVE accepts mutual TLS and plaintext, DISABLE accepts plaintext only, UNSET inherits from the parent policy.',
  enum: ['UNSET', 'DISABLE', 'PERMISSIVE', 'STRICT'],
};

const mtls: JsonSchema = { type: 'object', properties: { mode: mtlsMode } };

export const peerAuthentication: JsonSchema = {
  type: 'object',
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        mtls,
        portLevelMtls: { type: 'object', additionalProperties: mtls },
        selector: { type: 'object', properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } } },
      },
    },
  },
};
