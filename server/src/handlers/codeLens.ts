import { documentObjects } from '../service/certificates/documentObjects';
import { certificateCodeLenses } from '../service/codeLens';
import type { Session } from '../session';

export function registerCodeLens(session: Session): void {
  session.connection.onCodeLens(async ({ textDocument }) => {
    const document = session.documents.get(textDocument.uri);
    if (!document) return [];
    const { codeLens } = await session.settings.for(document.uri);
    if (!codeLens.enable) return [];
    // The document may have changed while the settings were fetched: lens the current version.
    const current = session.documents.get(textDocument.uri);
    return current ? certificateCodeLenses(current.uri, documentObjects(session.cache.get(current)), new Date()) : [];
  });
}
