// The handshake panel inside its webview: it draws the form and the results the host sends and
// asks the host to act; it runs nothing and reads no file itself. Every text it draws (names,
// certificate fields, failure reasons) goes through textContent. Messages and saved state are
// checked before use, and the page keeps its state so a reload shows the last result at once.

import { FILE_ROLES, type ChosenFiles, type HandshakeFields } from '../../common/src/webview/handshakeForm';
import {
  parseHandshakeHostMessage,
  parseHandshakeState,
  type DrawnHandshakePanel,
  type HandshakePanelState,
  type HandshakePanelToHost,
  type HandshakeTask,
} from '../../common/src/webview/handshakeMessages';
import type {
  ChainCertificateView,
  EndpointResultView,
  FailureView,
  HandshakeResultView,
  Outcome,
  ResultView,
  ScenariosResultView,
  WireRowView,
} from '../../common/src/webview/handshakeView';
import { vscodeApi } from './vscodeApi';

const vscode = vscodeApi<HandshakePanelToHost, HandshakePanelState>();
let state: HandshakePanelState | undefined;
/** The button that started the task under way: it gets the focus back when the task ends. */
let startedFrom: HTMLElement | undefined;

const TEXT_FIELDS = ['expectServerName', 'allowClients', 'endpoint'] as const;
const SELECT_FIELDS = ['mode', 'serverMin', 'serverMax', 'clientMin', 'clientMax'] as const;
const RUNNING: Record<HandshakeTask, string> = { run: 'Running the handshake…', scenarios: 'Running all scenarios…', endpoint: 'Connecting to the endpoint…' };
const OUTCOME: Record<Outcome, string> = { pass: '✓ pass', fail: '✗ fail', skip: '— n/a' };

function element<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`the page lacks #${id}`);
  return node as T;
}

function readFields(): HandshakeFields {
  const value = (id: string) => byId<HTMLInputElement | HTMLSelectElement>(id).value;
  return {
    mode: value('mode') as HandshakeFields['mode'],
    serverMin: value('serverMin') as HandshakeFields['serverMin'],
    serverMax: value('serverMax') as HandshakeFields['serverMax'],
    clientMin: value('clientMin') as HandshakeFields['clientMin'],
    clientMax: value('clientMax') as HandshakeFields['clientMax'],
    expectServerName: value('expectServerName'),
    allowClients: value('allowClients'),
    endpoint: value('endpoint'),
  };
}

/** Writes only what differs, so the caret of a field being typed in stays where it is. */
function writeFields(fields: HandshakeFields): void {
  for (const id of [...TEXT_FIELDS, ...SELECT_FIELDS]) {
    const input = byId<HTMLInputElement | HTMLSelectElement>(id);
    if (input.value !== fields[id]) input.value = fields[id];
  }
}

function drawFiles(files: ChosenFiles, busy: boolean): void {
  for (const role of FILE_ROLES) {
    const file = files[role];
    const row = document.querySelector<HTMLElement>(`.file[data-role="${role}"]`);
    const value = byId(`file-${role}`);
    row?.setAttribute('data-chosen', String(file !== undefined));
    value.classList.toggle('none', file === undefined);
    if (file) {
      value.replaceChildren(element('span', file.name, 'file-name'), element('span', file.summary, 'file-summary'));
      value.title = file.uri;
    } else {
      value.textContent = 'none';
      value.removeAttribute('title');
    }
    byId<HTMLButtonElement>(`pick-${role}`).disabled = busy;
    byId<HTMLButtonElement>(`clear-${role}`).disabled = busy || file === undefined;
  }
}

