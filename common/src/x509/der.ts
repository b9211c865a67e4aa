// A small strict DER reader. The library parses whole structures but says little about where
// they break; this reader lets us name the byte where input stops making sense, sniff what kind
// of object a headerless DER file holds, and read the few fields we render ourselves.

/** One DER element: its tag and where its header and content sit in the buffer it was read from. */
export interface Tlv {
  /** The identifier octet (class, constructed bit and tag number), e.g. 0x30 for SEQUENCE, 0xA0 for [0]. */
  tag: number;
  /** Offset of the identifier octet in the outermost buffer, for error messages. */
  offset: number;
  /** The whole element, header included. */
  bytes: Uint8Array;
  /** The content octets only. */
  content: Uint8Array;
}

export class DerError extends Error {}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

const TAG_NAMES: Record<number, string> = {
  0x01: 'BOOLEAN',
  0x02: 'INTEGER',
  0x03: 'BIT STRING',
  0x04: 'OCTET STRING',
  0x05: 'NULL',
  0x06: 'OBJECT IDENTIFIER',
  0x0c: 'UTF8String',
  0x13: 'PrintableString',
  0x16: 'IA5String',
  0x17: 'UTCTime',
  0x18: 'GeneralizedTime',
  0x30: 'SEQUENCE',
  0x31: 'SET',
};

/** A tag as a person reads it: "SEQUENCE", "[0]", "tag 0x4D". */
export function tagName(tag: number): string {
  if (TAG_NAMES[tag]) return TAG_NAMES[tag];
  if ((tag & 0xc0) === 0x80) return `[${tag & 0x1f}]`;
  return `tag 0x${tag.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Reads the element starting at `at` in `buffer`; `base` is the buffer's offset in the outermost input. */
export function readTlv(buffer: Uint8Array, at = 0, base = 0): Tlv {
  const where = base + at;
  if (at >= buffer.length) throw new DerError(`the data ends at byte ${where} where an element should start`);
  const tag = buffer[at];
  if ((tag & 0x1f) === 0x1f) throw new DerError(`the element at byte ${where} uses a multi-byte tag, which no certificate or key structure has`);
  if (at + 1 >= buffer.length) throw new DerError(`the element at byte ${where} is cut off before its length`);
  const first = buffer[at + 1];
  let length: number;
  let header = 2;
  if (first < 0x80) {
    length = first;
  } else if (first === 0x80) {
    throw new DerError(`the element at byte ${where} has an indefinite length (BER), which DER does not allow`);
  } else {
    const count = first & 0x7f;
    if (count > 4) throw new DerError(`the element at byte ${where} declares a ${count}-byte length, far larger than any real object`);
    if (at + 2 + count > buffer.length) throw new DerError(`the element at byte ${where} is cut off inside its length`);
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + buffer[at + 2 + i];
    header = 2 + count;
  }
  const end = at + header + length;
  if (end > buffer.length) {
    throw new DerError(
      `the ${tagName(tag)} at byte ${where} says it holds ${length} bytes but only ${buffer.length - at - header} follow: the data is truncated or a length byte is wrong`,
    );
  }
  return { tag, offset: where, bytes: buffer.subarray(at, end), content: buffer.subarray(at + header, end) };
}

/** Reads `buffer` as exactly one element, refusing bytes after it. */
export function readSingle(buffer: Uint8Array, what = 'the data'): Tlv {
  if (buffer.length === 0) throw new DerError(`${what} is empty`);
  const tlv = readTlv(buffer);
  if (tlv.bytes.length !== buffer.length) {
    throw new DerError(`${what} has ${buffer.length - tlv.bytes.length} stray bytes after its ${tagName(tlv.tag)} of ${tlv.bytes.length} bytes`);
  }
  return tlv;
}

/** The elements inside a constructed element (SEQUENCE, SET, [n] constructed). */
export function children(parent: Tlv | undefined): Tlv[] {
  if (!parent) throw new DerError('an element that should contain others is missing');
  if ((parent.tag & 0x20) === 0) throw new DerError(`the ${tagName(parent.tag)} at byte ${parent.offset} was expected to contain elements but is primitive`);
  const items: Tlv[] = [];
  const contentBase = parent.offset + (parent.bytes.length - parent.content.length);
  let at = 0;
  while (at < parent.content.length) {
    const item = readTlv(parent.content, at, contentBase);
    items.push(item);
    at += item.bytes.length;
  }
  return items;
}

/** Asserts the tag of an element, with a message naming what was expected. */
export function expectTag(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv) throw new DerError(`${what} is missing`);
  if (tlv.tag !== tag) throw new DerError(`${what} should be a ${tagName(tag)} but byte ${tlv.offset} starts a ${tagName(tlv.tag)}`);
  return tlv;
}

/** The dotted form of an OBJECT IDENTIFIER's content. */
export function readOid(tlv: Tlv): string {
  const bytes = expectTag(tlv, TAG.OID, 'an object identifier').content;
  if (bytes.length === 0) throw new DerError(`the object identifier at byte ${tlv.offset} is empty`);
  if (bytes[bytes.length - 1] & 0x80) throw new DerError(`the object identifier at byte ${tlv.offset} ends in the middle of a number`);
  // A number never starts with a 0x80 byte in DER (it would be a zero pad); OpenSSL refuses such an OID.
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x80 && (i === 0 || (bytes[i - 1] & 0x80) === 0))
      throw new DerError(`the object identifier at byte ${tlv.offset} pads a number with a leading 0x80 byte, which DER forbids`);
  }
  // Numbers up to 2^53 stay exact; longer arcs (UUID-based OIDs under 2.25) switch to BigInt.
  const arcs: Array<number | bigint> = [];
  let value: number | bigint = 0;
  for (const byte of bytes) {
    if (typeof value === 'number' && value >= 2 ** 45) value = BigInt(value);
    value = typeof value === 'number' ? value * 128 + (byte & 0x7f) : (value << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  const head = arcs[0];
  const first = head < 40 ? 0 : head < 80 ? 1 : 2;
  const second = typeof head === 'number' ? head - first * 40 : head - BigInt(first * 40);
  return [first, second, ...arcs.slice(1)].join('.');
}

/** Upper-case hex, optionally with a separator between bytes. */
export function hex(bytes: Uint8Array, separator = ''): string {
  const plain = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex').toUpperCase();
  return separator ? plain.replace(/(..)(?!$)/g, `$1${separator}`) : plain;
}

/** A BIT STRING's bits (the first content byte counts the unused trailing bits). */
export function readBitString(tlv: Tlv): { bits: Uint8Array; unused: number } {
  const content = expectTag(tlv, TAG.BIT_STRING, 'a bit string').content;
  if (content.length === 0 || content[0] > 7) throw new DerError(`the bit string at byte ${tlv.offset} is malformed`);
  return { bits: content.subarray(1), unused: content[0] };
}

/** An INTEGER's content octets, refused when empty or not in the shortest form (as OpenSSL refuses them). */
export function integerContent(tlv: Tlv, what: string): Uint8Array {
  const content = expectTag(tlv, TAG.INTEGER, what).content;
  if (content.length === 0) throw new DerError(`${what} at byte ${tlv.offset} is empty`);
  if (content.length > 1 && ((content[0] === 0 && (content[1] & 0x80) === 0) || (content[0] === 0xff && content[1] & 0x80))) {
    throw new DerError(`${what} at byte ${tlv.offset} is not in DER's shortest form (a redundant leading 0x${hex(content.subarray(0, 1))} byte)`);
  }
  return content;
}

