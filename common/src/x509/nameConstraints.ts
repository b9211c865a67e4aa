// RFC 5280 name constraints (4.2.1.10), checked the way OpenSSL 3 checks them (NAME_CONSTRAINTS_check
// and NAME_CONSTRAINTS_check_CN in crypto/x509/v3_ncons.c), so Verify Chain refuses exactly the
// certificates `openssl verify` refuses with "permitted subtree violation" and its neighbours.
import type { NameSubtree, NameSubtrees } from './extensions';
import type { NameConstraintFailure } from './model';
import { formatGeneralName, type GeneralNameValue } from './names';
import { rdnKeys, type ParsedCertificate } from './parsed';

export interface NameConstraintViolation {
  failure: NameConstraintFailure;
  /** The offending name as "DNS:a.test", "CN=a.test", "dirName:…". */
  name: string;
}

const DIRECTORY_NAME = 4;
const DNS = 2;
const EMAIL = 1;
const URI = 6;
const IP = 7;
const EMAIL_ADDRESS = '1.2.840.113549.1.9.1';
const COMMON_NAME = '2.5.4.3';
const IA5_STRING = 0x16;

const latin1 = new TextDecoder('latin1');
const utf8 = new TextEncoder();

type Outcome = 'match' | 'no match' | NameConstraintFailure;

/**
 * The first name of `certificate` that `constraints` refuse: its subject (as a directory name),
 * the emailAddress attributes of its subject, its SANs, and for the end certificate without a DNS
 * SAN each CN that looks like a host name.
 */
export function nameConstraintViolation(certificate: ParsedCertificate, constraints: NameSubtrees, isLeaf: boolean): NameConstraintViolation | undefined {
  const candidates: Array<{ name: GeneralNameValue; shown: string } | { failure: NameConstraintFailure; shown: string }> = [];
  const subject = certificate.subjectName;
  if (subject.attributes.length > 0) {
    candidates.push({
      name: { kind: 'other', value: `dirName:${subject.text}`, directoryName: subject, type: DIRECTORY_NAME },
      shown: `the subject ${subject.text}`,
    });
    for (const attribute of subject.attributes.filter((a) => a.oid === EMAIL_ADDRESS)) {
      // The value's tag is the first byte of its DER; OpenSSL reads only IA5String addresses.
      const shown = `emailAddress=${attribute.text ?? ''}`;
      if (attribute.der[0] !== IA5_STRING || attribute.text === undefined) candidates.push({ failure: 'unreadable name', shown });
      else candidates.push({ name: { kind: 'email', value: attribute.text, bytes: utf8.encode(attribute.text), type: EMAIL }, shown });
    }
  }
  for (const name of certificate.altNames) candidates.push({ name, shown: formatGeneralName(name) });
  if (isLeaf && !certificate.altNames.some((n) => n.type === DNS)) {
    for (const attribute of subject.attributes.filter((a) => a.oid === COMMON_NAME && a.text !== undefined)) {
      const host = hostLikeCommonName(attribute.text!);
      if (host === null) candidates.push({ failure: 'unreadable name', shown: `CN=${attribute.text}` });
      else if (host) candidates.push({ name: { kind: 'dns', value: host, bytes: utf8.encode(host), type: DNS }, shown: `CN=${host}` });
    }
  }
  for (const candidate of candidates) {
    const outcome = 'failure' in candidate ? candidate.failure : check(candidate.name, constraints);
    if (outcome !== 'match') return { failure: outcome === 'no match' ? 'outside permitted names' : outcome, name: candidate.shown };
  }
  return undefined;
}

/** OpenSSL's nc_match: one permitted subtree of the name's type must match, when there are any; no excluded one may. */
function check(name: GeneralNameValue, constraints: NameSubtrees): Outcome {
  const sameType = (subtree: NameSubtree) => subtree.base.type === name.type;
  let permittedSeen = false;
  let permittedMatched = false;
  for (const subtree of constraints.permitted.filter(sameType)) {
    if (subtree.bounded) return 'constraint with bounds';
    if (permittedMatched) continue;
    permittedSeen = true;
    const outcome = matches(name, subtree.base);
    if (outcome === 'match') permittedMatched = true;
    else if (outcome !== 'no match') return outcome;
  }
  if (permittedSeen && !permittedMatched) return 'no match';
  for (const subtree of constraints.excluded.filter(sameType)) {
    if (subtree.bounded) return 'constraint with bounds';
    const outcome = matches(name, subtree.base);
    if (outcome === 'match') return 'excluded name';
    if (outcome !== 'no match') return outcome;
  }
  return 'match';
}

