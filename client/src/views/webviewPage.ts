import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

// What every page of ours shares. Colours come from the theme only (VS Code's CSS variables), so
// a view follows light, dark and high-contrast themes. No inline handlers, no remote content: the
// CSP allows our one bundled script and our one style block, both by nonce, and nothing else.
export const BASE_STYLE = `
  [hidden] { display: none !important; }
  body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); padding: 0 1.25rem 2rem; line-height: 1.45; }
  h1 { font-size: 1.5em; font-weight: 600; margin: 1rem 0 0.2rem; word-break: break-all; }
  h2 { font-size: 1.05em; font-weight: 600; margin: 1.4rem 0 0.4rem; padding-bottom: 0.2rem; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.6rem 0; }
  button { font-family: inherit; font-size: inherit; color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); border-radius: 2px; padding: 0.3rem 0.8rem; cursor: pointer; }
  button:hover { background: var(--vscode-button-hoverBackground); }
  button.secondary { color: var(--vscode-button-secondaryForeground); background: var(--vscode-button-secondaryBackground); }
  button.secondary:hover { background: var(--vscode-button-secondaryHoverBackground); }
  button:focus-visible { outline: 1px solid var(--vscode-focusBorder); outline-offset: 2px; }
  table { border-collapse: collapse; width: 100%; }
  td { padding: 0.2rem 0; vertical-align: top; overflow-wrap: anywhere; }
  td.mono { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  .tone-error { color: var(--vscode-errorForeground); }
  .tone-warning { color: var(--vscode-editorWarning-foreground); }
  .tone-ok { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
`;

export interface PageParts {
  title: string;
  /** The bundled script, under dist/webview. */
  script: vscode.Uri;
  /** The view's own rules, after BASE_STYLE. */
  style: string;
  body: string;
}

/** A complete page with a fresh nonce and our CSP. */
export function webviewPage(webview: vscode.Webview, parts: PageParts): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${parts.title}</title>
<style nonce="${nonce}">${BASE_STYLE}${parts.style}</style>
</head>
<body>
${parts.body}
<script nonce="${nonce}" src="${webview.asWebviewUri(parts.script)}"></script>
</body>
</html>`;
}
