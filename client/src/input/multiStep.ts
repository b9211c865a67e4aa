import * as vscode from 'vscode';

// A form asked one question at a time in the quick input, with Back between questions. Each
// step checks its answer as it is typed; the same check reads a preset value, so a command run
// with arguments (tests, other extensions) refuses exactly what a person typing would be refused.

/** Why a value cannot be taken, in words for the user. */
export interface Refusal {
  refused: string;
}

export function refusal(reason: string): Refusal {
  return { refused: reason };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && typeof (value as Partial<Refusal>).refused === 'string';
}

/** Where a step sits in the form: what the quick input's title bar and buttons show. */
export interface StepFrame {
  title: string;
  step: number;
  totalSteps: number;
  canGoBack: boolean;
}

type Move = 'next' | 'back' | 'cancel';

/** One question of the form, its value type erased: build steps with `textStep` and `pickStep`. */
export interface Step<S> {
  /** The preset property that answers it. */
  readonly key: string;
  when(state: S): boolean;
  /** Takes the preset's value, or the step's default when the preset leaves it out; the reason when it cannot. */
  fromPreset(preset: Record<string, unknown>, state: S): Promise<string | undefined>;
  /** Asks; stores the answer in `state` before resolving 'next'. */
  ask(frame: StepFrame, state: S): Promise<Move>;
}

interface StepBase<S, K extends keyof S & string> {
  key: K;
  /** The answer's name in a refusal of a preset ("DNS names"). */
  label: string;
  /** Asked only when this holds for the answers so far. */
  when?: (state: S) => boolean;
  /**
   * The value offered when the step is reached, when it depends on earlier answers (the output
   * folder on the name). An answer the user changed is kept when they come back to the step.
   */
  initial?: (state: S) => S[K];
}

export interface TextStepSpec<S, K extends keyof S & string> extends StepBase<S, K> {
  /** What the box asks; a function when it depends on earlier answers (hours or days). */
  prompt: string | ((state: S) => string);
  placeholder?: string;
  /** The value as text in the box. */
  format(value: S[K]): string;
  /** The typed text as a value, or why it cannot be one: run on every keystroke and on presets. */
  read(text: string, state: S): S[K] | Refusal;
  /** Whether a preset value has the step's type; it is then formatted and read like typed text. */
  accepts(raw: unknown): raw is S[K];
  /** A line under the box saying what the text will do (the names a service expands to). */
  explain?(value: S[K], state: S): string | undefined;
}

export interface PickItem<V> extends vscode.QuickPickItem {
  value: V;
}

export interface PickStepSpec<S, K extends keyof S & string> extends StepBase<S, K> {
  placeholder: string;
  items(state: S): PickItem<S[K]>[] | Promise<PickItem<S[K]>[]>;
  /** Why an item cannot be taken here (an Ed25519 CA for Istio); such items stay listed, marked. */
  check?(value: S[K], state: S): string | undefined;
  /** Reads a preset value; without it the preset must equal one item's value. */
  fromPreset?(raw: unknown, state: S): S[K] | Refusal | Promise<S[K] | Refusal>;
  /** The refusal of a preset that leaves the step out, when the step has no default. */
  missing?: string;
  /** Whether two values are the same choice (items are made afresh each time the step is asked). */
  same?(a: S[K], b: S[K]): boolean;
  /** The placeholder when there is nothing to pick, saying what to do instead. */
  empty?: string;
}

/** What `runSteps` resolves with: the answers, a refused preset, or undefined when the user pressed Escape. */
export type StepsOutcome<S> = { state: S } | Refusal | undefined;

/**
 * Asks the steps in order (skipping those whose `when` fails), Back returning to the last one
 * asked; with a preset, takes every answer from it without showing anything, refusing at the
 * first value that does not pass its step's check, and any property that is neither an answer
 * nor one of `otherKeys`.
 */
export async function runSteps<S>(
  title: string,
  steps: Step<S>[],
  state: S,
  preset?: Record<string, unknown>,
  otherKeys: readonly string[] = [],
): Promise<StepsOutcome<S>> {
  if (preset) {
    // A misspelt answer would otherwise be dropped for its default without a word.
    const known = new Set([...steps.map((step) => step.key), ...otherKeys]);
    const unknown = Object.keys(preset).filter((key) => !known.has(key));
    if (unknown.length)
      return refusal(
        `${unknown.map((key) => `"${key}"`).join(', ')} ${unknown.length === 1 ? 'is' : 'are'} no option of this command (it takes ${[...known].join(', ')})`,
      );
    for (const step of steps) {
      if (!step.when(state)) continue;
      const problem = await step.fromPreset(preset, state);
      if (problem !== undefined) return refusal(problem);
    }
    return { state };
  }
  const asked: number[] = [];
  let index = 0;
  while (index < steps.length) {
    const step = steps[index];
    if (!step.when(state)) {
      index++;
      continue;
    }
    const active = steps.filter((s) => s.when(state));
    const move = await step.ask({ title, step: active.indexOf(step) + 1, totalSteps: active.length, canGoBack: asked.length > 0 }, state);
    if (move === 'cancel') return undefined;
    if (move === 'back') {
      index = asked.pop() ?? 0;
      continue;
    }
    asked.push(index);
    index++;
  }
  return { state };
}

/**
 * Remembers what a step last offered, so coming back to it after changing an earlier answer
 * offers the new default unless the user had typed their own value.
 */
function offering<S, K extends keyof S & string>(spec: StepBase<S, K>, same: (a: S[K], b: S[K]) => boolean) {
  let offered: { value: S[K] } | undefined;
  return (state: S) => {
    if (!spec.initial) return;
    const fresh = spec.initial(state);
    if (!offered || same(state[spec.key], offered.value)) state[spec.key] = fresh;
    offered = { value: fresh };
  };
}

