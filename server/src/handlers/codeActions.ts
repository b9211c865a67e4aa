import { quickFixes } from '../service/codeActions';
import type { Session } from '../session';
import { guardedRequest } from './guard';

export function registerCodeActions(session: Session): void {
  session.connection.onCodeAction(
    guardedRequest(
      session,
      'Code actions',
      [],
      ({ textDocument, context }) => (session.documents.get(textDocument.uri) ? quickFixes(textDocument.uri, context.diagnostics) : []),
      ['textDocument', 'range', 'context'],
    ),
  );
}
