import type { CommandFactory } from '.';

/** Reads every certificate file of the workspace again (the view follows changes by itself; this is for files changed outside VS Code's watch). */
export const refreshCertificates: CommandFactory =
  ({ certificateTree }) =>
  () =>
    certificateTree.refresh();