/** A non-negative INTEGER small enough for a number. */
export function readSmallInteger(tlv: Tlv, what: string): number {
  const content = integerContent(tlv, what);
  if (content.length > 6 || content[0] & 0x80) throw new DerError(`${what} at byte ${tlv.offset} is not a small non-negative integer`);
  return content.reduce((n, b) => n * 256 + b, 0);
}

/** A BOOLEAN: exactly one content byte (OpenSSL refuses an empty or longer one); any non-zero byte is true. */
export function readBoolean(tlv: Tlv, what: string): boolean {
  const content = expectTag(tlv, TAG.BOOLEAN, what).content;
  if (content.length !== 1) throw new DerError(`${what} at byte ${tlv.offset} is a BOOLEAN of ${content.length} bytes; a BOOLEAN has exactly one`);
  return content[0] !== 0;
}

const UTC_TIME = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?(Z|[+-]\d{4})$/;
const GENERALIZED_TIME = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)?(?:[.,]\d+)?(Z|[+-]\d{4})$/;
/** RFC 5280 4.1.2.5's only forms, and the only ones `openssl verify` accepts (others fail with "format error"). */
const STRICT_UTC_TIME = /^\d{12}Z$/;
const STRICT_GENERALIZED_TIME = /^\d{14}Z$/;

export interface TimeValue {
  date: Date;
  /** Written as RFC 5280 asks: seconds, "Z", no fraction. */
  strict: boolean;
}

/**
 * A UTCTime or GeneralizedTime. Like `openssl x509` we read the forms without seconds or with an
 * offset that old certificates carry, and say whether it is in the strict form verifiers require.
 * The decoded view and chain verification both read times here, so they never disagree.
 */
export function readTime(tlv: Tlv | undefined, what: string): TimeValue {
  if (!tlv || (tlv.tag !== TAG.UTC_TIME && tlv.tag !== TAG.GENERALIZED_TIME)) {
    throw new DerError(`${what} should be a UTCTime or GeneralizedTime${tlv ? `, not a ${tagName(tlv.tag)} at byte ${tlv.offset}` : ''}`);
  }
  const text = latin1.decode(tlv.content);
  const utc = tlv.tag === TAG.UTC_TIME;
  const match = (utc ? UTC_TIME : GENERALIZED_TIME).exec(text);
  if (!match) throw new DerError(`${what} at byte ${tlv.offset} is not a valid time ("${text.slice(0, 20).replace(/[^\x20-\x7e]/g, '?')}")`);
  const [, yearText, month, day, hour, minute, second = '00', zone] = match;
  // UTCTime's two-digit years: 50–99 are 1950–1999 (RFC 5280 4.1.2.5.1).
  const year = utc ? Number(yearText) + (Number(yearText) >= 50 ? 1900 : 2000) : Number(yearText);
  const [m, d, h, min, s] = [month, day, hour, minute, second].map(Number);
  const zoneHours = zone === 'Z' ? 0 : Number(zone.slice(1, 3));
  const zoneMinutes = zone === 'Z' ? 0 : Number(zone.slice(3, 5));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(year, m) || h > 23 || min > 59 || s > 59 || zoneHours > 23 || zoneMinutes > 59) {
    throw new DerError(`${what} at byte ${tlv.offset} names a date that does not exist ("${text}")`);
  }
  const offsetMinutes = (zone[0] === '-' ? -1 : 1) * (zoneHours * 60 + zoneMinutes);
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written (0005 is year 5).
  const date = new Date(Date.UTC(2000, m - 1, d, h, min, s));
  date.setUTCFullYear(year);
  return { date: new Date(date.getTime() - offsetMinutes * 60_000), strict: (utc ? STRICT_UTC_TIME : STRICT_GENERALIZED_TIME).test(text) };
}

const latin1 = new TextDecoder('latin1');

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return [31, 0, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}
