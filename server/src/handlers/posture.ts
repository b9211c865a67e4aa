import * as path from 'node:path';
import { CancellationToken } from 'vscode-languageserver/node';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { CERTIFICATE_FILE_NAME, isBinaryDer } from '../../../common/src/files/certificateFiles';
import { filePathOf } from '../../../common/src/files/fileUri';
import { defaultSettings, PostureReportRequest, type PostureReport } from '../../../common/src/protocol';
import type { AnalysisFinding } from '../analysis/finding';
import { parseDocument } from '../documents/parsedDocument';
import { certificatesOf, certificatesOfFile, postureReport, type CertificateSource } from '../report/posture';
import { analysisScope, versionsOf } from '../settings';
import { addCounts, LINTED_FILE, noFindings, ownFindingCounts, type FindingCounts } from '../report/ownFindings';
import type { TargetVersions } from '../../../common/src/versions';
import type { Session } from '../session';
import { DEFAULT_SCAN_LIMITS, scanFiles } from '../workspace/scan';
import { guardedRequest } from './guard';
import type { WorkspaceIndex } from './workspace';

const CERTIFICATE_SCAN = { maxFiles: DEFAULT_SCAN_LIMITS.maxFiles, maxFileBytes: READ_CAPS.certificateBundle };

/**
 * Answers meshMtls/postureReport from the session's workspace model: the analysis the diagnostics
 * and lenses read, the manifests the index found certificates in, the folders' certificate files
 * (read here: the index reads only manifests) and every file's own findings, counted as lint
 * counts them. `null` when computing it failed (logged).
 */
export function registerPostureReport(session: Session, index: WorkspaceIndex): void {
  const ownCounts: OwnCounts = new Map();
  session.connection.onRequest(
    PostureReportRequest,
    guardedRequest(session, 'Computing the posture report', null, async (_params: unknown, token: CancellationToken): Promise<PostureReport | null> => {
      const manifests = await index.certificateManifests();
      await session.analysisSettled;
      const certificates = await certificateSources(session, index, manifests, token);
      const [first] = session.folders;
      const settings = first ? await session.settings.for(analysisScope(first.uri)) : defaultSettings;
      const findings = await lintCounts(session, index, ownCounts, versionsOf(settings), token);
      const { model, byUri } = session.analysis.result();
      addCounts(findings, countFindings([...byUri.values()].flat()));
      return postureReport({
        model,
        certificates,
        pathOf: (uri) => pathOf(session, uri),
        now: new Date(),
        expiringSoonDays: settings.certificates.expiringSoonDays,
        findings,
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
    // A manifest: as the index last read it.
    const text = index.closedText(uri);
    // Not open, so there is no language id: the file name decides between YAML and PEM text.
    if (text !== undefined) sources.push(certificatesOf(parseDocument(uri, 'plaintext', 0, text)));
  }
  return sources;
}

/** A file as the report names it: relative to the first workspace folder holding it, else its path. */
function pathOf(session: Session, uri: string): string {
  const folder = folderOf(session, uri);
  if (folder) return decodeURIComponent(uri.slice(folder.length + 1));
  return filePathOf(uri) ?? uri;
}

/** The URI of the first workspace folder holding `uri`, without its trailing slash. */
function folderOf(session: Session, uri: string): string | undefined {
  return session.folders.map((f) => f.uri.replace(/\/+$/, '')).find((folder) => uri.startsWith(`${folder}/`));
}

/** The cross-resource findings the server publishes for every workspace file, open or not. */
function countFindings(findings: AnalysisFinding[]): FindingCounts {
  const counts = noFindings();
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** Per file, its own findings counted, kept while its text and target releases stay the same. */
type OwnCounts = Map<string, { text: string; releases: string; counts: FindingCounts }>;
/** Files checked between two turns of the event loop: a first report of a large workspace must not stall edits. */
const FILES_PER_TURN = 25;

/**
 * What `lint` finds in the workspace's files on their own, counted: open files as the editor
 * holds them, the rest as the index read them. Only files lint reads count (not PEM files, nor
 * files outside the workspace folders); closed SPIRE configs and proxy dumps are not indexed, so
 * only open ones count. A file changed since the last report is checked again, the rest reused.
 */
async function lintCounts(
  session: Session,
  index: WorkspaceIndex,
  cache: OwnCounts,
  folderVersions: TargetVersions,
  token: CancellationToken,
): Promise<FindingCounts> {
  const total = noFindings();
  const inFolder = (uri: string) => LINTED_FILE.test(uri) && folderOf(session, uri) !== undefined;
  const uris = new Set([...session.analysis.uris(), ...session.documents.keys()].filter(inFolder));
  let checked = 0;
  for (const uri of uris) {
    if (token.isCancellationRequested) break;
    // A SPIRE config is judged at the release the images beside it name, as lint judges it.
    const opened = session.documents.get(uri);
    const spire = session.analysis.holdsSpire(uri) || (opened !== undefined && session.cache.get(opened).maySpire === true);
    const versions = spire ? versionsOf(await session.settings.for(uri)) : folderVersions;
    if (++checked % FILES_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    // From here to the count nothing awaits: an open document changes in place with each edit, so
    // its text and its parse are read together, or a count could be kept under another text.
    const open = session.documents.get(uri);
    const text = open ? open.getText() : index.closedText(uri);
    if (text === undefined) continue;
    const releases = JSON.stringify(versions);
    let entry = cache.get(uri);
    if (entry?.text !== text || entry.releases !== releases) {
      const parsed = open ? session.cache.get(open) : parseDocument(uri, 'plaintext', 0, text);
      entry = { text, releases, counts: ownFindingCounts(parsed, session.registry, versions) };
      cache.set(uri, entry);
    }
    addCounts(total, entry.counts);
  }
  for (const uri of cache.keys()) if (!uris.has(uri)) cache.delete(uri);
  return total;
}