function draw(next: HandshakePanelState): void {
  const wasRunning = state?.running !== undefined;
  state = next;
  vscode.setState(next);
  writeFields(next.fields);
  const busy = next.running !== undefined;
  document.body.dataset.running = next.running ?? '';
  drawFiles(next.files, busy);
  for (const id of ['run', 'run-scenarios', 'probe']) byId<HTMLButtonElement>(id).disabled = busy;
  byId<HTMLButtonElement>('stop').disabled = !busy;
  byId<HTMLButtonElement>('copy-report').disabled = busy || !next.result || next.result.kind === 'problem';
  // The live region announces each change; once a result is drawn its heading says the same, so only readers hear it.
  const status = byId('status');
  status.textContent = next.running ? RUNNING[next.running] : next.result ? statusLine(next.result) : '';
  status.classList.toggle('visually-hidden', !busy);
  drawResult(next.result);
  if (wasRunning && !busy && startedFrom && (document.activeElement === document.body || document.activeElement === null)) startedFrom.focus();
  vscode.postMessage({ type: 'rendered', drawn: drawn() });
}

function statusLine(result: ResultView): string {
  switch (result.kind) {
    case 'handshake':
    case 'endpoint':
      return result.headline;
    case 'scenarios':
      return `${result.asExpected} of ${result.rows.length} scenarios as expected${result.stopped ? ' (stopped before the end)' : ''}.`;
    case 'problem':
      return 'Nothing ran.';
  }
}

function drawResult(result: ResultView | undefined): void {
  const section = byId('result');
  section.hidden = result === undefined;
  section.dataset.kind = result?.kind ?? '';
  if (!result) return section.replaceChildren();
  switch (result.kind) {
    case 'handshake':
      return section.replaceChildren(...handshakeParts(result));
    case 'scenarios':
      return section.replaceChildren(...scenarioParts(result));
    case 'endpoint':
      return section.replaceChildren(...endpointParts(result));
    case 'problem': {
      const problem = element('p', result.message, 'failure');
      problem.id = 'problem';
      return section.replaceChildren(problem);
    }
  }
}

function verdict(text: string, ok: boolean): HTMLElement {
  const heading = element('h2', text, ok ? 'tone-ok' : 'tone-error');
  heading.id = 'verdict';
  heading.dataset.ok = String(ok);
  return heading;
}

/** The reason and the fix, where they are read first. */
function failureBox(failure: FailureView, id?: string): HTMLElement {
  const box = element('div', undefined, 'failure');
  if (id) box.id = id;
  box.dataset.code = failure.code;
  const why = element('p');
  why.append(element('span', failure.step ? `Why it failed (${failure.step}): ` : 'Why: ', 'label'), element('span', failure.reason, 'reason'));
  const fix = element('p');
  fix.append(element('span', 'Fix: ', 'label'), element('span', failure.fix, 'fix'));
  box.append(why, fix);
  return box;
}

/** A table of `rows` under column headings ([text, class]). */
function dataTable(id: string | undefined, columns: Array<[string, string?]>, rows: HTMLTableRowElement[]): HTMLTableElement {
  const table = element('table');
  if (id) table.id = id;
  const head = element('thead');
  const headings = element('tr');
  for (const [text, className] of columns) {
    const th = element('th', text, className);
    th.scope = 'col';
    headings.append(th);
  }
  head.append(headings);
  const body = element('tbody');
  body.append(...rows);
  table.append(head, body);
  return table;
}

function cell(text: string, className?: string): HTMLTableCellElement {
  return element('td', text, className);
}

