// A small DER writer for the certificates we mint. The x509 library builds a certificate in about
// 6 ms through its schema layer; these few encoders do it in a few hundredths of that, which is
// what makes a hundred workload certificates a sub-second job. der.ts reads what this writes, and
// the tests have openssl read it too.

import { TAG } from '../x509/der';

/** An element: tag, definite length, content. */
export function element(tag: number, ...content: Uint8Array[]): Uint8Array {
  const length = content.reduce((sum, part) => sum + part.length, 0);
  const header = lengthOctets(length);
  const out = new Uint8Array(1 + header.length + length);
  out[0] = tag;
  out.set(header, 1);
  let at = 1 + header.length;
  for (const part of content) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function lengthOctets(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

export const sequence = (...content: Uint8Array[]) => element(TAG.SEQUENCE, ...content);
export const set = (...content: Uint8Array[]) => element(TAG.SET, ...content);
export const octetString = (bytes: Uint8Array) => element(TAG.OCTET_STRING, bytes);
export const nullValue = () => element(TAG.NULL);
export const boolean = (value: boolean) => element(TAG.BOOLEAN, Uint8Array.of(value ? 0xff : 0));
export const utf8String = (text: string) => element(TAG.UTF8_STRING, new TextEncoder().encode(text));
export const ia5String = (text: string) => element(0x16, new TextEncoder().encode(text));
/** `[n]` EXPLICIT (constructed) around the given elements. */
export const explicit = (n: number, ...content: Uint8Array[]) => element(0xa0 | n, ...content);
/** `[n]` IMPLICIT of a primitive type: the content octets under a context tag. */
export const implicit = (n: number, content: Uint8Array) => element(0x80 | n, content);
/** `[n]` IMPLICIT of a constructed type (a SEQUENCE under a context tag). */
export const implicitConstructed = (n: number, ...content: Uint8Array[]) => element(0xa0 | n, ...content);

/** A non-negative INTEGER from its big-endian magnitude: leading zeros dropped, a 0x00 added when the top bit is set. */
export function unsignedInteger(magnitude: Uint8Array): Uint8Array {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start++;
  const trimmed = magnitude.subarray(start);
  return trimmed.length === 0
    ? element(TAG.INTEGER, Uint8Array.of(0))
    : trimmed[0] & 0x80
      ? element(TAG.INTEGER, Uint8Array.of(0), trimmed)
      : element(TAG.INTEGER, trimmed);
}

export function smallInteger(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a small non-negative integer: ${value}`);
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return unsignedInteger(Uint8Array.from(bytes));
}

export function objectIdentifier(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  if (arcs.length < 2 || arcs.some((arc) => !Number.isSafeInteger(arc) || arc < 0)) throw new RangeError(`not an OID: ${dotted}`);
  const out: number[] = [];
  const push = (value: number) => {
    const septets = [value & 0x7f];
    for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128)) septets.unshift((rest & 0x7f) | 0x80);
    out.push(...septets);
  };
  push(arcs[0] * 40 + arcs[1]);
  for (const arc of arcs.slice(2)) push(arc);
  return element(TAG.OID, Uint8Array.from(out));
}

/** A BIT STRING of whole bytes (keys, signatures). */
export const bitString = (bytes: Uint8Array) => element(TAG.BIT_STRING, Uint8Array.of(0), bytes);

/**
 * A named-bit BIT STRING (keyUsage): bit 0 is the most significant bit of the first byte, and
 * DER drops trailing zero bits, counting them in the unused-bits octet.
 */
export function namedBits(bits: number[]): Uint8Array {
  if (bits.length === 0) return element(TAG.BIT_STRING, Uint8Array.of(0));
  const highest = Math.max(...bits);
  const bytes = new Uint8Array(Math.floor(highest / 8) + 1);
  for (const bit of bits) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  const unused = 7 - (highest & 7);
  return element(TAG.BIT_STRING, Uint8Array.of(unused), bytes);
}

/** RFC 5280: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, Zulu. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  if (year < 1950 || year > 9999) throw new RangeError(`a certificate date must fall between 1950 and 9999, not ${year}`);
  return year < 2050 ? element(TAG.UTC_TIME, new TextEncoder().encode(digits.slice(2))) : element(TAG.GENERALIZED_TIME, new TextEncoder().encode(digits));
}
