// What Restricted Mode turns off, and how it says so: commands that write keys or open sockets.
// Pure (no vscode), so the words are unit-tested against package.json.

const WRITES_KEYS = 'it writes private keys into the workspace';
const OPENS_SOCKETS = 'it opens network sockets';

/** Each command that needs a trusted workspace: its title (as package.nls.json has it) and why. */
export const NEEDS_TRUST: Record<string, { title: string; reason: string }> = {
  'meshMtls.openHandshakeTest': { title: 'Open mTLS Handshake Test', reason: OPENS_SOCKETS },
  'meshMtls.createDevCa': { title: 'Create Dev CA…', reason: WRITES_KEYS },
  'meshMtls.issueCertificate': { title: 'Issue Certificate…', reason: WRITES_KEYS },
  'meshMtls.exportIstioPluginCa': { title: 'Export for Istio Plug-in CA…', reason: WRITES_KEYS },
  'meshMtls.exportLinkerdIdentity': { title: 'Export for Linkerd Identity…', reason: WRITES_KEYS },
  'meshMtls.exportTlsSecret': { title: 'Export as Kubernetes TLS Secret…', reason: WRITES_KEYS },
  'meshMtls.exportCertManagerIssuer': { title: 'Export as cert-manager CA Issuer…', reason: WRITES_KEYS },
};

/** What an untrusted workspace is told when it runs `command`. */
export function restrictedMessage(command: string): string {
  const { title, reason } = NEEDS_TRUST[command];
  return `Mesh mTLS: ${title.replace(/…$/, '')} is off in Restricted Mode, since ${reason}. Trust this workspace to use it.`;
}
