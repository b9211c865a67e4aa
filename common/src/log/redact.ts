// What the extension writes to its log never holds key material, whatever the trace level: the
// LSP trace at `verbose` prints every message's parameters, and a document's text may be a
// private key (`tls-key.pem`, a Secret's `tls.key`, PEM pasted into notes). Logs are persisted
// and attached to bug reports, and a workspace can turn the trace on.

/** A JSON string property named `text`: how didOpen and didChange carry a document's contents. */
const TEXT_PROPERTY = /("text"\s*:\s*)"((?:[^"\\]|\\.)*)"/g;

/** A PEM private key, raw or inside a JSON string (its newlines written as `\n`). */
const PEM_PRIVATE_KEY = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY)-----[\s\S]*?(?:-----END \1-----|$)/g;

/**
 * Base64 of a PEM private key's BEGIN line, as a Secret's `data` holds it: "-----BEGIN " encodes to
 * `LS0tLS1CRUdJTi`, then the label. What follows is redacted up to the next character that
 * cannot be base64.
 */
const BASE64_PEM_PRIVATE_KEY = /LS0tLS1CRUdJTi[A-Za-z0-9+/=]*?(?:UFJJVkFURSBLRV|BSSVZBVEUgS0VZ|QUklWQVRFIEtFW)[A-Za-z0-9+/=]*/g;

/** The text with every document body and every private key replaced by a note of its size. */
export function redactSecrets(text: string): string {
  return text
    .replace(TEXT_PROPERTY, (_, property: string, body: string) => `${property}"<${body.length} characters of document text, not logged>"`)
    .replace(PEM_PRIVATE_KEY, (_, label: string) => `<${label} not logged>`)
    .replace(BASE64_PEM_PRIVATE_KEY, '<base64 private key not logged>');
}
