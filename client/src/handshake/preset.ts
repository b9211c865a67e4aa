// What "Open mTLS Handshake Test" may be given, so a lens, another command (Issue Certificate's
// "Test Handshake") or a test opens the panel filled in: a certificate file ([uri, line] from a
// CodeLens, a Uri from the explorer), or an object naming files (Uris or URI strings) and fields.
// Anything of the wrong type is left out rather than refused: the user can still pick.

import * as vscode from 'vscode';
import { FILE_ROLES, PANEL_MODES, VERSION_CHOICES, type FileRole, type HandshakeFields } from '../../../common/src/webview/handshakeForm';
import type { HandshakeTask } from '../../../common/src/webview/handshakeMessages';
import { toUri } from '../commands/target';

export interface HandshakePreset {
  files: Partial<Record<FileRole, vscode.Uri>>;
  fields: Partial<HandshakeFields>;
  /** Start this task once the panel is filled in. */
  run?: HandshakeTask;
}

const TEXT_FIELDS = ['expectServerName', 'endpoint'] as const;
const VERSION_FIELDS = ['serverMin', 'serverMax', 'clientMin', 'clientMax'] as const;

/** A Uri, a URI string, or an absolute path. */
function fileUri(value: unknown): vscode.Uri | undefined {
  return typeof value === 'string' && value.startsWith('/') ? vscode.Uri.file(value) : toUri(value);
}

export function readPreset(target: unknown): HandshakePreset {
  const preset: HandshakePreset = { files: {}, fields: {} };
  const single = fileUri(target);
  if (single) {
    preset.files.serverCert = single;
    return preset;
  }
  if (typeof target !== 'object' || target === null) return preset;
  const given = target as Record<string, unknown>;
  for (const role of FILE_ROLES) {
    const uri = fileUri(given[role]);
    if (uri) preset.files[role] = uri;
  }
  if ((PANEL_MODES as readonly unknown[]).includes(given.mode)) preset.fields.mode = given.mode as HandshakeFields['mode'];
  for (const field of VERSION_FIELDS)
    if ((VERSION_CHOICES as readonly unknown[]).includes(given[field])) preset.fields[field] = given[field] as HandshakeFields[typeof field];
  for (const field of TEXT_FIELDS) if (typeof given[field] === 'string') preset.fields[field] = given[field];
  const allow = given.allowClients;
  if (typeof allow === 'string') preset.fields.allowClients = allow;
  else if (Array.isArray(allow) && allow.every((a) => typeof a === 'string')) preset.fields.allowClients = allow.join(', ');
  if (given.run === 'run' || given.run === 'scenarios' || given.run === 'endpoint') preset.run = given.run;
  return preset;
}
