import * as vscode from 'vscode';
import { DEFAULT_FIELDS, type FileRole } from '../../../common/src/webview/handshakeForm';
import {
  parseHandshakePanelMessage,
  parseHandshakeState,
  type DrawnHandshakePanel,
  type HandshakePanelState,
  type HandshakePanelToHost,
  type HandshakeTask,
} from '../../../common/src/webview/handshakeMessages';
import type { ResultView } from '../../../common/src/webview/handshakeView';
import { chosenFile, siblingKey } from '../handshake/chosenFiles';
import { pickFile } from '../handshake/filePick';
import { runTask } from '../handshake/handshakeTasks';
import type { HandshakePreset } from '../handshake/preset';
import type { CertificateTree } from './certificateTree';
import { decodedViewOptions } from './certificateWebview';
import { handshakeHtml } from './handshakeHtml';

/** A task has ended and closed every socket it opened: what the extension API tells other extensions and our tests. */
export interface HandshakeRunEnded {
  task: HandshakeTask;
  /** Stopped early: the panel closed, or Stop was pressed. */
  cancelled: boolean;
  result: ResultView['kind'];
  ok?: boolean;
}

/** What the handshake panel shares with the rest of the extension. */
export interface HandshakePanelContext {
  extensionUri: vscode.Uri;
  certificateTree: CertificateTree;
  rendered: vscode.EventEmitter<DrawnHandshakePanel>;
  ended: vscode.EventEmitter<HandshakeRunEnded>;
}

const TITLE = 'mTLS Handshake Test';
const UNTRUSTED = 'The handshake test opens sockets, so it runs in a trusted workspace only: trust this folder (Manage Workspace Trust) to run it.';

const KEY_OF: Partial<Record<FileRole, FileRole>> = { serverCert: 'serverKey', clientCert: 'clientKey' };

/**
 * "Open mTLS Handshake Test": one panel at a time. The page draws the form and the results; the
 * host owns which file each role holds, reads them, and runs every test (the engine, in this
 * process). Each run has its own AbortController, and closing the panel aborts it.
 */
export class HandshakePanel {
  static readonly viewType = 'meshMtls.handshake';
  private static current: HandshakePanel | undefined;

  /** Opens the panel or brings it forward, fills in the preset, runs its task; resolves with what the panel then holds. */
  static async open(context: HandshakePanelContext, preset: HandshakePreset): Promise<HandshakePanelState> {
    let panel = HandshakePanel.current;
    if (panel) panel.panel.reveal();
    else {
      const webviewPanel = vscode.window.createWebviewPanel(HandshakePanel.viewType, TITLE, vscode.ViewColumn.Active, { enableFindWidget: true });
      panel = HandshakePanel.current = new HandshakePanel(webviewPanel, context, { files: {}, fields: { ...DEFAULT_FIELDS } });
    }
    await panel.fill(preset);
    if (preset.run) await panel.start(preset.run);
    return panel.state;
  }

