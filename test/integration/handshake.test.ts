import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import * as vscode from 'vscode';
import type { MeshMtlsApi } from '../../client/src/api';
import type { HandshakeRunEnded } from '../../client/src/views/handshakePanel';
import { STEP_NAMES } from '../../common/src/handshake/handshakeReport';
import { privateKeyPem } from '../../common/src/pki/keyPairs';
import { createDevCa, issueCertificate, type IssuedCertificate } from '../../common/src/pki/mint';
import { certificatePem } from '../../common/src/pki/pkiFiles';
import { OpenHandshakeTestCommand } from '../../common/src/protocol';
import type { DrawnHandshakePanel, HandshakePanelState } from '../../common/src/webview/handshakeMessages';
import { added, listeningPorts } from './listeningPorts';
import { closeTab, eventWhen, meshMtlsApi, tabWhen, workspaceUri } from './support';

const SCRATCH = 'handshake-scratch';
const SERVER_NAME = 'web.shop.svc';
const CLIENT_ID = 'spiffe://cluster.local/ns/shop/sa/checkout';

/** Minted files in a scratch folder of the workspace: a shop CA, a server, a client, and a client of another CA. */
interface Minted {
  root: vscode.Uri;
  server: vscode.Uri;
  serverKey: vscode.Uri;
  client: vscode.Uri;
  clientKey: vscode.Uri;
  stranger: vscode.Uri;
  strangerKey: vscode.Uri;
  /** Every key's PEM body, to prove none reaches the page. */
  keys: string[];
}

