// The handshake pickers' items for certificates and keys held in Kubernetes TLS Secrets of the
// workspace's manifests: each says which value of which Secret in which file. Only the manifest's
// URI with a fragment naming the value goes back; the value is decoded again, in memory, per run.

import * as vscode from 'vscode';
import { READ_CAPS } from '../../../common/src/files/boundedRead';
import { secretValueReference, secretValues, type SecretValue, type SecretValueKey } from '../../../common/src/handshake/secretValues';
import type { ChosenFiles, FileRole } from '../../../common/src/webview/handshakeForm';
import { MANIFEST_FILE_GLOB } from '../certificates/certificateList';
import { fileObjects } from '../certificates/fileObjects';
import { readWorkspaceFile } from '../certificates/workspaceFile';
import { secretValueUri, summarize } from './chosenFiles';

const MAX_MANIFESTS = 500;

export interface SecretItem extends vscode.QuickPickItem {
  uri: vscode.Uri;
  rank: number;
}

/**
 * Which values suit a role, best first: a leaf's tls.crt for a certificate, ca.crt (then a
 * self-signed tls.crt) for a CA bundle, tls.key for a key.
 */
export function secretKeysFor(role: FileRole): SecretValueKey[] {
  if (role.endsWith('Key')) return ['tls.key'];
  return role.endsWith('Ca') ? ['ca.crt', 'tls.crt'] : ['tls.crt'];
}

export async function secretItems(role: FileRole, chosen: ChosenFiles): Promise<SecretItem[]> {
  const keys = secretKeysFor(role);
  // A key picked for a certificate taken from a Secret: that Secret's tls.key leads.
  const certificate = role.endsWith('Key') ? chosen[role === 'serverKey' ? 'serverCert' : 'clientCert'] : undefined;
  const partner = certificate ? vscode.Uri.parse(certificate.uri, true) : undefined;
  const partnerReference = partner ? secretValueReference(partner.fragment) : undefined;
  const manifests = await vscode.workspace.findFiles(MANIFEST_FILE_GLOB, undefined, MAX_MANIFESTS);
  const perManifest = await Promise.all(
    manifests.map(async (manifest) => {
      const values = await readWorkspaceFile(manifest, READ_CAPS.manifest).then(
        (bytes) => secretValues(new TextDecoder().decode(bytes)),
        () => [] as SecretValue[],
      );
      return values
        .filter((value) => keys.includes(value.key))
        .map((value): SecretItem => {
          const samePair = partnerReference !== undefined && partner!.path === manifest.path && partnerReference.document === value.document;
          return {
            label: `${value.key} of Secret ${value.secret}`,
            description: `${vscode.workspace.asRelativePath(manifest)}:${value.line + 1}${samePair ? ' · beside the chosen tls.crt' : ''}`,
            detail: summarize(fileObjects(value.bytes, value.key)),
            iconPath: new vscode.ThemeIcon(value.key === 'tls.key' ? 'key' : 'lock'),
            uri: secretValueUri(manifest, value),
            // Behind the files a role prefers (rank 0), except the chosen certificate's own key.
            rank: samePair ? 0 : keys.indexOf(value.key) + 1,
          };
        });
    }),
  );
  return perManifest.flat();
}
