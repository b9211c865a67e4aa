// Certificate and request extensions: the fields the model names (SANs, usages, constraints,
// identifiers, distribution points) and a readable line for every extension, known or not.
// Values are read with our DER reader so one odd general name (otherName, x400Address) does not
// make a whole certificate unreadable, and so a broken extension is named in the error.
import { children, DerError, expectTag, hex, readBitString, readBoolean, readOid, readSingle, readSmallInteger, TAG, type Tlv } from './der';
import type { CertificateDetails, SubjectAltNames } from './model';
import { formatGeneralName, readGeneralName, readGeneralNames, type GeneralNameValue } from './names';

export const EXTENSION_NAMES: Record<string, string> = {
  '2.5.29.9': 'Subject Directory Attributes',
  '2.5.29.14': 'Subject Key Identifier',
  '2.5.29.15': 'Key Usage',
  '2.5.29.16': 'Private Key Usage Period',
  '2.5.29.17': 'Subject Alternative Name',
  '2.5.29.18': 'Issuer Alternative Name',
  '2.5.29.19': 'Basic Constraints',
  '2.5.29.30': 'Name Constraints',
  '2.5.29.31': 'CRL Distribution Points',
  '2.5.29.32': 'Certificate Policies',
  '2.5.29.33': 'Policy Mappings',
  '2.5.29.35': 'Authority Key Identifier',
  '2.5.29.36': 'Policy Constraints',
  '2.5.29.37': 'Extended Key Usage',
  '2.5.29.46': 'Freshest CRL',
  '2.5.29.54': 'Inhibit anyPolicy',
  '1.3.6.1.5.5.7.1.1': 'Authority Information Access',
  '1.3.6.1.5.5.7.1.11': 'Subject Information Access',
  '1.3.6.1.5.5.7.1.24': 'TLS Feature',
  '1.3.6.1.4.1.11129.2.4.2': 'Signed Certificate Timestamps',
  '1.3.6.1.4.1.11129.2.4.3': 'Precertificate Poison',
  '2.16.840.1.113730.1.1': 'Netscape Certificate Type',
  '2.16.840.1.113730.1.13': 'Netscape Comment',
  '1.3.6.1.4.1.311.20.2': 'Microsoft Certificate Template Name',
  '1.3.6.1.4.1.311.21.1': 'Microsoft CA Version',
  '1.3.6.1.4.1.311.21.7': 'Microsoft Certificate Template',
  '1.3.6.1.4.1.311.21.10': 'Microsoft Application Policies',
};

const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
];

const EXTENDED_KEY_USAGE_NAMES: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'serverAuth',
  '1.3.6.1.5.5.7.3.2': 'clientAuth',
  '1.3.6.1.5.5.7.3.3': 'codeSigning',
  '1.3.6.1.5.5.7.3.4': 'emailProtection',
  '1.3.6.1.5.5.7.3.8': 'timeStamping',
  '1.3.6.1.5.5.7.3.9': 'OCSPSigning',
  '2.5.29.37.0': 'anyExtendedKeyUsage',
};

/** A key usage name's bit as a flag (RFC 5280 order: digitalSignature is 1, decipherOnly 256). */
export function keyUsageBit(name: string): number {
  const bit = KEY_USAGE_NAMES.indexOf(name);
  return bit < 0 ? 0 : 1 << bit;
}

/** The OID of an extended key usage as the model names it (unnamed ones are their OID already). */
export function extendedKeyUsageOid(name: string): string {
  return Object.keys(EXTENDED_KEY_USAGE_NAMES).find((oid) => EXTENDED_KEY_USAGE_NAMES[oid] === name) ?? name;
}

/**
 * The extensions OpenSSL 3 acts on (X509_supported_extension in crypto/x509/v3_purp.c, confirmed
 * with `openssl verify`): any other one marked critical fails verification with "unhandled
 * critical extension" (key identifiers, issuerAltName and authority information access included).
 */
