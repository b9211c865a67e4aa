import type { Document } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { ParsedDocument } from '../../documents/parsedDocument';
import { lazyChain } from './chains';
import type { DocumentObjects, ObjectGroup } from './found';
import { roleOfName } from './groupRole';
import { readBlocks } from './readBlocks';
import { jsonSecretDumpGroups, secretDumpGroups } from './secretDumps';
import { yamlDocumentGroups } from './yamlValues';

// The certificate services' one entry point: a document's objects, decoded once per version. JSON
// is read only when it is a proxy's secret dump (secretDumps.ts). A YAML stream keeps the groups of each `---` document the parser reused (see segments.ts), moved
// to the lines the document starts on now, so an edit decodes only the edited resource again.

const byVersion = new WeakMap<ParsedDocument, DocumentObjects>();
const byYamlDocument = new WeakMap<Document.Parsed, { startLine: number; groups: ObjectGroup[] }>();

export function documentObjects(parsed: ParsedDocument): DocumentObjects {
  let found = byVersion.get(parsed);
  if (!found)
    byVersion.set(
      parsed,
      (found = {
        ...collect(parsed.yaml ? yamlGroups(parsed) : parsed.json ? jsonSecretDumpGroups(parsed.text) : textGroups(parsed)),
        ...(parsed.skippedPem ? { skipped: parsed.skippedPem } : {}),
      }),
    );
  return found;
}

/** Groups into the document's answer; builds each group's lazy chain. */
export function collect(groups: ObjectGroup[]): DocumentObjects {
  const objects = groups.flatMap((group) => group.objects);
  return { groups, objects, chain: lazyChain(objects) };
}

/** A PEM file, or any other text with BEGIN lines: the whole file is one group. */
function textGroups(parsed: ParsedDocument): ObjectGroup[] {
  if (parsed.pem.length === 0 && parsed.strayPemEnds.length === 0) return [];
  let lines: string[] | undefined;
  const { objects, syntax } = readBlocks({
    lines: (line) => (lines ??= parsed.text.split(/\r\n|\r|\n/))[line] ?? '',
    blocks: parsed.pem,
    strayEnds: parsed.strayPemEnds,
    placement: { kind: 'lines', line: 0, column: 0 },
    name: (index) => `block ${index + 1}`,
  });
  const fileName = decodeURIComponent(parsed.uri.slice(parsed.uri.lastIndexOf('/') + 1));
  return [{ name: 'this file', objects, syntax, role: roleOfName(fileName), chain: lazyChain(objects) }];
}

function yamlGroups(parsed: ParsedDocument): ObjectGroup[] {
  const yaml = parsed.yaml!;
  return yaml.documents.flatMap((document) => {
    const cached = byYamlDocument.get(document);
    // Most documents hold no certificate: after the first walk they cost one lookup per edit.
    if (cached?.groups.length === 0) return [];
    const startLine = yaml.lineCounter.linePos(document.range[0]).line - 1;
    if (cached && cached.startLine === startLine) return cached.groups;
    const groups = cached
      ? cached.groups.map((group) => moveGroup(group, startLine - cached.startLine))
      : // A proxy's secret dump pairs its certificates with its roots; any other document is searched value by value.
        (secretDumpGroups(document, yaml.lineCounter) ?? yamlDocumentGroups(document, parsed.text, yaml.lineCounter));
    byYamlDocument.set(document, { startLine, groups });
    return groups;
  });
}

/** The same group `delta` lines further down; decoded objects and the chain memo are shared. */
function moveGroup(group: ObjectGroup, delta: number): ObjectGroup {
  const move = (range: Range): Range => ({
    start: { line: range.start.line + delta, character: range.start.character },
    end: { line: range.end.line + delta, character: range.end.character },
  });
  return {
    ...group,
    objects: group.objects.map((o) => ({ ...o, range: move(o.range), mark: move(o.mark) })),
    syntax: group.syntax.map((s) => ({ ...s, range: move(s.range) })),
  };
}
