import * as path from 'node:path';
import * as vscode from 'vscode';
import { exists } from '../certificates/workspaceFile';
import type { CommandFactory } from '.';
import { verifyChain as verify, type ChainVerdict } from '../../../common/src/x509/chain';
import type { CertificateDetails } from '../../../common/src/x509/model';
import { CERTIFICATE_FILE_GLOB } from '../certificates/certificateList';
import { verdictText } from '../../../common/src/x509/verdictText';
import { loadCertificates } from '../certificates/loadCertificates';
import { objectIndexAt, type LocatedObject, type LocatedObjects } from '../certificates/located';
import type { CertificateTree } from '../views/certificateTree';
import { commandTarget, toUri } from './target';

export interface VerifyChainResult {
  verdict: ChainVerdict;
  message: string;
}

/** Debian's and most distributions' system trust store, offered in the pick when it is there. */
const SYSTEM_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/** What to trust: a file's certificates, or one group of them (a Secret's ca.crt). */
interface TrustSource {
  uri: vscode.Uri;
  group?: number;
}

type CertificateObject = LocatedObject & { der: Uint8Array; decoded: CertificateDetails };

/**
 * Verifies the certificate under the cursor (with the file's other certificates as intermediates)
 * against a CA bundle the user picks, and says the verdict and, when it fails, the first failing
 * link and why. The certificate may sit in a PEM or DER file or in a manifest (a Secret's
 * tls.crt); the bundle may be a file, or the trust anchors of a manifest (a Secret's ca.crt).
 * Arguments: the target as other commands take it ([uri, line, index], [uri]), then the bundle's
 * uri to skip the pick. Resolves with the verdict and the sentence shown.
 */
export const verifyChain: CommandFactory =
  ({ client, outputChannel, certificateTree }) =>
  async (target?: unknown, ...rest: unknown[]) => {
    const numbers = rest.filter((r): r is number => typeof r === 'number');
    const bundleGiven = rest.map(toUri).find((uri) => uri !== undefined);
    const at = commandTarget(target, numbers[0], numbers[1]);
    if (!at) {
      void vscode.window.showErrorMessage('Verify Chain: open a certificate file first.');
      return undefined;
    }
    const located = await read(at.uri);
    const leafAt = located.objects[objectIndexAt(located.objects, at.line, at.index)];
    const certificates = located.objects.filter(isCertificate);
    if (certificates.length === 0) {
      void vscode.window.showErrorMessage(`Verify Chain: ${vscode.workspace.asRelativePath(at.uri)} holds no readable PEM or DER certificate.`);
      return undefined;
    }
    const leaf = leafAt && isCertificate(leafAt) ? leafAt : certificates[0];
    const bundle = bundleGiven ? { uri: bundleGiven } : await pickBundle(at.uri, located, certificateTree);
    if (!bundle) return undefined;
    const bundleObjects = bundle.uri.toString() === at.uri.toString() ? located : await read(bundle.uri);
    const { certificates: trusted, name: bundleName } = trustOf(bundle, bundleObjects);
    if (trusted.length === 0) {
      void vscode.window.showErrorMessage(`Verify Chain: ${bundleName} holds no certificate to trust.`);
      return undefined;
    }
    const chain = [leaf, ...certificates.filter((c) => c !== leaf && !trusted.includes(c))];
    const verdict = verify(
      chain.map((c) => c.der),
      trusted.map((c) => c.der),
      new Date(),
    );
    const message = verdictText(
      verdict,
      [...chain, ...trusted].map((c) => c.decoded),
      bundleName,
    );
    outputChannel.info(`Verify Chain: ${vscode.workspace.asRelativePath(at.uri)}: ${message}`);
    if (verdict.ok) void vscode.window.showInformationMessage(message);
    else void vscode.window.showWarningMessage(message);
    const result: VerifyChainResult = { verdict, message };
    return result;

    async function read(uri: vscode.Uri): Promise<LocatedObjects> {
      try {
        return await loadCertificates(client, uri, { includeDer: true, log: outputChannel });
      } catch {
        return { objects: [] };
      }
    }
  };

function isCertificate(object: LocatedObject): object is CertificateObject {
  return object.decoded.kind === 'certificate' && object.der !== undefined;
}

