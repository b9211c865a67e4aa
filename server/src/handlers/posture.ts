import * as path from 'node:path';
import { CancellationToken } from 'vscode-languageserver/node';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { CERTIFICATE_FILE_NAME, isBinaryDer } from '../../../common/src/files/certificateFiles';
import { filePathOf } from '../../../common/src/files/fileUri';
import { defaultSettings, PostureReportRequest, type PostureReport } from '../../../common/src/protocol';
import type { AnalysisFinding } from '../analysis/finding';
import { parseDocument } from '../documents/parsedDocument';
import { certificatesOf, certificatesOfFile, postureReport, type CertificateSource } from '../report/posture';
import { analysisScope } from '../settings';
import type { Session } from '../session';
import { DEFAULT_SCAN_LIMITS, readSmallFile, scanFiles } from '../workspace/scan';
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
      const certificates = await certificateSources(session, index, manifests, token);
      const [first] = session.folders;
      const settings = first ? await session.settings.for(analysisScope(first.uri)) : defaultSettings;
      const { model, byUri } = session.analysis.result();
      return postureReport({
        model,
        certificates,
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
 * What goes on the timeline: the manifests' certificates and the folders' certificate files (PEM
 * or DER), open ones as the editor holds them, the rest as saved. Stops reading once the request
 * is cancelled (the guard answers it so).
 */
async function certificateSources(session: Session, index: WorkspaceIndex, manifests: string[], token: CancellationToken): Promise<CertificateSource[]> {
  const files = new Map<string, Buffer>();
  for (const folder of session.folders) {
    const root = filePathOf(folder.uri);
    if (root === undefined || token.isCancellationRequested) continue;
    const excluded = (relative: string) => index.isExcluded(path.join(root, relative));
    await scanFiles([root], (uri, bytes) => files.set(uri, bytes), CERTIFICATE_SCAN, excluded, CERTIFICATE_FILE_NAME);
  }
  const sources: CertificateSource[] = [];
  for (const uri of new Set([...manifests, ...files.keys()])) {
    if (token.isCancellationRequested) break;
    const bytes = files.get(uri);
    const open = session.documents.get(uri);
    // A DER file shown as text would read as nothing: its bytes on disk are what it holds.
    if (open && !(bytes && isBinaryDer(bytes))) {
      sources.push(certificatesOf(session.cache.get(open)));
      continue;
    }
    if (bytes) {
      sources.push(certificatesOfFile(uri, bytes));
      continue;
    }
    const file = filePathOf(uri);
    // As the index reads a manifest: no link out of its workspace folder.
    const root = session.folders.map((f) => filePathOf(f.uri)).find((r) => r !== undefined && file?.startsWith(r + path.sep));
    const text = file === undefined ? undefined : await readSmallFile(file, DEFAULT_SCAN_LIMITS.maxFileBytes, root ?? path.dirname(file));
    // Not open, so there is no language id: the file name decides between YAML and PEM text.
    if (text !== undefined) sources.push(certificatesOf(parseDocument(uri, 'plaintext', 0, text)));
  }
  return sources;
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
