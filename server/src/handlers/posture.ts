import * as path from 'node:path';
import { CancellationToken } from 'vscode-languageserver/node';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { PEM_FILE_NAME } from '../../../common/src/files/certificateFiles';
import { filePathOf } from '../../../common/src/files/fileUri';
import { defaultSettings, PostureReportRequest, type PostureReport } from '../../../common/src/protocol';
import type { AnalysisFinding } from '../analysis/finding';
import { parseDocument, type ParsedDocument } from '../documents/parsedDocument';
import { certificatesOf, postureReport } from '../report/posture';
import { analysisScope } from '../settings';
import type { Session } from '../session';
import { DEFAULT_SCAN_LIMITS, readSmallFile, scanYamlFiles } from '../workspace/scan';
import { guardedRequest } from './guard';
import type { WorkspaceIndex } from './workspace';

const CERTIFICATE_SCAN = { maxFiles: DEFAULT_SCAN_LIMITS.maxFiles, maxFileBytes: READ_CAPS.certificateBundle };

/**
 * Answers meshMtls/postureReport from the session's workspace model: the analysis the diagnostics
 * and lenses read, the manifests the index found certificates in and the folders' certificate
 * files (read here: the index keeps only resources). `null` when computing it failed (logged).
 */
export function registerPostureReport(session: Session, index: WorkspaceIndex): void {
  session.connection.onRequest(
    PostureReportRequest,
    guardedRequest(session, 'Computing the posture report', null, async (_params: unknown, token: CancellationToken): Promise<PostureReport | null> => {
      const manifests = await index.certificateManifests();
      await session.analysisSettled;
      const documents = await certificateDocuments(session, index, manifests, token);
      const [first] = session.folders;
      const settings = first ? await session.settings.for(analysisScope(first.uri)) : defaultSettings;
      const { model, byUri } = session.analysis.result();
      return postureReport({
        model,
        certificates: documents.map(certificatesOf),
        pathOf: (uri) => pathOf(session, uri),
        now: new Date(),
        expiringSoonDays: settings.certificates.expiringSoonDays,
        findings: countFindings([...byUri.values()].flat()),
        roots: session.folders.map((folder) => filePathOf(folder.uri) ?? folder.uri),
      });
    }),
  );
}

/**
 * The documents whose certificates go on the timeline: open ones as the editor holds them, the
 * rest as saved. Stops reading once the request is cancelled (the guard answers it so).
 */
async function certificateDocuments(session: Session, index: WorkspaceIndex, manifests: string[], token: CancellationToken): Promise<ParsedDocument[]> {
  const texts = new Map<string, string | undefined>(manifests.map((uri) => [uri, undefined]));
  for (const folder of session.folders) {
    const root = filePathOf(folder.uri);
    if (root === undefined || token.isCancellationRequested) continue;
    const excluded = (relative: string) => index.isExcluded(path.join(root, relative));
    await scanYamlFiles([root], (uri, text) => texts.set(uri, text), CERTIFICATE_SCAN, excluded, PEM_FILE_NAME);
  }
  const documents: ParsedDocument[] = [];
  for (const [uri, scanned] of texts) {
    if (token.isCancellationRequested) break;
    const open = session.documents.get(uri);
    if (open) {
      documents.push(session.cache.get(open));
      continue;
    }
    const file = filePathOf(uri);
    // As the index reads a manifest: no link out of its workspace folder.
    const root = session.folders.map((f) => filePathOf(f.uri)).find((r) => r !== undefined && file?.startsWith(r + path.sep));
    const text = scanned ?? (file === undefined ? undefined : await readSmallFile(file, DEFAULT_SCAN_LIMITS.maxFileBytes, root ?? path.dirname(file)));
    // Not open, so there is no language id: the file name decides between YAML and PEM text.
    if (text !== undefined) documents.push(parseDocument(uri, 'plaintext', 0, text));
  }
  return documents;
}

/** A file as the report names it: relative to the first workspace folder holding it, else its path. */
function pathOf(session: Session, uri: string): string {
  const folder = session.folders.find((f) => uri.startsWith(`${f.uri.replace(/\/+$/, '')}/`));
  if (folder) return decodeURIComponent(uri.slice(folder.uri.replace(/\/+$/, '').length + 1));
  return filePathOf(uri) ?? uri;
}

/**
 * The cross-resource findings the server publishes for every workspace file, open or not. The
 * single-file checks run only for open documents, so they are not counted here: `lint` counts both.
 */
function countFindings(findings: AnalysisFinding[]): PostureReport['findings'] {
  const counts = { error: 0, warning: 0, information: 0 };
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}
