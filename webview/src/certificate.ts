// The decoded view inside its webview. Every certificate field is attacker-controlled text, so
// it only ever reaches the page through textContent; messages and saved state are checked
// before use, and the page keeps its model in webview state so a reload shows it again at once.

import { summarizeChain } from '../../common/src/webview/chainSummary';
import {
  parseHostMessage,
  parseViewState,
  type CertificateViewModel,
  type CertificateViewState,
  type CertificateViewToHost,
} from '../../common/src/webview/certificateMessages';
import { objectSections, objectStatus, type Row, type Tone } from '../../common/src/webview/certificateSections';
import { objectKindName, objectName } from '../../common/src/x509/objectName';
import { vscodeApi } from './vscodeApi';

const vscode = vscodeApi<CertificateViewToHost, CertificateViewState>();
let model: CertificateViewModel | undefined;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function byId(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page lacks #${id}`);
  return node;
}

function toneClass(tone: Tone | undefined): string {
  return tone ? `tone-${tone}` : '';
}

function show(view: CertificateViewModel): void {
  model = view;
  vscode.setState({ view });
  const now = new Date();
  const object = view.objects[view.selected];
  const empty = byId('empty');
  const content = byId('content');
  empty.hidden = object !== undefined;
  content.hidden = object === undefined;
  if (!object) {
    empty.textContent = `${view.documentName} holds no certificate, request or key that could be read.`;
    vscode.postMessage({ type: 'rendered', index: 0, title: '' });
    return;
  }
  const { decoded } = object;
  byId('title').textContent = objectName(decoded);
  const place = `${view.documentName}${object.line === undefined ? '' : `:${object.line + 1}`}`;
  // A lone object's source is the file's own name; saying it twice is noise.
  const source = view.documentName.endsWith(object.source) ? [] : [object.source];
  byId('origin').textContent = [objectKindName(decoded), place, ...source].join(' · ');
  const status = objectStatus(decoded, now, view.expiringSoonDays);
  const statusLine = byId('status');
  statusLine.textContent = status.text;
  statusLine.className = toneClass(status.tone);
  const hasFingerprints = decoded.kind === 'certificate';
  byId('copy-sha256').hidden = !hasFingerprints;
  byId('copy-sha1').hidden = !hasFingerprints;
  byId('reveal').hidden = object.line === undefined;
  renderObjectList(view);
  renderChain(view);
  byId('details').replaceChildren(
    ...objectSections(decoded, now, view.expiringSoonDays).map((section) => {
      const part = element('section');
      const table = element('table');
      table.append(...section.rows.map(renderRow));
      part.append(element('h2', section.heading), table);
      return part;
    }),
  );
  vscode.postMessage({ type: 'rendered', index: view.selected, title: byId('title').textContent ?? '' });
}

function renderRow(row: Row): HTMLTableRowElement {
  const tr = element('tr');
  const cell = element('td', undefined, [row.mono ? 'mono' : '', toneClass(row.tone)].filter(Boolean).join(' '));
  const values = row.values.length > 0 ? row.values : ['none'];
  values.forEach((value, i) => {
    if (i > 0) cell.append(element('br'));
    cell.append(document.createTextNode(value));
  });
  const th = element('th', row.label);
  th.scope = 'row';
  tr.append(th, cell);
  return tr;
}

/** One button per object when the file holds several; arrow keys move between them. */
function renderObjectList(view: CertificateViewModel): void {
  const list = byId('objects');
  list.hidden = view.objects.length < 2;
  const buttons = view.objects.map((object, index) => {
    const button = element('button', `#${index + 1} ${objectName(object.decoded)}`, 'object');
    button.type = 'button';
    button.title = `${objectKindName(object.decoded)} · ${object.source}`;
    if (index === view.selected) button.setAttribute('aria-current', 'true');
    button.addEventListener('click', () => select(index));
    button.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowDown' || event.key === 'ArrowRight' ? 1 : event.key === 'ArrowUp' || event.key === 'ArrowLeft' ? -1 : 0;
      if (step === 0) return;
      event.preventDefault();
      buttons[(index + step + buttons.length) % buttons.length].focus();
    });
    return button;
  });
  list.replaceChildren(element('h2', `${view.objects.length} objects in this file`), ...buttons);
}

function renderChain(view: CertificateViewModel): void {
  const part = byId('chain');
  part.hidden = view.chain === undefined;
  if (!view.chain) return;
  const summary = summarizeChain(view.objects, view.chain);
  const list = element('ol');
  list.append(
    ...summary.entries.map((entry) => {
      const item = element('li', undefined, entry.ok ? '' : 'tone-error');
      item.append(element('span', entry.name, 'chain-name'), document.createTextNode(` · ${entry.link}`));
      return item;
    }),
  );
  const problems = element('ul');
  problems.append(...summary.problems.map((problem) => element('li', problem, 'tone-error')));
  const tone = { ok: 'tone-ok', open: '', broken: 'tone-error' }[summary.state];
  part.replaceChildren(element('h2', 'Chain'), element('p', summary.verdict, tone), list, problems);
}

function select(index: number): void {
  if (!model || index === model.selected) return;
  show({ ...model, selected: index });
  vscode.postMessage({ type: 'select', index });
  document.querySelector<HTMLButtonElement>('#objects button[aria-current="true"]')?.focus();
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHostMessage(event.data);
  if (message) show(message.view);
});
byId('copy-sha256').addEventListener('click', () => model && vscode.postMessage({ type: 'copyFingerprint', index: model.selected, algorithm: 'sha256' }));
byId('copy-sha1').addEventListener('click', () => model && vscode.postMessage({ type: 'copyFingerprint', index: model.selected, algorithm: 'sha1' }));
byId('reveal').addEventListener('click', () => model && vscode.postMessage({ type: 'reveal', index: model.selected }));

const saved = parseViewState(vscode.getState());
if (saved) show(saved.view);
vscode.postMessage({ type: 'ready' });
