import type * as vscode from 'vscode';
import { ROLE_NAMES, type FileRole } from '../../../common/src/webview/handshakeForm';
import { webviewPage } from './webviewPage';

// The handshake panel's page: the form (files by role, mode, versions, names), the buttons, and
// the places results go; webview/src/handshake.ts fills them in. Ids, classes and data attributes
// here are what the UI test reads, so they are kept stable.

const STYLE = `
  .intro { color: var(--vscode-descriptionForeground); margin: 0 0 0.8rem; max-width: 60rem; }
  .sides { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0.8rem 1.5rem; }
  fieldset { border: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); border-radius: 3px; padding: 0.5rem 0.8rem 0.7rem; margin: 0; min-width: 0; }
  legend { font-weight: 600; padding: 0 0.3rem; }
  .file { display: grid; grid-template-columns: 9.5rem 1fr auto auto; gap: 0.4rem; align-items: center; margin: 0.3rem 0; }
  .file-label { color: var(--vscode-descriptionForeground); }
  .file-value { min-width: 0; overflow-wrap: anywhere; }
  .file-name { font-family: var(--vscode-editor-font-family); }
  .file-summary { display: block; color: var(--vscode-descriptionForeground); font-size: 0.92em; }
  .file-value.none { color: var(--vscode-disabledForeground, var(--vscode-descriptionForeground)); font-style: italic; }
  .field { display: grid; grid-template-columns: 9.5rem 1fr; gap: 0.4rem; align-items: center; margin: 0.35rem 0; }
  .versions { display: flex; gap: 0.4rem; flex-wrap: wrap; align-items: center; }
  input, select { font-family: inherit; font-size: inherit; color: var(--vscode-input-foreground); background: var(--vscode-input-background); border: 1px solid var(--vscode-input-border, var(--vscode-widget-border, transparent)); border-radius: 2px; padding: 0.2rem 0.35rem; min-width: 0; }
  select { color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border-color: var(--vscode-dropdown-border, transparent); }
  input:focus, select:focus { outline: 1px solid var(--vscode-focusBorder); outline-offset: -1px; }
  input::placeholder { color: var(--vscode-input-placeholderForeground); }
  button.small { padding: 0.1rem 0.55rem; }
  button:disabled { opacity: 0.5; cursor: default; }
  .endpoint { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
  #status { margin: 0.6rem 0; font-weight: 600; min-height: 1.4em; }
  #verdict { font-size: 1.15em; font-weight: 600; margin: 0.8rem 0 0.3rem; }
  .failure { border-left: 3px solid var(--vscode-errorForeground); background: var(--vscode-inputValidation-errorBackground, transparent); padding: 0.45rem 0.8rem; margin: 0.6rem 0; }
  .failure p { margin: 0.2rem 0; }
  .failure .label { font-weight: 600; }
  .facts { color: var(--vscode-descriptionForeground); margin: 0.3rem 0; }
  th { text-align: left; font-weight: 600; padding: 0.25rem 1rem 0.25rem 0; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); }
  td { padding: 0.25rem 1rem 0.25rem 0; border-bottom: 1px solid var(--vscode-panel-border, transparent); }
  td.ms, th.ms { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
  td.outcome, td.verdict { white-space: nowrap; font-weight: 600; }
  .outcome-pass, .as-expected-true { color: var(--vscode-testing-iconPassed, var(--vscode-foreground)); }
  .outcome-fail, .as-expected-false { color: var(--vscode-testing-iconFailed, var(--vscode-errorForeground)); }
  .outcome-skip { color: var(--vscode-descriptionForeground); }
  .chains { display: grid; grid-template-columns: repeat(auto-fit, minmax(22rem, 1fr)); gap: 0 1.5rem; }
  .chains ol { margin: 0.3rem 0; padding-left: 1.5rem; }
  .chains li { margin: 0.25rem 0; }
  .chain-name { font-weight: 600; overflow-wrap: anywhere; }
  .chain-facts { display: block; color: var(--vscode-descriptionForeground); }
  details { margin: 1rem 0; }
  summary { cursor: pointer; font-weight: 600; }
  summary:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
  #wire td { font-family: var(--vscode-editor-font-family); font-size: var(--vscode-editor-font-size); }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

function fileRow(role: FileRole, label: string): string {
  return `<div class="file" data-role="${role}" data-chosen="false">
      <span class="file-label" id="label-${role}">${label}</span>
      <span class="file-value none" id="file-${role}" aria-labelledby="label-${role}" aria-live="polite">none</span>
      <button type="button" class="small secondary pick" id="pick-${role}" data-role="${role}" aria-label="Choose the ${ROLE_NAMES[role]}">Choose…</button>
      <button type="button" class="small secondary clear" id="clear-${role}" data-role="${role}" aria-label="Clear the ${ROLE_NAMES[role]}">Clear</button>
    </div>`;
}

function versionSelect(id: string, label: string): string {
  return `<label for="${id}" class="visually-hidden">${label}</label><select id="${id}"><option value="">default</option><option value="TLSv1.2">TLS 1.2</option><option value="TLSv1.3">TLS 1.3</option></select>`;
}

function side(prefix: 'server' | 'client', title: string): string {
  return `<fieldset id="${prefix}-side">
    <legend>${title}</legend>
    ${fileRow(`${prefix}Cert`, 'Certificate')}
    ${fileRow(`${prefix}Key`, 'Private key')}
    ${fileRow(`${prefix}Ca`, 'Trusted CA bundle')}
    <div class="field"><span class="file-label">TLS versions</span><span class="versions">${versionSelect(`${prefix}Min`, `Lowest TLS version the ${prefix} accepts`)} to ${versionSelect(`${prefix}Max`, `Highest TLS version the ${prefix} accepts`)}</span></div>
  </fieldset>`;
}

const BODY = `<h1>mTLS Handshake Test</h1>
<p class="intro">A TLS server on 127.0.0.1 and a client, both in VS Code, complete (or fail) a mutual-TLS handshake with the files below; each step is shown and any failure is explained with its fix. Keys stay in the extension host: this page only sees file names.</p>
<form id="form" autocomplete="off">
  <div class="sides">
    ${side('server', 'Server')}
    ${side('client', 'Client')}
  </div>
  <fieldset id="policy">
    <legend>Policy</legend>
    <div class="field"><label for="mode">Mode</label><select id="mode">
      <option value="required">mTLS required (STRICT)</option>
      <option value="optional">mTLS optional (PERMISSIVE)</option>
      <option value="tls">One-way TLS (no client certificate asked)</option>
      <option value="plaintext">Plaintext client against mTLS required</option>
    </select></div>
    <div class="field"><label for="expectServerName">Expected server name</label><input id="expectServerName" type="text" spellcheck="false" placeholder="web.shop.svc or spiffe://cluster.local/ns/shop/sa/web"></div>
    <div class="field"><label for="allowClients">Allowed client identities</label><input id="allowClients" type="text" spellcheck="false" placeholder="cluster.local/ns/shop/sa/checkout, spiffe://… (comma separated; empty allows any verified client)"></div>
  </fieldset>
  <div class="actions">
    <button type="button" id="run">Run</button>
    <button type="button" id="run-scenarios" class="secondary">Run All Scenarios</button>
    <button type="button" id="stop" class="secondary" disabled>Stop</button>
    <button type="button" id="copy-report" class="secondary" disabled>Copy Report as Markdown</button>
  </div>
  <fieldset id="endpoint-box">
    <legend>Test a Running Endpoint</legend>
    <div class="endpoint">
      <label for="endpoint">Host:port</label>
      <input id="endpoint" type="text" spellcheck="false" placeholder="127.0.0.1:8443" aria-describedby="endpoint-note">
      <button type="button" id="probe" class="secondary">Test a Running Endpoint</button>
    </div>
    <p class="facts" id="endpoint-note">Connects with the client's certificate, key and trusted CAs, like openssl s_client. Loopback only unless you confirm another host.</p>
  </fieldset>
</form>
<p id="status" role="status" aria-live="polite"></p>
<section id="result" aria-label="Result" hidden></section>`;

/** The page of the handshake panel; webview/src/handshake.ts fills it in. */
export function handshakeHtml(webview: vscode.Webview, script: vscode.Uri): string {
  return webviewPage(webview, { title: 'mTLS Handshake Test', script, style: STYLE, body: BODY });
}
