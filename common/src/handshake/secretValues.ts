// The certificates and keys a Kubernetes TLS Secret holds, as the handshake panel offers them:
// `tls.crt`, `tls.key` and `ca.crt` of `data` (base64) or `stringData` (text). A value is named by
// its manifest and a reference ("2/tls.key": the Secret's document and its key) and read again from
// the manifest for each run, so a key taken from a manifest lives in memory only.

import { isMap, isScalar, LineCounter, parseAllDocuments } from 'yaml';

export const SECRET_VALUE_KEYS = ['tls.crt', 'tls.key', 'ca.crt'] as const;
export type SecretValueKey = (typeof SECRET_VALUE_KEYS)[number];

export interface SecretValue {
  /** Zero-based document of the YAML stream holding the Secret. */
  document: number;
  /** "shop/cart-tls", or the bare name when the manifest names no namespace. */
  secret: string;
  key: SecretValueKey;
  /** Zero-based line of the value, for the picker's detail. */
  line: number;
  /** The decoded value: PEM text or DER as the Secret holds it. */
  bytes: Uint8Array;
}

/** The fragment a manifest's URI carries to name one of its Secret values. */
const FRAGMENT = /^secret-value=(\d+)\/(tls\.crt|tls\.key|ca\.crt)$/;

/** Cheap test before parsing: most manifests name no TLS value of a Secret. */
export function mayHoldSecretValues(text: string): boolean {
  return /\bkind:\s*["']?Secret\b/.test(text) && /\b(tls\.crt|tls\.key|ca\.crt)\b/.test(text);
}

/** Every TLS value of every Secret in a YAML stream; values that are not valid base64 are left out. */
export function secretValues(text: string): SecretValue[] {
  if (!mayHoldSecretValues(text)) return [];
  const found: SecretValue[] = [];
  const lineCounter = new LineCounter();
  parseAllDocuments(text, { lineCounter }).forEach((document, index) => {
    if (!('contents' in document) || !isMap(document.contents)) return;
    const root = document.contents;
    if (stringAt(root, 'kind') !== 'Secret') return;
    const metadata = root.get('metadata', true);
    const name = stringAt(metadata, 'name');
    const namespace = stringAt(metadata, 'namespace');
    if (name === undefined) return;
    const secret = typeof namespace === 'string' && namespace ? `${namespace}/${name}` : name;
    for (const [field, base64] of [
      ['stringData', false],
      ['data', true],
    ] as const) {
      const values = root.get(field, true);
      if (!isMap(values)) continue;
      for (const key of SECRET_VALUE_KEYS) {
        // stringData wins over data, as the API server merges them.
        if (found.some((v) => v.document === index && v.key === key)) continue;
        const node = values.get(key, true);
        if (!isScalar(node) || typeof node.value !== 'string') continue;
        const bytes = base64 ? decodeBase64(node.value) : new TextEncoder().encode(node.value);
        if (!bytes || bytes.length === 0) continue;
        found.push({ document: index, secret, key, line: lineCounter.linePos(node.range?.[0] ?? 0).line - 1, bytes });
      }
    }
  });
  return found;
}

/** The value a reference names, or undefined when the manifest no longer holds it. */
export function secretValueAt(text: string, fragment: string): SecretValue | undefined {
  const reference = secretValueReference(fragment);
  if (!reference) return undefined;
  return secretValues(text).find((v) => v.document === reference.document && v.key === reference.key);
}

/** The Secret value a URI fragment names, or undefined for any other fragment. */
export function secretValueReference(fragment: string): Pick<SecretValue, 'document' | 'key'> | undefined {
  const parsed = FRAGMENT.exec(fragment);
  return parsed ? { document: Number(parsed[1]), key: parsed[2] as SecretValueKey } : undefined;
}

export function secretValueFragment(value: Pick<SecretValue, 'document' | 'key'>): string {
  return `secret-value=${value.document}/${value.key}`;
}

/** "tls.crt of Secret shop/cart-tls in workloads/cart-tls-secret.yaml". */
export function describeSecretValue(value: Pick<SecretValue, 'secret' | 'key'>, manifestName: string): string {
  return `${value.key} of Secret ${value.secret} in ${manifestName}`;
}

/** A map's string value at a key, or undefined. */
function stringAt(map: unknown, key: string): string | undefined {
  if (!isMap(map)) return undefined;
  const value = map.get(key, true);
  return isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function decodeBase64(value: string): Uint8Array | undefined {
  const compact = value.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}