export function textStep<S, K extends keyof S & string>(spec: TextStepSpec<S, K>): Step<S> {
  const same = (a: S[K], b: S[K]) => spec.format(a) === spec.format(b);
  const offer = offering(spec, same);
  const take = (text: string, state: S): string | undefined => {
    const value = spec.read(text, state);
    if (isRefusal(value)) return value.refused;
    state[spec.key] = value;
    return undefined;
  };
  return {
    key: spec.key,
    when: (state) => spec.when?.(state) ?? true,
    async fromPreset(preset, state) {
      if (!(spec.key in preset)) {
        if (spec.initial) state[spec.key] = spec.initial(state);
        return take(spec.format(state[spec.key]), state);
      }
      const raw = preset[spec.key];
      if (!spec.accepts(raw)) return `${spec.label}: ${describe(raw)} is not a value this step takes`;
      return take(spec.format(raw), state);
    },
    ask(frame, state) {
      offer(state);
      const box = vscode.window.createInputBox();
      applyFrame(box, frame);
      box.placeholder = spec.placeholder;
      box.value = spec.format(state[spec.key]);
      const prompt = typeof spec.prompt === 'string' ? spec.prompt : spec.prompt(state);
      const check = () => {
        const value = spec.read(box.value, state);
        box.validationMessage = isRefusal(value) ? value.refused : undefined;
        box.prompt = (!isRefusal(value) && spec.explain?.(value, state)) || prompt;
      };
      check();
      return settle(box, (resolve) => [
        box.onDidChangeValue(check),
        box.onDidAccept(() => {
          const problem = take(box.value, state);
          if (problem === undefined) resolve('next');
          else box.validationMessage = problem;
        }),
      ]);
    },
  };
}

export function pickStep<S, K extends keyof S & string>(spec: PickStepSpec<S, K>): Step<S> {
  const same = spec.same ?? Object.is;
  const offer = offering(spec, same);
  return {
    key: spec.key,
    when: (state) => spec.when?.(state) ?? true,
    async fromPreset(preset, state) {
      let value: S[K] | Refusal;
      if (!(spec.key in preset)) {
        if (spec.initial) state[spec.key] = spec.initial(state);
        if (spec.missing !== undefined) return spec.missing;
        value = state[spec.key];
      } else if (spec.fromPreset) {
        value = await spec.fromPreset(preset[spec.key], state);
      } else {
        const raw = preset[spec.key];
        const item = (await spec.items(state)).find((i) => Object.is(i.value, raw));
        value = item ? item.value : refusal(`${spec.label}: ${describe(raw)} is none of ${(await spec.items(state)).map((i) => describe(i.value)).join(', ')}`);
      }
      if (isRefusal(value)) return value.refused;
      const problem = spec.check?.(value, state);
      if (problem !== undefined) return problem;
      state[spec.key] = value;
      return undefined;
    },
    ask(frame, state) {
      offer(state);
      const pick = vscode.window.createQuickPick<PickItem<S[K]>>();
      applyFrame(pick, frame);
      pick.placeholder = spec.placeholder;
      pick.matchOnDescription = true;
      pick.matchOnDetail = true;
      pick.busy = true;
      const settled = settle(pick, (resolve) => [
        pick.onDidAccept(() => {
          const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
          if (!chosen) return;
          const problem = spec.check?.(chosen.value, state);
          // A quick pick has no validation line: the placeholder says why, and the pick stays open.
          if (problem !== undefined) {
            pick.placeholder = `${chosen.label}: ${problem}`;
            return;
          }
          state[spec.key] = chosen.value;
          resolve('next');
        }),
      ]);
      void Promise.resolve(spec.items(state)).then(
        (items) => {
          pick.items = items.map((item) => {
            const problem = spec.check?.(item.value, state);
            return problem === undefined ? item : { ...item, detail: `$(warning) ${problem}` };
          });
          const current = pick.items.find((item) => same(item.value, state[spec.key]));
          if (current) pick.activeItems = [current];
          if (items.length === 0 && spec.empty !== undefined) pick.placeholder = spec.empty;
          pick.busy = false;
        },
        (error: unknown) => {
          pick.busy = false;
          pick.placeholder = `Cannot list the choices: ${(error as Error).message}`;
        },
      );
      return settled;
    },
  };
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

function applyFrame(input: vscode.QuickInput & { buttons: readonly vscode.QuickInputButton[] }, frame: StepFrame): void {
  input.title = frame.title;
  input.step = frame.step;
  input.totalSteps = frame.totalSteps;
  input.buttons = frame.canGoBack ? [vscode.QuickInputButtons.Back] : [];
  // Looking up a path or a name in another window must not throw the answers away.
  input.ignoreFocusOut = true;
}

/**
 * Shows the input and resolves with the move the user made: 'back' on the Back button, 'cancel'
 * when it is hidden (Escape) before an answer, or what `listen` resolves. Disposes it after.
 */
function settle(
  input: vscode.QuickInput & { onDidTriggerButton: vscode.Event<vscode.QuickInputButton> },
  listen: (resolve: (move: Move) => void) => vscode.Disposable[],
): Promise<Move> {
  const subscriptions: vscode.Disposable[] = [];
  return new Promise<Move>((resolve) => {
    subscriptions.push(
      ...listen(resolve),
      input.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) resolve('back');
      }),
      input.onDidHide(() => resolve('cancel')),
    );
    input.show();
  }).finally(() => {
    for (const subscription of subscriptions) subscription.dispose();
    input.dispose();
  });
}
