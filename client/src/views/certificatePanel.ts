import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { CertificateSummary } from '../../../common/src/x509/certificate';
import { describeValidity } from '../../../common/src/time/validityPhrase';
import { parseCertificateViewMessage, type CertificateView, type HostToCertificateView } from '../../../common/src/webview/certificateMessages';

/** The certificate details webview: one panel, reused for each certificate the user decodes. */
export class CertificatePanel {
  static readonly viewType = 'meshMtls.certificate';
  private static current: CertificatePanel | undefined;
  private view: CertificateView;

  static show(extensionUri: vscode.Uri, summary: CertificateSummary, source: string): void {
    const view = toView(summary, source);
    if (CertificatePanel.current) {
      CertificatePanel.current.update(view);
      return;
    }
    CertificatePanel.current = new CertificatePanel(extensionUri, view);
  }

  private readonly panel: vscode.WebviewPanel;

  private constructor(extensionUri: vscode.Uri, view: CertificateView) {
    this.view = view;
    const scripts = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    this.panel = vscode.window.createWebviewPanel(CertificatePanel.viewType, title(view), vscode.ViewColumn.Beside, {
      enableScripts: true,
      localResourceRoots: [scripts],
    });
    this.panel.webview.html = html(this.panel.webview, vscode.Uri.joinPath(scripts, 'certificate.js'));
    this.panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
    this.panel.onDidDispose(() => (CertificatePanel.current = undefined));
  }

  private update(view: CertificateView): void {
    this.view = view;
    this.panel.title = title(view);
    this.post({ type: 'show', certificate: view });
    this.panel.reveal(undefined, true);
  }

  private receive(raw: unknown): void {
    const message = parseCertificateViewMessage(raw);
    if (!message) return; // not ours: a webview message is untrusted input
    switch (message.type) {
      case 'ready':
        this.post({ type: 'show', certificate: this.view });
        return;
      case 'copyFingerprint':
        void vscode.env.clipboard.writeText(this.view.sha256Fingerprint);
        void vscode.window.setStatusBarMessage('SHA-256 fingerprint copied', 3000);
        return;
    }
  }

  private post(message: HostToCertificateView): void {
    void this.panel.webview.postMessage(message);
  }
}

function title(view: CertificateView): string {
  return `Certificate: ${view.subject || view.source}`;
}

function toView(summary: CertificateSummary, source: string): CertificateView {
  return {
    source,
    subject: summary.subject,
    issuer: summary.issuer,
    serialNumber: summary.serialNumber,
    notBefore: summary.notBefore.toISOString(),
    notAfter: summary.notAfter.toISOString(),
    validity: describeValidity(summary.notBefore, summary.notAfter, new Date()),
    publicKey: summary.publicKey,
    dnsNames: summary.dnsNames,
    uris: summary.uris,
    ipAddresses: summary.ipAddresses,
    sha256Fingerprint: summary.sha256Fingerprint,
  };
}

function html(webview: vscode.Webview, script: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1rem; }
  table { border-collapse: collapse; }
  th { text-align: left; padding: 0.25rem 1rem 0.25rem 0; color: var(--vscode-descriptionForeground); font-weight: normal; vertical-align: top; }
  td { padding: 0.25rem 0; font-family: var(--vscode-editor-font-family); word-break: break-all; }
  button { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: none; padding: 0.3rem 0.8rem; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
</style>
</head>
<body>
<h2 id="title">Certificate</h2>
<table id="fields"></table>
<p><button id="copy-fingerprint" type="button">Copy SHA-256 Fingerprint</button></p>
<script nonce="${nonce}" src="${webview.asWebviewUri(script)}"></script>
</body>
</html>`;
}
