import type { KindDocs } from './fieldDoc';

// Istio's DestinationRule: its top level and, in depth, the client TLS settings.

export const DESTINATION_RULE_DOCS: Record<string, KindDocs> = {};
