import * as vscode from 'vscode';
import { ConfigurationSection, defaultSettings } from '../../common/src/protocol';

/** `meshMtls.certificates.expiringSoonDays` for a file (the setting is resource-scoped). */
export function expiringSoonDays(uri?: vscode.Uri): number {
  const days = vscode.workspace.getConfiguration(ConfigurationSection, uri).get<number>('certificates.expiringSoonDays');
  return typeof days === 'number' && Number.isFinite(days) && days >= 0 ? days : defaultSettings.certificates.expiringSoonDays;
}
