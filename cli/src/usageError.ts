/** A wrong command line: main prints the message and the usage, and exits 2. */
export class UsageError extends Error {}