  /** Brings the panel back after a window reload with its fields and last result; its files are read again. */
  static serializer(context: HandshakePanelContext): vscode.WebviewPanelSerializer {
    return {
      async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, saved: unknown) {
        const state = parseHandshakeState(saved);
        HandshakePanel.current?.panel.dispose();
        const panel = (HandshakePanel.current = new HandshakePanel(webviewPanel, context, {
          files: {},
          fields: state?.fields ?? { ...DEFAULT_FIELDS },
          ...(state?.result ? { result: state.result } : {}),
        }));
        // The page's saved state is the page's word: only local files are taken back, and described anew.
        const files: HandshakePreset['files'] = {};
        for (const [role, file] of Object.entries(state?.files ?? {}) as Array<[FileRole, { uri: string }]>) {
          const uri = vscode.Uri.parse(file.uri);
          if (uri.scheme === 'file') files[role] = uri;
        }
        await panel.fill({ files, fields: {} }, false);
      },
    };
  }

  private state: HandshakePanelState;
  private controller: AbortController | undefined;
  private disposed = false;
  private readonly subscriptions: vscode.Disposable[];

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly context: HandshakePanelContext,
    state: HandshakePanelState,
  ) {
    this.state = state;
    panel.webview.options = decodedViewOptions(context.extensionUri);
    panel.webview.html = handshakeHtml(panel.webview, vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview', 'handshake.js'));
    panel.title = TITLE;
    this.subscriptions = [panel.webview.onDidReceiveMessage((raw: unknown) => this.receive(raw)), panel.onDidDispose(() => this.dispose())];
  }

  private dispose(): void {
    this.disposed = true;
    // The engine closes its server, relay and client on abort; the run then reports it ended.
    this.controller?.abort();
    for (const subscription of this.subscriptions) subscription.dispose();
    if (HandshakePanel.current === this) HandshakePanel.current = undefined;
  }

  private push(): void {
    if (!this.disposed) void this.panel.webview.postMessage({ type: 'show', state: this.state });
  }

  /** Sets the preset's files (a certificate brings the key beside it, unless the preset names one) and fields. */
  private async fill(preset: HandshakePreset, pairKeys = true): Promise<void> {
    const files = { ...this.state.files };
    for (const [role, uri] of Object.entries(preset.files) as Array<[FileRole, vscode.Uri]>) {
      files[role] = await chosenFile(uri);
      const keyRole = KEY_OF[role];
      if (pairKeys && keyRole && !preset.files[keyRole]) {
        const key = await siblingKey(uri);
        if (key) files[keyRole] = await chosenFile(key);
      }
    }
    this.state = { ...this.state, files, fields: { ...this.state.fields, ...preset.fields } };
    this.push();
  }

  private receive(raw: unknown): void {
    const message = parseHandshakePanelMessage(raw);
    if (message) void this.handle(message);
  }

  private async handle(message: HandshakePanelToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.push();
        return;
      case 'fields':
        this.state = { ...this.state, fields: message.fields };
        return;
      case 'pick': {
        const uri = await pickFile(message.role, this.context.certificateTree, this.state.files);
        if (uri) await this.fill({ files: { [message.role]: uri }, fields: {} });
        return;
      }
      case 'clear': {
        const files = { ...this.state.files };
        delete files[message.role];
        this.state = { ...this.state, files };
        this.push();
        return;
      }
      case 'run':
      case 'probe':
        this.state = { ...this.state, fields: message.fields };
        await this.start(message.type === 'run' ? 'run' : 'endpoint');
        return;
      case 'runScenarios':
        await this.start('scenarios');
        return;
      case 'stop':
        this.controller?.abort();
        return;
      case 'copyReport':
        await this.copyReport();
        return;
      case 'rendered':
        this.context.rendered.fire(message.drawn);
        return;
    }
  }

  /** Runs one task at a time; the page disables the buttons meanwhile, and the host holds to it too. */
  private async start(task: HandshakeTask): Promise<void> {
    if (this.state.running || this.disposed) return;
    if (!vscode.workspace.isTrusted) {
      this.state = { ...this.state, result: { kind: 'problem', message: UNTRUSTED } };
      this.push();
      return;
    }
    const controller = (this.controller = new AbortController());
    this.state = { ...this.state, running: task };
    this.push();
    const result = await runTask({ task, files: this.state.files, fields: this.state.fields, signal: controller.signal, confirmRemote });
    this.controller = undefined;
    const { running: _done, ...rest } = this.state;
    this.state = { ...rest, result };
    this.push();
    this.context.ended.fire({ task, cancelled: controller.signal.aborted, result: result.kind, ...('ok' in result ? { ok: result.ok } : {}) });
  }

  private async copyReport(): Promise<void> {
    const result = this.state.result;
    if (!result || result.kind === 'problem') {
      void vscode.window.showInformationMessage('Copy Report as Markdown: run a test first.');
      return;
    }
    await vscode.env.clipboard.writeText(result.markdown);
    vscode.window.setStatusBarMessage('mTLS handshake report copied as Markdown', 3000);
  }
}

async function confirmRemote(host: string, port: number): Promise<boolean> {
  const answer = await vscode.window.showWarningMessage(
    `Connect to ${host}:${port}?`,
    {
      modal: true,
      detail: `${host} is not this machine: the test opens a TLS connection to it over the network, and sends the client certificate you chose if the server asks (never the key).`,
    },
    'Connect',
  );
  return answer === 'Connect';
}
