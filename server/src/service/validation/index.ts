import type { Diagnostic } from 'vscode-languageserver-types';
import type { Document } from 'yaml';
import type { ParsedYaml } from '../../documents/parsedDocument';
import type { SchemaRegistry } from '../../schema/registry';
import { CheckContext } from './context';
import { isMap } from 'yaml';
import { KIND_RULES } from '../rules/index';
import { ResourceView } from '../rules/resourceView';
import { identify } from './resource';
import { checkNode } from './schemaCheck';

const UNCHECKED = { 'x-kubernetes-preserve-unknown-fields': true } as const;

/**
 * Checks every document of a YAML stream. Files holding none of our kinds get no diagnostics at
 * all, syntax errors included: plain YAML is other tools' business.
 */
export function validateYaml(parsed: ParsedYaml, registry: SchemaRegistry): Diagnostic[] {
  const ctx = new CheckContext(parsed.lineCounter, parsed.templateSpans);
  let ours = false;
  for (const document of parsed.documents) {
    const found = identify(document, registry, ctx);
    if (found.status === 'foreign') continue;
    ours = true;
    if (found.status === 'resource') {
      const { schema } = found.resource.info;
      // status is written by controllers; exported manifests carry it, and it is not the user's to check.
      const properties = { ...schema.properties, status: UNCHECKED };
      checkNode(document.contents, { ...schema, properties }, { path: [], key: found.resource.kindNode }, ctx);
      const { info } = found.resource;
      const rules = KIND_RULES[`${info.group}/${info.kind}`];
      if (rules && isMap(document.contents)) {
        const view = new ResourceView(info, document.contents, ctx);
        for (const rule of rules) rule(view);
      }
    }
  }
  if (!ours) return [];
  return [...parsed.documents.flatMap((document) => syntaxDiagnostics(document, parsed)), ...ctx.diagnostics.sort(byPosition)];
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

function syntaxDiagnostics(document: Document.Parsed, parsed: ParsedYaml): Diagnostic[] {
  const ctx = new CheckContext(parsed.lineCounter, parsed.templateSpans);
  for (const error of document.errors) {
    const range = ctx.range({ range: [error.pos[0], error.pos[1], error.pos[1]] });
    if (error.code === 'DUPLICATE_KEY') ctx.error(range, 'duplicate-key', 'This key appears twice in the same mapping; Kubernetes would keep only one of the values.');
    else ctx.error(range, 'yaml-syntax', error.message.split('\n')[0]);
  }
  return ctx.diagnostics;
}
