import type * as vscode from 'vscode';
import { webviewPage } from './webviewPage';

// The decoded view's own rules; the shared ones (theme colours, buttons, tones) are in webviewPage.ts.
const STYLE = `
  #origin { color: var(--vscode-descriptionForeground); margin: 0; word-break: break-all; }
  #status { margin: 0.4rem 0 0.6rem; font-weight: 600; }
  #objects { display: flex; flex-direction: column; align-items: flex-start; gap: 0.25rem; }
  #objects h2 { align-self: stretch; }
  button.object { color: var(--vscode-foreground); background: transparent; border-color: transparent; text-align: left; padding: 0.15rem 0.5rem; }
  button.object:hover { background: var(--vscode-list-hoverBackground); }
  button.object[aria-current="true"] { color: var(--vscode-list-activeSelectionForeground); background: var(--vscode-list-activeSelectionBackground); outline: 1px dashed var(--vscode-contrastActiveBorder, transparent); }
  th { text-align: left; font-weight: normal; color: var(--vscode-descriptionForeground); vertical-align: top; padding: 0.2rem 1.25rem 0.2rem 0; width: 13rem; }
  #chain ol, #chain ul { margin: 0.3rem 0; padding-left: 1.5rem; }
  .chain-name { font-weight: 600; }
`;

const BODY = `<p id="empty" role="status" hidden></p>
<div id="content" hidden>
  <header>
    <h1 id="title"></h1>
    <p id="origin"></p>
    <p id="status" role="status"></p>
    <div class="actions">
      <button id="copy-sha256" type="button">Copy SHA-256 Fingerprint</button>
      <button id="copy-sha1" type="button" class="secondary">Copy SHA-1</button>
      <button id="reveal" type="button" class="secondary">Show in Editor</button>
    </div>
  </header>
  <nav id="objects" aria-label="Objects in this file" hidden></nav>
  <section id="chain" aria-label="Chain" hidden></section>
  <main id="details"></main>
</div>`;

/** The page of the decoded view; webview/src/certificate.ts fills it in. */
export function certificateHtml(webview: vscode.Webview, script: vscode.Uri): string {
  return webviewPage(webview, { title: 'Decoded certificate', script, style: STYLE, body: BODY });
}
