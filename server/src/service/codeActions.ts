import { CodeActionKind, type CodeAction, type Diagnostic, type Range } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE, type FixData } from '../documents/diagnostic';

/** Quick fixes for our diagnostics that carry a replacement (see FixData). */
export function quickFixes(uri: string, diagnostics: Diagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const fix = fixData(diagnostic);
    if (!fix) continue;
    actions.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: true,
      edit: { changes: { [uri]: [{ range: fix.range ?? diagnostic.range, newText: fix.replacement }] } },
    });
  }
  return actions;
}

/** The fix a diagnostic carries, if it is ours and well-formed (the client hands `data` back as it got it). */
function fixData(diagnostic: Diagnostic): FixData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<FixData> | undefined;
  if (!data || typeof data.title !== 'string' || typeof data.replacement !== 'string') return undefined;
  return isRange(data.range) ? { title: data.title, replacement: data.replacement, range: data.range } : { title: data.title, replacement: data.replacement };
}

function isRange(value: unknown): value is Range {
  const position = (p: unknown) =>
    typeof p === 'object' && p !== null && Number.isInteger((p as { line?: unknown }).line) && Number.isInteger((p as { character?: unknown }).character);
  return typeof value === 'object' && value !== null && position((value as Range).start) && position((value as Range).end);
}
