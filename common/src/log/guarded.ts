/**
 * One rule or one check that throws costs its own findings, never the file's other diagnostics
 * nor the session. The server sends the report to the editor's output; by default it goes to stderr.
 */
type Reporter = (what: string, error: unknown) => void;

let report: Reporter = (what, error) => console.error(`${what} failed: ${(error as Error)?.stack ?? String(error)}`);

/** Sends failure reports to `reporter` from now on; returns the one it replaces. */
export function reportFailuresTo(reporter: Reporter): Reporter {
  const previous = report;
  report = reporter;
  return previous;
}

/**
 * The failure the tests force, read once: the variable is set when the process starts, and
 * reading the environment leaves JavaScript on each of the thousands of checks a file runs.
 */
const forced = process.env.MESH_MTLS_TEST_INTERNAL_ERROR;

/**
 * `run`'s result, or `fallback` when it throws (reported). MESH_MTLS_TEST_INTERNAL_ERROR=rule:NAME
 * makes the check named NAME throw, so tests can show what a failure costs.
 */
export function guarded<T>(what: string, run: () => T, fallback: T): T {
  try {
    if (forced !== undefined && forced === `rule:${what}`) throw new Error(`forced by MESH_MTLS_TEST_INTERNAL_ERROR=rule:${what}`);
    return run();
  } catch (error) {
    report(what, error);
    return fallback;
  }
}
