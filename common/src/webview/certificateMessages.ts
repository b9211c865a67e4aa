// Messages between the certificate details panel (webview) and the extension host. The host
// trusts nothing the webview sends: every message is checked with `parseCertificateViewMessage`.

/** A certificate summary as it crosses the webview boundary (dates as ISO strings). */
export interface CertificateView {
  source: string;
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  validity: string;
  publicKey: string;
  dnsNames: string[];
  uris: string[];
  ipAddresses: string[];
  sha256Fingerprint: string;
}

/** Host → webview. */
export type HostToCertificateView = { type: 'show'; certificate: CertificateView };

/** Webview → host. */
export type CertificateViewToHost =
  | { type: 'ready' }
  | { type: 'copyFingerprint' };

/** Returns the message when it is one the host accepts, otherwise undefined. */
export function parseCertificateViewMessage(value: unknown): CertificateViewToHost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const keys = Object.keys(value);
  const type = (value as { type?: unknown }).type;
  if (keys.length !== 1) return undefined;
  if (type === 'ready' || type === 'copyFingerprint') return { type };
  return undefined;
}
