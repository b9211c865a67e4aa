import * as path from 'node:path';
import type { OutputFile } from '../../../common/src/pki/outputFiles';
import { isRefusal, runSteps, type Step } from '../input/multiStep';
import { folderStep, type Keys } from './fields';
import type { CommandFactory } from '../commands';
import { mintCommand, PRESET_OPTIONS, type MintOutcome, type MintPreset } from './mintCommand';
import { writeMinted, type MintContext } from './writeMinted';

/** What every export asks last: where to write. */
export interface ExportAnswers {
  out: string;
}

export interface ExportSpec<S extends ExportAnswers> {
  /** The answers before any is given: made afresh for each run, as the steps are. */
  answers: S;
  /** The questions before the output folder: what to export from, and the names it needs. */
  steps: Array<Step<S>>;
  /** The output folder offered, from the earlier answers. */
  folder: (answers: S) => string;
  /** The names of the files written, for the output step to say. */
  fileNames: (answers: S) => string[];
  build: (answers: S, preset: MintPreset | undefined) => Promise<{ files: OutputFile[]; notes?: string[] }> | { files: OutputFile[]; notes?: string[] };
  message: (answers: S) => string;
  /** The file Open and Decode act on. */
  primary: string | ((answers: S) => string);
}

/** The shape all four exports share: ask, build the files from the engine, write them as every minting command does. */
export function exportCommand<S extends ExportAnswers>(title: string, specOfRun: () => ExportSpec<S>): CommandFactory {
  return mintCommand(title, (context, preset) => runExport(context, preset, title, specOfRun()));
}

async function runExport<S extends ExportAnswers>(
  context: MintContext,
  preset: MintPreset | undefined,
  title: string,
  spec: ExportSpec<S>,
): Promise<MintOutcome> {
  const steps = [...spec.steps, folderStep<S>({ key: 'out' as Keys<S, string>, initial: spec.folder, files: spec.fileNames })];
  const outcome = await runSteps(title, steps, spec.answers, preset, PRESET_OPTIONS);
  if (outcome === undefined || isRefusal(outcome)) return outcome;
  const { files, notes } = await spec.build(outcome.state, preset);
  return writeMinted(context, {
    command: title,
    dir: outcome.state.out,
    files,
    overwrite: preset?.overwrite,
    message: spec.message(outcome.state),
    primary: typeof spec.primary === 'string' ? spec.primary : spec.primary(outcome.state),
    notes,
  });
}

/** The default folder of an export: a folder named for the mesh beside the CA's files. */
export function besideCa(ca: { folder: string } | undefined, name: string): string {
  return ca ? path.join(ca.folder, name) : '';
}
