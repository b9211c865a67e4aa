import type { Project } from '../../../../common/src/versions';

/**
 * Our own documentation of one field, keyed in a kind's docs by a path whose list steps are
 * written "[]" and free-form map keys "*" (`spec.rules[].from[].source.principals`).
 */
export interface FieldDoc {
  /** What the field does, in one to three sentences of markdown, in our own words. */
  text: string;
  /** What each allowed value means, for every value of an enum. */
  values?: Record<string, string>;
  /** The value used when the field is left out, where the CRD does not declare it. */
  default?: string;
  /** A short YAML example, the field's own key at the top. */
  example?: string;
  /**
   * What is different on releases before `since`: shown, as a note naming the release, only when
   * the user targets one of them (see versions.ts).
   */
  older?: Array<{ project: Project; since: string; text: string }>;
}

/** The docs of one kind, shared by all its served versions: documentation key → doc. */
export type KindDocs = Record<string, FieldDoc>;

/** Docs written once for a repeated subtree, placed under `prefix` ("spec.trafficPolicy.tls"). */
export function nestDocs(prefix: string, docs: KindDocs): KindDocs {
  return Object.fromEntries(Object.entries(docs).map(([key, doc]) => [`${prefix}.${key}`, doc]));
}
