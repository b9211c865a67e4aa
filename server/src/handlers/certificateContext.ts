import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeshMtlsSettings } from '../../../common/src/protocol';
import type { CertificateCheckContext } from '../service/certificates/certificateDiagnostics';
import type { DocumentObjects } from '../service/certificates/found';
import { siblingFilesWanted } from '../service/certificates/siblingFiles';
import type { Session } from '../session';
import { readSiblings } from '../workspace/readSiblings';

/** What the certificate checks need from outside the document: the clock, settings, git and sibling files. */
export async function certificateContext(session: Session, uri: string, found: DocumentObjects, settings: MeshMtlsSettings): Promise<CertificateCheckContext> {
  const context: CertificateCheckContext = { now: new Date(), expiringSoonDays: settings.certificates.expiringSoonDays, inGitWorkTree: false, siblings: [] };
  if (!uri.startsWith('file:') || found.objects.length === 0) return context;
  const file = fileURLToPath(uri);
  const hasKey = found.objects.some((o) => o.decoded.kind === 'privateKey' && !o.decoded.encrypted);
  const [inGitWorkTree, siblings] = await Promise.all([
    hasKey ? session.git.wouldCommit(file) : Promise.resolve(false),
    // Names follow PEM file conventions (key.pem, tls.key…): a manifest's name asks for none.
    readSiblings(file, siblingFilesWanted(path.basename(file), found), (sibling) => session.documents.get(sibling)?.getText()),
  ]);
  return { ...context, inGitWorkTree, siblings };
}
