import { atLeast } from '../../../../common/src/versions';
import type { ResourceView } from './resourceView';

// spec.literalSubject as cert-manager reads it (pkg/util/pki/subject.go): an RFC 4514 string whose
// attribute types are the short names below or dotted OIDs.

const ATTRIBUTE_TYPES = new Set(['C', 'O', 'OU', 'CN', 'SERIALNUMBER', 'L', 'ST', 'STREET', 'DC', 'UID']);
const OID = /^[0-2](\.(0|[1-9]\d*))+$/;
/**
 * The subject fields literalSubject replaces; the webhook refuses any of them beside it. Before
 * cert-manager 1.14 it let subject.serialNumber through (certificate.go, changed in c5d7f15a).
 */
const SUBJECT_FIELDS = ['organizations', 'countries', 'organizationalUnits', 'localities', 'provinces', 'streetAddresses', 'postalCodes'];

interface Attribute {
  type: string;
  value: string;
}

/** The attributes of an RFC 4514 string, or a reason it cannot be read. */
export function parseDistinguishedName(text: string): Attribute[] | string {
  const attributes: Attribute[] = [];
  let type: string | undefined;
  let current = '';
  let quoted = false;
  const finish = (): string | undefined => {
    if (type === undefined) return current.trim() === '' ? 'an attribute is empty' : `"${current.trim()}" has no "="`;
    attributes.push({ type: type.trim(), value: current.trim() });
    type = undefined;
    current = '';
    return undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const hex = /^[0-9A-Fa-f]{2}/.exec(text.slice(i + 1, i + 3));
      if (hex) {
        current += String.fromCharCode(parseInt(hex[0], 16));
        i += 2;
      } else if (i + 1 < text.length) {
        current += text[++i];
      } else {
        return 'it ends with a lone "\\"';
      }
    } else if (c === '"' && type !== undefined) {
      quoted = !quoted;
    } else if (quoted) {
      current += c;
    } else if (c === '=' && type === undefined) {
      type = current;
      current = '';
    } else if (c === ',' || c === '+' || c === ';') {
      const problem = finish();
      if (problem) return problem;
    } else {
      current += c;
    }
  }
  if (quoted) return 'a quote is not closed';
  const problem = finish();
  return problem ?? attributes;
}

/** Reports what the webhook refuses about literalSubject; returns its CN, if it has one. */
export function checkLiteralSubject(r: ResourceView, literal: string): string | undefined {
  if (r.has(['spec', 'commonName']))
    r.ctx.error(
      r.rangeOf(['spec', 'commonName']),
      'cert-manager-certificate',
      'commonName cannot be combined with literalSubject: write the CN inside literalSubject.',
    );
  const fields = atLeast(r.ctx.versions.certManager, '1.14') ? [...SUBJECT_FIELDS, 'serialNumber'] : SUBJECT_FIELDS;
  const written = fields.filter((field) => {
    const value = r.value(['spec', 'subject', field]);
    return (typeof value === 'string' && value !== '') || (Array.isArray(value) && value.length > 0);
  });
  for (const field of written) {
    const since = field === 'serialNumber' ? ' (refused since cert-manager 1.14)' : '';
    r.ctx.error(
      r.rangeOf(['spec', 'subject', field]),
      'cert-manager-certificate',
      `subject.${field} cannot be combined with literalSubject, which spells out the whole subject${since}.`,
    );
  }
  const attributes = parseDistinguishedName(literal);
  if (typeof attributes === 'string') {
    r.ctx.error(
      r.rangeOf(['spec', 'literalSubject']),
      'cert-manager-certificate',
      `literalSubject is not a distinguished name (like "CN=app,O=Example"): ${attributes}.`,
    );
    return undefined;
  }
  for (const { type } of attributes) {
    if (!ATTRIBUTE_TYPES.has(type.toUpperCase()) && !OID.test(type)) {
      r.ctx.error(
        r.rangeOf(['spec', 'literalSubject']),
        'cert-manager-certificate',
        `literalSubject has the attribute "${type}", which cert-manager does not know: use ${[...ATTRIBUTE_TYPES].join(', ')} or a dotted OID.`,
      );
    }
  }
  return attributes.find((a) => a.type.toUpperCase() === 'CN' || a.type === '2.5.4.3')?.value;
}
