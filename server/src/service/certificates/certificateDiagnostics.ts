import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { privateKeyMatchesCertificate } from '../../../../common/src/x509/keys';
import { lintObjects, type CertificateFinding } from '../../../../common/src/x509/lint';
import type { CertificateDetails, PrivateKeyDetails } from '../../../../common/src/x509/model';
import { diagnostic } from '../../documents/diagnostic';
import { certificatesOf } from './chains';
import { objectName } from '../../../../common/src/x509/objectName';
import { isDecodedLabel, kindOfLabel } from './describe';
import type { DocumentObjects, FoundObject, ObjectGroup } from './found';
import { firstBlockDer, type SiblingFile } from './siblingFiles';
import { skippedDiagnostic } from '../validation/index';
import { MinuteMemo } from './minuteMemo';
import { trustAnchorDiagnostics } from './trustAnchors';

/** What the checks need beyond the document; the handler gathers it (clock, settings, disk). */
export interface CertificateCheckContext {
  now: Date;
  /** `certificates.expiringSoonDays`. */
  expiringSoonDays: number;
  /** The document is a file git would commit: inside a work tree and not ignored there. */
  inGitWorkTree: boolean;
  /** The files `siblingFilesWanted` named that exist beside the document. */
  siblings: SiblingFile[];
}

const SEVERITY: Record<CertificateFinding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
};

/** Secret keys whose certificate and key must be a pair: kubernetes.io/tls, Istio's plug-in CA. */
const SECRET_PAIRS: Array<[certificate: string, key: string]> = [
  ['tls.crt', 'tls.key'],
  ['ca-cert.pem', 'ca-key.pem'],
];

/** Every certificate finding of a document: PEM syntax, unreadable objects, lint, keys. */
export function certificateDiagnostics(found: DocumentObjects, context: CertificateCheckContext): Diagnostic[] {
  // Only PEM text is cut by block count (YAML stops at its parse bound, which validation reports).
  const diagnostics: Diagnostic[] = found.skipped ? skippedDiagnostic([found.skipped]) : [];
  for (const group of found.groups) {
    for (const problem of group.syntax) diagnostics.push(diagnostic(problem.range, DiagnosticSeverity.Error, 'pem-syntax', problem.message));
    const prefix = sharedRangePrefixes(group);
    group.objects.forEach((object, index) => {
      if (object.decoded.kind === 'unreadable' && !object.syntaxBroken && isDecodedLabel(object.label)) {
        diagnostics.push(
          diagnostic(
            object.mark,
            DiagnosticSeverity.Error,
            'certificate-unreadable',
            `${prefix(index)}${kindOfLabel(object.decoded.label)} unreadable: ${object.decoded.reason}.`,
          ),
        );
      }
      if (object.decoded.kind === 'privateKey' && !object.decoded.encrypted && context.inGitWorkTree) {
        diagnostics.push(diagnostic(object.mark, DiagnosticSeverity.Information, 'private-key-unencrypted', `${prefix(index)}${unencryptedKeyMessage(group)}`));
      }
    });
    for (const finding of groupLint(group, context)) {
      // Trust anchors are a set: which comes first does not matter to anyone.
      if (finding.code === 'chain-order' && group.role === 'trust') continue;
      const object = group.objects[finding.index];
      diagnostics.push(diagnostic(object.mark, SEVERITY[finding.severity], finding.code, `${prefix(finding.index)}${finding.message}`));
    }
  }
  diagnostics.push(
    ...secretPairDiagnostics(found.groups),
    ...trustAnchorDiagnostics(found.groups, context.now),
    ...siblingDiagnostics(found, context.siblings),
  );
  return diagnostics;
}

/** Lint findings by group (see minuteMemo.ts). */
const lintByGroup = new MinuteMemo<CertificateFinding[]>();

function groupLint(group: ObjectGroup, context: CertificateCheckContext): CertificateFinding[] {
  return lintByGroup.get(group, context.now, context.expiringSoonDays, () =>
    lintObjects({
      objects: group.objects.map(({ der, decoded }) => ({ der, decoded })),
      now: context.now,
      expiringSoonDays: context.expiringSoonDays,
      chain: group.chain(),
    }),
  );
}

/**
 * Objects decoded from one base64 value share its range: their messages say which block they mean.
 * Counted on the first message only: most groups have none, and this runs on every keystroke.
 */