/**
 * The certificates to trust and how to name them: the named group's; in a manifest named as a
 * whole, its trust anchors (ca.crt, caBundle, trust-anchor values) when it marks any; else all.
 */
function trustOf(bundle: TrustSource, located: LocatedObjects): { certificates: CertificateObject[]; name: string } {
  const file = bundle.uri.scheme === 'file' && bundle.uri.fsPath === SYSTEM_BUNDLE ? 'the system trust store' : vscode.workspace.asRelativePath(bundle.uri);
  const all = located.objects.filter(isCertificate);
  const anchorGroups =
    bundle.group !== undefined
      ? [bundle.group]
      : [...new Set(all.flatMap((c) => (c.group !== undefined && located.groups?.[c.group]?.role === 'trust' ? [c.group] : [])))];
  if (anchorGroups.length === 0) return { certificates: all, name: file };
  const names = anchorGroups.map((g) => located.groups?.[g]?.name ?? `group ${g + 1}`);
  return { certificates: all.filter((c) => c.group !== undefined && anchorGroups.includes(c.group)), name: `${names.join(' and ')} in ${file}` };
}

interface BundleItem extends vscode.QuickPickItem {
  source?: TrustSource;
}

async function pickBundle(leaf: vscode.Uri, located: LocatedObjects, tree: CertificateTree): Promise<TrustSource | undefined> {
  const items: BundleItem[] = [];
  // A manifest's own trust anchors (a Secret's ca.crt) are the first thing to check its certificate against.
  located.groups?.forEach((group, index) => {
    const count = located.objects.filter((o) => o.group === index && isCertificate(o)).length;
    if (group.role === 'trust' && count > 0)
      items.push({
        label: group.name,
        description: `in this file, ${count === 1 ? '1 certificate' : `${count} certificates`}`,
        source: { uri: leaf, group: index },
        iconPath: new vscode.ThemeIcon('shield'),
      });
  });
  const files = (await vscode.workspace.findFiles(CERTIFICATE_FILE_GLOB, undefined, 500)).filter((uri) => uri.toString() !== leaf.toString());
  const manifests = [
    ...new Set((await tree.entries()).filter((e) => e.source !== undefined && e.uri !== leaf.toString() && e.certificate.isCA).map((e) => e.uri)),
  ].map((u) => vscode.Uri.parse(u));
  // Files named like CA bundles first: they are what people pick here.
  const caLike = (uri: vscode.Uri) => (/(^|[-_.])(ca|root|trust|bundle|anchor)/i.test(path.posix.basename(uri.path)) ? 0 : 1);
  const byName = (a: vscode.Uri, b: vscode.Uri) =>
    caLike(a) - caLike(b) || vscode.workspace.asRelativePath(a).localeCompare(vscode.workspace.asRelativePath(b));
  for (const uri of [...files.sort(byName), ...manifests.sort(byName)]) {
    const manifest = manifests.includes(uri);
    items.push({
      label: path.posix.basename(uri.path),
      description: `${path.posix.dirname(vscode.workspace.asRelativePath(uri))}${manifest ? ' · its trust anchors' : ''}`,
      source: { uri },
      iconPath: new vscode.ThemeIcon(manifest ? 'file-code' : 'file'),
    });
  }
  if (await exists(vscode.Uri.file(SYSTEM_BUNDLE)))
    items.push({
      label: 'System trust store',
      description: SYSTEM_BUNDLE,
      source: { uri: vscode.Uri.file(SYSTEM_BUNDLE) },
      iconPath: new vscode.ThemeIcon('globe'),
    });
  items.push({ label: 'Browse…', description: 'a CA bundle anywhere on disk', iconPath: new vscode.ThemeIcon('folder-opened') });
  const picked = await vscode.window.showQuickPick(items, {
    title: `Verify ${path.posix.basename(leaf.path)} against which CA bundle?`,
    placeHolder: 'The certificates to trust',
    matchOnDescription: true,
  });
  if (!picked) return undefined;
  if (picked.source) return picked.source;
  const chosen = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: 'Trust These Certificates',
    filters: { Certificates: ['pem', 'crt', 'cer', 'cert', 'ca-bundle', 'der'], Manifests: ['yaml', 'yml'], 'All files': ['*'] },
  });
  return chosen?.[0] ? { uri: chosen[0] } : undefined;
}