function handshakeParts(result: HandshakeResultView): HTMLElement[] {
  const parts: HTMLElement[] = [verdict(result.ok ? 'The mTLS handshake passed' : 'The mTLS handshake failed', result.ok)];
  if (result.error) parts.push(failureBox(result.error, 'failure'));
  const facts = [
    result.protocol ? `Protocol ${result.protocol}` : 'No TLS session was negotiated',
    ...(result.cipher ? [`cipher ${result.cipher}`] : []),
    ...(result.clientIdentity ? [`client identity ${result.clientIdentity}`] : []),
    `${result.durationMs.toFixed(1)} ms in all`,
  ];
  const negotiated = element('p', facts.join(' · '), 'facts');
  negotiated.id = 'negotiated';
  const steps = result.steps.map((step) => {
    const row = element('tr', undefined, 'step');
    row.dataset.step = step.name;
    row.dataset.outcome = step.outcome;
    row.append(
      cell(step.name, 'name'),
      cell(OUTCOME[step.outcome], `outcome outcome-${step.outcome}`),
      cell(step.at === undefined ? '' : step.at.toFixed(1), 'ms'),
      cell(step.detail, 'detail'),
    );
    return row;
  });
  parts.push(negotiated, element('h2', 'Timeline'), dataTable('timeline', [['Step'], ['Result'], ['ms', 'ms'], ['What happened']], steps));
  const chains = element('div', undefined, 'chains');
  chains.append(chainPart('server-chain', 'Server chain', result.serverChain), chainPart('client-chain', 'Client chain', result.clientChain));
  parts.push(chains, wirePart(result.wire));
  return parts;
}

function chainPart(id: string, title: string, chain: ChainCertificateView[]): HTMLElement {
  const part = element('section');
  part.id = id;
  part.append(element('h2', title));
  if (chain.length === 0) {
    part.append(element('p', 'None was sent.', 'facts'));
    return part;
  }
  const list = element('ol');
  for (const certificate of chain) {
    const item = element('li', undefined, certificate.invalidNow ? 'tone-error' : '');
    item.append(
      element('span', certificate.name, 'chain-name'),
      element(
        'span',
        `${certificate.ca ? 'CA · ' : ''}issued by ${certificate.issuer} · ${certificate.validity} (${certificate.notAfter}) · ${certificate.key}`,
        'chain-facts',
      ),
    );
    list.append(item);
  }
  part.append(list);
  return part;
}

/** Collapsed at first: it is the detail behind the timeline. */
function wirePart(wire: WireRowView[]): HTMLElement {
  const details = element('details');
  details.id = 'wire';
  details.append(element('summary', `On the wire (${wire.length} message${wire.length === 1 ? '' : 's'})`));
  const rows = wire.map((event) => {
    const row = element('tr');
    row.dataset.from = event.from;
    row.append(
      cell(event.at.toFixed(1), 'ms'),
      cell(event.from === 'client' ? 'client →' : '← server'),
      cell(`${event.what}${event.protection === 'decrypted' ? ' (decrypted)' : ''}`),
    );
    return row;
  });
  details.append(dataTable(undefined, [['ms', 'ms'], ['From'], ['Message']], rows));
  return details;
}

function scenarioParts(result: ScenariosResultView): HTMLElement[] {
  const all = result.asExpected === result.rows.length && !result.stopped;
  const rows = result.rows.map((row) => {
    const tr = element('tr', undefined, 'scenario');
    tr.dataset.scenario = row.name;
    tr.dataset.asExpected = String(row.asExpected);
    const mark = cell(row.asExpected ? '✓' : '✗', `verdict as-expected-${row.asExpected}`);
    mark.setAttribute('aria-label', row.asExpected ? 'as expected' : 'not as expected');
    tr.append(cell(row.name, 'name'), cell(row.expected, 'expected'), cell(row.actual, 'actual'), mark, cell(row.why, 'why'));
    return tr;
  });
  const table = dataTable('scenarios', [['Scenario'], ['Expected'], ['Actual'], ['As expected'], ['Why']], rows);
  return [verdict(`${result.asExpected} of ${result.rows.length} scenarios as expected${result.stopped ? ', stopped before the end' : ''}`, all), table];
}

