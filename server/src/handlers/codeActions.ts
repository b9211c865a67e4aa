import { quickFixes } from '../service/codeActions';
import type { Session } from '../session';

export function registerCodeActions(session: Session): void {
  session.connection.onCodeAction(({ textDocument, context }) => {
    if (!session.documents.get(textDocument.uri)) return [];
    return quickFixes(textDocument.uri, context.diagnostics);
  });
}
