import type { Diagnostic } from 'vscode-languageserver-types';
import { checkAgent } from './agentRules';
import { Run } from './checks';
import { readHcl } from './hclReader';
import { Section } from './model';
import { checkServer, type SpireOptions } from './serverRules';

// SPIRE configuration files (server.conf, agent.conf): text in, findings out. Nothing here knows
// about the editor; the language server and the CLI wrap it.

export type SpireSide = 'server' | 'agent';

export type { SpireOptions };

/** Which side a file configures: the top-level block it has, or undefined when it has neither. */
export function spireSideOf(text: string): SpireSide | undefined {
  const root = Section.of('top-level', [readHcl(text).root]);
  if (root.has('server')) return 'server';
  if (root.has('agent')) return 'agent';
  return undefined;
}

/** The findings for one SPIRE configuration file, in the Diagnostic shape the server publishes. */
export function checkSpireConfig(text: string, side: SpireSide | undefined = spireSideOf(text), options: SpireOptions = {}): Diagnostic[] {
  const document = readHcl(text);
  const run = new Run(document.expandsEnv, options.versionOrigin);
  for (const error of document.errors) run.findings.error(error.range, 'spire-syntax', `${error.message} SPIRE cannot read a file with a syntax error.`);
  const root = Section.of('top-level', [document.root]);
  if (side === 'agent') checkAgent(root, run, options);
  else if (side === 'server') checkServer(root, run, options);
  return run.findings.list;
}
