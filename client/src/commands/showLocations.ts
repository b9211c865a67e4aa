import * as vscode from 'vscode';
import type { CommandFactory } from '.';
import { LENS_READ_CONTEXT } from '../walkthrough/exampleManifest';

interface LspPosition {
  line: number;
  character: number;
}
interface LspLocation {
  uri: string;
  range: { start: LspPosition; end: LspPosition };
}

function isPosition(value: unknown): value is LspPosition {
  return typeof value === 'object' && value !== null && Number.isInteger((value as LspPosition).line) && Number.isInteger((value as LspPosition).character);
}

function isLocation(value: unknown): value is LspLocation {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as LspLocation).uri === 'string' &&
    isPosition((value as LspLocation).range?.start) &&
    isPosition((value as LspLocation).range?.end)
  );
}

const position = (p: LspPosition) => new vscode.Position(p.line, p.character);

/**
 * The effective-mTLS lens's click ([uri, position, locations] as the server sends them, see
 * ShowLocationsCommand): the workloads a policy decides, or the policy deciding a workload, in
 * the references peek. Arguments that are not that shape are ignored.
 */
export const showLocations: CommandFactory = () => async (uri?: unknown, at?: unknown, locations?: unknown) => {
  if (typeof uri !== 'string' || !isPosition(at) || !Array.isArray(locations)) return undefined;
  const targets = locations
    .filter(isLocation)
    .map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(position(l.range.start), position(l.range.end))));
  await vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri), position(at), targets);
  void vscode.commands.executeCommand('setContext', LENS_READ_CONTEXT, true);
  return targets.length;
};