function matches(name: GeneralNameValue, base: GeneralNameValue): Outcome {
  switch (name.type) {
    case DIRECTORY_NAME:
      return directoryNameMatches(name, base);
    case DNS:
      return dnsMatches(text(name), text(base));
    case EMAIL:
      return emailMatches(text(name), text(base));
    case URI:
      return uriMatches(text(name), text(base));
    case IP:
      return ipMatches(name.bytes ?? new Uint8Array(), base.bytes ?? new Uint8Array());
    default:
      return 'unsupported constraint';
  }
}

function text(name: GeneralNameValue): string {
  return name.bytes ? latin1.decode(name.bytes) : name.value;
}

const lower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());
const sameIgnoringCase = (a: string, b: string) => a.length === b.length && lower(a) === lower(b);

/** The constraint's RDNs, compared as OpenSSL canonicalises them, start the name. */
function directoryNameMatches(name: GeneralNameValue, base: GeneralNameValue): Outcome {
  if (!name.directoryName || !base.directoryName) return 'no match';
  const ours = rdnKeys(name.directoryName);
  const theirs = rdnKeys(base.directoryName);
  return theirs.length <= ours.length && theirs.every((rdn, i) => rdn === ours[i]) ? 'match' : 'no match';
}

/** "shop.test" covers itself and every name below it; ".shop.test" only the names below it; "" everything. */
function dnsMatches(dns: string, base: string): Outcome {
  if (base.length === 0) return 'match';
  if (dns.length < base.length) return 'no match';
  const tail = dns.slice(dns.length - base.length);
  if (dns.length > base.length && base[0] !== '.' && dns[dns.length - base.length - 1] !== '.') return 'no match';
  return sameIgnoringCase(tail, base) ? 'match' : 'no match';
}

/** "a@shop.test" one mailbox (local part case-sensitive), "shop.test" its host, ".shop.test" hosts below it. */
function emailMatches(email: string, base: string): Outcome {
  const at = email.lastIndexOf('@');
  if (at < 0) return 'unreadable name';
  const baseAt = base.lastIndexOf('@');
  if (baseAt < 0 && base.startsWith('.'))
    return email.length > base.length && sameIgnoringCase(email.slice(email.length - base.length), base) ? 'match' : 'no match';
  if (baseAt > 0) {
    if (baseAt !== at) return 'no match';
    if (base.slice(0, baseAt).includes('\0') || email.slice(0, at).includes('\0')) return 'unreadable name';
    if (base.slice(0, baseAt) !== email.slice(0, at)) return 'no match';
  }
  return sameIgnoringCase(email.slice(at + 1), base.slice(baseAt + 1)) ? 'match' : 'no match';
}

/** The host of scheme://host[:port][/…] against "shop.test" (that host) or ".shop.test" (hosts below it). */
function uriMatches(uri: string, base: string): Outcome {
  const colon = uri.indexOf(':');
  if (colon < 1 || uri.slice(colon + 1, colon + 3) !== '//') return 'unreadable name';
  const rest = uri.slice(colon + 3);
  // Like OpenSSL: the host ends at the first ':' anywhere after it, else at the first '/'.
  let end = rest.indexOf(':');
  if (end < 0) end = rest.indexOf('/');
  const host = end < 0 ? rest : rest.slice(0, end);
  if (host.length === 0) return 'unreadable name';
  if (base.startsWith('.')) return host.length > base.length && sameIgnoringCase(host.slice(host.length - base.length), base) ? 'match' : 'no match';
  return sameIgnoringCase(host, base) ? 'match' : 'no match';
}

/** An address against address-and-mask; IPv4 never matches an IPv6 range. */
function ipMatches(ip: Uint8Array, base: Uint8Array): Outcome {
  if (ip.length !== 4 && ip.length !== 16) return 'unreadable name';
  if (base.length !== 8 && base.length !== 32) return 'unreadable name';
  if (ip.length * 2 !== base.length) return 'no match';
  for (let i = 0; i < ip.length; i++) if ((ip[i] & base[ip.length + i]) !== (base[i] & base[ip.length + i])) return 'no match';
  return 'match';
}

/**
 * OpenSSL's cn2dnsid: a CN counts as a host name when it has two or more labels of letters, digits,
 * '_' and inner '-'. Returns '' when it does not look like one, null when it holds a NUL.
 */
function hostLikeCommonName(cn: string): string | null {
  const value = cn.replace(/\0+$/, '');
  if (value.includes('\0')) return null;
  const bytes = utf8.encode(value);
  let dotted = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = String.fromCharCode(bytes[i]);
    if (/[A-Za-z0-9_]/.test(c)) continue;
    if (i > 0 && i < bytes.length - 1) {
      if (c === '-') continue;
      if (c === '.' && bytes[i + 1] !== 0x2e && bytes[i - 1] !== 0x2d && bytes[i + 1] !== 0x2d) {
        dotted = true;
        continue;
      }
    }
    return '';
  }
  return dotted ? value : '';
}
