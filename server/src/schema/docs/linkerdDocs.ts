import type { KindDocs } from './fieldDoc';

// Linkerd's policy.linkerd.io kinds.

export const LINKERD_DOCS: Record<string, KindDocs> = {};
