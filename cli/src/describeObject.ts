// The text form of `mesh-mtls inspect`: one titled section per block, one "Field: value" line per
// field, empty fields left out, so a person can read a bundle top to bottom.
import type { CertificateDetails, CsrDetails, ExtensionInfo, PrivateKeyDetails, PublicKeyInfo } from '../../common/src/x509/model';
import type { FileObject } from '../../common/src/x509/decodeFile';
import { describeValidity } from '../../common/src/time/validityPhrase';

type Row = [label: string, value: string | undefined];

export function describeObject({ decoded, block, fromBase64 }: FileObject, index: number, count: number, now: Date): string {
  const where = block ? `${fromBase64 ? 'base64 of PEM, ' : ''}line ${block.beginLine + 1}, ${block.label}` : fromBase64 ? 'base64 of DER' : 'DER';
  const title = `${count > 1 ? `Block ${index + 1} ` : ''}(${where}): ${TITLES[decoded.kind]}`;
  let rows: Row[];
  switch (decoded.kind) {
    case 'certificate':
      rows = certificateRows(decoded, now);
      break;
    case 'csr':
      rows = csrRows(decoded);
      break;
    case 'privateKey':
      rows = privateKeyRows(decoded);
      break;
    case 'publicKey':
      rows = publicKeyRows(decoded.publicKey);
      break;
    case 'unreadable':
      rows = [['Reason', decoded.reason]];
      break;
  }
  const shown = rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '');
  const width = Math.max(...shown.map(([label]) => label.length)) + 2;
  return `${title}\n${shown.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value.replace(/\n/g, `\n  ${' '.repeat(width)}`)}`).join('\n')}\n`;
}

const TITLES = {
  certificate: 'certificate',
  csr: 'certificate request',
  privateKey: 'private key',
  publicKey: 'public key',
  unreadable: 'unreadable',
} as const;

function certificateRows(c: CertificateDetails, now: Date): Row[] {
  return [
    ['Subject', c.subject || '(empty)'],
    ['Issuer', c.selfSigned ? `${c.issuer} (self-signed)` : c.issuer],
    ['Serial', c.serialNumber],
    ['Valid', `${c.notBefore} to ${c.notAfter} (${describeValidity(new Date(c.notBefore), new Date(c.notAfter), now)})`],
    ['Names', sanText(c.extensions)],
    ...publicKeyRows(c.publicKey),
    ['Signature', c.signatureAlgorithm],
    ['CA', c.isCA ? `yes${c.pathLength !== undefined ? `, path length ${c.pathLength}` : ''}` : 'no'],
    ['Key usage', c.keyUsage.join(', ')],
    ['Extended key usage', c.extendedKeyUsage.join(', ')],
    ['Subject key ID', c.subjectKeyIdentifier],
    ['Authority key ID', c.authorityKeyIdentifier],
    ['CRL', c.crlDistributionPoints.join(', ')],
    ['OCSP', c.ocsp.join(', ')],
    ['CA issuers', c.caIssuers.join(', ')],
    ['Permitted names', c.nameConstraints?.permitted.join(', ')],
    ['Excluded names', c.nameConstraints?.excluded.join(', ')],
    ['Other extensions', otherExtensions(c.extensions)],
    ['SHA-256', c.fingerprints.sha256],
    ['SHA-1', c.fingerprints.sha1],
  ];
}

function csrRows(r: CsrDetails): Row[] {
  return [
    ['Subject', r.subject || '(empty)'],
    ['Names', sanText(r.extensions)],
    ...publicKeyRows(r.publicKey),
    ['Signature', `${r.signatureAlgorithm}, ${r.signatureValid ? 'valid' : 'DOES NOT VERIFY'}`],
    ['CA requested', r.isCA === undefined ? undefined : r.isCA ? 'yes' : 'no'],
    ['Key usage', r.keyUsage.join(', ')],
    ['Extended key usage', r.extendedKeyUsage.join(', ')],
    ['Other extensions', otherExtensions(r.extensions)],
  ];
}

function privateKeyRows(k: PrivateKeyDetails): Row[] {
  return [
    ['Format', k.format],
    ['Encrypted', k.encrypted ? 'yes (the public key is not shown without the passphrase)' : 'no'],
    ...(k.publicKey ? publicKeyRows(k.publicKey) : []),
  ];
}

function publicKeyRows(key: PublicKeyInfo): Row[] {
  return [
    ['Public key', key.description],
    ['Key SHA-256', key.spkiSha256],
  ];
}

/** The subject alternative names in the order the extension lists them. */
function sanText(extensions: ExtensionInfo[]): string | undefined {
  return extensions.find((e) => e.oid === SUBJECT_ALT_NAME)?.value;
}

// Extensions the rows above already show; the rest are listed by name or OID.
const SUBJECT_ALT_NAME = '2.5.29.17';
const SHOWN = new Set([SUBJECT_ALT_NAME, '2.5.29.15', '2.5.29.37', '2.5.29.19', '2.5.29.14', '2.5.29.35', '2.5.29.31', '1.3.6.1.5.5.7.1.1', '2.5.29.30']);

function otherExtensions(extensions: ExtensionInfo[]): string {
  return extensions
    .filter((e) => !SHOWN.has(e.oid))
    .map((e) => `${e.name ?? e.oid}${e.critical ? ' (critical)' : ''}: ${e.value}`)
    .join('\n');
}
