import * as vscode from 'vscode';
import type { CommandFactory } from '.';

export const restartServer: CommandFactory =
  ({ client }) =>
  async () => {
    await client.restart();
    void vscode.window.showInformationMessage('Mesh mTLS language server restarted.');
  };
