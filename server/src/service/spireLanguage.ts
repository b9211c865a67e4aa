import type { CodeLens, CompletionItem, DocumentSymbol, Hover, Position, Range, TextEdit } from 'vscode-languageserver-types';
import { readPemText } from '../../../common/src/pem/blocks';
import { DecodeCertificateCommand } from '../../../common/src/protocol';
import { decodePemBlock } from '../../../common/src/x509/decode';
import type { ParsedDocument, ParsedYaml } from '../documents/parsedDocument';
import { spireCompletion } from '../spire/completion';
import { placedSpireConfigs, type LiteralLayout } from '../spire/embedded';
import { spireFileReferences, type SpireFileReference } from '../spire/fileLinks';
import { spireHover } from '../spire/hover';
import { spireSideOf } from '../spire/index';
import { spireSymbols } from '../spire/symbols';
import { objectSummary } from './certificates/describe';

// Hover, completion, symbols and file lenses for SPIRE configs, wherever one sits: a file of its
// own, or a literal block of a ConfigMap's data, whose positions are moved into and out of the file.

/** A SPIRE config at a position: its text, and how positions map between it and the document. */
interface SpireAt {
  text: string;
  inner: Position;
  outer(position: Position): Position;
}

function spireAt(parsed: ParsedDocument, position: Position): SpireAt | undefined {
  if (parsed.maySpire) return spireSideOf(parsed.text) ? { text: parsed.text, inner: position, outer: (p) => p } : undefined;
  if (!parsed.yaml) return undefined;
  for (const embedded of embeddedConfigs(parsed.yaml)) {
    const inner = embedded.layout.inner(position);
    if (inner) return { text: embedded.text, inner, outer: embedded.layout.outer };
  }
  return undefined;
}

/** The SPIRE configs held as literal blocks in the ConfigMaps of a YAML stream (other forms rewrite lines, so positions do not map). */
function embeddedConfigs(yaml: ParsedYaml): Array<{ text: string; layout: LiteralLayout }> {
  return yaml.documents.flatMap((document) =>
    placedSpireConfigs(document, yaml.text, yaml.lineCounter).flatMap(({ text, layout }) => (layout ? [{ text, layout }] : [])),
  );
}

const outerRange = (at: SpireAt, range: Range): Range => ({ start: at.outer(range.start), end: at.outer(range.end) });

export function spireHoverAt(parsed: ParsedDocument, position: Position): Hover | undefined {
  const at = spireAt(parsed, position);
  const hover = at && spireHover(at.text, at.inner);
  if (!at || !hover) return undefined;
  return hover.range ? { ...hover, range: outerRange(at, hover.range) } : hover;
}

/** Undefined when the position is in no SPIRE config (the YAML completion answers there). */
export function spireCompletionAt(parsed: ParsedDocument, position: Position): CompletionItem[] | undefined {
  const at = spireAt(parsed, position);
  if (!at) return undefined;
  return spireCompletion(at.text, at.inner).map((item) => {
    const edit = item.textEdit as TextEdit | undefined;
    return edit?.range ? { ...item, textEdit: { ...edit, range: outerRange(at, edit.range) } } : item;
  });
}

/** The outline of a SPIRE config file; undefined for any other document. */
export function spireSymbolsOf(parsed: ParsedDocument): DocumentSymbol[] | undefined {
  return parsed.maySpire && spireSideOf(parsed.text) ? spireSymbols(parsed.text) : undefined;
}

/** The files a SPIRE config names, with where each reference sits in the document. */
export function spireFileReferencesOf(parsed: ParsedDocument): SpireFileReference[] {
  if (parsed.maySpire) return spireSideOf(parsed.text) ? spireFileReferences(parsed.text) : [];
  if (!parsed.yaml) return [];
  return embeddedConfigs(parsed.yaml).flatMap(({ text, layout }) =>
    spireFileReferences(text).map((reference) => ({
      ...reference,
      range: { start: layout.outer(reference.range.start), end: layout.outer(reference.range.end) },
    })),
  );
}

/**
 * A lens over each file reference whose file the workspace holds: what its first certificate is
 * (or that it holds a key), so the trust bundle or upstream CA a config points at can be read
 * without leaving it; the command opens the decoded view of the file. `found` reads a
 * reference's file, if there is one.
 */
export function spireFileLenses(
  references: SpireFileReference[],
  found: (reference: SpireFileReference) => { uri: string; text: string } | undefined,
  now: Date,
): CodeLens[] {
  return references.flatMap((reference) => {
    const file = found(reference);
    if (!file) return [];
    const blocks = readPemText(file.text).blocks;
    const decoded = blocks.map((block) => ({ block, object: decodePemBlock(block) }));
    const certificates = decoded.filter(({ object }) => object.kind === 'certificate');
    const first = certificates[0] ?? decoded[0];
    const title = first
      ? `${reference.role}: ${objectSummary(first.object, now)}${certificates.length > 1 ? ` (+${certificates.length - 1} more)` : ''}`
      : `${reference.role}: no PEM block in ${reference.path}`;
    // The decoded view of the file, on the object the title describes.
    const command = first
      ? { title, command: DecodeCertificateCommand, arguments: [file.uri, first.block.beginLine, decoded.indexOf(first)] }
      : { title, command: '' };
    return [{ range: reference.range, command }];
  });
}

export type { SpireFileReference };
