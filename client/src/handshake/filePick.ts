// The handshake panel's file pickers: a QuickPick over the workspace's certificate files (from the
// Certificates view, so they are already decoded) or key files, each with what it holds, the TLS
// values of Secrets in manifests, and "Browse…" for anything else. Only the chosen URI comes back;
// the page never sees the bytes.

import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeValidity } from '../../../common/src/time/validityPhrase';
import { ROLE_NAMES, type ChosenFiles, type FileRole } from '../../../common/src/webview/handshakeForm';
import { keyFileNames } from '../../../common/src/x509/keyFileNames';
import type { CertificateDetails } from '../../../common/src/x509/model';
import { objectName } from '../../../common/src/x509/objectName';
import type { ListedCertificate } from '../certificates/certificateList';
import type { CertificateTree } from '../views/certificateTree';
import { readObjects } from './chosenFiles';
import { secretItems } from './secretPick';

const KEY_FILE_GLOB = '**/*.{key,pem}';
const MAX_KEY_FILES = 500;

interface FileItem extends vscode.QuickPickItem {
  uri?: vscode.Uri;
  /** Sorts first: leaves for a certificate, CAs for a bundle, the certificate's own key for a key. */
  rank: number;
}

export async function pickFile(role: FileRole, tree: CertificateTree, chosen: ChosenFiles): Promise<vscode.Uri | undefined> {
  const [own, secrets] = await Promise.all([role.endsWith('Key') ? keyItems(role, chosen) : certificateItems(role, tree), secretItems(role, chosen)]);
  const items: FileItem[] = [...own, ...secrets];
  items.sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label) || String(a.description).localeCompare(String(b.description)));
  const browse: FileItem = { label: 'Browse…', description: 'a file anywhere on disk', iconPath: new vscode.ThemeIcon('folder-opened'), rank: 0 };
  const picked = await vscode.window.showQuickPick<FileItem>([...items, browse], {
    title: `Choose the ${ROLE_NAMES[role]}`,
    placeHolder: items.length ? 'Workspace files and Secret values, with what they hold' : 'No such file in the workspace: browse for one',
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.uri) return picked.uri;
  const filters: Record<string, string[]> = role.endsWith('Key')
    ? { Keys: ['key', 'pem'], 'All files': ['*'] }
    : { Certificates: ['pem', 'crt', 'cer', 'cert', 'ca-bundle', 'der'], 'All files': ['*'] };
  const files = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: `Use as ${ROLE_NAMES[role]}`, filters });
  return files?.[0];
}

/** One item per certificate file (manifests come as Secret values, from secretItems). */
async function certificateItems(role: FileRole, tree: CertificateTree): Promise<FileItem[]> {
  const byFile = new Map<string, ListedCertificate[]>();
  for (const entry of await tree.entries()) {
    if (entry.source !== undefined) continue;
    byFile.set(entry.uri, [...(byFile.get(entry.uri) ?? []), entry]);
  }
  const bundle = role.endsWith('Ca');
  const now = new Date();
  return [...byFile.values()].map((entries) => {
    const inOrder = [...entries].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    const first = inOrder[0].certificate;
    const uri = vscode.Uri.parse(inOrder[0].uri, true);
    const hasCa = inOrder.some((e) => e.certificate.isCA);
    return {
      label: path.posix.basename(uri.path),
      description: path.posix.dirname(vscode.workspace.asRelativePath(uri)),
      detail: `${describe(first, now)}${
        inOrder.length > 1
          ? ` (+${inOrder.length - 1} more: ${inOrder
              .slice(1)
              .map((e) => objectName(e.certificate))
              .join(', ')})`
          : ''
      }`,
      iconPath: new vscode.ThemeIcon(hasCa ? 'shield' : 'file'),
      uri,
      rank: bundle ? (hasCa ? 0 : 1) : first.isCA ? 1 : 0,
    };
  });
}

function describe(certificate: CertificateDetails, now: Date): string {
  const issuer = certificate.selfSigned ? 'self-signed' : `issued by ${certificate.issuerCommonName ?? certificate.issuer}`;
  return `${certificate.isCA ? 'CA ' : ''}${objectName(certificate)} · ${describeValidity(new Date(certificate.notBefore), new Date(certificate.notAfter), now)} · ${issuer}`;
}

/** Files holding a private key; the one named like the chosen certificate's key comes first. */
async function keyItems(role: FileRole, chosen: ChosenFiles): Promise<FileItem[]> {
  const certificate = chosen[role === 'serverKey' ? 'serverCert' : 'clientCert'];
  const certificateUri = certificate ? vscode.Uri.parse(certificate.uri, true) : undefined;
  const partners = certificateUri
    ? keyFileNames(path.posix.basename(certificateUri.path)).map((name) => `${path.posix.dirname(certificateUri.path)}/${name}`)
    : [];
  const files = await vscode.workspace.findFiles(KEY_FILE_GLOB, undefined, MAX_KEY_FILES);
  const items = await Promise.all(
    files.map(async (uri): Promise<FileItem | undefined> => {
      const key = await readObjects(uri).then(
        (objects) => objects.find((o) => o.decoded.kind === 'privateKey'),
        () => undefined,
      );
      if (!key) return undefined;
      const partner = partners.includes(uri.path);
      return {
        label: path.posix.basename(uri.path),
        description: `${path.posix.dirname(vscode.workspace.asRelativePath(uri))}${partner ? ` · beside ${path.posix.basename(certificateUri!.path)}` : ''}`,
        detail: objectName(key.decoded),
        iconPath: new vscode.ThemeIcon('key'),
        uri,
        rank: partner ? 0 : 1,
      };
    }),
  );
  return items.filter((item): item is FileItem => item !== undefined);
}
