import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import type { Session } from '../session';

/** The answer to a request the client cancelled. */
function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

/** The answer to a request whose document changed or closed before the answer was ready: LSP's word for a result made stale. */
function outdated(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while the request was answered.');
}

/** Parameters a handler reads, checked for their shape before it runs. */
export type Needs = Array<'textDocument' | 'position' | 'range' | 'context'>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
// Numbers out of the document's range are the document's business (offsetAt clamps them); what is not a number at all cannot be read.
const isPosition = (value: unknown) => isObject(value) && [value.line, value.character].every((n) => typeof n === 'number' && Number.isFinite(n));
const CHECKS: Record<Needs[number], (value: unknown) => boolean> = {
  textDocument: (value) => isObject(value) && typeof value.uri === 'string',
  position: isPosition,
  range: (value) => isObject(value) && isPosition(value.start) && isPosition(value.end),
  context: (value) => isObject(value) && Array.isArray(value.diagnostics) && value.diagnostics.every((d) => isObject(d) && CHECKS.range(d.range)),
};

/** What the parameters lack of what the handler reads, in words; undefined when nothing. */
function missing(params: unknown, needs: Needs): string | undefined {
  const wrong = needs.filter((field) => !(isObject(params) && CHECKS[field](params[field])));
  return wrong.length ? `The request's ${wrong.join(', ')} ${wrong.length > 1 ? 'are' : 'is'} missing or malformed.` : undefined;
}

/**
 * Wraps a request handler so that it never fails the session. Parameters without the fields the
 * handler reads (`needs`) are answered InvalidParams: the client's mistake, not logged. An error
 * of the handler is a bug of ours: it is logged and answered with `fallback`. A request cancelled before or while it ran is answered RequestCancelled, and one
 * whose document has a newer version (or closed) by the time the answer is ready ContentModified
 * (the editor asks again for the new text). The work starts on the next turn of the event loop, so
 * a $/cancelRequest that arrived right behind the request is seen first.
 */
export function guardedRequest<P, R>(
  session: Session,
  what: string,
  fallback: R,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
  needs: Needs = [],
): (params: P, token: CancellationToken) => Promise<R | ResponseError<void>> {
  return (first, second) =>
    new Promise((resolve) => {
      // A request sent without parameters reaches its handler with the token alone (vscode-jsonrpc).
      const bare = second === undefined && CancellationToken.is(first);
      const params = (bare ? undefined : first) as P;
      const token = bare ? first : (second ?? CancellationToken.None);
      setImmediate(() => {
        if (token.isCancellationRequested) return resolve(cancelled());
        const malformed = missing(params, needs);
        if (malformed) return resolve(new ResponseError(ErrorCodes.InvalidParams, malformed));
        const uri = documentOf(params);
        const version = uri === undefined ? undefined : session.documents.get(uri)?.version;
        const stale = () => uri !== undefined && session.documents.get(uri)?.version !== version;
        Promise.resolve()
          .then(() => handler(params, token))
          .then(
            (result) => resolve(token.isCancellationRequested ? cancelled() : stale() ? outdated() : result),
            (error: unknown) => {
              session.connection.console.error(`${what} failed: ${(error as Error)?.stack ?? String(error)}`);
              resolve(fallback);
            },
          );
      });
    });
}

/** The document a request is about, if its parameters name one. */
function documentOf(params: unknown): string | undefined {
  const uri = (params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

/** Runs a timer's or an event's work, logging what it throws instead of letting it reach the process. */
export function logFailure(session: Session, what: string, run: () => unknown): void {
  try {
    const result = run();
    if (result instanceof Promise) result.catch((error: unknown) => reportTo(session, what, error));
  } catch (error) {
    reportTo(session, what, error);
  }
}

function reportTo(session: Session, what: string, error: unknown): void {
  session.connection.console.error(`${what} failed: ${(error as Error)?.stack ?? String(error)}`);
}
