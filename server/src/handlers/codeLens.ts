import { documentObjects } from '../service/certificates/documentObjects';
import { certificateCodeLenses } from '../service/codeLens';
import { mtlsCodeLenses } from '../service/mtlsLenses';
import { spireFileLenses, spireFileReferencesOf } from '../service/spireLanguage';
import { readSpireFiles } from '../workspace/spireFiles';
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
        const now = new Date();
        const lenses = certificateCodeLenses(current.uri, documentObjects(parsed), now);
        const references = spireFileReferencesOf(parsed);
        if (references.length) {
          const files = await readSpireFiles(
            current.uri,
            references,
            session.folders.map((folder) => folder.uri),
            (uri) => session.documents.get(uri)?.getText(),
          );
          lenses.push(...spireFileLenses(references, (reference) => files.get(reference), now));
        }
        return parsed.yaml ? [...lenses, ...mtlsCodeLenses(current.uri, session.analysis.result().model)] : lenses;
      },
      ['textDocument'],
    ),
  );
}
