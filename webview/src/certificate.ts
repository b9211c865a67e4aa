import type { CertificateView, CertificateViewToHost, HostToCertificateView } from '../../common/src/webview/certificateMessages';

interface VsCodeApi {
  postMessage(message: CertificateViewToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();

function render(view: CertificateView): void {
  document.getElementById('title')!.textContent = view.subject || '(empty subject)';
  const rows: Array<[string, string]> = [
    ['Source', view.source],
    ['Subject', view.subject],
    ['Issuer', view.issuer],
    ['Validity', view.validity],
    ['Not before', view.notBefore],
    ['Not after', view.notAfter],
    ['Serial number', view.serialNumber],
    ['Public key', view.publicKey],
    ['DNS names', view.dnsNames.join(', ') || '—'],
    ['URIs', view.uris.join(', ') || '—'],
    ['IP addresses', view.ipAddresses.join(', ') || '—'],
    ['SHA-256 fingerprint', view.sha256Fingerprint],
  ];
  const table = document.getElementById('fields')!;
  table.replaceChildren(
    ...rows.map(([name, value]) => {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      const td = document.createElement('td');
      th.textContent = name;
      td.textContent = value; // textContent, never innerHTML: certificate fields are attacker-controlled
      tr.append(th, td);
      return tr;
    }),
  );
}

window.addEventListener('message', (event: MessageEvent<HostToCertificateView>) => {
  const message = event.data;
  if (message && message.type === 'show' && typeof message.certificate === 'object' && message.certificate !== null) render(message.certificate);
});
document.getElementById('copy-fingerprint')!.addEventListener('click', () => vscode.postMessage({ type: 'copyFingerprint' }));
vscode.postMessage({ type: 'ready' });
