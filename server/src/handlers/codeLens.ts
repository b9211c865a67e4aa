import { documentObjects } from '../service/certificates/documentObjects';
import { certificateCodeLenses } from '../service/codeLens';
import { mtlsCodeLenses } from '../service/mtlsLenses';
import type { Session } from '../session';
import { guardedRequest } from './guard';

export function registerCodeLens(session: Session): void {
  session.connection.onCodeLens(
    guardedRequest(
      session,
      'Code lenses',
      [],
      async ({ textDocument }) => {
        const document = session.documents.get(textDocument.uri);
        if (!document) return [];
        const { codeLens } = await session.settings.for(document.uri);
        if (!codeLens.enable) return [];
        // The document may have changed while the settings were fetched: lens the current version.
        const current = session.documents.get(textDocument.uri);
        if (!current) return [];
        const parsed = session.cache.get(current);
        const lenses = certificateCodeLenses(current.uri, documentObjects(parsed), new Date());
        return parsed.yaml ? [...lenses, ...mtlsCodeLenses(current.uri, session.analysis.result().model)] : lenses;
      },
      ['textDocument'],
    ),
  );
}
