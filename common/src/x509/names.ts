// Distinguished names as RFC 4514 strings and general names (SANs, name constraints, access
// locations). We render names ourselves so the strings equal what `openssl -nameopt
// RFC2253,-esc_msb` prints: people compare them with openssl output, and the fidelity test does.
import { children, DerError, expectTag, hex, readOid, TAG, type Tlv } from './der';

// The short names OpenSSL prints; RFC 4514 allows any registered descriptor, and every one of
// these is in the IANA LDAP registry. Attributes we do not know are written as OID=#hex, as
// RFC 4514 asks and as OpenSSL does for OIDs it does not know.
const ATTRIBUTE_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'street',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.13': 'description',
  '2.5.4.14': 'searchGuide',
  '2.5.4.15': 'businessCategory',
  '2.5.4.16': 'postalAddress',
  '2.5.4.17': 'postalCode',
  '2.5.4.18': 'postOfficeBox',
  '2.5.4.19': 'physicalDeliveryOfficeName',
  '2.5.4.20': 'telephoneNumber',
  '2.5.4.21': 'telexNumber',
  '2.5.4.22': 'teletexTerminalIdentifier',
  '2.5.4.23': 'facsimileTelephoneNumber',
  '2.5.4.24': 'x121Address',
  '2.5.4.25': 'internationaliSDNNumber',
  '2.5.4.26': 'registeredAddress',
  '2.5.4.27': 'destinationIndicator',
  '2.5.4.28': 'preferredDeliveryMethod',
  '2.5.4.29': 'presentationAddress',
  '2.5.4.30': 'supportedApplicationContext',
  '2.5.4.31': 'member',
  '2.5.4.32': 'owner',
  '2.5.4.33': 'roleOccupant',
  '2.5.4.34': 'seeAlso',
  '2.5.4.41': 'name',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.45': 'x500UniqueIdentifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.49': 'distinguishedName',
  '2.5.4.50': 'uniqueMember',
  '2.5.4.51': 'houseIdentifier',
  '2.5.4.54': 'dmdName',
  '2.5.4.65': 'pseudonym',
  '2.5.4.72': 'role',
  '2.5.4.97': 'organizationIdentifier',
  '1.2.840.113549.1.9.1': 'emailAddress',
  '1.2.840.113549.1.9.2': 'unstructuredName',
  '1.2.840.113549.1.9.8': 'unstructuredAddress',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.3': 'mail',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
  '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST',
  '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
};

const COMMON_NAME = '2.5.4.3';

/** One attribute of a name, in DER order. */
export interface NameAttribute {
  oid: string;
  /** The value as text, or undefined when it is not a string type. */
  text?: string;
  /** The whole DER of the value, for the #hex form. */
  der: Uint8Array;
  /** Index of the RDN (SET) the attribute belongs to. */
  rdn: number;
}

export interface DistinguishedName {
  /** RFC 4514: most significant RDN last, multi-valued RDNs joined by "+". */
  text: string;
  /** The most specific (last in DER order) common name, as a lens shows it. */
  commonName?: string;
  attributes: NameAttribute[];
}

/** Reads a Name (SEQUENCE OF SET OF AttributeTypeAndValue). */
export function readName(name: Tlv, what: string): DistinguishedName {
  expectTag(name, TAG.SEQUENCE, what);
  const attributes: NameAttribute[] = [];
  children(name).forEach((set, rdn) => {
    expectTag(set, TAG.SET, `a part of ${what}`);
    for (const pair of children(set)) {
      const [type, value] = children(expectTag(pair, TAG.SEQUENCE, `an attribute of ${what}`));
      if (!value) throw new DerError(`an attribute of ${what} at byte ${pair.offset} has no value`);
      attributes.push({ oid: readOid(type), text: directoryString(value), der: value.bytes, rdn });
    }
  });
  // OpenSSL reverses the flat attribute list, so the attributes of a multi-valued RDN come out
  // reversed too; RFC 4514 leaves their order open, and matching OpenSSL keeps strings comparable.
  const parts: string[] = [];
  for (let i = attributes.length - 1; i >= 0; i--) {
    const attribute = attributes[i];
    const joiner = i === attributes.length - 1 ? '' : attributes[i + 1].rdn === attribute.rdn ? '+' : ',';
    parts.push(joiner + formatAttribute(attribute));
  }
  const commonNames = attributes.filter((a) => a.oid === COMMON_NAME && a.text !== undefined);
  return { text: parts.join(''), commonName: commonNames[commonNames.length - 1]?.text, attributes };
}

function formatAttribute(attribute: NameAttribute): string {
  const name = ATTRIBUTE_NAMES[attribute.oid];
  if (name === undefined || attribute.text === undefined) return `${name ?? attribute.oid}=#${hex(attribute.der)}`;
  return `${name}=${escapeValue(attribute.text)}`;
}

