import * as vscode from 'vscode';
import { parseCertificateViewMessage, type CertificateViewModel, type CertificateViewToHost } from '../../../common/src/webview/certificateMessages';
import { certificateHtml } from './certificateHtml';

/** What the decoded view's page last drew: the extension API passes it on (see README, Extension API). */
export interface RenderedView {
  documentUri: string;
  index: number;
  title: string;
}

/** What every decoded view shares: where its script lives, and who hears that it rendered. */
export interface DecodedViewContext {
  extensionUri: vscode.Uri;
  rendered: vscode.EventEmitter<RenderedView>;
}

/** The webview options a decoded view needs: scripts on, and our bundled script as the only local resource. */
export function decodedViewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
}

/**
 * Binds one webview (a panel's or the DER editor's) to a view model: writes the page, answers its
 * messages, keeps the selection it reports. Messages are checked first: a webview is untrusted.
 */
export class CertificateWebview implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly webview: vscode.Webview,
    private readonly context: DecodedViewContext,
    private current: CertificateViewModel,
    /** Told when the model changes (another object selected, a new file shown), to retitle its tab. */
    private readonly onDidChangeModel: (model: CertificateViewModel) => void = () => undefined,
  ) {
    webview.options = decodedViewOptions(context.extensionUri);
    webview.html = certificateHtml(webview, vscode.Uri.joinPath(context.extensionUri, 'dist', 'webview', 'certificate.js'));
    this.subscription = webview.onDidReceiveMessage((raw: unknown) => this.receive(raw));
  }

  get model(): CertificateViewModel {
    return this.current;
  }

  show(model: CertificateViewModel): void {
    this.current = model;
    this.onDidChangeModel(model);
    void this.webview.postMessage({ type: 'show', view: model });
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private receive(raw: unknown): void {
    const message = parseCertificateViewMessage(raw);
    if (!message) return;
    void this.handle(message);
  }

  private async handle(message: CertificateViewToHost): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.show(this.current);
        return;
      case 'select':
        if (message.index < this.current.objects.length) {
          this.current = { ...this.current, selected: message.index };
          this.onDidChangeModel(this.current);
        }
        return;
      case 'rendered':
        this.context.rendered.fire({ documentUri: this.current.documentUri, index: message.index, title: message.title });
        return;
      case 'copyFingerprint': {
        const decoded = this.current.objects[message.index]?.decoded;
        if (decoded?.kind !== 'certificate') return;
        await vscode.env.clipboard.writeText(decoded.fingerprints[message.algorithm]);
        vscode.window.setStatusBarMessage(`${message.algorithm === 'sha256' ? 'SHA-256' : 'SHA-1'} fingerprint copied`, 3000);
        return;
      }
      case 'reveal':
        await this.reveal(message.index);
        return;
    }
  }

  private async reveal(index: number): Promise<void> {
    const line = this.current.objects[index]?.line;
    const uri = vscode.Uri.parse(this.current.documentUri, true);
    if (line === undefined || (uri.scheme !== 'file' && uri.scheme !== 'untitled')) return;
    const open = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
    const position = new vscode.Position(line, 0);
    await vscode.window.showTextDocument(uri, { viewColumn: open?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Range(position, position) });
  }
}
