// The decoded view's content as plain rows: which facts of a decoded object are shown, under
// which heading, in which words. Pure, so it is tested without a DOM and the webview only turns
// rows into elements.

import { expiryStatus, type ExpiryStatus } from '../time/expiryStatus';
import { describeValidity } from '../time/validityPhrase';
import type { CertificateDetails, CsrDetails, DecodedObject, ExtensionInfo, PrivateKeyDetails, PublicKeyInfo, SubjectAltNames } from '../x509/model';
import { escapeUnsafe } from '../x509/printable';

export type Tone = 'error' | 'warning' | 'ok';

export interface Row {
  label: string;
  /** One line each; an empty list shows as "none". */
  values: string[];
  /** Fingerprints, serials, OIDs: set in the editor font so columns of hex line up. */
  mono?: boolean;
  tone?: Tone;
}

export interface Section {
  heading: string;
  rows: Row[];
}

// Extensions the sections below render by meaning; every other one is listed by OID.
const EXTENSION_OIDS = {
  subjectAltName: '2.5.29.17',
  keyUsage: '2.5.29.15',
  extendedKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  nameConstraints: '2.5.29.30',
} as const;
const RENDERED = new Set<string>(Object.values(EXTENSION_OIDS));

/** Every value escaped: names and extension values are whatever the certificate's author wrote, control and bidi characters included. */
export function objectSections(decoded: DecodedObject, now: Date, expiringSoonDays: number): Section[] {
  return sectionsOf(decoded, now, expiringSoonDays).map((section) => ({
    ...section,
    rows: section.rows.map((row) => ({ ...row, values: row.values.map(escapeUnsafe) })),
  }));
}

function sectionsOf(decoded: DecodedObject, now: Date, expiringSoonDays: number): Section[] {
  switch (decoded.kind) {
    case 'certificate':
      return certificateSections(decoded, now, expiringSoonDays);
    case 'csr':
      return csrSections(decoded);
    case 'privateKey':
      return privateKeySections(decoded);
    case 'publicKey':
      return [{ heading: 'Public key', rows: publicKeyRows(decoded.publicKey) }];
    case 'unreadable':
      return [
        {
          heading: 'Unreadable block',
          rows: [
            { label: 'Label', values: [decoded.label] },
            { label: 'Why', values: [decoded.reason], tone: 'error' },
          ],
        },
      ];
  }
}

/** The status line under the title: how the object stands, in a few words, with its tone. */
export function objectStatus(decoded: DecodedObject, now: Date, expiringSoonDays: number): { text: string; tone?: Tone } {
  switch (decoded.kind) {
    case 'certificate': {
      const status = certificateExpiry(decoded, now, expiringSoonDays);
      return {
        text: `${decoded.publicKey.description} · ${describeValidity(new Date(decoded.notBefore), new Date(decoded.notAfter), now)}`,
        tone: EXPIRY_TONE[status],
      };
    }
    case 'csr':
      return decoded.signatureValid
        ? { text: `${decoded.publicKey.description} · signature verifies` }
        : { text: `${decoded.publicKey.description} · signature does not verify`, tone: 'error' };
    case 'privateKey':
      return decoded.encrypted ? { text: `${decoded.format} · encrypted`, tone: 'ok' } : { text: `${decoded.format} · not encrypted`, tone: 'warning' };
    case 'publicKey':
      return { text: decoded.publicKey.description };
    case 'unreadable':
      return { text: decoded.reason, tone: 'error' };
  }
}

export function certificateExpiry(certificate: CertificateDetails, now: Date, expiringSoonDays: number): ExpiryStatus {
  return expiryStatus(new Date(certificate.notBefore), new Date(certificate.notAfter), now, expiringSoonDays);
}

const EXPIRY_TONE: Record<ExpiryStatus, Tone | undefined> = { expired: 'error', 'not-yet-valid': 'error', 'expiring-soon': 'warning', valid: 'ok' };