function sharedRangePrefixes(group: ObjectGroup): (index: number) => string {
  const key = (o: FoundObject) => `${o.mark.start.line}:${o.mark.start.character}:${o.mark.end.line}:${o.mark.end.character}`;
  let counts: Map<string, number> | undefined;
  return (index) => {
    if (!counts) {
      counts = new Map<string, number>();
      for (const object of group.objects) counts.set(key(object), (counts.get(key(object)) ?? 0) + 1);
    }
    return (counts.get(key(group.objects[index])) ?? 0) > 1 ? `Block ${index + 1}: ` : '';
  };
}

function unencryptedKeyMessage(group: ObjectGroup): string {
  const where = group.secret ? 'in a manifest inside a git repository' : 'in a file inside a git repository';
  return `Unencrypted private key ${where}: whoever can read the repository can use it. Keep it out of version control (a .gitignore entry, a secrets manager, or an encrypted Secret) or encrypt it.`;
}

/** tls.crt/tls.key and ca-cert.pem/ca-key.pem of one Secret: the key must be the leaf's. */
function secretPairDiagnostics(groups: ObjectGroup[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const keyGroup of groups) {
    const pair = SECRET_PAIRS.find(([, key]) => key === keyGroup.secret?.key);
    if (!pair || !keyGroup.secret) continue;
    const certificateGroup = groups.find((g) => g.secret?.secret === keyGroup.secret!.secret && g.secret.key === pair[0]);
    const leaf = certificateGroup && certificatesOf(certificateGroup.objects)[0];
    const key = firstReadableKey(keyGroup.objects);
    if (!leaf || !key?.der) continue;
    if (privateKeyMatchesCertificate({ der: key.der }, leaf.object.der!) !== false) continue;
    diagnostics.push(
      diagnostic(
        key.mark,
        DiagnosticSeverity.Error,
        'key-mismatch',
        `${pair[1]} is not the key of the certificate in ${pair[0]} (${describeCertificate(leaf.details)}): ${keyDescription(key.decoded)}, so a server loading this Secret fails.`,
      ),
    );
  }
  return diagnostics;
}

/** A certificate file and its sibling key file (or the other way round), compared. */
function siblingDiagnostics(found: DocumentObjects, siblings: SiblingFile[]): Diagnostic[] {
  // Most documents have no sibling files to compare with: their certificates are not even looked for.
  if (siblings.length === 0) return [];
  const leaf = certificatesOf(found.objects)[0];
  const key = firstReadableKey(found.objects);
  for (const sibling of siblings) {
    if (leaf && !key) {
      const keyDer = firstBlockDer(sibling.text, /(^|\s)PRIVATE KEY$/);
      if (!keyDer || privateKeyMatchesCertificate({ der: keyDer }, leaf.object.der!) !== false) continue;
      return [
        diagnostic(
          leaf.object.mark,
          DiagnosticSeverity.Error,
          'key-mismatch',
          `${sibling.name} beside this file is not the key of this certificate (${describeCertificate(leaf.details)}): the public half of that key differs from the certificate's, so a server loading the pair fails.`,
        ),
      ];
    }
    if (key?.der && !leaf) {
      const certificateDer = firstBlockDer(sibling.text, /^(X509 |TRUSTED )?CERTIFICATE$/);
      if (!certificateDer || privateKeyMatchesCertificate({ der: key.der }, certificateDer) !== false) continue;
      return [
        diagnostic(
          key.mark,
          DiagnosticSeverity.Error,
          'key-mismatch',
          `This key is not the key of the certificate in ${sibling.name} beside it: ${keyDescription(key.decoded)}, so a server loading the pair fails.`,
        ),
      ];
    }
  }
  return [];
}

function firstReadableKey(objects: FoundObject[]): (FoundObject & { decoded: PrivateKeyDetails }) | undefined {
  return objects.find((o): o is FoundObject & { decoded: PrivateKeyDetails } => o.decoded.kind === 'privateKey' && !o.decoded.encrypted && o.der !== undefined);
}

function describeCertificate(details: CertificateDetails): string {
  return `"${objectName(details)}", ${details.publicKey.description}`;
}

function keyDescription(key: PrivateKeyDetails): string {
  return `the public half of the key${key.publicKey ? ` (${key.publicKey.description})` : ''} differs from the certificate's`;
}
