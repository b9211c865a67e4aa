import * as assert from 'node:assert/strict';
import { buildScenarios, runScenario, type ScenarioResult } from '../../common/src/handshake/scenarios';
import { DEFAULT_FIELDS, type HandshakeFields } from '../../common/src/webview/handshakeForm';
import {
  parseHandshakeHostMessage,
  parseHandshakePanelMessage,
  parseHandshakeState,
  type HandshakePanelState,
} from '../../common/src/webview/handshakeMessages';
import { handshakeView, scenariosView } from '../../common/src/webview/handshakeView';

const fields: HandshakeFields = {
  ...DEFAULT_FIELDS,
  mode: 'optional',
  serverMin: 'TLSv1.3',
  expectServerName: 'spiffe://cluster.local/ns/shop/sa/web',
  allowClients: 'cluster.local/ns/shop/sa/checkout',
};
const files = {
  serverCert: { uri: 'file:///w/web.pem', name: 'web.pem', summary: 'web.shop.svc · expires in 60 days' },
  serverKey: { uri: 'file:///w/web-key.pem', name: 'web-key.pem', summary: 'Private key · ECDSA P-256' },
};

describe('handshake panel messages, page → host', () => {
  it('accepts each message the page sends', () => {
    const messages = [
      { type: 'ready' },
      { type: 'fields', fields },
      { type: 'pick', role: 'clientCa' },
      { type: 'clear', role: 'serverKey' },
      { type: 'run', fields: DEFAULT_FIELDS },
      { type: 'runScenarios' },
      { type: 'probe', fields: { ...fields, endpoint: '[::1]:8443' } },
      { type: 'stop' },
      { type: 'copyReport' },
      {
        type: 'rendered',
        drawn: {
          steps: [{ name: 'ClientHello', outcome: 'pass' }],
          scenarios: [],
          files: ['serverCert'],
          result: 'handshake',
          ok: false,
          error: 'The client sent none.',
        },
      },
      { type: 'rendered', drawn: { steps: [], scenarios: [{ name: 'valid mTLS', asExpected: true }], files: [], running: 'scenarios' } },
    ];
    for (const message of messages) assert.deepEqual(parseHandshakePanelMessage(message), message, JSON.stringify(message));
  });

  it('refuses what the page never sends: unknown types and roles, file paths, bad modes and versions, extra keys, huge fields', () => {
    const junk = [
      null,
      'run',
      {},
      { type: 'show', state: {} },
      { type: 'ready', now: true },
      // The page names roles only; which file a role holds is the host's to decide.
      { type: 'pick', role: 'serverCert', uri: 'file:///etc/shadow' },
      { type: 'setFile', role: 'serverKey', uri: 'file:///home/me/.ssh/id_ed25519' },
      { type: 'pick', role: 'serverPassword' },
      { type: 'clear' },
      { type: 'run' },
      { type: 'run', fields: { ...fields, mode: 'STRICT' } },
      { type: 'run', fields: { ...fields, serverMax: 'TLSv1.1' } },
      { type: 'run', fields: { ...fields, extra: 1 } },
      { type: 'run', fields: { ...fields, endpoint: undefined } },
      { type: 'probe', fields: { ...fields, endpoint: 'x'.repeat(5000) } },
      { type: 'runScenarios', fields },
      { type: 'rendered', drawn: { steps: [{ name: 'ClientHello', outcome: 'ok' }], scenarios: [], files: [] } },
      { type: 'rendered', drawn: { steps: [], scenarios: [], files: ['serverKeyMaterial'] } },
      { type: 'rendered', drawn: { steps: [], scenarios: [], files: [], result: 'shell' } },
    ];
    for (const value of junk) assert.equal(parseHandshakePanelMessage(value), undefined, JSON.stringify(value));
  });
});

describe('handshake panel messages, host → page, and saved state', function () {
  this.timeout(30_000);
  let results: ScenarioResult[];

  before(async () => {
    const scenarios = await buildScenarios();
    results = await Promise.all([runScenario(scenarios[0]), runScenario(scenarios[4])]);
  });

  const state = (overrides: Partial<HandshakePanelState> = {}): HandshakePanelState => ({ files, fields, ...overrides });

  it('accepts a show of every result a run makes: a passed and a failed handshake, scenarios, a problem, a run under way', () => {
    for (const result of [
      handshakeView(results[0].report),
      handshakeView(results[1].report),
      scenariosView(results),
      { kind: 'problem' as const, message: 'Choose the server certificate and its key first.' },
    ]) {
      const message = { type: 'show', state: state({ result }) };
      assert.deepEqual(parseHandshakeHostMessage(message), message);
    }
    assert.ok(parseHandshakeHostMessage({ type: 'show', state: state({ running: 'endpoint' }) }));
    assert.ok(parseHandshakeHostMessage({ type: 'show', state: { files: {}, fields: DEFAULT_FIELDS } }));
  });

  it('refuses malformed results, files and fields', () => {
    const good = handshakeView(results[1].report);
    const broken = [
      state({ result: { ...good, steps: [{ ...good.steps[0], outcome: 'maybe' as 'pass' }] } }),
      state({ result: { ...good, serverChain: [{ ...good.serverChain[0], ca: 'yes' as unknown as boolean }] } }),
      state({ result: { ...good, error: { code: 'expired', reason: 'x' } as never } }),
      state({ result: { ...good, kind: 'exploit' as 'handshake' } }),
      state({ result: { ...scenariosView(results), rows: [{ name: 'x' }] as never } }),
      state({ running: 'everything' as 'run' }),
      { files: { serverCert: { uri: 'file:///w/web.pem', name: 'web.pem' } }, fields },
      { files: { sshKey: files.serverCert }, fields },
      { files, fields: { ...fields, mode: 'off' } },
      { files, fields: undefined },
    ];
    for (const value of broken) assert.equal(parseHandshakeHostMessage({ type: 'show', state: value }), undefined, JSON.stringify(value).slice(0, 200));
    assert.equal(parseHandshakeHostMessage({ type: 'show', state: state(), extra: 1 }), undefined);
    assert.equal(parseHandshakeHostMessage({ type: 'run' }), undefined);
  });

  it('restores saved state with keys a later version added, and drops state it cannot read', () => {
    const saved = { ...state({ result: scenariosView(results) }), savedBy: 'a later version' };
    assert.equal(parseHandshakeState(saved), saved);
    assert.equal(parseHandshakeState({ view: {} }), undefined);
    assert.equal(parseHandshakeState(undefined), undefined);
    assert.equal(parseHandshakeState({ files: [], fields }), undefined);
  });
});