const OPENSSL_HANDLED = new Set([
  '2.16.840.1.113730.1.1', // Netscape certificate type
  '2.5.29.15', // key usage
  '2.5.29.17', // subject alternative name
  '2.5.29.19', // basic constraints
  '2.5.29.32', // certificate policies
  '2.5.29.31', // CRL distribution points
  '2.5.29.37', // extended key usage
  '1.3.6.1.5.5.7.1.7', // RFC 3779 IP address blocks
  '1.3.6.1.5.5.7.1.8', // RFC 3779 AS identifiers
  '1.3.6.1.5.5.7.48.1.5', // OCSP no check
  '2.5.29.36', // policy constraints
  '1.3.6.1.5.5.7.1.14', // proxy certificate information
  '2.5.29.30', // name constraints
  '2.5.29.33', // policy mappings
  '2.5.29.54', // inhibit anyPolicy
]);

/**
 * The extensions OpenSSL decodes when it first looks at a certificate: two of one of these make
 * the certificate invalid, and `openssl verify` then finds no issuer for it (or it for anything).
 */
const OPENSSL_DECODED = new Set([
  '2.5.29.19',
  '2.5.29.15',
  '2.5.29.37',
  '2.16.840.1.113730.1.1',
  '2.5.29.14',
  '2.5.29.35',
  '2.5.29.17',
  '2.5.29.30',
  '2.5.29.31',
]);

/** Critical extensions a verifier does not understand, so it must refuse the certificate (RFC 5280 4.2). */
export function unhandledCriticalExtensions(extensions: Array<{ oid: string; critical: boolean }>): string[] {
  return extensions.filter((e) => e.critical && !OPENSSL_HANDLED.has(e.oid)).map((e) => e.oid);
}

/** Extensions that appear more than once, which RFC 5280 4.2 forbids; each OID once. */
export function duplicateExtensions(extensions: Array<{ oid: string }>): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const { oid } of extensions) (seen.has(oid) ? twice : seen).add(oid);
  return [...twice];
}

/** Of the duplicates, those that make OpenSSL treat the certificate as invalid. */
export function invalidatingDuplicates(extensions: Array<{ oid: string }>): string[] {
  return duplicateExtensions(extensions).filter((oid) => OPENSSL_DECODED.has(oid));
}

/** An extension's name for messages: ours, or its OID. */
export function extensionName(oid: string): string {
  return EXTENSION_NAMES[oid] ?? oid;
}

const OCSP = '1.3.6.1.5.5.7.48.1';
const CA_ISSUERS = '1.3.6.1.5.5.7.48.2';

/** Everything the model reads from extensions, with the defaults for absent ones. */
export type ExtensionFields = Pick<
  CertificateDetails,
  | 'subjectAltNames'
  | 'keyUsage'
  | 'hasKeyUsage'
  | 'extendedKeyUsage'
  | 'hasExtendedKeyUsage'
  | 'pathLength'
  | 'subjectKeyIdentifier'
  | 'authorityKeyIdentifier'
  | 'crlDistributionPoints'
  | 'ocsp'
  | 'caIssuers'
  | 'nameConstraints'
  | 'extensions'
> & {
  /** Undefined when there is no basicConstraints extension (a request then asks for nothing). */
  isCA?: boolean;
  /** The subject alternative names as read, with their bytes, for name constraint checks. */
  subjectAltNameList: GeneralNameValue[];
  /** The name constraints as read, for checking the names below a CA. */
  nameSubtrees?: NameSubtrees;
};

/** One GeneralSubtree; `bounded` when it sets a minimum other than 0 or a maximum (which nobody supports). */
export interface NameSubtree {
  base: GeneralNameValue;
  bounded: boolean;
}

export interface NameSubtrees {
  permitted: NameSubtree[];
  excluded: NameSubtree[];
}

export function emptySubjectAltNames(): SubjectAltNames {
  return { dns: [], ip: [], uri: [], email: [], other: [] };
}

