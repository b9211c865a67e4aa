// The handshake panel's form: the files it names (by role) and the fields a person types or
// picks, and how the fields become the engine's options. Pure, so the host's reading of what the
// page sent is unit-tested without VS Code.

import type { ServerMode, TlsVersion } from '../handshake/runHandshake';

export const FILE_ROLES = ['serverCert', 'serverKey', 'serverCa', 'clientCert', 'clientKey', 'clientCa'] as const;
export type FileRole = (typeof FILE_ROLES)[number];

export const ROLE_NAMES: Record<FileRole, string> = {
  serverCert: 'server certificate',
  serverKey: 'server key',
  serverCa: 'CA bundle the server trusts',
  clientCert: 'client certificate',
  clientKey: 'client key',
  clientCa: 'CA bundle the client trusts',
};

/** A file the user chose, as the page shows it: its URI and name, and what it holds in words. */
export interface ChosenFile {
  uri: string;
  /** As the workspace names it: "certs/web-chain.pem". */
  name: string;
  /** "web.shop.svc · expires in 60 days", "Private key · ECDSA P-256". */
  summary: string;
}

export type ChosenFiles = Partial<Record<FileRole, ChosenFile>>;

/** The server's mode, or a plaintext client (against a server requiring mTLS, as the CLI does). */
export type PanelMode = ServerMode | 'plaintext';
export const PANEL_MODES: readonly PanelMode[] = ['required', 'optional', 'tls', 'plaintext'];
/** '' leaves the bound to Node's default. */
export type VersionChoice = '' | TlsVersion;
export const VERSION_CHOICES: readonly VersionChoice[] = ['', 'TLSv1.2', 'TLSv1.3'];

export interface HandshakeFields {
  mode: PanelMode;
  serverMin: VersionChoice;
  serverMax: VersionChoice;
  clientMin: VersionChoice;
  clientMax: VersionChoice;
  /** DNS name, IP or SPIFFE ID the client expects of the server; '' checks no name. */
  expectServerName: string;
  /** Comma-separated SPIFFE IDs or Istio principals; '' lets any verified client in. */
  allowClients: string;
  /** host:port for "Test a Running Endpoint". */
  endpoint: string;
}

export const DEFAULT_FIELDS: HandshakeFields = {
  mode: 'required',
  serverMin: '',
  serverMax: '',
  clientMin: '',
  clientMax: '',
  expectServerName: '',
  allowClients: '',
  endpoint: '127.0.0.1:8443',
};

export function versionRange(min: VersionChoice, max: VersionChoice): { min?: TlsVersion; max?: TlsVersion } {
  return { ...(min ? { min } : {}), ...(max ? { max } : {}) };
}

/** The allowed identities, one per comma (or line); blanks dropped. */
export function allowList(text: string): string[] | undefined {
  const list = text
    .split(/[,\n]/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  return list.length ? list : undefined;
}

export type Endpoint = { host: string; port: number } | { problem: string };

/** "host:port", "[::1]:8443" or a bare port (loopback). */
export function parseEndpoint(text: string): Endpoint {
  const value = text.trim();
  const bare = /^(\d{1,5})$/.exec(value);
  const match = bare ? ['', '127.0.0.1', bare[1]] : (/^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(value) ?? /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(value));
  if (!match) return { problem: `"${value}" is not host:port (for example 127.0.0.1:8443).` };
  const port = Number(match[2]);
  if (port < 1 || port > 65535) return { problem: `${port} is not a TCP port (1 to 65535).` };
  return { host: match[1], port };
}
