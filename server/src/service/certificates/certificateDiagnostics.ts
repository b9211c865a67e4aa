import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { BodyFault, PemBlock } from '../../../../common/src/pem/blocks';
import { privateKeyMatchesCertificate } from '../../../../common/src/x509/keys';
import { lintObjects } from '../../../../common/src/x509/lint';
import { diagnostic, type DiagnosticCode } from '../diagnostic';
import type { DocumentObjects, FoundObject } from './documentObjects';

/** What certificate checks need beyond the document: the clock, the setting, and the file's surroundings. */
export interface CertificateCheckOptions {
  now: Date;
  expiringSoonDays: number;
  /**
   * The text of a sibling file next to this document (`key.pem` beside `cert.pem`), or undefined
   * when there is none or the document is not a file. The handler reads the disk; tests pass text.
   */
  readSibling?: (name: string) => string | undefined;
  /** Whether the document's folder is tracked by git (and the file not ignored). */
  inGitRepository?: boolean;
  /** The document's file name, for finding its siblings. */
  fileName?: string;
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information } as const;
// Labels of objects we decode: anything else (CRLs, parameters) is left alone, not called unreadable.
const DECODED_LABELS = /^(CERTIFICATE|TRUSTED CERTIFICATE|(NEW )?CERTIFICATE REQUEST|((ENCRYPTED|RSA|EC|OPENSSH) )?PRIVATE KEY|(RSA )?PUBLIC KEY)$/;

/** Diagnostics for every certificate, request and key of a document: PEM syntax, readability, and the certificate rules. */
export function certificateDiagnostics(found: DocumentObjects, options: CertificateCheckOptions): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const add = (range: Range, severity: DiagnosticSeverity, code: DiagnosticCode, message: string) => diagnostics.push(diagnostic(range, severity, code, message));
  for (const object of found.objects) {
    if (object.block?.problem) add(problemRange(object.block, object), DiagnosticSeverity.Error, 'pem-syntax', pemProblem(object.block));
    else if (object.decoded.kind === 'unreadable' && (object.decoded.label === '' || DECODED_LABELS.test(object.decoded.label))) {
      add(object.headRange, DiagnosticSeverity.Error, 'certificate-unreadable', `This ${object.decoded.label ? `${object.decoded.label} block` : 'value'} cannot be read: ${object.decoded.reason}.`);
    }
  }
  for (const group of found.groups) {
    const objects = group.map((i) => found.objects[i]);
    for (const finding of lintObjects({ objects: objects.map((o) => ({ der: o.der, decoded: o.decoded })), now: options.now, expiringSoonDays: options.expiringSoonDays })) {
      add(objects[finding.index].headRange, SEVERITY[finding.severity], finding.code, finding.message);
    }
  }
  for (const pair of found.pairs) keyPairMismatch(found.objects[pair.certificate], found.objects[pair.key], add);
  siblingKeyMismatch(found, options, add);
  if (options.inGitRepository) {
    for (const object of found.objects) {
      if (object.decoded.kind === 'privateKey' && !object.decoded.encrypted) {
        add(object.headRange, DiagnosticSeverity.Information, 'private-key-unencrypted', 'An unencrypted private key in a git repository: whoever can read the repository can use it. Keep it out of version control or encrypt it.');
      }
    }
  }
  return diagnostics;
}

type Add = (range: Range, severity: DiagnosticSeverity, code: DiagnosticCode, message: string) => void;

function keyPairMismatch(certificate: FoundObject, key: FoundObject, add: Add): void {
  if (!certificate.der || !key.der) return;
  if (privateKeyMatchesCertificate({ der: key.der }, certificate.der) === false) {
    add(key.headRange, DiagnosticSeverity.Error, 'key-mismatch', `${key.source} is not the private key of the certificate in ${certificate.source}: a server loading the pair fails.`);
  }
}

/** The sibling that conventionally holds a certificate file's key. */
export function siblingKeyNames(fileName: string): string[] {
  if (fileName === 'cert.pem') return ['key.pem'];
  if (fileName === 'tls.crt') return ['tls.key'];
  const stem = fileName.replace(/\.(pem|crt|cer|cert)$/, '');
  if (stem === fileName) return [];
  return [`${stem}.key`, `${stem}-key.pem`, `${stem}.key.pem`];
}

function siblingKeyMismatch(found: DocumentObjects, options: CertificateCheckOptions, add: Add): void {
  if (!options.fileName || !options.readSibling) return;
  // A key in the file itself is checked by the lint rules; a sibling only speaks for a file without one.
  if (found.objects.some((o) => o.decoded.kind === 'privateKey')) return;
  const certificate = found.objects.find((o) => o.decoded.kind === 'certificate' && o.der);
  if (!certificate?.der) return;
  for (const name of siblingKeyNames(options.fileName)) {
    const text = options.readSibling(name);
    if (text === undefined) continue;
    if (privateKeyMatchesCertificate({ pem: text }, certificate.der) === false) {
      add(certificate.headRange, DiagnosticSeverity.Error, 'key-mismatch', `${name} beside this file is not the private key of this certificate: a server loading the pair fails.`);
    }
    return;
  }
}

function problemRange(block: PemBlock, object: FoundObject): Range {
  // PEM inside a base64 value has no lines of its own in the document: the value is the place.
  if (!object.block || !block.problemAt) return object.headRange;
  const { line, startColumn, endColumn } = block.problemAt;
  return { start: { line, character: startColumn }, end: { line, character: endColumn } };
}

const BODY_FAULTS: Record<BodyFault, string> = {
  'invalid-character': 'Characters outside base64',
  'stray-text': 'Text that is not base64 (a comment or a header after the body began)',
  'misplaced-padding': 'Base64 padding (=) before the end of the body',
  truncated: 'The base64 body is cut short (its length is not a multiple of four)',
};

function pemProblem(block: PemBlock): string {
  switch (block.problem?.kind) {
    case 'unterminated':
      return `BEGIN ${block.label} has no END line: the block is cut off.`;
    case 'label-mismatch':
      return `BEGIN ${block.label} is closed by END ${block.problem.endLabel}: the labels must be the same.`;
    case 'bad-base64':
      return `${BODY_FAULTS[block.bodyFault ?? 'invalid-character']} in the ${block.label} block.`;
    case 'empty':
      return `The ${block.label} block has no body.`;
    default:
      return 'Malformed PEM block.';
  }
}
