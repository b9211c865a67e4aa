import * as vscode from 'vscode';
import { parseViewState, type CertificateViewModel } from '../../../common/src/webview/certificateMessages';
import { objectName } from '../../../common/src/x509/objectName';
import { CertificateWebview, type DecodedViewContext } from './certificateWebview';

/** The decoded view as an editor-area panel: one panel, reused for each object the user decodes. */
export class CertificatePanel {
  static readonly viewType = 'meshMtls.certificate';
  private static current: CertificatePanel | undefined;

  static show(context: DecodedViewContext, model: CertificateViewModel): void {
    if (CertificatePanel.current) {
      CertificatePanel.current.update(model);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      CertificatePanel.viewType,
      panelTitle(model),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableFindWidget: true },
    );
    CertificatePanel.current = new CertificatePanel(panel, context, model);
  }

  /** Brings panels back after a window reload, from the model the page saved in its state. */
  static serializer(context: DecodedViewContext): vscode.WebviewPanelSerializer {
    return {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = parseViewState(state);
        if (!saved) {
          panel.dispose();
          return;
        }
        CertificatePanel.current?.panel.dispose();
        CertificatePanel.current = new CertificatePanel(panel, context, saved.view);
      },
    };
  }

  private readonly view: CertificateWebview;

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    context: DecodedViewContext,
    model: CertificateViewModel,
  ) {
    this.view = new CertificateWebview(panel.webview, context, model, (shown) => (this.panel.title = panelTitle(shown)));
    this.panel.title = panelTitle(model);
    this.panel.onDidDispose(() => {
      this.view.dispose();
      if (CertificatePanel.current === this) CertificatePanel.current = undefined;
    });
  }

  private update(model: CertificateViewModel): void {
    this.view.show(model);
    this.panel.reveal(undefined, true);
  }
}

function panelTitle(model: CertificateViewModel): string {
  const object = model.objects[model.selected];
  return object ? `Decoded: ${objectName(object.decoded)}` : `Decoded: ${model.documentName}`;
}
