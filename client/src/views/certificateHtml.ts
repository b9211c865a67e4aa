import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

// Colours come from the theme only (VS Code's CSS variables), so the view follows light, dark
// and high-contrast themes. No inline handlers, no remote content: the CSP allows our one script
// and this one style block, both by nonce.
const STYLE = `
  [hidden] { display: none !important; }
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.25rem 2rem; line-height: 1.45; }
  h1 { font-size: 1.5em; font-weight: 600; margin: 1rem 0 0.2rem; word-break: break-all; }
  h2 { font-size: 1.05em; font-weight: 600; margin: 1.4rem 0 0.4rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  #origin { color: var(--vscode-descriptionForeground); margin: 0; word-break: break-all; }
  #status { margin: 0.4rem 0 0.6rem; font-weight: 600; }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.6rem 0; }
  button { font-family: inherit; font-size: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 0.3rem 0.8rem; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
  button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
  #objects { display: flex; flex-direction: column; align-items: flex-start; gap: 0.25rem; }
  #objects h2 { align-self: stretch; }
  button.object { color: var(--vscode-foreground); background: transparent; border-color: transparent; text-align: left; padding: 0.15rem 0.5rem; }
  button.object:hover { background: var(--vscode-list-hoverBackground); }
  button.object[aria-current="true"] { color: var(--vscode-list-activeSelectionForeground); background: var(--vscode-list-activeSelectionBackground); outline: 1px dashed var(--vscode-contrastActiveBorder, transparent); }
  table { border-collapse: collapse; width: 100%; }
  th { text-align: left; font-weight: normal; color: var(--vscode-descriptionForeground); vertical-align: top; padding: 0.2rem 1.25rem 0.2rem 0; width: 13rem; }
  td { padding: 0.2rem 0; vertical-align: top; overflow-wrap: anywhere; }
  td.mono { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  #chain ol, #chain ul { margin: 0.3rem 0; padding-left: 1.5rem; }
  .chain-name { font-weight: 600; }
  .tone-error { color: var(--vscode-errorForeground); }
  .tone-warning { color: var(--vscode-editorWarning-foreground); }
  .tone-ok { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
`;

/** The page of the decoded view; webview/src/certificate.ts fills it in. */
export function certificateHtml(webview: vscode.Webview, script: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `style-src 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Decoded certificate</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<p id="empty" role="status" hidden></p>
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
</div>
<script nonce="${nonce}" src="${webview.asWebviewUri(script)}"></script>
</body>
</html>`;
}
