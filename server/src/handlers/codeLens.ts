import { documentObjects } from '../service/certificates/documentObjects';
import { certificateCodeLenses } from '../service/codeLens';
import type { Session } from '../session';

export function registerCodeLens(session: Session): void {
  session.connection.onCodeLens(async ({ textDocument }) => {
    const document = session.documents.get(textDocument.uri);
    if (!document) return [];
    const { codeLens } = await session.settings.for(document.uri);
    if (!codeLens.enable) return [];
    return certificateCodeLenses(document.uri, documentObjects(session.cache.get(document)), new Date());
  });
}
