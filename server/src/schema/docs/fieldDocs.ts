import { CERT_MANAGER_DOCS } from './certManagerDocs';
import { DESTINATION_RULE_DOCS } from './destinationRuleDocs';
import type { FieldDoc, KindDocs } from './fieldDoc';
import { ISTIO_SECURITY_DOCS } from './istioSecurityDocs';
import { LINKERD_DOCS } from './linkerdDocs';
import { SPIRE_CONTROLLER_DOCS } from './spireControllerDocs';

export type { FieldDoc } from './fieldDoc';

/** Every kind's hand-written docs by "<group>/<Kind>". Fields without an entry get a generated summary. */
export const FIELD_DOCS: Record<string, KindDocs> = {
  ...ISTIO_SECURITY_DOCS,
  ...DESTINATION_RULE_DOCS,
  ...LINKERD_DOCS,
  ...CERT_MANAGER_DOCS,
  ...SPIRE_CONTROLLER_DOCS,
};

/** The documentation key of a path: "spec.rules.0.from" becomes "spec.rules[].from". */
export function docKey(path: Array<string | number>, mapKeyPositions: Set<number> = new Set()): string {
  let key = '';
  path.forEach((step, index) => {
    if (typeof step === 'number') key += '[]';
    else key += `${key ? '.' : ''}${mapKeyPositions.has(index) ? '*' : step}`;
  });
  return key;
}

/**
 * The documentation of a path ("spec.rules.0.from" is looked up as "spec.rules[].from"). A list
 * item or a map value without docs of its own reads those of its list or map.
 */
export function fieldDoc(groupKind: string, path: Array<string | number>, mapKeyPositions: Set<number> = new Set()): FieldDoc | undefined {
  const docs = FIELD_DOCS[groupKind];
  if (!docs) return undefined;
  let key = docKey(path, mapKeyPositions);
  while (!docs[key] && /(\[\]|\.\*)$/.test(key)) key = key.replace(/(\[\]|\.\*)$/, '');
  return docs[key];
}