function endpointParts(result: EndpointResultView): HTMLElement[] {
  const parts: HTMLElement[] = [verdict(`${result.target}: ${result.ok ? 'handshake completed' : 'handshake failed'}`, result.ok)];
  result.failures.forEach((failure, i) => parts.push(failureBox(failure, i === 0 ? 'failure' : undefined)));
  const facts = element(
    'p',
    `${result.protocol ? `Protocol ${result.protocol} · cipher ${result.cipher ?? 'unknown'}` : 'No TLS session was negotiated'} · ${result.durationMs.toFixed(1)} ms. ${result.clientCertificate}`,
    'facts',
  );
  facts.id = 'negotiated';
  parts.push(facts, chainPart('server-chain', 'The server presented', result.serverChain), wirePart(result.wire));
  return parts;
}

/** What the page shows, read back from the DOM, for the extension API (and so for tests). */
function drawn(): DrawnHandshakePanel {
  const result = byId('result');
  const kind = result.hidden ? '' : result.dataset.kind;
  const ok = document.querySelector<HTMLElement>('#verdict')?.dataset.ok;
  const error = document.querySelector('#failure .reason')?.textContent ?? document.querySelector('#problem')?.textContent ?? undefined;
  const view: DrawnHandshakePanel = {
    steps: Array.from(document.querySelectorAll<HTMLElement>('#timeline tr.step')).map((row) => ({
      name: row.dataset.step ?? '',
      outcome: (row.dataset.outcome ?? 'skip') as Outcome,
    })),
    scenarios: Array.from(document.querySelectorAll<HTMLElement>('#scenarios tr.scenario')).map((row) => ({
      name: row.dataset.scenario ?? '',
      asExpected: row.dataset.asExpected === 'true',
    })),
    files: FILE_ROLES.filter((role) => document.querySelector(`.file[data-role="${role}"]`)?.getAttribute('data-chosen') === 'true'),
  };
  const running = document.body.dataset.running;
  if (running === 'run' || running === 'scenarios' || running === 'endpoint') view.running = running;
  if (kind === 'handshake' || kind === 'scenarios' || kind === 'endpoint' || kind === 'problem') view.result = kind;
  if (ok !== undefined) view.ok = ok === 'true';
  if (error) view.error = error;
  return view;
}

function send(message: HandshakePanelToHost, from?: HTMLElement): void {
  startedFrom = from;
  vscode.postMessage(message);
}

function onFieldsChanged(): void {
  const fields = readFields();
  if (state) {
    state = { ...state, fields };
    vscode.setState(state);
  }
  vscode.postMessage({ type: 'fields', fields });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = parseHandshakeHostMessage(event.data);
  if (message) draw(message.state);
});
for (const id of TEXT_FIELDS) byId(id).addEventListener('input', onFieldsChanged);
for (const id of SELECT_FIELDS) byId(id).addEventListener('change', onFieldsChanged);
for (const role of FILE_ROLES) {
  byId(`pick-${role}`).addEventListener('click', () => vscode.postMessage({ type: 'pick', role: role }));
  byId(`clear-${role}`).addEventListener('click', () => vscode.postMessage({ type: 'clear', role: role }));
}
byId('run').addEventListener('click', (event) => send({ type: 'run', fields: readFields() }, event.currentTarget as HTMLElement));
byId('run-scenarios').addEventListener('click', (event) => send({ type: 'runScenarios' }, event.currentTarget as HTMLElement));
byId('probe').addEventListener('click', (event) => send({ type: 'probe', fields: readFields() }, event.currentTarget as HTMLElement));
byId('stop').addEventListener('click', () => vscode.postMessage({ type: 'stop' }));
byId('copy-report').addEventListener('click', () => vscode.postMessage({ type: 'copyReport' }));
// Enter in the endpoint field tests it, as a one-field form would.
byId('endpoint').addEventListener('keydown', (event) => {
  if (event.key !== 'Enter') return;
  event.preventDefault();
  if (!byId<HTMLButtonElement>('probe').disabled) send({ type: 'probe', fields: readFields() }, byId('probe'));
});
byId('form').addEventListener('submit', (event) => event.preventDefault());

const saved = parseHandshakeState(vscode.getState());
if (saved) draw({ ...saved, running: undefined });
vscode.postMessage({ type: 'ready' });