/** Reads an Extensions SEQUENCE; throws DerError naming the extension that is malformed. */
export function readExtensions(sequence: Tlv | undefined): ExtensionFields {
  const fields: ExtensionFields = {
    subjectAltNames: emptySubjectAltNames(),
    keyUsage: [],
    hasKeyUsage: false,
    extendedKeyUsage: [],
    hasExtendedKeyUsage: false,
    crlDistributionPoints: [],
    ocsp: [],
    caIssuers: [],
    extensions: [],
    subjectAltNameList: [],
  };
  if (!sequence) return fields;
  for (const extension of children(expectTag(sequence, TAG.SEQUENCE, 'the extensions'))) {
    const parts = children(expectTag(extension, TAG.SEQUENCE, 'an extension'));
    const oid = readOid(parts[0]);
    const name = EXTENSION_NAMES[oid];
    let critical = false;
    let valueTlv = parts[1];
    if (valueTlv?.tag === TAG.BOOLEAN) {
      critical = readBoolean(valueTlv, `the critical flag of extension ${name ?? oid}`);
      valueTlv = parts[2];
    }
    const value = expectTag(valueTlv, TAG.OCTET_STRING, `the value of extension ${name ?? oid}`).content;
    let rendered: string;
    try {
      rendered = readExtension(oid, value, fields) ?? hex(value, ':');
    } catch (error) {
      if (!(error instanceof DerError)) throw error;
      throw new DerError(`its ${name ?? oid} extension is malformed: ${error.message}`);
    }
    fields.extensions.push({ oid, ...(name ? { name } : {}), critical, value: rendered });
  }
  return fields;
}

