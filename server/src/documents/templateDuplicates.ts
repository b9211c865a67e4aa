import { isMap, isScalar, visit, type Document, type Node, type Pair } from 'yaml';
import type { ParsedYaml } from './parsedDocument';
import { areAlternatives, overlapsTemplate } from './templates';

/**
 * Whether the key the parser called a duplicate (at `offset`) really is one once the template
 * renders. A key written as a template is unknown, so it duplicates nothing; a key set in one
 * branch of a conditional and again in another branch of it renders once.
 */
export function isRenderedDuplicate(document: Document.Parsed, offset: number, parsed: ParsedYaml): boolean {
  if (!parsed.template) return true;
  const found = pairWithKeyAt(document, offset);
  if (!found) return true;
  const { pairs, index } = found;
  const key = pairs[index].key as Node;
  if (isTemplatedNode(key, parsed)) return false;
  const name = keyText(key);
  const line = (node: Node) => parsed.lineCounter.linePos(node.range![0]).line - 1;
  return pairs.slice(0, index).some((pair) => {
    const other = pair.key as Node | null;
    return other && keyText(other) === name && !isTemplatedNode(other, parsed) && !areAlternatives(parsed.template, line(other), line(key));
  });
}

function isTemplatedNode(node: Node, parsed: ParsedYaml): boolean {
  return node.range ? overlapsTemplate(parsed.templateSpans, node.range[0], node.range[1]) : false;
}

function keyText(node: Node): string {
  return isScalar(node) ? String(node.value) : JSON.stringify(node.toJSON());
}

function pairWithKeyAt(document: Document.Parsed, offset: number): { pairs: Pair[]; index: number } | undefined {
  let found: { pairs: Pair[]; index: number } | undefined;
  visit(document, {
    Map(_, map) {
      if (!isMap(map)) return;
      const index = map.items.findIndex((pair) => (pair.key as Node | null)?.range?.[0] === offset);
      if (index > 0) {
        found = { pairs: map.items, index };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