async function write(relative: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(`${SCRATCH}/${relative}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function mint(): Promise<Minted> {
  const ca = await createDevCa({ name: 'Handshake Test Root CA', intermediate: true });
  const other = await createDevCa({ name: 'Other Root CA', intermediate: true });
  const server = await issueCertificate(ca, { profile: 'mtls', dns: [SERVER_NAME] });
  const client = await issueCertificate(ca, { profile: 'spiffe', spiffeId: CLIENT_ID });
  const stranger = await issueCertificate(other, { profile: 'spiffe', spiffeId: CLIENT_ID });
  const chain = (issued: IssuedCertificate) => issued.chain.map(certificatePem).join('');
  const keys = [server, client, stranger].map((issued) => privateKeyPem(issued.key));
  return {
    root: await write('shop-root-ca.pem', certificatePem(ca.root.certificate)),
    // web.pem and web-key.pem: the names the lens pairs, as the language server does.
    server: await write('web.pem', chain(server)),
    serverKey: await write('web-key.pem', keys[0]),
    client: await write('checkout.pem', chain(client)),
    clientKey: await write('checkout-key.pem', keys[1]),
    stranger: await write('stranger.pem', chain(stranger)),
    strangerKey: await write('stranger-key.pem', keys[2]),
    keys,
  };
}

/** No 16-character run of any key's base64 may appear in `value`. */
function assertNoKeyMaterial(value: unknown, keys: string[]): void {
  const shown = JSON.stringify(value);
  for (const key of keys) {
    const body = key
      .split('\n')
      .filter((line) => line && !line.startsWith('-----'))
      .join('');
    for (let i = 0; i + 16 <= body.length; i += 8) assert.equal(shown.includes(body.slice(i, i + 16)), false, `key material at ${i} reached the page`);
  }
}

function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(false)));
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

describe('The mTLS handshake test panel in a real VS Code', () => {
  let api: MeshMtlsApi;
  let files: Minted;

  before(async function () {
    this.timeout(60_000);
    api = await meshMtlsApi();
    files = await mint();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.workspace.fs.delete(workspaceUri(SCRATCH), { recursive: true });
  });

  const mtls = () => ({
    serverCert: files.server,
    serverKey: files.serverKey,
    serverCa: files.root,
    clientCert: files.client,
    clientKey: files.clientKey,
    clientCa: files.root,
    expectServerName: SERVER_NAME,
    allowClients: ['cluster.local/ns/shop/sa/checkout'],
  });
  const finished = (kind: DrawnHandshakePanel['result']) => (drawn: DrawnHandshakePanel) => drawn.result === kind && drawn.running === undefined;

  it('runs mTLS between minted files given as a preset: every step passes on the page, and nothing is left listening', async () => {
    const before = listeningPorts();
    const drawn = eventWhen(api.onDidRenderHandshakePanel, finished('handshake'));
    const ended = eventWhen(api.onDidEndHandshakeRun);
    const opened = tabWhen((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('meshMtls.handshake'));
    const state = await vscode.commands.executeCommand<HandshakePanelState>(OpenHandshakeTestCommand, { ...mtls(), run: 'run' });
    assert.equal((await opened).label, 'mTLS Handshake Test');
    assert.equal(state.result?.kind, 'handshake');
    if (state.result?.kind !== 'handshake') return;
    assert.equal(state.result.ok, true, JSON.stringify(state.result.error));
    assert.equal(state.result.protocol, 'TLSv1.3');
    assert.deepEqual(
      state.result.serverChain.map((c) => c.name),
      [SERVER_NAME, 'Handshake Test Root CA Intermediate'],
    );
    assert.equal(state.result.clientIdentity, CLIENT_ID);
    const page = await drawn;
    assert.equal(page.ok, true);
    assert.deepEqual(
      page.steps,
      STEP_NAMES.map((name) => ({ name, outcome: 'pass' })),
    );
    assert.deepEqual(page.files, ['serverCert', 'serverKey', 'serverCa', 'clientCert', 'clientKey', 'clientCa']);
    assert.deepEqual(await ended, { task: 'run', cancelled: false, result: 'handshake', ok: true });
    assert.deepEqual(added(before, listeningPorts()), []);
    assertNoKeyMaterial(state, files.keys);
  });

  it('explains a client certificate from another CA with its fix, on the step that failed', async () => {
    const drawn = eventWhen(api.onDidRenderHandshakePanel, finished('handshake'));
    const state = await vscode.commands.executeCommand<HandshakePanelState>(OpenHandshakeTestCommand, {
      ...mtls(),
      clientCert: files.stranger,
      clientKey: files.strangerKey,
      run: 'run',
    });
    assert.equal(state.result?.kind, 'handshake');
    if (state.result?.kind !== 'handshake') return;
    assert.equal(state.result.ok, false);
    assert.equal(state.result.error?.code, 'unknown-ca');
    assert.equal(state.result.error?.step, 'Server verifies client');
    assert.match(state.result.error?.fix ?? '', /trust bundle/);
    const page = await drawn;
    assert.equal(page.ok, false);
    assert.equal(page.error, state.result.error?.reason);
    assert.equal(page.steps.find((s) => s.name === 'Server verifies client')?.outcome, 'fail');
    assert.equal(page.steps.find((s) => s.name === 'Client verifies server')?.outcome, 'pass');
  });

  it('says what is wrong with a missing file, a garbage certificate and a CA bundle without certificates, and crashes on none', async () => {
    const missing = await vscode.commands.executeCommand<HandshakePanelState>(OpenHandshakeTestCommand, {
      ...mtls(),
      serverKey: workspaceUri(`${SCRATCH}/gone-key.pem`),
      run: 'run',
    });
    assert.deepEqual(missing.result, { kind: 'problem', message: `The server key, ${SCRATCH}/gone-key.pem, cannot be read (no such file).` });
    assert.match(missing.files.serverKey?.summary ?? '', /cannot be read/);

    const garbage = await write('garbage.pem', '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    const broken = await vscode.commands.executeCommand<HandshakePanelState>(OpenHandshakeTestCommand, { ...mtls(), serverCert: garbage, run: 'run' });
    // Unreadable PEM is the engine's to explain: the server cannot start, and the report says why.
    assert.equal(broken.result?.kind, 'handshake');
    assert.equal(broken.result?.kind === 'handshake' && broken.result.error?.code, 'unreadable-certificate');

    // The page may still report earlier draws: wait for this problem's.
    const drawn = eventWhen(api.onDidRenderHandshakePanel, (d) => finished('problem')(d) && /holds no readable certificate/.test(d.error ?? ''));
    const noCa = await vscode.commands.executeCommand<HandshakePanelState>(OpenHandshakeTestCommand, { ...mtls(), serverCa: files.serverKey, run: 'run' });
    assert.equal(noCa.result?.kind, 'problem');
    assert.match((await drawn).error ?? '', /^The CA bundle the server trusts, handshake-scratch\/web-key\.pem, holds no readable certificate/);
  });

  it('runs all scenarios, and the page shows each as expected', async function () {
    this.timeout(30_000);
    const drawn = eventWhen(api.onDidRenderHandshakePanel, finished('scenarios'));
    const ended = eventWhen(api.onDidEndHandshakeRun);
    const state = await vscode.commands.executeCommand<HandshakePanelState>(OpenHandshakeTestCommand, { run: 'scenarios' });
    assert.equal(state.result?.kind, 'scenarios');
    const page = await drawn;
    assert.equal(page.scenarios.length, 9);
    assert.deepEqual(
      page.scenarios.filter((s) => !s.asExpected),
      [],
    );
    assert.equal(page.scenarios[0].name, 'valid mTLS');
    assert.deepEqual(await ended, { task: 'scenarios', cancelled: false, result: 'scenarios' });
  });

  it('stops a probe of an endpoint that never answers when the panel closes, and leaves no port open', async () => {
    // A TCP server that takes the connection and says nothing: the probe waits on it until stopped.
    const silent = net.createServer();
    const connected = new Promise<net.Socket>((resolve) => silent.once('connection', resolve));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const before = listeningPorts();
      const ended = eventWhen<HandshakeRunEnded>(api.onDidEndHandshakeRun);
      const isPanel = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('meshMtls.handshake');
      const probing = vscode.commands.executeCommand<HandshakePanelState>(OpenHandshakeTestCommand, {
        clientCa: files.root,
        endpoint: `127.0.0.1:${port}`,
        run: 'endpoint',
      });
      const peer = await connected;
      // Read (and drop) the ClientHello, so the socket sees the probe hang up.
      peer.resume();
      const closedByProbe = new Promise<void>((resolve) => peer.once('close', () => resolve()));
      // The probe's relay listens while it runs.
      const relay = added(before, listeningPorts());
      assert.equal(relay.length, 1, `listening now: ${relay.join(', ')}`);
      await closeTab(isPanel);
      assert.deepEqual(await ended, { task: 'endpoint', cancelled: true, result: 'endpoint', ok: false });
      await closedByProbe;
      assert.deepEqual(added(before, listeningPorts()), []);
      assert.equal(await refused(relay[0]), true);
      const state = await probing;
      assert.equal(state.result?.kind, 'endpoint');
    } finally {
      silent.close();
    }
  });

  it('opens from the "Test mTLS handshake" lens of a leaf certificate with that file and the key beside it', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(files.server));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', files.server);
    const handshakeLenses = lenses.filter((lens) => lens.command?.title === 'Test mTLS handshake');
    // The leaf gets one; the intermediate CA after it in the chain file none.
    assert.equal(handshakeLenses.length, 1, lenses.map((l) => l.command?.title).join(' | '));
    assert.equal(handshakeLenses[0].range.start.line, 0);
    const drawn = eventWhen(api.onDidRenderHandshakePanel, (d) => d.files.includes('serverKey'));
    const command = handshakeLenses[0].command!;
    const state = await vscode.commands.executeCommand<HandshakePanelState>(command.command, ...(command.arguments ?? []));
    assert.equal(state.files.serverCert?.name, `${SCRATCH}/web.pem`);
    assert.equal(state.files.serverKey?.name, `${SCRATCH}/web-key.pem`);
    assert.match(state.files.serverCert?.summary ?? '', /^web\.shop\.svc · expires in .+ \(\+1 more\)$/);
    assert.equal(state.files.serverKey?.summary, 'Private key · ECDSA P-256');
    assert.deepEqual((await drawn).files, ['serverCert', 'serverKey']);
    assertNoKeyMaterial(state, files.keys);
  });
});
