// The panel's three tasks, run in the extension host on the engine (never in the page): one
// handshake between the chosen files, the scenario matrix, or a probe of a running endpoint.
// Each ends with a view of its result, or a problem in words; none throws.

import { loopbackTarget, probeEndpoint } from '../../../common/src/handshake/endpointProbe';
import { handshakeReport } from '../../../common/src/handshake/handshakeReport';
import { runHandshake } from '../../../common/src/handshake/runHandshake';
import { buildScenarios, runScenario, type ScenarioResult } from '../../../common/src/handshake/scenarios';
import type { ChosenFiles, HandshakeFields } from '../../../common/src/webview/handshakeForm';
import type { HandshakeTask } from '../../../common/src/webview/handshakeMessages';
import { endpointView, handshakeView, scenariosView, type ResultView } from '../../../common/src/webview/handshakeView';
import { endpointInput, handshakeInput, InputProblem } from './handshakeInputs';

export interface TaskRequest {
  task: HandshakeTask;
  files: ChosenFiles;
  fields: HandshakeFields;
  /** Aborted when the panel closes or Stop is pressed: the engine closes its sockets and returns. */
  signal: AbortSignal;
  /** Asks the user before connecting anywhere but this machine. */
  confirmRemote: (host: string, port: number) => Promise<boolean>;
}

export async function runTask(request: TaskRequest): Promise<ResultView> {
  try {
    switch (request.task) {
      case 'run': {
        const input = await handshakeInput(request.files, request.fields, request.signal);
        return handshakeView(handshakeReport(input, await runHandshake(input)));
      }
      case 'scenarios':
        return await scenarios(request.signal);
      case 'endpoint': {
        const input = await endpointInput(request.files, request.fields, request.signal);
        if ((await loopbackTarget(input.host)) === undefined) {
          if (!(await request.confirmRemote(input.host, input.port)))
            return { kind: 'problem', message: `Not connected: ${input.host} is not this machine, and connecting was not confirmed.` };
          input.allowRemote = true;
        }
        return endpointView(await probeEndpoint(input));
      }
    }
  } catch (error) {
    if (error instanceof InputProblem) return { kind: 'problem', message: error.message };
    return { kind: 'problem', message: `The test could not run: ${(error as Error).message}` };
  }
}

/** The matrix one scenario at a time (each binds its own ports), stopping between or inside them. */
async function scenarios(signal: AbortSignal): Promise<ResultView> {
  const results: ScenarioResult[] = [];
  for (const scenario of await buildScenarios()) {
    if (signal.aborted) break;
    const result = await runScenario({ ...scenario, input: { ...scenario.input, signal } });
    // A scenario cut short says "stopped", which is no outcome of its own.
    if (signal.aborted) break;
    results.push(result);
  }
  return scenariosView(results, signal.aborted);
}