/** RFC 4514 section 2.4 escaping, the way OpenSSL applies it (control characters as \XX). */
function escapeValue(value: string): string {
  const chars = Array.from(value);
  return chars
    .map((c, i) => {
      const code = c.codePointAt(0)!;
      if (code < 0x20 || code === 0x7f) return `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
      if (',+"\\<>;'.includes(c)) return `\\${c}`;
      if (i === 0 && (c === '#' || c === ' ')) return `\\${c}`;
      if (i === chars.length - 1 && c === ' ') return `\\${c}`;
      return c;
    })
    .join('');
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');
const utf16be = new TextDecoder('utf-16be');

/** The text of an ASN.1 string type, or undefined for a value that is not one (printed as hex). */
export function directoryString(value: Tlv): string | undefined {
  const bytes = value.content;
  switch (value.tag) {
    case 0x0c: // UTF8String
      return utf8.decode(bytes);
    case 0x12: // NumericString
    case 0x13: // PrintableString
    case 0x14: // TeletexString: OpenSSL reads it byte by byte, as Latin-1
    case 0x16: // IA5String
    case 0x1a: // VisibleString
      return latin1.decode(bytes);
    case 0x1e: // BMPString
      return bytes.length % 2 === 0 ? utf16be.decode(bytes) : undefined;
    case 0x1c: {
      // UniversalString: UCS-4, big-endian
      if (bytes.length % 4 !== 0) return undefined;
      let text = '';
      for (let i = 0; i < bytes.length; i += 4) {
        const code = ((bytes[i] << 24) | (bytes[i + 1] << 16) | (bytes[i + 2] << 8) | bytes[i + 3]) >>> 0;
        if (code > 0x10ffff) return undefined;
        text += String.fromCodePoint(code);
      }
      return text;
    }
    default:
      return undefined;
  }
}

export interface GeneralNameValue {
  kind: 'dns' | 'ip' | 'uri' | 'email' | 'other';
  /** For 'other', already prefixed with its type: "dirName:CN=x", "RID:1.2.3", "otherName:1.3.6…". */
  value: string;
  /** The content octets of a DNS name, email, URI or IP address, as name constraints compare them. */
  bytes?: Uint8Array;
  /** A directory name, read. */
  directoryName?: DistinguishedName;
  /** The GeneralName CHOICE number: 1 email, 2 DNS, 4 directory name, 6 URI, 7 IP address, … */
  type?: number;
}

/** Reads one GeneralName (RFC 5280 4.2.1.6). */
export function readGeneralName(name: Tlv | undefined): GeneralNameValue {
  if (!name) throw new DerError('a general name is missing');
  return { ...generalNameOf(name), type: name.tag & 0x1f };
}

function generalNameOf(name: Tlv): GeneralNameValue {
  const ascii = () => latin1.decode(name.content);
  switch (name.tag) {
    case 0x82:
      return { kind: 'dns', value: ascii(), bytes: name.content };
    case 0x81:
      return { kind: 'email', value: ascii(), bytes: name.content };
    case 0x86:
      return { kind: 'uri', value: ascii(), bytes: name.content };
    case 0x87:
      return { kind: 'ip', value: formatIp(name.content), bytes: name.content };
    case 0xa4: {
      const [inner] = children(name);
      const directoryName = readName(inner, 'a directory name');
      return { kind: 'other', value: `dirName:${directoryName.text}`, directoryName };
    }
    case 0x88:
      return { kind: 'other', value: `RID:${readOid({ ...name, tag: TAG.OID })}` };
    case 0xa0: {
      const [type] = children(name);
      return { kind: 'other', value: `otherName:${readOid(type)}` };
    }
    case 0xa3:
      return { kind: 'other', value: 'x400Address' };
    case 0xa5:
      return { kind: 'other', value: 'ediPartyName' };
    default:
      throw new DerError(`the general name at byte ${name.offset} has an unknown type`);
  }
}

/** Reads a GeneralNames SEQUENCE. */
export function readGeneralNames(sequence: Tlv, what: string): GeneralNameValue[] {
  return children(expectTag(sequence, TAG.SEQUENCE, what)).map(readGeneralName);
}

/** "DNS:a.test", "IP:10.0.0.1", "URI:…", "email:…", or the other kinds' own prefix. */
export function formatGeneralName(name: GeneralNameValue): string {
  switch (name.kind) {
    case 'dns':
      return `DNS:${name.value}`;
    case 'ip':
      return `IP:${name.value}`;
    case 'uri':
      return `URI:${name.value}`;
    case 'email':
      return `email:${name.value}`;
    default:
      return name.value;
  }
}

/**
 * An IP address SAN: IPv4 dotted, IPv6 in RFC 5952's compressed lower-case form (what people
 * write in manifests). Name constraints carry address and mask: 8 or 32 bytes, shown as a prefix.
 */
export function formatIp(bytes: Uint8Array): string {
  if (bytes.length === 4) return Array.from(bytes).join('.');
  if (bytes.length === 16) return formatIpv6(bytes);
  if (bytes.length === 8 || bytes.length === 32) {
    const half = bytes.length / 2;
    return `${formatIp(bytes.subarray(0, half))}/${prefixLength(bytes.subarray(half))}`;
  }
  return `(${bytes.length}-byte address ${hex(bytes, ':')})`;
}

function formatIpv6(bytes: Uint8Array): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i] << 8) | bytes[i + 1]);
  // RFC 5952: the longest run of two or more zero groups (the first one on a tie) becomes "::".
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const text = (part: number[]) => part.map((g) => g.toString(16)).join(':');
  if (bestStart < 0) return text(groups);
  return `${text(groups.slice(0, bestStart))}::${text(groups.slice(bestStart + bestLength))}`;
}

/** The prefix length of a contiguous mask, or the mask itself when it is not contiguous. */
function prefixLength(mask: Uint8Array): string {
  let bits = 0;
  let ended = false;
  for (const byte of mask) {
    for (let bit = 7; bit >= 0; bit--) {
      const set = (byte >> bit) & 1;
      if (set && ended) return mask.length === 4 ? Array.from(mask).join('.') : formatIpv6(mask);
      if (set) bits++;
      else ended = true;
    }
  }
  return String(bits);
}