function certificateSections(cert: CertificateDetails, now: Date, expiringSoonDays: number): Section[] {
  const critical = criticalOids(cert.extensions);
  const mark = (label: string, oid: string) => (critical.has(oid) ? `${label} (critical)` : label);
  const sections: Section[] = [
    {
      heading: 'Identity',
      rows: [
        { label: 'Subject', values: [cert.subject || '(empty)'] },
        { label: 'Issuer', values: [cert.issuer || '(empty)'] },
        { label: 'Self-signed', values: [cert.selfSigned ? 'yes (it names itself as issuer, and its own key signed it)' : 'no'] },
        { label: 'Version', values: [String(cert.version)] },
        { label: 'Serial number', values: [cert.serialNumber], mono: true },
      ],
    },
    {
      heading: 'Validity',
      rows: [
        {
          label: 'Status',
          values: [describeValidity(new Date(cert.notBefore), new Date(cert.notAfter), now)],
          tone: EXPIRY_TONE[certificateExpiry(cert, now, expiringSoonDays)],
        },
        { label: 'Not before', values: [utc(cert.notBefore)] },
        { label: 'Not after', values: [utc(cert.notAfter)] },
      ],
    },
    { heading: mark('Subject alternative names', EXTENSION_OIDS.subjectAltName), rows: altNameRows(cert.subjectAltNames) },
    { heading: 'Public key', rows: publicKeyRows(cert.publicKey) },
    {
      heading: 'Usage',
      rows: [
        { label: mark('Basic constraints', EXTENSION_OIDS.basicConstraints), values: [basicConstraints(cert)] },
        { label: mark('Key usage', EXTENSION_OIDS.keyUsage), values: cert.hasKeyUsage ? cert.keyUsage : ['absent'] },
        { label: mark('Extended key usage', EXTENSION_OIDS.extendedKeyUsage), values: cert.hasExtendedKeyUsage ? cert.extendedKeyUsage : ['absent'] },
      ],
    },
    {
      heading: 'Key identifiers',
      rows: [
        { label: 'Subject key ID', values: optional(cert.subjectKeyIdentifier), mono: true },
        { label: 'Authority key ID', values: optional(cert.authorityKeyIdentifier), mono: true },
      ],
    },
  ];
  if (cert.crlDistributionPoints.length + cert.ocsp.length + cert.caIssuers.length > 0) {
    sections.push({
      heading: 'Revocation and issuer access',
      rows: [
        { label: 'CRL distribution points', values: cert.crlDistributionPoints },
        { label: 'OCSP', values: cert.ocsp },
        { label: 'CA issuers', values: cert.caIssuers },
      ],
    });
  }
  if (cert.nameConstraints) {
    sections.push({
      heading: mark('Name constraints', EXTENSION_OIDS.nameConstraints),
      rows: [
        { label: 'Permitted', values: cert.nameConstraints.permitted },
        { label: 'Excluded', values: cert.nameConstraints.excluded },
      ],
    });
  }
  sections.push(
    {
      heading: 'Signature',
      rows: [
        { label: 'Algorithm', values: [cert.signatureAlgorithm], tone: weakHash(cert.signatureHash) ? 'error' : undefined },
        ...(cert.signatureHash ? [{ label: 'Hash', values: [cert.signatureHash] }] : []),
      ],
    },
    {
      heading: 'Fingerprints',
      rows: [
        { label: 'SHA-256', values: [cert.fingerprints.sha256], mono: true },
        { label: 'SHA-1', values: [cert.fingerprints.sha1], mono: true },
      ],
    },
  );
  const others = cert.extensions.filter((extension) => !RENDERED.has(extension.oid));
  if (others.length > 0) sections.push({ heading: 'Other extensions', rows: others.map(extensionRow) });
  return sections;
}

function csrSections(csr: CsrDetails): Section[] {
  const requested: Row[] = [
    { label: 'Key usage', values: csr.keyUsage.length ? csr.keyUsage : ['not requested'] },
    { label: 'Extended key usage', values: csr.extendedKeyUsage.length ? csr.extendedKeyUsage : ['not requested'] },
  ];
  if (csr.isCA !== undefined) requested.unshift({ label: 'CA', values: [csr.isCA ? 'yes' : 'no'] });
  const sections: Section[] = [
    {
      heading: 'Request',
      rows: [
        { label: 'Subject', values: [csr.subject || '(empty)'] },
        { label: 'Self-signature', values: [csr.signatureValid ? 'verifies' : 'does not verify'], tone: csr.signatureValid ? 'ok' : 'error' },
        { label: 'Signature algorithm', values: [csr.signatureAlgorithm] },
      ],
    },
    { heading: 'Subject alternative names', rows: altNameRows(csr.subjectAltNames) },
    { heading: 'Public key', rows: publicKeyRows(csr.publicKey) },
    { heading: 'Requested usage', rows: requested },
  ];
  if (csr.extensions.length > 0) sections.push({ heading: 'Requested extensions', rows: csr.extensions.map(extensionRow) });
  return sections;
}

function privateKeySections(key: PrivateKeyDetails): Section[] {
  const rows: Row[] = [
    { label: 'Format', values: [key.format] },
    { label: 'Encrypted', values: [key.encrypted ? 'yes' : 'no: anyone who can read this file can use the key'], tone: key.encrypted ? 'ok' : 'warning' },
  ];
  const sections: Section[] = [{ heading: 'Private key', rows }];
  if (key.publicKey) sections.push({ heading: 'Its public key', rows: publicKeyRows(key.publicKey) });
  else rows.push({ label: 'Key type', values: ['unknown until decrypted (no passphrase is ever asked)'] });
  return sections;
}

function altNameRows(names: SubjectAltNames): Row[] {
  const rows: Row[] = [
    { label: 'DNS', values: names.dns },
    { label: 'IP', values: names.ip },
    { label: 'URI', values: names.uri },
    { label: 'Email', values: names.email },
    { label: 'Other', values: names.other },
  ].filter((row) => row.values.length > 0);
  return rows.length > 0 ? rows : [{ label: 'Names', values: ['none'] }];
}

function publicKeyRows(key: PublicKeyInfo): Row[] {
  const rows: Row[] = [{ label: 'Algorithm', values: [key.algorithm] }];
  if (key.size !== undefined)
    rows.push({ label: 'Size', values: [`${key.size} bits`], tone: key.algorithm.startsWith('RSA') && key.size < 2048 ? 'error' : undefined });
  if (key.curve) rows.push({ label: 'Curve', values: [key.curve] });
  rows.push({ label: 'SPKI SHA-256', values: [key.spkiSha256], mono: true });
  return rows;
}

function extensionRow(extension: ExtensionInfo): Row {
  const name = extension.name ? `${extension.name} (${extension.oid})` : extension.oid;
  return { label: extension.critical ? `${name}, critical` : name, values: [extension.value], mono: !extension.name };
}

function basicConstraints(cert: CertificateDetails): string {
  if (!cert.isCA) return 'not a CA';
  return cert.pathLength === undefined ? 'CA, no path length limit' : `CA, path length ${cert.pathLength}`;
}

function criticalOids(extensions: ExtensionInfo[]): Set<string> {
  return new Set(extensions.filter((extension) => extension.critical).map((extension) => extension.oid));
}

function optional(value: string | undefined): string[] {
  return value ? [value] : ['absent'];
}

function weakHash(hash: string | undefined): boolean {
  return hash === 'SHA-1' || hash === 'MD5';
}

/** "2026-03-01 12:00:00 UTC": ISO 8601 without the T and milliseconds, which people misread. */
function utc(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
