import type { CommandFactory } from '.';

export const showServerOutput: CommandFactory =
  ({ outputChannel }) =>
  () =>
    outputChannel.show(true);