/** Fills `fields` from one extension and returns its rendering, or undefined to show it as hex. */
function readExtension(oid: string, value: Uint8Array, fields: ExtensionFields): string | undefined {
  const body = () => readSingle(value, 'the extension value');
  switch (oid) {
    case '2.5.29.17': {
      const names = readGeneralNames(body(), 'the subject alternative names');
      for (const name of names) fields.subjectAltNames[name.kind].push(name.value);
      fields.subjectAltNameList.push(...names);
      return names.map(formatGeneralName).join(', ');
    }
    case '2.5.29.18':
      return readGeneralNames(body(), 'the issuer alternative names').map(formatGeneralName).join(', ');
    case '2.5.29.15': {
      const { bits } = readBitString(body());
      fields.hasKeyUsage = true;
      fields.keyUsage = KEY_USAGE_NAMES.filter((_, bit) => bit >> 3 < bits.length && bits[bit >> 3] & (0x80 >> (bit & 7)));
      return fields.keyUsage.join(', ');
    }
    case '2.5.29.37': {
      const usages = children(expectTag(body(), TAG.SEQUENCE, 'the extended key usages')).map(readOid);
      fields.hasExtendedKeyUsage = true;
      fields.extendedKeyUsage = usages.map((u) => EXTENDED_KEY_USAGE_NAMES[u] ?? u);
      return fields.extendedKeyUsage.join(', ');
    }
    case '2.5.29.19': {
      let items = children(expectTag(body(), TAG.SEQUENCE, 'the basic constraints'));
      const ca = items[0]?.tag === TAG.BOOLEAN && readBoolean(items[0], 'the CA flag');
      if (items[0]?.tag === TAG.BOOLEAN) items = items.slice(1);
      fields.isCA = ca;
      if (items[0]) fields.pathLength = readSmallInteger(items[0], 'the path length');
      return `CA:${ca ? 'TRUE' : 'FALSE'}${fields.pathLength !== undefined ? `, pathlen:${fields.pathLength}` : ''}`;
    }
    case '2.5.29.14':
      fields.subjectKeyIdentifier = hex(expectTag(body(), TAG.OCTET_STRING, 'the key identifier').content, ':');
      return fields.subjectKeyIdentifier;
    case '2.5.29.35':
      return readAuthorityKeyIdentifier(body(), fields);
    case '2.5.29.31':
      fields.crlDistributionPoints = readDistributionPoints(body());
      return fields.crlDistributionPoints.join(', ');
    case '2.5.29.46':
      return readDistributionPoints(body()).join(', ');
    case '1.3.6.1.5.5.7.1.1':
      return readAuthorityInformationAccess(body(), fields);
    case '2.5.29.30':
      fields.nameSubtrees = readNameConstraints(body());
      fields.nameConstraints = {
        permitted: fields.nameSubtrees.permitted.map((t) => formatGeneralName(t.base)),
        excluded: fields.nameSubtrees.excluded.map((t) => formatGeneralName(t.base)),
      };
      return [
        fields.nameConstraints.permitted.length ? `permitted: ${fields.nameConstraints.permitted.join(', ')}` : '',
        fields.nameConstraints.excluded.length ? `excluded: ${fields.nameConstraints.excluded.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
    case '2.5.29.32':
      return children(expectTag(body(), TAG.SEQUENCE, 'the policies'))
        .map((policy) => readOid(children(expectTag(policy, TAG.SEQUENCE, 'a policy'))[0]))
        .join(', ');
    default:
      return undefined;
  }
}

function readAuthorityKeyIdentifier(sequence: Tlv, fields: ExtensionFields): string {
  const parts: string[] = [];
  for (const item of children(expectTag(sequence, TAG.SEQUENCE, 'the authority key identifier'))) {
    if (item.tag === 0x80) {
      fields.authorityKeyIdentifier = hex(item.content, ':');
      parts.push(`keyid:${fields.authorityKeyIdentifier}`);
    } else if (item.tag === 0xa1) {
      parts.push(`issuer:${children(item).map(readGeneralName).map(formatGeneralName).join(', ')}`);
    } else if (item.tag === 0x82) {
      // A serial's sign byte is DER, not part of the number: openssl prints 00:FE… as FE….
      parts.push(`serial:${hex(item.content.length > 1 && item.content[0] === 0 ? item.content.subarray(1) : item.content, ':')}`);
    }
  }
  return parts.join(', ');
}

/** A general name where only its location matters: a URI as itself, other kinds with their prefix. */
function location(name: GeneralNameValue): string {
  return name.kind === 'uri' ? name.value : formatGeneralName(name);
}

function readDistributionPoints(sequence: Tlv): string[] {
  const locations: string[] = [];
  for (const point of children(expectTag(sequence, TAG.SEQUENCE, 'the distribution points'))) {
    for (const field of children(expectTag(point, TAG.SEQUENCE, 'a distribution point'))) {
      if (field.tag !== 0xa0) continue;
      // distributionPoint is an explicitly tagged CHOICE; [0] inside it is fullName.
      const [choice] = children(field);
      if (choice?.tag === 0xa0) locations.push(...children(choice).map(readGeneralName).map(location));
    }
  }
  return locations;
}

function readAuthorityInformationAccess(sequence: Tlv, fields: ExtensionFields): string {
  const rendered: string[] = [];
  for (const description of children(expectTag(sequence, TAG.SEQUENCE, 'the access descriptions'))) {
    const [method, name] = children(expectTag(description, TAG.SEQUENCE, 'an access description'));
    const oid = readOid(method);
    if (!name) throw new DerError(`the access description at byte ${description.offset} has no location`);
    const where = location(readGeneralName(name));
    if (oid === OCSP) fields.ocsp.push(where);
    else if (oid === CA_ISSUERS) fields.caIssuers.push(where);
    rendered.push(`${oid === OCSP ? 'OCSP' : oid === CA_ISSUERS ? 'caIssuers' : oid}: ${where}`);
  }
  return rendered.join(', ');
}

function readNameConstraints(sequence: Tlv): NameSubtrees {
  const constraints: NameSubtrees = { permitted: [], excluded: [] };
  for (const subtrees of children(expectTag(sequence, TAG.SEQUENCE, 'the name constraints'))) {
    const target = subtrees.tag === 0xa0 ? constraints.permitted : subtrees.tag === 0xa1 ? constraints.excluded : undefined;
    if (!target) throw new DerError(`the name constraints hold an unexpected [${subtrees.tag & 0x1f}] at byte ${subtrees.offset}`);
    for (const subtree of children(subtrees)) {
      const [base, ...bounds] = children(expectTag(subtree, TAG.SEQUENCE, 'a name subtree'));
      // minimum [0] DEFAULT 0, maximum [1]: OpenSSL accepts only an explicit zero minimum.
      const bounded = bounds.some((b) => b.tag !== 0x80 || b.content.some((byte) => byte !== 0));
      target.push({ base: readGeneralName(base), bounded });
    }
  }
  return constraints;
}
